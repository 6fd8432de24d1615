// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading what a device decodes from its committed HDM decoders. Decoders
 * commit in order (CXL r3.1 8.2.4.20.12), and each one's device range starts
 * where the previous one's ended plus its own DPA skip, so the walk starts
 * at decoder 0, carries the DPA base, and ends at the first decoder that is
 * not committed. A device that is gone reads all ones: nothing decoded.
 */
#include <linux/bitfield.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <kunit/visibility.h>
#include "hdm_decode.h"

/**
 * cxl_leo_hdm_decoder_count() - decoders an HDM decoder capability has
 * @cap: its capability register
 * @block_size: bytes of the register block mapped
 *
 * Return: the count the capability states (1, or twice the field), at most
 * as many as fit in @block_size.
 */
int cxl_leo_hdm_decoder_count(u32 cap, size_t block_size)
{
	int n = FIELD_GET(CXL_LEO_HDM_CAP_COUNT, cap);

	n = n ? n * 2 : 1;
	if (block_size < CXL_LEO_HDM_BASE_LO(0))
		return 0;
	return min_t(size_t, n, (block_size - CXL_LEO_HDM_BASE_LO(0)) / 0x20);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_hdm_decoder_count);

static u64 read64(const struct cxl_leo_hdm_regs *r, unsigned int lo, unsigned int hi)
{
	return ((u64)r->read(r->ctx, hi) << 32) | (r->read(r->ctx, lo) & CXL_LEO_HDM_ADDR_LO);
}

/* Interleave ways from their encoding (CXL r3.1 8.2.4.20.7); 0 if reserved. */
static unsigned int ways_of(unsigned int eiw)
{
	if (eiw <= 4)
		return 1U << eiw;
	if (eiw >= 8 && eiw <= 10)
		return 3U << (eiw - 8);
	return 0;
}

/**
 * cxl_leo_hdm_walk_next() - step to the next committed decoder
 * @w: the walk
 *
 * Return: true with @w->m set, false past the last committed decoder.
 */
bool cxl_leo_hdm_walk_next(struct cxl_leo_hdm_walk *w)
{
	const struct cxl_leo_hdm_regs *r = w->regs;
	int i = w->next;
	unsigned int ways;
	u64 base, size, skip;
	u32 ctrl;

	if (i >= r->nr_decoders)
		return false;
	ctrl = r->read(r->ctx, CXL_LEO_HDM_CTRL(i));
	if (ctrl == U32_MAX || !(ctrl & CXL_LEO_HDM_CTRL_COMMITTED))
		return false;
	ways = ways_of(FIELD_GET(CXL_LEO_HDM_CTRL_IW, ctrl));
	base = read64(r, CXL_LEO_HDM_BASE_LO(i), CXL_LEO_HDM_BASE_HI(i));
	size = read64(r, CXL_LEO_HDM_SIZE_LO(i), CXL_LEO_HDM_SIZE_HI(i));
	skip = read64(r, CXL_LEO_HDM_SKIP_LO(i), CXL_LEO_HDM_SKIP_HI(i));
	if (!ways || !size || base + size - 1 < base)
		return false;
	w->m.hpa_start = base;
	w->m.hpa_end = base + size - 1;
	w->m.dpa_start = w->dpa_base + skip;
	w->m.dpa_len = div_u64(size, ways);
	w->dpa_base = w->m.dpa_start + w->m.dpa_len;
	w->next = i + 1;
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_hdm_walk_next);

/**
 * cxl_leo_hdm_find_dpa() - the committed decoder that maps a device address
 * @regs: the registers
 * @dpa: device physical address
 * @m: its decoder's mapping, when found
 *
 * Return: true when a committed decoder maps @dpa (not its skipped part).
 */
bool cxl_leo_hdm_find_dpa(const struct cxl_leo_hdm_regs *regs, u64 dpa,
			  struct cxl_leo_hdm_map *m)
{
	struct cxl_leo_hdm_walk w = { .regs = regs };

	while (cxl_leo_hdm_walk_next(&w))
		if (dpa >= w.m.dpa_start && dpa - w.m.dpa_start < w.m.dpa_len) {
			*m = w.m;
			return true;
		}
	return false;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_hdm_find_dpa);
