// SPDX-License-Identifier: GPL-2.0-only
/*
 * Post Package Repair policy (CXL r3.2 8.2.10.7.2, Perform Maintenance in
 * 8.2.9.7.1). A repair swaps a failing DRAM row for a spare. The device
 * says through its restriction flags whether it keeps serving requests and
 * keeps the data meanwhile; when it does not, repairing memory the kernel
 * has online would corrupt or stall it, so that is refused outright, and a
 * repair that loses data needs the operator's explicit consent even offline.
 */
#include <kunit/visibility.h>
#include <linux/export.h>
#include <linux/errno.h>
#include <linux/unaligned.h>
#include <uapi/cxl_leo/payloads.h>
#include "repair_policy.h"

#define NIBBLE_MASK_MAX	0xffffff

/**
 * cxl_leo_ppr_decode() - decode a PPR Feature's readable attributes
 * @buf: Get Feature data of the sPPR or hPPR Feature
 * @len: bytes the device returned
 * @hard: @buf came from the hPPR Feature
 * @caps: decoded capabilities
 *
 * Return: 0, or -EIO for a short reply or one that names another
 * maintenance operation than the Feature it came from.
 */
int cxl_leo_ppr_decode(const void *buf, size_t len, bool hard, struct cxl_leo_ppr_caps *caps)
{
	const struct cxl_leo_ppr_rd *rd = buf;
	u16 restrict_flags;

	if (len < sizeof(*rd))
		return -EIO;
	if (rd->op_class != CXL_LEO_MAINT_CLASS_PPR ||
	    rd->op_subclass != (hard ? CXL_LEO_MAINT_SUBCLASS_HPPR : CXL_LEO_MAINT_SUBCLASS_SPPR))
		return -EIO;
	restrict_flags = get_unaligned_le16(&rd->restrictions);
	caps->hard = hard;
	caps->dpa_support = rd->ppr_flags & CXL_LEO_PPR_FLAG_DPA;
	caps->nibble_support = rd->ppr_flags & CXL_LEO_PPR_FLAG_NIBBLE;
	caps->media_accessible = !(restrict_flags & CXL_LEO_PPR_RESTRICT_MEDIA);
	caps->data_retained = !(restrict_flags & CXL_LEO_PPR_RESTRICT_DATA);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ppr_decode);

/**
 * cxl_leo_ppr_safe_in_use() - may memory stay online during a repair?
 * @caps: the PPR Feature
 *
 * Return: true when the device serves requests and keeps the data.
 */
bool cxl_leo_ppr_safe_in_use(const struct cxl_leo_ppr_caps *caps)
{
	return caps->media_accessible && caps->data_retained;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ppr_safe_in_use);

/**
 * cxl_leo_ppr_check() - may this repair run?
 * @caps: the PPR Feature
 * @req: the repair
 * @why: set to the reason when it may not
 *
 * Return: 0; -EOPNOTSUPP if the device does not repair by address;
 * -EINVAL for an address beyond the device, a nibble mask it cannot take,
 * or a data-losing repair without consent; -EBUSY when the address is in
 * online memory and the repair is not safe while in use.
 */
int cxl_leo_ppr_check(const struct cxl_leo_ppr_caps *caps, const struct cxl_leo_ppr_request *req,
		      const char **why)
{
	*why = NULL;
	if (!caps->dpa_support) {
		*why = "the device does not repair by address";
		return -EOPNOTSUPP;
	}
	if (req->dpa >= req->capacity) {
		*why = "DPA beyond the device's capacity";
		return -EINVAL;
	}
	if (req->nibble_mask > NIBBLE_MASK_MAX) {
		*why = "the nibble mask has 24 bits";
		return -EINVAL;
	}
	if (req->nibble_mask && !caps->nibble_support) {
		*why = "the device does not take a nibble mask";
		return -EINVAL;
	}
	if (req->query_only)
		return 0;
	if (req->in_use && !cxl_leo_ppr_safe_in_use(caps)) {
		*why = caps->data_retained ?
		       "no memory access while the device repairs: offline the memory first" :
		       "this repair loses data: offline the memory first";
		return -EBUSY;
	}
	if (!caps->data_retained && !req->allow_data_loss) {
		*why = "this repair loses the data at the address: allow data loss to go ahead";
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ppr_check);

/**
 * cxl_leo_ppr_perform() - check a repair and ask the device to do it
 * @s: the mailbox
 * @caps: the PPR Feature
 * @req: the repair
 * @why: set to the reason when the repair is refused
 *
 * Return: 0, an error from cxl_leo_ppr_check(), or the mailbox's errno.
 */
int cxl_leo_ppr_perform(const struct cxl_leo_cmd_sender *s, const struct cxl_leo_ppr_caps *caps,
			const struct cxl_leo_ppr_request *req, const char **why)
{
	struct cxl_leo_ppr_maintenance in = {
		.op_class = CXL_LEO_MAINT_CLASS_PPR,
		.op_subclass = caps->hard ? CXL_LEO_MAINT_SUBCLASS_HPPR :
					    CXL_LEO_MAINT_SUBCLASS_SPPR,
		.flags = req->query_only ? 1 : 0,
	};
	int rc = cxl_leo_ppr_check(caps, req, why);

	if (rc)
		return rc;
	put_unaligned_le64(req->dpa, &in.dpa);
	in.nibble_mask[0] = req->nibble_mask & 0xff;
	in.nibble_mask[1] = (req->nibble_mask >> 8) & 0xff;
	in.nibble_mask[2] = (req->nibble_mask >> 16) & 0xff;
	return cxl_leo_cmd(s, CXL_LEO_OP_PERFORM_MAINTENANCE, &in, sizeof(in), NULL, 0, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ppr_perform);
