/* SPDX-License-Identifier: GPL-2.0-only */
/* What online.c lends the online policy (policy.c). */
#ifndef CXL_LEO_ONLINE_H
#define CXL_LEO_ONLINE_H

#include <stdbool.h>
#include <cxl/libcxl.h>
#include <daxctl/libdaxctl.h>
#include <json-c/json.h>

struct daxctl_dev *region_dax(struct cxl_region *r);
struct cxl_region *region_of(struct cxl_memdev *m);
struct json_object *region_json(struct cxl_region *r, const char *state);
int memory_up(struct cxl_region *r, bool movable);

#endif
