/* SPDX-License-Identifier: GPL-2.0-only */
/* NUMA node lists and sizes, on libnuma (nodes.c); unit tested. */
#ifndef CXL_LEO_NODES_H
#define CXL_LEO_NODES_H

#include <stdbool.h>
#include <numa.h>

int node_list_parse(const char *list, struct bitmask *nodes);
bool node_list_has(const char *list, int node);
int node_memory(int node, unsigned long long *total, unsigned long long *free_bytes);

#endif
