/* SPDX-License-Identifier: GPL-2.0-only */
/* Selecting memdevs and finding their PCI device and driver. */
#ifndef CXL_LEO_MEMDEV_H
#define CXL_LEO_MEMDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include <cxl/libcxl.h>

#define PCI_DEVICES "/sys/bus/pci/devices"

const char *memdev_serial_hex(struct cxl_memdev *m, char *buf, size_t len);
void memdev_pci_dir(struct cxl_memdev *m, char *buf, size_t len);
const char *memdev_driver(struct cxl_memdev *m, char *buf, size_t len);
int memdev_select(struct cxl_ctx *ctx, const char *filter, struct cxl_memdev ***out);
int memdev_select_one(struct cxl_ctx *ctx, const char *filter, const char *usage,
		      struct cxl_memdev **out);
int region_numa_node(const char *region);
/* --human: json_print() writes tables instead (table.c) */
extern bool human_output;
void json_print(struct json_object *obj);
void json_print_list(struct json_object *array);
int usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
