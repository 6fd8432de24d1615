/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CXL_LEO_RAS_DECODE_H
#define CXL_LEO_RAS_DECODE_H

#include <linux/types.h>

/* Bits of the CXL RAS capability status registers (CXL r3.1 8.2.4.17) */
#define CXL_LEO_RAS_COR_BITS	7
#define CXL_LEO_RAS_UNCOR_BITS	17

/**
 * struct cxl_leo_ras_counts - per-device RAS error counters
 * @cor: correctable errors, indexed by Correctable Error Status bit
 * @uncor: uncorrectable errors, indexed by Uncorrectable Error Status bit
 * @cor_total: correctable error reports (one report may set several bits)
 * @uncor_total: uncorrectable error reports
 */
struct cxl_leo_ras_counts {
	atomic64_t cor[CXL_LEO_RAS_COR_BITS];
	atomic64_t uncor[CXL_LEO_RAS_UNCOR_BITS];
	atomic64_t cor_total;
	atomic64_t uncor_total;
};

/**
 * enum cxl_leo_aer_plan - what an uncorrectable CXL RAS error does to the device
 * @CXL_LEO_AER_CORE: no memory of the device is online: the core's recovery
 *	(cxl_error_detected(): release the memdev, reset, re-attach)
 * @CXL_LEO_AER_KEEP: memory is online and the link still works: keep the
 *	memdev, its decoders and the link; report the error
 * @CXL_LEO_AER_KEEP_RESET: memory is online but the link is frozen: the PCI
 *	core resets it whatever the driver answers; keep the memdev (releasing
 *	it would also uncommit the host bridge's decoders) and report what the
 *	reset did to the decoders
 * @CXL_LEO_AER_DISCONNECT: the device is gone for good
 */
enum cxl_leo_aer_plan {
	CXL_LEO_AER_CORE,
	CXL_LEO_AER_KEEP,
	CXL_LEO_AER_KEEP_RESET,
	CXL_LEO_AER_DISCONNECT,
};

/* The PCI error recovery states, as pci_channel_state_t numbers them. */
enum cxl_leo_aer_channel {
	CXL_LEO_AER_IO_NORMAL = 1,
	CXL_LEO_AER_IO_FROZEN = 2,
	CXL_LEO_AER_IO_PERM_FAILURE = 3,
};

enum cxl_leo_aer_plan cxl_leo_aer_plan(enum cxl_leo_aer_channel channel, bool memory_online);
const char *cxl_leo_ras_bit_name(bool uncorrectable, unsigned int bit);
void cxl_leo_ras_count(struct cxl_leo_ras_counts *counts, bool uncorrectable, u32 status);

#endif /* CXL_LEO_RAS_DECODE_H */
