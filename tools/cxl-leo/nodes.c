// SPDX-License-Identifier: GPL-2.0-only
/*
 * NUMA node lists ("0-2,5", as the kernel prints a nodemask: has_memory,
 * a memory tier's nodelist) into libnuma bitmasks, and a node's memory
 * from libnuma. The one list parser of the tool: libnuma's own
 * numa_parse_nodestring{,_all}() accept only nodes that existed when the
 * process started (numa_max_node() is read once, when libnuma loads) and
 * print their own warnings, and 'cxl-leo online' brings up a node in the
 * middle of its run, whose memory tier it then reports. The bitmask is
 * libnuma's nodemask, sized as the kernel's (every possible node).
 */
#include <errno.h>
#include <stdlib.h>
#include "nodes.h"

static int parse_node(const char *s, const char **end, unsigned long max)
{
	char *e;
	unsigned long n;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	n = strtoul(s, &e, 10);
	if (errno || n >= max)
		return -ERANGE;
	*end = e;
	return (int)n;
}

/*
 * Sets the nodes of @list in @nodes (cleared first): 0 on success, -EINVAL
 * for anything but comma-separated nodes and ranges (an empty list is no
 * node), -ERANGE for a node past @nodes' size.
 */
int node_list_parse(const char *list, struct bitmask *nodes)
{
	const char *p = list;

	numa_bitmask_clearall(nodes);
	if (!*p)
		return 0;
	for (;;) {
		int lo = parse_node(p, &p, nodes->size), hi = lo, i;

		if (lo < 0)
			return lo;
		if (*p == '-') {
			hi = parse_node(p + 1, &p, nodes->size);
			if (hi < 0)
				return hi;
			if (hi < lo)
				return -EINVAL;
		}
		for (i = lo; i <= hi; i++)
			numa_bitmask_setbit(nodes, i);
		if (!*p)
			return 0;
		if (*p++ != ',')
			return -EINVAL;
	}
}

/* @node is in @list; false for a malformed list too. */
bool node_list_has(const char *list, int node)
{
	struct bitmask *nodes = numa_allocate_nodemask();
	bool has = !node_list_parse(list, nodes) && node >= 0 &&
		   numa_bitmask_isbitset(nodes, node);

	numa_bitmask_free(nodes);
	return has;
}

/*
 * A node's memory in bytes (its meminfo through libnuma, read at each call:
 * a node onlined since the start is seen). -ENOENT when the node has none
 * to report (no such node, or not online).
 */
int node_memory(int node, unsigned long long *total, unsigned long long *free_bytes)
{
	long long f, t;

	if (node < 0)
		return -ENOENT;
	t = numa_node_size64(node, &f);
	if (t < 0 || f < 0)
		return -ENOENT;
	if (total)
		*total = t;
	if (free_bytes)
		*free_bytes = f;
	return 0;
}
