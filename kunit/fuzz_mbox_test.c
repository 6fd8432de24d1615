// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit fuzzing: the mailbox transport against a device whose output
 * lengths, return codes and background status are arbitrary. The fake's
 * payload registers and the caller's buffers are allocated to exactly
 * their sizes and copied without clipping, so any transfer the transport
 * sizes wrongly is a KASAN report.
 */
#include <kunit/test.h>
#include <linux/bitfield.h>
#include <linux/string.h>
#include "fuzz.h"
#include "transport.h"

struct strict_mbox {
	u32 ctrl;
	u64 cmd, status, bg_status;
	u8 *regs;
	size_t size;
	/* The device's answer to the next doorbell. */
	bool stuck;
	u16 reply_rc;
	u32 reply_len;
	/* What it saw. */
	unsigned int rings;
	u16 opcode;
	u32 in_len;
	const void *expect_in;
	bool in_mismatch;
	bool overrun;
	struct fuzz *fz;
};

static u32 strict_read32(void *ctx, unsigned int off)
{
	struct strict_mbox *m = ctx;

	return off == CXL_LEO_MBOX_CTRL ? m->ctrl : 0;
}

static u64 strict_read64(void *ctx, unsigned int off)
{
	struct strict_mbox *m = ctx;

	switch (off) {
	case CXL_LEO_MBOX_CMD:
		return m->cmd;
	case CXL_LEO_MBOX_STATUS:
		return m->status;
	case CXL_LEO_MBOX_BG_STATUS:
		return m->bg_status;
	}
	return 0;
}

static void strict_ring(struct strict_mbox *m)
{
	m->rings++;
	m->opcode = FIELD_GET(CXL_LEO_MBOX_CMD_OPCODE, m->cmd);
	m->in_len = FIELD_GET(CXL_LEO_MBOX_CMD_LENGTH, m->cmd);
	if (m->in_len > m->size || (m->in_len && memcmp(m->regs, m->expect_in, m->in_len)))
		m->in_mismatch = true;
	if (m->stuck)
		return;
	fuzz_bytes(m->fz, m->regs, m->size);
	m->status = FIELD_PREP(CXL_LEO_MBOX_STATUS_RC, m->reply_rc);
	m->cmd = FIELD_PREP(CXL_LEO_MBOX_CMD_OPCODE, m->opcode) |
		 FIELD_PREP(CXL_LEO_MBOX_CMD_LENGTH, m->reply_len);
	m->ctrl &= ~CXL_LEO_MBOX_CTRL_DOORBELL;
}

static void strict_write32(void *ctx, unsigned int off, u32 val)
{
	struct strict_mbox *m = ctx;

	if (off != CXL_LEO_MBOX_CTRL)
		return;
	m->ctrl = val;
	if (val & CXL_LEO_MBOX_CTRL_DOORBELL)
		strict_ring(m);
}

static void strict_write64(void *ctx, unsigned int off, u64 val)
{
	struct strict_mbox *m = ctx;

	if (off == CXL_LEO_MBOX_CMD)
		m->cmd = val;
}

/* No clipping here: a length beyond either buffer is for KASAN to see. */
static void strict_read_payload(void *ctx, void *dst, size_t len)
{
	struct strict_mbox *m = ctx;

	m->overrun |= len > m->size;
	memcpy(dst, m->regs, len);
}

static void strict_write_payload(void *ctx, const void *src, size_t len)
{
	struct strict_mbox *m = ctx;

	m->overrun |= len > m->size;
	memcpy(m->regs, src, len);
}

static const struct cxl_leo_regs_ops strict_ops = {
	.read32 = strict_read32,
	.read64 = strict_read64,
	.write32 = strict_write32,
	.write64 = strict_write64,
	.read_payload = strict_read_payload,
	.write_payload = strict_write_payload,
};

/* A length near the ones that matter: 0, the caller's buffer, the registers, the field. */
static u32 length_near(struct fuzz *fz, size_t cap, size_t size)
{
	switch (fuzz_below(fz, 6)) {
	case 0:
		return fuzz_around(fz, 0);
	case 1:
		return fuzz_around(fz, cap);
	case 2:
		return fuzz_around(fz, size);
	case 3:
		return FIELD_MAX(CXL_LEO_MBOX_CMD_LENGTH) - fuzz_below(fz, 2);
	case 4:
		return fuzz_below(fz, size + 1);
	default:
		return fuzz_u32(fz) & FIELD_MAX(CXL_LEO_MBOX_CMD_LENGTH);
	}
}

