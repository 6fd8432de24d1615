// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's zones as an online changes them. /proc/zoneinfo has, per
 * node and zone, "pages free", "present" and "managed" pages: present is
 * the memory the zone spans that exists, managed what the buddy allocator
 * got of it. Memory whose memmap lives on itself (memmap_on_memory) counts
 * as present but the memmap pages are never managed; that difference on the
 * new node is the memmap the expander holds. /proc/vmstat's
 * nr_memmap_pages counts every memmap page hotplug allocated, wherever.
 * Free pages sitting on the per-CPU lists ("pagesets", "count:") are free
 * too: without them a refill of those lists reads as megabytes allocated.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zones.h"

static bool kernel_zone(const char *name, size_t len)
{
	static const char *const kernel[] = { "DMA", "DMA32", "Normal" };
	size_t i;

	for (i = 0; i < sizeof(kernel) / sizeof(kernel[0]); i++)
		if (len == strlen(kernel[i]) && !strncmp(name, kernel[i], len))
			return true;
	return false;
}

/* "KEY  N" with KEY the line's first word: N into *v. */
static bool field(const char *line, const char *key, unsigned long long *v)
{
	size_t n = strlen(key);
	char *end;

	while (*line == ' ' || *line == '\t')
		line++;
	if (strncmp(line, key, n) || (line[n] != ' ' && line[n] != '\t'))
		return false;
	*v = strtoull(line + n, &end, 10);
	return end != line + n;
}

/*
 * Fills @zi from the text of /proc/zoneinfo. Returns 0, or -EINVAL when no
 * zone header is found or a node number is out of range.
 */
int zoneinfo_parse(const char *text, struct zone_info *zi)
{
	const char *line = text;
	struct zone_node *n = NULL;
	bool kernel = false, movable = false, any = false;

	memset(zi, 0, sizeof(*zi));
	while (line && *line) {
		const char *end = strchr(line, '\n');
		unsigned long long v;
		int node, off = 0;

		if (sscanf(line, "Node %d, zone %n", &node, &off) == 1 && off) {
			const char *z = line + off;
			size_t len = strcspn(z, " \t\n");

			if (node < 0 || node >= ZONES_MAX_NODES)
				return -EINVAL;
			n = &zi->node[node];
			if (node + 1 > zi->nodes)
				zi->nodes = node + 1;
			kernel = kernel_zone(z, len);
			movable = len == strlen("Movable") && !strncmp(z, "Movable", len);
			any = true;
		} else if (n && (field(line, "pages free", &v) || field(line, "count:", &v))) {
			n->free += v;
		} else if (n && field(line, "present", &v)) {
			n->present += v;
			if (movable)
				n->movable_present += v;
		} else if (n && field(line, "managed", &v)) {
			n->managed += v;
			if (kernel)
				n->kernel_managed += v;
		}
		line = end ? end + 1 : NULL;
	}
	return any ? 0 : -EINVAL;
}

unsigned long long zone_kernel_managed(const struct zone_info *zi)
{
	unsigned long long sum = 0;
	int i;

	for (i = 0; i < zi->nodes; i++)
		sum += zi->node[i].kernel_managed;
	return sum;
}

unsigned long long zone_movable_present(const struct zone_info *zi)
{
	unsigned long long sum = 0;
	int i;

	for (i = 0; i < zi->nodes; i++)
		sum += zi->node[i].movable_present;
	return sum;
}

/* The value of a "key N" line of /proc/vmstat, or -1 if there is none. */
long long vmstat_value(const char *text, const char *key)
{
	size_t n = strlen(key);
	const char *line = text;

	while (line && *line) {
		const char *end = strchr(line, '\n');

		if (!strncmp(line, key, n) && line[n] == ' ')
			return strtoll(line + n + 1, NULL, 10);
		line = end ? end + 1 : NULL;
	}
	return -1;
}

/*
 * memory_hotplug.memmap_on_memory as sysfs shows it: 6.12 prints Y, N or
 * force. 1 when the kernel puts hot-added memmaps on the memory, 0 when
 * not, -EINVAL for a value this tool does not know.
 */
int memmap_param_on(const char *value)
{
	if (!strcmp(value, "Y") || !strcmp(value, "1") || !strcmp(value, "force"))
		return 1;
	if (!strcmp(value, "N") || !strcmp(value, "0"))
		return 0;
	return -EINVAL;
}

/*
 * Movable memory must stay within @limit_pct percent of the kernel zones'
 * managed memory once the new memory's own kernel needs are paid from
 * them: its memmap when that is not on the expander, and the page tables
 * that map it to user space (one 8-byte entry per 4 KiB page, what a
 * workload touching all of it needs; they are unmovable).
 */
void zone_guard_compute(const struct zone_info *zi, unsigned long long page_size,
			unsigned long long adding, bool memmap_on_expander,
			unsigned int limit_pct, struct zone_guard *g)
{
	unsigned long long pages = adding / page_size, need;

	memset(g, 0, sizeof(*g));
	g->kernel = zone_kernel_managed(zi) * page_size;
	g->movable = zone_movable_present(zi) * page_size;
	g->adding = adding;
	g->memmap_dram = memmap_on_expander ? 0 : pages * STRUCT_PAGE_BYTES;
	g->page_tables = adding / 4096 * PTE_BYTES;
	need = g->memmap_dram + g->page_tables;
	g->kernel_after = g->kernel > need ? g->kernel - need : 0;
	g->movable_after = g->movable + adding;
	g->limit_pct = limit_pct;
	if (!g->kernel_after) {
		g->ratio_pct = UINT_MAX;
		g->over = true;
		return;
	}
	g->ratio_pct = g->movable_after * 100 / g->kernel_after > UINT_MAX ? UINT_MAX :
		       (unsigned int)(g->movable_after * 100 / g->kernel_after);
	g->over = g->movable_after * 100 > (unsigned long long)limit_pct * g->kernel_after;
}

static unsigned long long unmanaged(const struct zone_node *n)
{
	return n->present > n->managed ? n->present - n->managed : 0;
}

/*
 * The memmap an online allocated and where it went: the growth of
 * nr_memmap_pages is all of it; the growth of @node's present-but-not-
 * managed pages is the part on the new memory itself; the rest is in the
 * other nodes, i.e. DRAM. @dram_used is what the other nodes' free pages
 * fell by over the same time: the memmap, page tables and whatever else
 * the system allocated meanwhile.
 */
void memmap_cost_compute(const struct zone_info *before, const struct zone_info *after,
			 long long memmap_pages_before, long long memmap_pages_after,
			 int node, unsigned long long page_size, struct memmap_cost *c)
{
	unsigned long long on_node_before = 0, on_node_after = 0;
	int i, nodes = before->nodes > after->nodes ? before->nodes : after->nodes;

	memset(c, 0, sizeof(*c));
	if (memmap_pages_before >= 0 && memmap_pages_after > memmap_pages_before)
		c->bytes = (memmap_pages_after - memmap_pages_before) * page_size;
	if (node >= 0 && node < ZONES_MAX_NODES) {
		on_node_before = unmanaged(&before->node[node]);
		on_node_after = unmanaged(&after->node[node]);
	}
	if (on_node_after > on_node_before)
		c->expander_bytes = (on_node_after - on_node_before) * page_size;
	if (c->expander_bytes > c->bytes)
		c->expander_bytes = c->bytes;
	c->dram_bytes = c->bytes - c->expander_bytes;
	for (i = 0; i < nodes; i++)
		if (i != node)
			c->dram_used += ((long long)before->node[i].free -
					 (long long)after->node[i].free) * (long long)page_size;
}
