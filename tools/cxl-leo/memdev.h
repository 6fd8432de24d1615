/* SPDX-License-Identifier: GPL-2.0-only */
/* Selecting memdevs and finding their PCI device, driver and RAS controls. */
#ifndef CXL_LEO_MEMDEV_H
#define CXL_LEO_MEMDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include <cxl/libcxl.h>

#define PCI_DEVICES "/sys/bus/pci/devices"
#define EDAC_DEVICES "/sys/bus/edac/devices"

/*
 * cxl-cli's device filters (-m memdev, -s serial, -r region, -d decoder,
 * -b bus): a memdev is selected when it matches every one given. NULL
 * matches all; a given filter with nothing in it matches nothing (and is
 * refused by cxl_filter_finish()). Commands that act on memdevs also take
 * them positionally, as cxl-cli's memdev commands do: those land in @memdev.
 */
struct cxl_filter {
	const char *memdev;
	const char *serial;
	const char *region;
	const char *decoder;
	const char *bus;
	char positional[1024];
};

#define CXL_FILTER_SHORTOPTS "m:s:r:d:b:"
#define CXL_FILTER_LONGOPTS \
	{ "memdev", required_argument, NULL, 'm' }, \
	{ "serial", required_argument, NULL, 's' }, \
	{ "region", required_argument, NULL, 'r' }, \
	{ "decoder", required_argument, NULL, 'd' }, \
	{ "bus", required_argument, NULL, 'b' }
#define CXL_FILTER_HELP \
	"  -m, --memdev <ids>   memdevs: memN, N (decimal), a PCI host, or all\n" \
	"  -s, --serial <sns>   memdevs by serial, decimal or 0x-hex (0: no serial, never matched)\n" \
	"  -r, --region <ids>   memdevs of these regions: regionN or N\n" \
	"  -d, --decoder <ids>  memdevs a decoder routes to: decoderX.Y, X.Y, root|switch|endpoint\n" \
	"  -b, --bus <ids>      memdevs under a bus: rootN, N or a provider (ACPI.CXL)\n"
#define CXL_FILTER_USAGE "[-m <memdev>] [-s <serial>] [-r <region>] [-d <decoder>] [-b <bus>]"

bool cxl_filter_option(int opt, const char *arg, struct cxl_filter *f);
int cxl_filter_finish(struct cxl_filter *f, int argc, char **argv, int first,
		      const char *usage, const char *positional);
int parse_filter_only(int argc, char **argv, const char *usage, struct cxl_filter *f);
bool bus_matches(struct cxl_bus *bus, const char *ident);
bool region_matches(struct cxl_region *r, const char *ident);
bool cxl_filter_given(const struct cxl_filter *f);
bool memdev_selected(struct cxl_ctx *ctx, struct cxl_memdev *m, const struct cxl_filter *f);
const char *decoder_kind(struct cxl_decoder *d);

void memdev_pci_dir(struct cxl_memdev *m, char *buf, size_t len);
void memdev_ras_dir(struct cxl_memdev *m, const char *group, char *buf, size_t len);
const char *memdev_driver(struct cxl_memdev *m, char *buf, size_t len);
int memdev_select(struct cxl_ctx *ctx, const struct cxl_filter *f, struct cxl_memdev ***out);
int memdev_select_one(struct cxl_ctx *ctx, const struct cxl_filter *f, const char *usage,
		      struct cxl_memdev **out);
/* --table: json_print() writes tables instead (table.c); -u: human numbers */
extern bool table_output, human_output;
/* Set when a result could not be printed, reported already: exit 1. */
extern bool output_failed;
void json_print(struct json_object *obj);
void print_help(const char *usage, const char *options);
int json_print_empty(void);
void json_print_list(struct json_object *array, const char *what);
const char *errno_text(int err);
int usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
