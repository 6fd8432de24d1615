/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Post Package Repair: what a device's sPPR/hPPR Feature allows, whether
 * a requested repair is safe, and the Perform Maintenance command for it.
 */
#ifndef CXL_LEO_REPAIR_POLICY_H
#define CXL_LEO_REPAIR_POLICY_H

#include <linux/types.h>
#include <uapi/cxl_leo/payloads.h>
#include "cmd_sender.h"

/**
 * struct cxl_leo_ppr_caps - a PPR Feature's readable attributes, decoded
 * @hard: hard (permanent) PPR, else soft
 * @dpa_support: repairs are addressed by DPA
 * @nibble_support: a nibble mask narrows the repair
 * @media_accessible: the device serves CXL.mem requests during the repair
 * @data_retained: the data at the repaired address survives
 */
struct cxl_leo_ppr_caps {
	bool hard;
	bool dpa_support;
	bool nibble_support;
	bool media_accessible;
	bool data_retained;
};

/**
 * struct cxl_leo_ppr_request - one repair asked for
 * @dpa: device physical address of the failing memory
 * @nibble_mask: nibbles to repair (24 bits), 0 for all
 * @capacity: the device's DPA space, bytes
 * @in_use: @dpa is part of online memory
 * @allow_data_loss: the operator accepts losing the data at @dpa
 * @query_only: only ask whether repair resources are available
 */
struct cxl_leo_ppr_request {
	u64 dpa;
	u32 nibble_mask;
	u64 capacity;
	bool in_use;
	bool allow_data_loss;
	bool query_only;
};

int cxl_leo_ppr_decode(const void *buf, size_t len, bool hard, struct cxl_leo_ppr_caps *caps);
bool cxl_leo_ppr_safe_in_use(const struct cxl_leo_ppr_caps *caps);
int cxl_leo_ppr_check(const struct cxl_leo_ppr_caps *caps, const struct cxl_leo_ppr_request *req,
		      const char **why);
int cxl_leo_ppr_perform(const struct cxl_leo_cmd_sender *s, const struct cxl_leo_ppr_caps *caps,
			const struct cxl_leo_ppr_request *req, const char **why);

#endif /* CXL_LEO_REPAIR_POLICY_H */
