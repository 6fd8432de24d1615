/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Media Operations (CXL r3.2 8.2.10.9.5.3): what a device's Discovery reply
 * offers, whether a DPA range may be wiped, and the Sanitize or Zero command
 * for it. No PCI or core dependencies: KUnit runs it on UML.
 */
#ifndef CXL_LEO_MEDIA_OPS_POLICY_H
#define CXL_LEO_MEDIA_OPS_POLICY_H

#include <linux/types.h>
#include <uapi/cxl_leo/payloads.h>
#include "cmd_sender.h"

/* A Discovery reply is read in pages of at most this many entries. */
#define CXL_LEO_MEDIA_OPS_PAGE		32

/**
 * enum cxl_leo_media_op - the range operations cxl_leo issues
 * @CXL_LEO_MEDIA_OP_SANITIZE: Sanitize class, Sanitize subclass
 * @CXL_LEO_MEDIA_OP_ZERO: Sanitize class, Zero subclass
 * @CXL_LEO_NR_MEDIA_OPS: count
 */
enum cxl_leo_media_op {
	CXL_LEO_MEDIA_OP_SANITIZE,
	CXL_LEO_MEDIA_OP_ZERO,
	CXL_LEO_NR_MEDIA_OPS,
};

/**
 * struct cxl_leo_media_ops_caps - what a device's Discovery reply offers
 * @granularity: DPA ranges must start and end on multiples of this (bytes)
 * @supported: bit per &enum cxl_leo_media_op
 * @unknown: entries of classes or subclasses cxl_leo does not issue
 */
struct cxl_leo_media_ops_caps {
	u64 granularity;
	unsigned int supported;
	unsigned int unknown;
};

/**
 * struct cxl_leo_media_ops_page - one Discovery reply, decoded
 * @granularity: its DPA Range Granularity
 * @total: Total Supported Operations
 * @returned: entries in this reply
 */
struct cxl_leo_media_ops_page {
	u64 granularity;
	u16 total;
	u16 returned;
};

size_t cxl_leo_media_ops_discovery_in(struct cxl_leo_media_op_discovery_in *in, u16 start,
				      u16 num);
int cxl_leo_media_ops_parse_page(const void *buf, size_t len, u16 start,
				 struct cxl_leo_media_ops_page *page,
				 struct cxl_leo_media_ops_caps *caps);
int cxl_leo_media_ops_discover(const struct cxl_leo_cmd_sender *s,
			       struct cxl_leo_media_ops_caps *caps);
int cxl_leo_media_ops_check(const struct cxl_leo_media_ops_caps *caps, enum cxl_leo_media_op op,
			    u64 capacity, u64 dpa, u64 len, const char **why);
size_t cxl_leo_media_ops_ranges_in(void *buf, size_t max, enum cxl_leo_media_op op, u64 dpa,
				   u64 len);
int cxl_leo_media_ops_wipe(const struct cxl_leo_cmd_sender *s,
			   const struct cxl_leo_media_ops_caps *caps, enum cxl_leo_media_op op,
			   u64 capacity, u64 dpa, u64 len, unsigned int budget_ms,
			   const char **why);
const char *cxl_leo_media_op_name(enum cxl_leo_media_op op);

#endif /* CXL_LEO_MEDIA_OPS_POLICY_H */
