/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What onlining costs the kernel (capacity.c): where the memmap of new
 * memory goes and the DRAM it takes, and the zone balance guard.
 */
#ifndef CXL_LEO_CAPACITY_H
#define CXL_LEO_CAPACITY_H

#include <stdbool.h>
#include <json-c/json.h>
#include "zones.h"

struct capacity_snapshot {
	struct zone_info *zones;
	long long memmap_pages;		/* nr_memmap_pages, -1 if unknown */
};

int capacity_snapshot_take(struct capacity_snapshot *s);
void capacity_snapshot_free(struct capacity_snapshot *s);

int memmap_on_memory_kernel(void);
struct json_object *memmap_report(const struct capacity_snapshot *before,
				  const struct capacity_snapshot *after, int node,
				  const char *dax, const char *region);
int zone_guard_check(unsigned long long adding, bool force, const char *what,
		     struct json_object **report);

#endif
