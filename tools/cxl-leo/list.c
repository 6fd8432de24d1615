// SPDX-License-Identifier: GPL-2.0-only
/* cxl-leo list: memdevs, which driver runs them, and what cxl_leo knows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtin.h"
#include "memdev.h"
#include "online.h"
#include "sysfs.h"

static const char list_usage[] = "cxl-leo list " CXL_FILTER_USAGE;

static void add_sysfs_string(struct json_object *obj, const char *key, const char *dir,
			     const char *attr)
{
	char val[256];

	if (!sysfs_read(dir, attr, val, sizeof(val)))
		json_object_object_add(obj, key, json_object_new_string(val));
}

/* Regions this memdev takes part in, with the NUMA node each became. */
static struct json_object *memdev_regions(struct cxl_memdev *m)
{
	struct cxl_endpoint *ep = cxl_memdev_get_endpoint(m);
	struct json_object *arr = json_object_new_array();
	struct cxl_decoder *d;

	if (!ep)
		return arr;
	cxl_decoder_foreach(cxl_endpoint_get_port(ep), d) {
		struct cxl_region *r = cxl_decoder_get_region(d);
		struct json_object *o;
		int node;

		if (!r)
			continue;
		o = json_object_new_object();
		json_object_object_add(o, "region", json_object_new_string(cxl_region_get_devname(r)));
		node = region_target_node(r);
		if (node >= 0)
			json_object_object_add(o, "numa_node", json_object_new_int(node));
		json_object_array_add(arr, o);
	}
	return arr;
}

int cmd_list(int argc, char **argv, struct cxl_ctx *ctx)
{
	struct cxl_filter filter = { };
	struct cxl_memdev **mds;
	struct json_object *arr;
	int n, i;

	n = parse_filter_only(argc, argv, list_usage, &filter);
	if (n)
		return n < 0 ? 0 : n;
	n = memdev_select(ctx, &filter, &mds);
	if (n < 0)
		return json_print_empty();
	arr = json_object_new_array();
	for (i = 0; i < n; i++) {
		struct json_object *o = json_object_new_object();
		char buf[256], dir[512], leo[600];
		struct json_object *group;

		json_object_object_add(o, "memdev",
				       json_object_new_string(cxl_memdev_get_devname(mds[i])));
		json_object_object_add(o, "serial",
				       json_object_new_uint64(cxl_memdev_get_serial(mds[i])));
		json_object_object_add(o, "host", json_object_new_string(cxl_memdev_get_host(mds[i])));
		json_object_object_add(o, "driver", json_object_new_string(
					       memdev_driver(mds[i], buf, sizeof(buf))));
		memdev_pci_dir(mds[i], dir, sizeof(dir));
		add_sysfs_string(o, "vendor", dir, "vendor");
		add_sysfs_string(o, "device", dir, "device");
		json_object_object_add(o, "ram_size",
				       json_object_new_uint64(cxl_memdev_get_ram_size(mds[i])));
		json_object_object_add(o, "pmem_size",
				       json_object_new_uint64(cxl_memdev_get_pmem_size(mds[i])));
		if (cxl_memdev_get_firmware_version(mds[i]))
			json_object_object_add(o, "firmware_version", json_object_new_string(
						       cxl_memdev_get_firmware_version(mds[i])));
		snprintf(leo, sizeof(leo), "%s/cxl_leo", dir);
		add_sysfs_string(o, "bind_reason", leo, "bind_reason");
		add_sysfs_string(o, "event_delivery", leo, "event_delivery");
		json_object_object_add(o, "regions", memdev_regions(mds[i]));
		snprintf(leo, sizeof(leo), "%s/health", dir);
		group = sysfs_dir_to_json(leo);
		if (group)
			json_object_object_add(o, "health", group);
		snprintf(leo, sizeof(leo), "%s/firmware", dir);
		group = sysfs_dir_to_json(leo);
		if (group)
			json_object_object_add(o, "firmware", group);
		json_object_array_add(arr, o);
	}
	json_print_list(arr, "memdevs");
	json_object_put(arr);
	free(mds);
	return 0;
}