/* The output the transport reports: what the device said, clipped, or nothing. */
static int check_output(struct kunit *test, const struct strict_mbox *m,
			const struct cxl_leo_xfer *x, size_t cap, int rc)
{
	size_t want;

	if (m->reply_len > m->size) {
		KUNIT_ASSERT_EQ(test, rc, -EIO);
		KUNIT_ASSERT_EQ(test, x->size_out, 0);
		return rc;
	}
	KUNIT_ASSERT_EQ(test, rc, 0);
	want = min_t(size_t, m->reply_len, x->payload_out ? cap : 0);
	KUNIT_ASSERT_EQ(test, x->size_out, want);
	if (want)
		KUNIT_ASSERT_EQ(test, memcmp(x->payload_out, m->regs, want), 0);
	return rc;
}

static void fuzz_mbox_transfers(struct kunit *test)
{
	static const size_t sizes[] = { 256, 512, 1024, 2048, 4096 };
	struct fuzz *fz = fuzz_start(test);
	struct strict_mbox *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	while (fuzz_next(fz)) {
		size_t size = sizes[fuzz_below(fz, ARRAY_SIZE(sizes))];
		struct cxl_leo_transport t = {
			.ops = &strict_ops, .ctx = m, .payload_size = size,
			.doorbell_timeout_us = 100,
		};
		size_t in_len = length_near(fz, size, size) % (2 * size + 2);
		size_t cap = length_near(fz, size, size) % (size + 64);
		bool busy = fuzz_chance(fz, 32);
		struct cxl_leo_xfer x = {
			.opcode = fuzz_u32(fz),
			.size_in = in_len,
			.size_out = cap,
		};
		int rc, want;

		*m = (struct strict_mbox) {
			.regs = fuzz_alloc(fz, size), .size = size, .fz = fz,
			.ctrl = busy ? CXL_LEO_MBOX_CTRL_DOORBELL : 0,
			.stuck = fuzz_chance(fz, 64),
			.reply_rc = fuzz_chance(fz, 2) ? 0 : fuzz_chance(fz, 2) ?
				    CXL_LEO_MBOX_RC_BACKGROUND : fuzz_u32(fz),
		};
		m->reply_len = length_near(fz, cap, size);
		if (!fuzz_chance(fz, 16))
			x.payload_in = in_len <= size ? fuzz_alloc(fz, in_len) : NULL;
		if (!fuzz_chance(fz, 8))
			x.payload_out = fuzz_alloc(fz, cap);
		m->expect_in = x.payload_in;

		rc = cxl_leo_transport_submit(&t, &x);
		KUNIT_ASSERT_FALSE(test, m->overrun);
		if (in_len > size)
			want = -E2BIG;
		else if (in_len && !x.payload_in)
			want = -EINVAL;
		else if (busy)
			want = -EBUSY;
		else if (m->stuck)
			want = -ETIMEDOUT;
		else
			want = 0;
		if (want || m->reply_len <= size || m->reply_rc != CXL_LEO_MBOX_RC_SUCCESS)
			KUNIT_ASSERT_EQ(test, rc, want);
		/* Refused commands never reach the device. */
		KUNIT_ASSERT_EQ(test, m->rings, want && want != -ETIMEDOUT ? 0 : 1);
		if (m->rings) {
			KUNIT_ASSERT_FALSE(test, m->in_mismatch);
			KUNIT_ASSERT_EQ(test, m->opcode, x.opcode);
			KUNIT_ASSERT_EQ(test, m->in_len, in_len);
		}
		if (want)
			continue;
		KUNIT_ASSERT_EQ(test, x.return_code, m->reply_rc);
		KUNIT_ASSERT_EQ(test, x.background, m->reply_rc == CXL_LEO_MBOX_RC_BACKGROUND);
		if (m->reply_rc == CXL_LEO_MBOX_RC_SUCCESS) {
			if (!check_output(test, m, &x, cap, rc))
				fuzz_accepted(fz);
		} else if (!x.background) {
			KUNIT_ASSERT_EQ(test, x.size_out, 0);
		} else {
			/* Later: the background command reports completion, or not. */
			u16 bg_rc = fuzz_chance(fz, 2) ? 0 : fuzz_u32(fz);
			u16 bg_op = fuzz_chance(fz, 8) ? fuzz_u32(fz) : x.opcode;
			u8 pct = fuzz_chance(fz, 2) ? 100 : fuzz_around(fz, 100) & 0x7f;

			if (fuzz_chance(fz, 8))
				pct = fuzz_u32(fz) & 0x7f;
			m->bg_status = FIELD_PREP(CXL_LEO_MBOX_BG_OPCODE, bg_op) |
				       FIELD_PREP(CXL_LEO_MBOX_BG_PERCENT, pct) |
				       FIELD_PREP(CXL_LEO_MBOX_BG_RC, bg_rc);
			m->reply_len = length_near(fz, cap, size);
			m->cmd = FIELD_PREP(CXL_LEO_MBOX_CMD_LENGTH, m->reply_len);
			rc = cxl_leo_transport_finish_bg(&t, &x);
			KUNIT_ASSERT_FALSE(test, m->overrun);
			if (pct != 100) {
				KUNIT_ASSERT_EQ(test, rc, -EAGAIN);
				KUNIT_ASSERT_EQ(test, x.size_out, cap);
			} else if (bg_op != x.opcode) {
				KUNIT_ASSERT_EQ(test, rc, -EIO);
				KUNIT_ASSERT_EQ(test, x.size_out, 0);
			} else if (bg_rc) {
				KUNIT_ASSERT_EQ(test, rc, 0);
				KUNIT_ASSERT_EQ(test, x.return_code, bg_rc);
				KUNIT_ASSERT_EQ(test, x.size_out, 0);
			} else if (!check_output(test, m, &x, cap, rc)) {
				fuzz_accepted(fz);
			}
		}
		KUNIT_ASSERT_FALSE(test, cxl_leo_doorbell_busy(&t));
	}
	fuzz_finish(fz, 50);
}

