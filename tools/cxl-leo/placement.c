// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where each memdev goes in an interleaved region, and how big the region
 * can be. A root decoder interleaving R host bridges sends region position
 * p through its target p % R, so the k-th memdev behind target r takes
 * position r + k * R, and every target must carry the same number.
 */
#include <errno.h>
#include "placement.h"

/* 1, 2, 3, 4, 6, 8, 12 or 16 ways: what HDM decoders can express. */
int interleave_ways_valid(int ways)
{
	switch (ways) {
	case 1: case 2: case 3: case 4: case 6: case 8: case 12: case 16:
		return 1;
	default:
		return 0;
	}
}

/*
 * root_pos[i]: the root decoder target memdev i sits behind. Fills order[]
 * (n entries) with memdev indices by region position; memdevs behind one
 * target keep their given order. -EINVAL when the memdevs cannot fill the
 * root decoder's interleave evenly.
 */
int interleave_order(const int *root_pos, int n, int root_ways, int *order)
{
	int count[REGION_MAX_WAYS] = { 0 };
	int i, per;

	if (n < 1 || n > REGION_MAX_WAYS || root_ways < 1 || root_ways > REGION_MAX_WAYS ||
	    n % root_ways || !interleave_ways_valid(n))
		return -EINVAL;
	per = n / root_ways;
	for (i = 0; i < n; i++) {
		int r = root_pos[i];

		if (r < 0 || r >= root_ways || count[r] == per)
			return -EINVAL;
		order[r + count[r] * root_ways] = i;
		count[r]++;
	}
	return 0;
}

/*
 * Bytes each memdev contributes: the smallest free capacity, in whole
 * 256 MiB units, and no more than the window has room for. 0 if nothing fits.
 */
unsigned long long region_per_device_size(const unsigned long long *free_bytes, int n,
					  unsigned long long window_free)
{
	unsigned long long per = ~0ULL;
	int i;

	if (n < 1)
		return 0;
	for (i = 0; i < n; i++)
		if (free_bytes[i] < per)
			per = free_bytes[i];
	if (per > window_free / n)
		per = window_free / n;
	return per / REGION_DPA_ALIGN * REGION_DPA_ALIGN;
}
