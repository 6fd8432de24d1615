/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Erasing what a tenant used, after offline: the DPA ranges the regions'
 * endpoint decoders mapped, wiped with Media Operations (cxl_leo's
 * media_ops/), or the whole devices with Sanitize when a device cannot wipe
 * a range or the operator asks for it (wipe.c).
 */
#ifndef CXL_LEO_WIPE_H
#define CXL_LEO_WIPE_H

#include <stdbool.h>
#include <json-c/json.h>
#include <cxl/libcxl.h>
#include "placement.h"

#define WIPE_MAX_REGIONS	64
#define WIPE_MAX		(WIPE_MAX_REGIONS * REGION_MAX_WAYS)

enum wipe_method { WIPE_RANGE, WIPE_DEVICE };

/* Range operations of media_ops/, in the order they run on a range. */
#define WIPE_OP_SANITIZE	0x1
#define WIPE_OP_ZERO		0x2

struct wipe_range {
	struct cxl_memdev *memdev;
	int region;		/* index in the offline's region list */
	unsigned long long dpa;
	unsigned long long size;
	unsigned int ops;	/* WIPE_OP_* the device offers for it */
};

struct wipe_plan {
	enum wipe_method method;
	char why[256];		/* why the whole devices, when they are */
	struct wipe_range range[WIPE_MAX];
	int nr_ranges;
	struct cxl_memdev *memdev[WIPE_MAX];
	int nr_memdevs;
};

int wipe_plan(struct wipe_plan *p, struct cxl_region **regions, int n, bool whole_device);
void wipe_plan_device(struct wipe_plan *p, struct cxl_memdev *m, const char *why);
void wipe_describe(const struct wipe_plan *p);
int wipe_consent(const struct wipe_plan *p, bool force);
int wipe_run(const struct wipe_plan *p);
void wipe_json(const struct wipe_plan *p, int region, struct json_object *o);

#endif
