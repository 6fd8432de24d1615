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
#include <linux/align.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/unaligned.h>
#include <uapi/cxl_leo/payloads.h>
#include "repair_policy.h"

#define NIBBLE_MASK_MAX	0xffffff
#define ERR_RECORD_ALIGN	64		/* media errors are per cache line */
/* Waiting for a repair: at least this long, whatever the device says ... */
#define PPR_BUDGET_MIN_MS	1000
/* ... and at most 10^9 us (the largest sensible encoding, 1000 s). */
#define PPR_LATENCY_CODE_MAX	9

/**
 * cxl_leo_ppr_budget_ms() - how long a repair may run in the background
 * @max_latency: the Feature's Maximum Maintenance Operation Latency byte
 *	(CXL r3.2 Table 8-128/8-130), bits 3:0 encoding 10^n microseconds
 *	(QEMU reports 5 for its 100 ms sPPR)
 *
 * Return: the wait in milliseconds: the encoded latency, never below
 * %PPR_BUDGET_MIN_MS (the mailbox round trip is not part of the device's
 * figure), and capped at 1000 s for reserved encodings.
 */
unsigned int cxl_leo_ppr_budget_ms(u8 max_latency)
{
	unsigned int code = min(max_latency & 0xf, PPR_LATENCY_CODE_MAX);
	u64 us = 1;

	while (code--)
		us *= 10;
	return max_t(u64, PPR_BUDGET_MIN_MS, DIV_ROUND_UP_ULL(us, 1000));
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ppr_budget_ms);

/**
 * cxl_leo_err_record_add() - remember a media error record
 * @r: the device's records; the caller serialises access
 * @dpa: the record's DPA (flag bits below 64 bytes are ignored)
 * @nibble_mask: its nibble mask
 * @nibble_valid: @nibble_mask is valid (DRAM records)
 */
void cxl_leo_err_record_add(struct cxl_leo_err_records *r, u64 dpa, u32 nibble_mask,
			    bool nibble_valid)
{
	r->rec[r->next] = (struct cxl_leo_err_record) {
		.dpa = ALIGN_DOWN(dpa, ERR_RECORD_ALIGN),
		.nibble_mask = nibble_mask,
		.nibble_valid = nibble_valid,
	};
	r->next = (r->next + 1) % CXL_LEO_ERR_RECORDS;
	r->count = min(r->count + 1, CXL_LEO_ERR_RECORDS);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_err_record_add);

/**
 * cxl_leo_err_record_match() - did the device report an error here?
 * @r: the device's records
 * @dpa: the address to repair
 * @nibble_mask: the nibbles to repair
 * @whole_row: the device takes no nibble mask and repairs the whole row
 *
 * Return: true when a record names the cache line of @dpa and, when it
 * carries a valid nibble mask and the device repairs by nibble, the same
 * @nibble_mask. A device that repairs the whole row covers every nibble of
 * a DRAM record; otherwise such a record could never be repaired there,
 * since the device refuses the mask it names.
 */
bool cxl_leo_err_record_match(const struct cxl_leo_err_records *r, u64 dpa, u32 nibble_mask,
			      bool whole_row)
{
	unsigned int i;

	dpa = ALIGN_DOWN(dpa, ERR_RECORD_ALIGN);
	for (i = 0; i < r->count; i++)
		if (r->rec[i].dpa == dpa &&
		    (whole_row || !r->rec[i].nibble_valid ||
		     r->rec[i].nibble_mask == nibble_mask))
			return true;
	return false;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_err_record_match);

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
	caps->budget_ms = cxl_leo_ppr_budget_ms(rd->max_latency);
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
 * a data-losing repair without consent, or an address with no error record
 * this boot where one is needed (memory in use; any hard repair); -EBUSY
 * when the address is in online memory and the repair is not safe while in
 * use; -EPERM for a hard repair the operator has not confirmed.
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
	if (req->in_use && !req->record_seen) {
		*why = "memory in use is repaired only where the device reported an error";
		return -EINVAL;
	}
	if (caps->hard && !req->record_seen) {
		*why = "hard PPR is permanent: only where the device reported an error this boot";
		return -EINVAL;
	}
	if (!caps->data_retained && !req->allow_data_loss) {
		*why = "this repair loses the data at the address: allow data loss to go ahead";
		return -EINVAL;
	}
	if (caps->hard && !req->confirmed) {
		*why = "hard PPR is permanent: write the same DPA to confirm_dpa first";
		return -EPERM;
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
 * The device may run the repair in the background (CXL r3.1 8.2.9.7.1): it
 * is waited for as long as the Feature's maximum latency says.
 *
 * Return: 0 once the device reports the repair done; an error from
 * cxl_leo_ppr_check(); -EINPROGRESS when the device is still repairing
 * after that wait (the outcome is not known: not a failure, do not
 * repeat it); or the mailbox's errno for the device's refusal.
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
	return cxl_leo_cmd_background(s, CXL_LEO_OP_PERFORM_MAINTENANCE, &in, sizeof(in),
				      caps->budget_ms);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ppr_perform);

/**
 * cxl_leo_ppr_gate_close() - start a repair that is unsafe while in use
 * @g: the device's gate
 *
 * Return: 0, after which no block can start coming online until
 * cxl_leo_ppr_gate_open(); -EBUSY while a block is coming online (it may not
 * show as online yet, so the in-use check could miss it).
 */
int cxl_leo_ppr_gate_close(struct cxl_leo_ppr_gate *g)
{
	if (g->onlining)
		return -EBUSY;
	g->repairing = true;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ppr_gate_close);

/**
 * cxl_leo_ppr_gate_open() - the repair's wait ended
 * @g: the device's gate
 * @still_running: the device carries on with it: stay shut until it is done
 */
void cxl_leo_ppr_gate_open(struct cxl_leo_ppr_gate *g, bool still_running)
{
	g->repairing = false;
	g->orphan_holds = still_running;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ppr_gate_open);

/**
 * cxl_leo_ppr_gate_going_online() - a block of CXL memory is about to come online
 * @g: the device's gate
 * @start_pfn: its first page frame
 * @orphan_done: a repair that outlived its wait has since finished
 *
 * Return: 0 with the block counted as coming online, or -EBUSY (refuse
 * MEM_GOING_ONLINE) while a repair unsafe in use runs.
 */
int cxl_leo_ppr_gate_going_online(struct cxl_leo_ppr_gate *g, unsigned long start_pfn,
				  bool orphan_done)
{
	if (g->orphan_holds && orphan_done)
		g->orphan_holds = false;
	if (g->repairing || g->orphan_holds)
		return -EBUSY;
	g->onlining = true;
	g->onlining_pfn = start_pfn;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ppr_gate_going_online);

/**
 * cxl_leo_ppr_gate_online_end() - MEM_ONLINE or MEM_CANCEL_ONLINE for a block
 * @g: the device's gate
 * @start_pfn: its first page frame; a block this gate did not count (one
 *	refused here or by another notifier) changes nothing
 */
void cxl_leo_ppr_gate_online_end(struct cxl_leo_ppr_gate *g, unsigned long start_pfn)
{
	if (g->onlining && g->onlining_pfn == start_pfn)
		g->onlining = false;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ppr_gate_online_end);
