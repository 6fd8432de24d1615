/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The online policy (policy.c): Leo capacity that appears, at boot or on
 * hot-add (a memdev in no region gets one made), is put in the state
 * /etc/cxl-leo/online.conf names. Entry
 * points: `cxl-leo apply-policy <region|memdev|dax>` (what the udev rule
 * runs) and policy_apply_region() for commands that bring capacity up.
 */
#ifndef CXL_LEO_POLICY_H
#define CXL_LEO_POLICY_H

#include <cxl/libcxl.h>
#include <json-c/json.h>
#include "online_conf.h"

int policy_load(const char *path, struct online_conf *c);
int policy_apply_region(struct cxl_region *r, const struct online_conf *c,
			struct json_object **out);

#endif
