// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo weights: weighted-interleave weights from the bandwidth the
 * kernel derived for each NUMA node (HMAT for DRAM; CDAT and the ACPI
 * generic port for CXL regions), shown, and set with --set in
 * /sys/kernel/mm/mempolicy/weighted_interleave/.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bandwidth.h"
#include "builtin.h"
#include "memdev.h"
#include "nodes.h"
#include "sysfs.h"

#define NODE_DIR	"/sys/devices/system/node"
#define WEIGHT_DIR	"/sys/kernel/mm/mempolicy/weighted_interleave"
#define MAX_NODES	64

static const char weights_usage[] = "cxl-leo weights [--set]";
static const char weights_help[] =
	"      --set            write the weights to the kernel\n";

struct node_bw {
	int node;
	unsigned long read_bw, write_bw, read_lat;
};

static unsigned long read_ulong(const char *dir, const char *attr)
{
	char buf[32];

	return sysfs_read(dir, attr, buf, sizeof(buf)) ? 0 : strtoul(buf, NULL, 10);
}

/* Nodes with memory, and their access0 (nearest initiator) coordinates. */
static int nodes_with_memory(struct node_bw *nodes, int max)
{
	char list[4096];
	struct bitmask *mask;
	int n = 0, rc;
	unsigned int i;

	rc = sysfs_read(NODE_DIR, "has_memory", list, sizeof(list));
	if (rc)
		return rc;
	mask = numa_allocate_nodemask();
	rc = node_list_parse(list, mask);
	for (i = 0; !rc && i < mask->size; i++) {
		char dir[128];

		if (!numa_bitmask_isbitset(mask, i))
			continue;
		if (n == max) {
			rc = -E2BIG;
			break;
		}
		snprintf(dir, sizeof(dir), NODE_DIR "/node%u/access0/initiators", i);
		nodes[n++] = (struct node_bw) {
			.node = i,
			.read_bw = read_ulong(dir, "read_bandwidth"),
			.write_bw = read_ulong(dir, "write_bandwidth"),
			.read_lat = read_ulong(dir, "read_latency"),
		};
	}
	numa_bitmask_free(mask);
	return rc ? rc : n;
}

int cmd_weights(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		{ "set", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct node_bw nodes[MAX_NODES];
	unsigned long bw[MAX_NODES];
	unsigned int weight[MAX_NODES];
	struct json_object *arr;
	bool set = false;
	int c, n, i, rc;

	(void)ctx;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			set = true;
			break;
		case 'h':
			print_help(weights_usage, weights_help);
			return 0;
		default:
			return usage_error(weights_usage, "bad option");
		}
	}
	if (optind < argc)
		return usage_error(weights_usage, "unexpected argument '%s'", argv[optind]);
	n = nodes_with_memory(nodes, MAX_NODES);
	if (n == -E2BIG) {
		fprintf(stderr, "cxl-leo: weights: more than %d NUMA nodes with memory\n", MAX_NODES);
		return 1;
	}
	if (n < 0) {
		fprintf(stderr, "cxl-leo: weights: %s/has_memory: %s\n", NODE_DIR,
			n == -EINVAL ? "not a node list" : errno_text(n));
		return 1;
	}
	for (i = 0; i < n; i++) {
		/* What a node sustains is bounded by its slower direction. */
		bw[i] = nodes[i].read_bw < nodes[i].write_bw ? nodes[i].read_bw : nodes[i].write_bw;
		if (!bw[i]) {
			fprintf(stderr, "cxl-leo: weights: node %d has no access coordinates (no HMAT, or no CDAT and generic port for its CXL region): weights need them for every node with memory\n",
				nodes[i].node);
			return 1;
		}
	}
	rc = interleave_weights(bw, n, weight);
	if (rc) {
		fprintf(stderr, "cxl-leo: weights: %s\n", strerror(-rc));
		return 1;
	}
	arr = json_object_new_array();
	for (i = 0; i < n; i++) {
		struct json_object *o = json_object_new_object();
		char attr[32], cur[16], val[16];

		snprintf(attr, sizeof(attr), "node%d", nodes[i].node);
		if (set) {
			snprintf(val, sizeof(val), "%u", weight[i]);
			rc = sysfs_write(WEIGHT_DIR, attr, val);
			if (rc) {
				fprintf(stderr, "cxl-leo: weights: %s/%s: %s\n", WEIGHT_DIR, attr,
					errno_text(rc));
				json_object_put(o);
				json_object_put(arr);
				return 1;
			}
		}
		json_object_object_add(o, "numa_node", json_object_new_int(nodes[i].node));
		json_object_object_add(o, "read_bandwidth_mbps", json_object_new_int64(nodes[i].read_bw));
		json_object_object_add(o, "write_bandwidth_mbps",
				       json_object_new_int64(nodes[i].write_bw));
		json_object_object_add(o, "read_latency_ns", json_object_new_int64(nodes[i].read_lat));
		json_object_object_add(o, "weight", json_object_new_int(weight[i]));
		if (!sysfs_read(WEIGHT_DIR, attr, cur, sizeof(cur)))
			json_object_object_add(o, "current_weight", json_object_new_int(atoi(cur)));
		json_object_array_add(arr, o);
	}
	json_print_list(arr, "NUMA nodes with memory");
	json_object_put(arr);
	return 0;
}
