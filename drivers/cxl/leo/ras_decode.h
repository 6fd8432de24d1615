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

const char *cxl_leo_ras_bit_name(bool uncorrectable, unsigned int bit);
void cxl_leo_ras_count(struct cxl_leo_ras_counts *counts, bool uncorrectable, u32 status);

#endif /* CXL_LEO_RAS_DECODE_H */
