/* SPDX-License-Identifier: GPL-2.0-only */
/* Region geometry for cxl-leo online: pure arithmetic, unit tested. */
#ifndef CXL_LEO_PLACEMENT_H
#define CXL_LEO_PLACEMENT_H

#define REGION_MAX_WAYS	16
/* The CXL core hands out device capacity in 256 MiB units per device. */
#define REGION_DPA_ALIGN	(256ULL << 20)

int interleave_order(const int *root_pos, int n, int root_ways, int *order);
unsigned long long region_per_device_size(const unsigned long long *free_bytes, int n,
					  unsigned long long window_free);
int interleave_ways_valid(int ways);

#endif
