/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Zone arithmetic for onlining: /proc/zoneinfo and /proc/vmstat parsing,
 * the ZONE_MOVABLE : kernel-zone balance an online would leave, and what
 * the memmap cost; no libcxl, unit tested.
 */
#ifndef CXL_LEO_ZONES_H
#define CXL_LEO_ZONES_H

#include <stdbool.h>

#define ZONES_MAX_NODES	1024
/* sizeof(struct page) on x86-64 and arm64: the memmap is 64 B per page. */
#define STRUCT_PAGE_BYTES	64ULL
/* A user page table entry per 4 KiB page mapped: 8 B, kept in a kernel zone. */
#define PTE_BYTES	8ULL
/* The kernel's auto_movable_ratio default (mm/memory_hotplug.c), in percent. */
#define ZONE_RATIO_DEFAULT_PCT	301

/* Pages per node, from /proc/zoneinfo. */
struct zone_node {
	unsigned long long free;		/* free pages, per-CPU lists too */
	unsigned long long present, managed;	/* every zone */
	unsigned long long kernel_managed;	/* DMA, DMA32, Normal */
	unsigned long long movable_present;	/* Movable */
};

struct zone_info {
	int nodes;				/* highest node seen + 1 */
	struct zone_node node[ZONES_MAX_NODES];
};

int zoneinfo_parse(const char *text, struct zone_info *zi);
unsigned long long zone_kernel_managed(const struct zone_info *zi);
unsigned long long zone_movable_present(const struct zone_info *zi);
long long vmstat_value(const char *text, const char *key);
int memmap_param_on(const char *value);

/* The balance an online of @adding bytes as movable memory would leave. */
struct zone_guard {
	unsigned long long kernel, movable;		/* bytes now */
	unsigned long long adding;			/* bytes onlined */
	unsigned long long memmap_dram, page_tables;	/* kernel bytes it takes */
	unsigned long long kernel_after, movable_after;
	unsigned int ratio_pct, limit_pct;		/* movable_after : kernel_after */
	bool over;
};

void zone_guard_compute(const struct zone_info *zi, unsigned long long page_size,
			unsigned long long adding, bool memmap_on_expander,
			unsigned int limit_pct, struct zone_guard *g);

/* What an online cost: from zoneinfo and nr_memmap_pages before and after. */
struct memmap_cost {
	unsigned long long bytes;		/* memmap allocated */
	unsigned long long expander_bytes;	/* of it, from the new memory */
	unsigned long long dram_bytes;		/* of it, from the other nodes */
	long long dram_used;			/* free bytes the other nodes lost */
};

void memmap_cost_compute(const struct zone_info *before, const struct zone_info *after,
			 long long memmap_pages_before, long long memmap_pages_after,
			 int node, unsigned long long page_size, struct memmap_cost *c);

#endif