static void fuzz_mbox_registers(struct kunit *test)
{
	struct fuzz *fz = fuzz_start(test);

	while (fuzz_next(fz)) {
		u32 caps_reg = fuzz_u32(fz);
		u64 bg_reg = fuzz_u64(fz);
		unsigned int shift;
		unsigned int pct;
		struct cxl_leo_mbox_caps caps;
		struct cxl_leo_bg_status bg;
		int rc;

		/* Every payload size encoding, with the other bits random. */
		if (fuzz_chance(fz, 2))
			caps_reg = (caps_reg & ~CXL_LEO_MBOX_CAPS_PAYLOAD_SHIFT) |
				   fuzz_below(fz, 32);
		shift = FIELD_GET(CXL_LEO_MBOX_CAPS_PAYLOAD_SHIFT, caps_reg);

		rc = cxl_leo_mbox_caps(caps_reg, &caps);
		KUNIT_ASSERT_EQ(test, rc, shift < 8 ? -ENXIO : 0);
		KUNIT_ASSERT_EQ(test, caps.payload_size, (size_t)1 << min(shift, 20U));
		KUNIT_ASSERT_EQ(test, caps.bg_irq, !!(caps_reg & CXL_LEO_MBOX_CAPS_BG_IRQ));
		KUNIT_ASSERT_EQ(test, caps.irq_msgnum,
				FIELD_GET(CXL_LEO_MBOX_CAPS_IRQ_MSGNUM, caps_reg));

		if (fuzz_chance(fz, 2))
			bg_reg = (bg_reg & ~CXL_LEO_MBOX_BG_PERCENT) |
				 FIELD_PREP(CXL_LEO_MBOX_BG_PERCENT, fuzz_around(fz, 100) & 0x7f);
		pct = FIELD_GET(CXL_LEO_MBOX_BG_PERCENT, bg_reg);
		cxl_leo_bg_status_decode(bg_reg, &bg);
		/* Finished only when the device says exactly 100. */
		KUNIT_ASSERT_EQ(test, bg.percent, pct > 100 ? 99 : pct);
		KUNIT_ASSERT_EQ(test, bg.opcode, FIELD_GET(CXL_LEO_MBOX_BG_OPCODE, bg_reg));
		KUNIT_ASSERT_EQ(test, bg.return_code, FIELD_GET(CXL_LEO_MBOX_BG_RC, bg_reg));
		if (!rc)
			fuzz_accepted(fz);
	}
	fuzz_finish(fz, 100);
}

static struct kunit_case fuzz_mbox_cases[] = {
	KUNIT_CASE_SLOW(fuzz_mbox_transfers),
	KUNIT_CASE_SLOW(fuzz_mbox_registers),
	{}
};

static struct kunit_suite fuzz_mbox_suite = {
	.name = "cxl_leo_fuzz_mbox",
	.test_cases = fuzz_mbox_cases,
};

kunit_test_suite(fuzz_mbox_suite);
