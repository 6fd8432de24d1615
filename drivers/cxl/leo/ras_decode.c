// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decoding of the CXL RAS capability's error status registers into named
 * per-device counters (CXL r3.1 8.2.4.17.1 Uncorrectable Error Status,
 * 8.2.4.17.5 Correctable Error Status).
 */
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/bitmap.h>
#include <linux/export.h>
#include <kunit/visibility.h>
#include "ras_decode.h"

/* Names are sysfs file suffixes: keep them stable (Documentation/ABI). */
static const char * const ras_cor_names[CXL_LEO_RAS_COR_BITS] = {
	"cache_data_ecc", "mem_data_ecc", "crc_threshold", "retry_threshold",
	"cache_poison_received", "mem_poison_received", "physical_layer_error",
};

static const char * const ras_uncor_names[CXL_LEO_RAS_UNCOR_BITS] = {
	"cache_data_parity", "cache_address_parity", "cache_be_parity",
	"cache_data_ecc", "mem_data_parity", "mem_address_parity", "mem_be_parity",
	"mem_data_ecc", "reinit_threshold", "rsvd_encoding_violation",
	"poison_received", "receiver_overflow", NULL, NULL, "internal_error",
	"cxl_ide_tx_error", "cxl_ide_rx_error",
};

/**
 * cxl_leo_ras_bit_name() - name of a RAS status bit
 * @uncorrectable: which status register
 * @bit: bit number
 *
 * Return: a static name, or NULL for reserved and out-of-range bits.
 */
const char *cxl_leo_ras_bit_name(bool uncorrectable, unsigned int bit)
{
	if (uncorrectable)
		return bit < CXL_LEO_RAS_UNCOR_BITS ? ras_uncor_names[bit] : NULL;
	return bit < CXL_LEO_RAS_COR_BITS ? ras_cor_names[bit] : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ras_bit_name);

/**
 * cxl_leo_ras_count() - account one error report
 * @counts: the device's counters
 * @uncorrectable: @status is from the Uncorrectable Error Status register
 * @status: the register value the core traced
 *
 * Every defined bit set in @status bumps its counter; reserved bits are
 * ignored (a device that sets them is reporting nothing we can name), but
 * the report itself is still counted in the total.
 */
void cxl_leo_ras_count(struct cxl_leo_ras_counts *counts, bool uncorrectable, u32 status)
{
	unsigned long bits = status;
	unsigned int bit;

	if (uncorrectable) {
		atomic64_inc(&counts->uncor_total);
		for_each_set_bit(bit, &bits, CXL_LEO_RAS_UNCOR_BITS)
			if (ras_uncor_names[bit])
				atomic64_inc(&counts->uncor[bit]);
	} else {
		atomic64_inc(&counts->cor_total);
		for_each_set_bit(bit, &bits, CXL_LEO_RAS_COR_BITS)
			atomic64_inc(&counts->cor[bit]);
	}
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ras_count);

/**
 * cxl_leo_aer_plan() - choose the recovery for an uncorrectable error
 * @channel: the state the PCI core reports (normal, frozen, failed)
 * @memory_online: a memory block decoded by the device is online
 *
 * Tearing the decoders down under online memory turns every later access
 * into a bus error or garbage, with nothing to say so; cxl_leo keeps them
 * whenever memory is online and reports instead (Documentation/ras.rst).
 *
 * Return: the plan.
 */
enum cxl_leo_aer_plan cxl_leo_aer_plan(enum cxl_leo_aer_channel channel, bool memory_online)
{
	switch (channel) {
	case CXL_LEO_AER_IO_NORMAL:
		return memory_online ? CXL_LEO_AER_KEEP : CXL_LEO_AER_CORE;
	case CXL_LEO_AER_IO_FROZEN:
		return memory_online ? CXL_LEO_AER_KEEP_RESET : CXL_LEO_AER_CORE;
	case CXL_LEO_AER_IO_PERM_FAILURE:
		return CXL_LEO_AER_DISCONNECT;
	}
	return memory_online ? CXL_LEO_AER_KEEP_RESET : CXL_LEO_AER_CORE;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_aer_plan);
