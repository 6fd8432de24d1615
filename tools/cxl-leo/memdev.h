/* SPDX-License-Identifier: GPL-2.0-only */
/* Selecting memdevs and finding their PCI device and driver. */
#ifndef CXL_LEO_MEMDEV_H
#define CXL_LEO_MEMDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include <cxl/libcxl.h>

#define PCI_DEVICES "/sys/bus/pci/devices"

/*
 * cxl-cli's device filters (-m memdev, -r region, -d decoder, -b bus): a
 * memdev is selected when it matches every one given. NULL matches all.
 */
struct cxl_filter {
	const char *memdev;
	const char *region;
	const char *decoder;
	const char *bus;
};

#define CXL_FILTER_SHORTOPTS "m:r:d:b:"
#define CXL_FILTER_LONGOPTS \
	{ "memdev", required_argument, NULL, 'm' }, \
	{ "region", required_argument, NULL, 'r' }, \
	{ "decoder", required_argument, NULL, 'd' }, \
	{ "bus", required_argument, NULL, 'b' }
#define CXL_FILTER_USAGE "[-m <memdev>] [-r <region>] [-d <decoder>] [-b <bus>]"

bool cxl_filter_option(int opt, const char *arg, struct cxl_filter *f);
int parse_filter_only(int argc, char **argv, const char *usage, struct cxl_filter *f);
bool bus_matches(struct cxl_bus *bus, const char *ident);
bool region_matches(struct cxl_region *r, const char *ident);
bool cxl_filter_given(const struct cxl_filter *f);
bool memdev_selected(struct cxl_ctx *ctx, struct cxl_memdev *m, const struct cxl_filter *f);

const char *memdev_serial_hex(struct cxl_memdev *m, char *buf, size_t len);
void memdev_pci_dir(struct cxl_memdev *m, char *buf, size_t len);
const char *memdev_driver(struct cxl_memdev *m, char *buf, size_t len);
int memdev_select(struct cxl_ctx *ctx, const struct cxl_filter *f, struct cxl_memdev ***out);
int memdev_select_one(struct cxl_ctx *ctx, const struct cxl_filter *f, const char *usage,
		      struct cxl_memdev **out);
int region_numa_node(const char *region);
/* --human: json_print() writes tables instead (table.c) */
extern bool human_output;
void json_print(struct json_object *obj);
void json_print_list(struct json_object *array);
int usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
