/* SPDX-License-Identifier: GPL-2.0-only */
/* Weighted-interleave weights from node bandwidths: pure, unit tested. */
#ifndef CXL_LEO_BANDWIDTH_H
#define CXL_LEO_BANDWIDTH_H

/* The kernel takes 1-255 per node; small weights keep interleave runs short. */
#define WEIGHT_MAX	100

int interleave_weights(const unsigned long *bandwidth, int n, unsigned int *weight);

#endif
