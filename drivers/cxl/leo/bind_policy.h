/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CXL_LEO_BIND_POLICY_H
#define CXL_LEO_BIND_POLICY_H

#include <linux/types.h>

/**
 * enum cxl_leo_bind_reason - why cxl_leo takes or declines a device
 * @CXL_LEO_BIND_LEO: an Astera Labs Leo, always driven
 * @CXL_LEO_BIND_OPTED_IN: another CXL memory device, opted in by the admin
 * @CXL_LEO_BIND_NOT_OPTED_IN: a CXL memory device left to cxl_pci
 * @CXL_LEO_BIND_NOT_CXL_MEM: not a CXL memory-class device at all
 */
enum cxl_leo_bind_reason {
	CXL_LEO_BIND_LEO,
	CXL_LEO_BIND_OPTED_IN,
	CXL_LEO_BIND_NOT_OPTED_IN,
	CXL_LEO_BIND_NOT_CXL_MEM,
};

enum cxl_leo_bind_reason cxl_leo_bind_policy(u16 vendor, u16 device, u32 class,
					     bool bind_any, bool dynamic_id);
bool cxl_leo_bind_allowed(enum cxl_leo_bind_reason reason);
const char *cxl_leo_bind_reason_str(enum cxl_leo_bind_reason reason);

#endif /* CXL_LEO_BIND_POLICY_H */
