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
 * @budget_ms: how long to wait for the repair, from the Feature's maximum
 *	maintenance latency (see cxl_leo_ppr_budget_ms())
 */
struct cxl_leo_ppr_caps {
	unsigned int budget_ms;
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
 * @record_seen: an error record for @dpa (and @nibble_mask) arrived this boot
 * @confirmed: the operator confirmed this hard repair (the confirm step)
 * @query_only: only ask whether repair resources are available
 */
struct cxl_leo_ppr_request {
	u64 dpa;
	u32 nibble_mask;
	u64 capacity;
	bool in_use;
	bool allow_data_loss;
	bool record_seen;
	bool confirmed;
	bool query_only;
};

#define CXL_LEO_ERR_RECORDS	64

/**
 * struct cxl_leo_err_record - a media error the device reported this boot
 * @dpa: its device physical address, 64-byte aligned
 * @nibble_mask: the failing nibbles (DRAM records with a valid mask)
 * @nibble_valid: @nibble_mask is valid
 */
struct cxl_leo_err_record {
	u64 dpa;
	u32 nibble_mask;
	bool nibble_valid;
};

/**
 * struct cxl_leo_err_records - the most recent media errors of a device
 * @rec: a ring, the oldest overwritten first
 * @next: where the next record goes
 * @count: valid entries, up to %CXL_LEO_ERR_RECORDS
 */
struct cxl_leo_err_records {
	struct cxl_leo_err_record rec[CXL_LEO_ERR_RECORDS];
	unsigned int next;
	unsigned int count;
};

void cxl_leo_err_record_add(struct cxl_leo_err_records *r, u64 dpa, u32 nibble_mask,
			    bool nibble_valid);
bool cxl_leo_err_record_match(const struct cxl_leo_err_records *r, u64 dpa, u32 nibble_mask,
			      bool whole_row);
unsigned int cxl_leo_ppr_budget_ms(u8 max_latency);

/**
 * struct cxl_leo_ppr_gate - memory onlining against repairs unsafe in use
 * @repairing: such a repair runs: CXL memory may not come online
 * @orphan_holds: such a repair outlived its wait and may still run
 * @onlining: a memory block is between MEM_GOING_ONLINE and MEM_ONLINE
 * @onlining_pfn: its first page frame
 *
 * The caller serialises the calls below (repair.c: a spinlock taken in the
 * memory hotplug notifier, which runs under the online path's hotplug lock).
 */
struct cxl_leo_ppr_gate {
	bool repairing;
	bool orphan_holds;
	bool onlining;
	unsigned long onlining_pfn;
};

int cxl_leo_ppr_gate_close(struct cxl_leo_ppr_gate *g);
void cxl_leo_ppr_gate_open(struct cxl_leo_ppr_gate *g, bool still_running);
int cxl_leo_ppr_gate_going_online(struct cxl_leo_ppr_gate *g, unsigned long start_pfn,
				  bool orphan_done);
void cxl_leo_ppr_gate_online_end(struct cxl_leo_ppr_gate *g, unsigned long start_pfn);

int cxl_leo_ppr_decode(const void *buf, size_t len, bool hard, struct cxl_leo_ppr_caps *caps);
bool cxl_leo_ppr_safe_in_use(const struct cxl_leo_ppr_caps *caps);
int cxl_leo_ppr_check(const struct cxl_leo_ppr_caps *caps, const struct cxl_leo_ppr_request *req,
		      const char **why);
int cxl_leo_ppr_perform(const struct cxl_leo_cmd_sender *s, const struct cxl_leo_ppr_caps *caps,
			const struct cxl_leo_ppr_request *req, const char **why);

#endif /* CXL_LEO_REPAIR_POLICY_H */
