/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a device's committed HDM decoders map (CXL r3.1 8.2.4.20), read
 * through a register seam so KUnit can run it against a fake register file.
 */
#ifndef CXL_LEO_HDM_DECODE_H
#define CXL_LEO_HDM_DECODE_H

#include <linux/bits.h>
#include <linux/types.h>

/* Offsets in the HDM Decoder Capability Structure (CXL r3.1 8.2.4.20). */
#define CXL_LEO_HDM_CAP			0x0
#define CXL_LEO_HDM_BASE_LO(i)		(0x10 + 0x20 * (i))
#define CXL_LEO_HDM_BASE_HI(i)		(0x14 + 0x20 * (i))
#define CXL_LEO_HDM_SIZE_LO(i)		(0x18 + 0x20 * (i))
#define CXL_LEO_HDM_SIZE_HI(i)		(0x1c + 0x20 * (i))
#define CXL_LEO_HDM_CTRL(i)		(0x20 + 0x20 * (i))
#define CXL_LEO_HDM_SKIP_LO(i)		(0x24 + 0x20 * (i))
#define CXL_LEO_HDM_SKIP_HI(i)		(0x28 + 0x20 * (i))
#define CXL_LEO_HDM_CAP_COUNT		GENMASK(3, 0)
#define CXL_LEO_HDM_CTRL_IW		GENMASK(7, 4)
#define CXL_LEO_HDM_CTRL_COMMITTED	BIT(10)
#define CXL_LEO_HDM_ADDR_LO		GENMASK(31, 28)	/* low words: 256 MiB units */

/**
 * struct cxl_leo_hdm_regs - a device's HDM decoder registers
 * @read: read the 32-bit register at a byte offset
 * @ctx: passed to @read
 * @nr_decoders: decoders the capability has (cxl_leo_hdm_decoder_count())
 */
struct cxl_leo_hdm_regs {
	u32 (*read)(const void *ctx, unsigned int offset);
	const void *ctx;
	int nr_decoders;
};

/**
 * struct cxl_leo_hdm_map - what one committed decoder maps
 * @hpa_start: first host physical address
 * @hpa_end: last host physical address
 * @dpa_start: first device physical address
 * @dpa_len: device bytes mapped (the host size over the interleave ways)
 */
struct cxl_leo_hdm_map {
	u64 hpa_start;
	u64 hpa_end;
	u64 dpa_start;
	u64 dpa_len;
};

/**
 * struct cxl_leo_hdm_walk - the committed decoders, in order
 * @regs: the registers
 * @next: the decoder to read next
 * @dpa_base: where the next decoder's device range starts, before its skip
 * @m: the current decoder's mapping
 *
 * Start with only @regs set.
 */
struct cxl_leo_hdm_walk {
	const struct cxl_leo_hdm_regs *regs;
	int next;
	u64 dpa_base;
	struct cxl_leo_hdm_map m;
};

int cxl_leo_hdm_decoder_count(u32 cap, size_t block_size);
bool cxl_leo_hdm_walk_next(struct cxl_leo_hdm_walk *w);
bool cxl_leo_hdm_find_dpa(const struct cxl_leo_hdm_regs *regs, u64 dpa,
			  struct cxl_leo_hdm_map *m);

#endif /* CXL_LEO_HDM_DECODE_H */
