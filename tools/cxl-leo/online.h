/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The region steps of online.c that other commands take too (release, the
 * online policy): a region made and onlined over free memdevs, a region's
 * memory online, offline and back, its teardown (erasing is wipe.h's).
 */
#ifndef CXL_LEO_ONLINE_H
#define CXL_LEO_ONLINE_H

#include <stdbool.h>
#include <json-c/json.h>
#include <cxl/libcxl.h>
#include <daxctl/libdaxctl.h>
#include "memdev.h"

struct daxctl_dev *region_dax(struct cxl_region *r);
int region_target_node(struct cxl_region *r);
struct cxl_region *region_of(struct cxl_memdev *m);
struct json_object *region_json(struct cxl_region *r, const char *state);
int region_destroy(struct cxl_region *r);
int online_memdevs(struct cxl_ctx *ctx, struct cxl_memdev **mds, int n, bool movable,
		   bool force, bool dry_run, struct json_object **out);
int memory_up(struct cxl_region *r, bool movable);
int memory_down(struct cxl_region *r);
int memory_restore(struct cxl_region *r, struct daxctl_memory *mem, bool movable);
int regions_down(struct cxl_region **regions, int n, bool *partial);
int select_regions(struct cxl_ctx *ctx, const struct cxl_filter *f, long node,
		   struct cxl_region **out, int max);
int need_root(const char *what);

#endif
