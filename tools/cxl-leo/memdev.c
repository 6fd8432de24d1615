// SPDX-License-Identifier: GPL-2.0-only
/* Selecting memdevs and finding their PCI device and driver. */
#include <glob.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "args.h"
#include "memdev.h"
#include "table.h"
#include "sysfs.h"

const char *memdev_serial_hex(struct cxl_memdev *m, char *buf, size_t len)
{
	snprintf(buf, len, "%#llx", cxl_memdev_get_serial(m));
	return buf;
}

void memdev_pci_dir(struct cxl_memdev *m, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", PCI_DEVICES, cxl_memdev_get_host(m));
}

/* Name of the PCI driver bound to the memdev's device, "" if none. */
const char *memdev_driver(struct cxl_memdev *m, char *buf, size_t len)
{
	char dir[512], link[600], target[512];
	ssize_t n;

	memdev_pci_dir(m, dir, sizeof(dir));
	snprintf(link, sizeof(link), "%s/driver", dir);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0) {
		buf[0] = '\0';
		return buf;
	}
	target[n] = '\0';
	snprintf(buf, len, "%s", basename(target));
	return buf;
}

/*
 * The memdevs a filter names, in cxl-cli order. Returns how many (the array
 * is NULL-terminated and the caller frees it), or -1 with a message when
 * there is no CXL bus at all or a filter names no memdev.
 */
int memdev_select(struct cxl_ctx *ctx, const char *filter, struct cxl_memdev ***out)
{
	struct cxl_memdev *m, **list = NULL, **grown;
	int n = 0;

	if (access("/sys/bus/cxl", F_OK)) {
		fprintf(stderr, "cxl-leo: no CXL bus in sysfs (is cxl_acpi loaded?)\n");
		return -1;
	}
	cxl_memdev_foreach(ctx, m) {
		char serial[32];

		if (!memdev_filter_match(filter, cxl_memdev_get_devname(m),
					 memdev_serial_hex(m, serial, sizeof(serial))))
			continue;
		grown = realloc(list, (n + 2) * sizeof(*list));
		if (!grown) {
			free(list);
			return -1;
		}
		list = grown;
		list[n++] = m;
		list[n] = NULL;
	}
	if (filter && *filter && !n) {
		fprintf(stderr, "cxl-leo: no memdev matches '%s'\n", filter);
		return -1;
	}
	*out = list;
	return n;
}

/*
 * The one memdev a changing command acts on: -m is required and must name
 * exactly one. 0, or the exit status to return (message printed).
 */
int memdev_select_one(struct cxl_ctx *ctx, const char *filter, const char *usage,
		      struct cxl_memdev **out)
{
	struct cxl_memdev **mds;
	int n;

	if (!filter)
		return usage_error(usage, "-m <memdev> is required");
	n = memdev_select(ctx, filter, &mds);
	if (n < 0)
		return 1;
	if (n != 1) {
		fprintf(stderr, "cxl-leo: '%s' matches %d memdevs; name exactly one\n", filter, n);
		free(mds);
		return 1;
	}
	*out = mds[0];
	free(mds);
	return 0;
}

/* NUMA node of a RAM region's memory (its dax device's target), or -1. */
int region_numa_node(const char *region)
{
	char pattern[256], val[32];
	glob_t g;
	int node = -1;

	if (!region || !*region || strchr(region, '/'))
		return -1;
	snprintf(pattern, sizeof(pattern),
		 "/sys/bus/cxl/devices/%s/dax_region*/dax*.*/target_node", region);
	if (glob(pattern, 0, NULL, &g))
		return -1;
	if (g.gl_pathc) {
		char *slash = strrchr(g.gl_pathv[0], '/');

		*slash = '\0';
		if (!sysfs_read(g.gl_pathv[0], "target_node", val, sizeof(val)))
			node = atoi(val);
	}
	globfree(&g);
	return node;
}

bool human_output;

void json_print(struct json_object *obj)
{
	if (human_output) {
		table_print(stdout, obj);
		return;
	}
	printf("%s\n", json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY |
						       JSON_C_TO_STRING_SPACED |
						       JSON_C_TO_STRING_NOSLASHESCAPE));
}

/* Like cxl-cli: one result as an object, several as an array, none as nothing. */
void json_print_list(struct json_object *array)
{
	size_t n = json_object_array_length(array);

	if (n == 1)
		json_print(json_object_array_get_idx(array, 0));
	else if (n > 1)
		json_print(array);
}

int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "cxl-leo: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: %s\n", usage);
	return 2;
}
