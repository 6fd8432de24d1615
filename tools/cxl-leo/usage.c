// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo usage: how much CXL memory each NUMA node backed by a CXL region
 * holds, and how much of it each cgroup (tenant, workload) uses, from the
 * cgroup v2 memory.numa_stat files: the data behind usage-based billing.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtin.h"
#include "memdev.h"
#include "nodes.h"
#include "numa_stat.h"
#include "online.h"
#include "sysfs.h"

#define CGROUP_ROOT	"/sys/fs/cgroup"

static const char usage_usage[] = "cxl-leo usage";
static const char usage_help[] =
	"";

/* Which NUMA nodes are CXL memory; filled from the regions. */
static bool cxl_node[NUMA_STAT_MAX_NODES];
static struct json_object *cgroups_out;

static int visit_cgroup(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	static const char *const keys[] = { "anon", "file" };
	unsigned long long per_node[NUMA_STAT_MAX_NODES] = { 0 }, total = 0;
	struct json_object *o, *by_node;
	char text[8192];
	int node;

	(void)st;
	(void)ftw;
	if (type != FTW_D)
		return 0;
	if (sysfs_read(path, "memory.numa_stat", text, sizeof(text)))
		return 0;
	if (numa_stat_sum(text, keys, 2, per_node) < 0) {
		fprintf(stderr, "cxl-leo: %s/memory.numa_stat: unexpected format, skipped\n", path);
		return 0;
	}
	by_node = json_object_new_object();
	for (node = 0; node < NUMA_STAT_MAX_NODES; node++) {
		char key[16];

		if (!cxl_node[node] || !per_node[node])
			continue;
		snprintf(key, sizeof(key), "%d", node);
		json_object_object_add(by_node, key, json_object_new_uint64(per_node[node]));
		total += per_node[node];
	}
	if (!total) {
		json_object_put(by_node);
		return 0;
	}
	o = json_object_new_object();
	json_object_object_add(o, "cgroup", json_object_new_string(
				       path[strlen(CGROUP_ROOT)] ? path + strlen(CGROUP_ROOT) : "/"));
	json_object_object_add(o, "cxl_bytes", json_object_new_uint64(total));
	json_object_object_add(o, "by_node", by_node);
	json_object_array_add(cgroups_out, o);
	return 0;
}

int cmd_usage(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct json_object *out, *nodes;
	struct cxl_memdev **unused;
	struct cxl_bus *bus;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h') {
			print_help(usage_usage, usage_help);
			return 0;
		}
		return usage_error(usage_usage, "bad option");
	}
	if (optind < argc)
		return usage_error(usage_usage, "unexpected argument '%s'", argv[optind]);
	if (memdev_select(ctx, NULL, &unused) < 0)
		return 1;
	free(unused);

	nodes = json_object_new_array();
	cxl_bus_foreach(ctx, bus) {
		struct cxl_decoder *d;

		cxl_decoder_foreach(cxl_bus_get_port(bus), d) {
			struct cxl_region *r;

			cxl_region_foreach(d, r) {
				const char *name = cxl_region_get_devname(r);
				int node = region_target_node(r);
				unsigned long long total, avail;
				struct json_object *o;

				if (node < 0 || node >= NUMA_STAT_MAX_NODES)
					continue;
				cxl_node[node] = true;
				o = json_object_new_object();
				json_object_object_add(o, "numa_node", json_object_new_int(node));
				json_object_object_add(o, "region", json_object_new_string(name));
				/* MemUsed is MemTotal - MemFree (the kernel's node meminfo). */
				if (node_memory(node, &total, &avail))
					total = avail = 0;
				json_object_object_add(o, "total_bytes", json_object_new_uint64(total));
				json_object_object_add(o, "used_bytes", json_object_new_uint64(total - avail));
				json_object_array_add(nodes, o);
			}
		}
	}
	out = json_object_new_object();
	json_object_object_add(out, "nodes", nodes);
	cgroups_out = json_object_new_array();
	/* The nodes are still worth printing; the missing cgroups make it a failure. */
	c = nftw(CGROUP_ROOT, visit_cgroup, 16, FTW_PHYS) ? errno : 0;
	if (c)
		fprintf(stderr, "cxl-leo: usage: cannot walk %s: %s (cgroup v2 not mounted?)\n",
			CGROUP_ROOT, errno_text(c));
	json_object_object_add(out, "cgroups", cgroups_out);
	json_print(out);
	json_object_put(out);
	return c ? 1 : 0;
}
