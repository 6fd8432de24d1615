/* SPDX-License-Identifier: GPL-2.0-only */
/* cgroup v2 memory.numa_stat parsing; no libcxl, unit tested. */
#ifndef CXL_LEO_NUMA_STAT_H
#define CXL_LEO_NUMA_STAT_H

#include <stdbool.h>
#include <stddef.h>

#define NUMA_STAT_MAX_NODES	64

int numa_stat_sum(const char *text, const char *const *keys, size_t nkeys,
		  unsigned long long per_node[NUMA_STAT_MAX_NODES]);

#endif
