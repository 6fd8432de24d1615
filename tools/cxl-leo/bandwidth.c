// SPDX-License-Identifier: GPL-2.0-only
/*
 * Weighted interleave puts weight[i] pages on node i for every round, so
 * weights proportional to each node's bandwidth spread a workload's traffic
 * in proportion: 20 GB/s DRAM and 10 GB/s CXL give 2:1. Weights are scaled
 * so the largest is at most WEIGHT_MAX, then reduced by their common
 * divisor; no node gets less than 1.
 */
#include <errno.h>
#include "bandwidth.h"

static unsigned long gcd(unsigned long a, unsigned long b)
{
	while (b) {
		unsigned long t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* -EINVAL for no nodes or a node without bandwidth (0). */
int interleave_weights(const unsigned long *bandwidth, int n, unsigned int *weight)
{
	unsigned long max = 0, g = 0, w[64];
	int i;

	if (n < 1 || n > 64)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (!bandwidth[i])
			return -EINVAL;
		if (bandwidth[i] > max)
			max = bandwidth[i];
	}
	for (i = 0; i < n; i++) {
		/* rounded; bandwidths are MB/s, so the product cannot overflow */
		w[i] = (bandwidth[i] * WEIGHT_MAX + max / 2) / max;
		if (!w[i])
			w[i] = 1;
		g = gcd(g, w[i]);
	}
	for (i = 0; i < n; i++)
		weight[i] = w[i] / g;
	return 0;
}
