// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the mailbox doorbell protocol against a fake register file that
 * plays an honest device, a slow one, a stuck one and a lying one.
 */
#include <kunit/test.h>
#include <linux/bitfield.h>
#include <linux/prandom.h>
#include <linux/string.h>
#include "transport.h"

#define FAKE_PAYLOAD	512

struct fake_mbox {
	u32 ctrl;
	u64 cmd, status, bg_status;
	u8 payload[FAKE_PAYLOAD];
	/* What the "device" does when the doorbell rings. */
	bool stuck;		/* never clears the doorbell */
	u16 reply_rc;
	u32 reply_len;		/* reported output length, may lie */
	u8 reply_byte;		/* output fill pattern */
	unsigned int rings;
	u16 last_opcode;
	u32 last_len;
	u8 last_in[FAKE_PAYLOAD];
	/* A background command: progress per wait_bg() millisecond. */
	unsigned int bg_ms_total;	/* how long the device takes */
	unsigned int bg_ms_done;
	u16 bg_rc;
	bool wake_spuriously;		/* wait_bg() returns at once, no progress */
	unsigned int waits, waited_ms;
};

static void fake_bg_update(struct fake_mbox *f)
{
	unsigned int pct = f->bg_ms_total ? 100 * f->bg_ms_done / f->bg_ms_total : 100;

	pct = min(pct, 100U);
	f->bg_status = FIELD_PREP(CXL_LEO_MBOX_BG_OPCODE, f->last_opcode) |
		       FIELD_PREP(CXL_LEO_MBOX_BG_PERCENT, pct) |
		       FIELD_PREP(CXL_LEO_MBOX_BG_RC, pct == 100 ? f->bg_rc : 0);
	if (pct == 100)
		f->status &= ~CXL_LEO_MBOX_STATUS_BG_OP;
}

static u32 fake_read32(void *ctx, unsigned int off)
{
	struct fake_mbox *f = ctx;

	return off == CXL_LEO_MBOX_CTRL ? f->ctrl : 0;
}

static u64 fake_read64(void *ctx, unsigned int off)
{
	struct fake_mbox *f = ctx;

	switch (off) {
	case CXL_LEO_MBOX_CMD:
		return f->cmd;
	case CXL_LEO_MBOX_STATUS:
		return f->status;
	case CXL_LEO_MBOX_BG_STATUS:
		return f->bg_status;
	}
	return 0;
}

static void fake_ring(struct fake_mbox *f)
{
	f->rings++;
	f->last_opcode = FIELD_GET(CXL_LEO_MBOX_CMD_OPCODE, f->cmd);
	f->last_len = FIELD_GET(CXL_LEO_MBOX_CMD_LENGTH, f->cmd);
	memcpy(f->last_in, f->payload, min_t(u32, f->last_len, FAKE_PAYLOAD));
	if (f->stuck)
		return;
	memset(f->payload, f->reply_byte, sizeof(f->payload));
	f->status = FIELD_PREP(CXL_LEO_MBOX_STATUS_RC, f->reply_rc);
	f->cmd = FIELD_PREP(CXL_LEO_MBOX_CMD_OPCODE, f->last_opcode) |
		 FIELD_PREP(CXL_LEO_MBOX_CMD_LENGTH, f->reply_len);
	f->ctrl &= ~CXL_LEO_MBOX_CTRL_DOORBELL;
	if (f->reply_rc == CXL_LEO_MBOX_RC_BACKGROUND && f->bg_ms_total) {
		f->status |= CXL_LEO_MBOX_STATUS_BG_OP;
		f->bg_ms_done = 0;
		fake_bg_update(f);
	}
}

static void fake_write32(void *ctx, unsigned int off, u32 val)
{
	struct fake_mbox *f = ctx;

	if (off != CXL_LEO_MBOX_CTRL)
		return;
	f->ctrl = val;
	if (val & CXL_LEO_MBOX_CTRL_DOORBELL)
		fake_ring(f);
}

static void fake_write64(void *ctx, unsigned int off, u64 val)
{
	struct fake_mbox *f = ctx;

	if (off == CXL_LEO_MBOX_CMD)
		f->cmd = val;
}

static void fake_read_payload(void *ctx, void *dst, size_t len)
{
	struct fake_mbox *f = ctx;

	memcpy(dst, f->payload, min_t(size_t, len, FAKE_PAYLOAD));
}

static void fake_write_payload(void *ctx, const void *src, size_t len)
{
	struct fake_mbox *f = ctx;

	memcpy(f->payload, src, min_t(size_t, len, FAKE_PAYLOAD));
}

static unsigned int fake_wait_bg(void *ctx, unsigned int max_ms)
{
	struct fake_mbox *f = ctx;

	f->waits++;
	if (f->wake_spuriously)
		return 0;
	f->waited_ms += max_ms;
	f->bg_ms_done += max_ms;
	fake_bg_update(f);
	return max_ms;
}

static const struct cxl_leo_regs_ops fake_ops = {
	.read32 = fake_read32,
	.read64 = fake_read64,
	.write32 = fake_write32,
	.write64 = fake_write64,
	.read_payload = fake_read_payload,
	.write_payload = fake_write_payload,
	.wait_bg = fake_wait_bg,
};

static struct fake_mbox *fake_new(struct kunit *test, struct cxl_leo_transport *t)
{
	struct fake_mbox *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	*t = (struct cxl_leo_transport) {
		.ops = &fake_ops,
		.ctx = f,
		.payload_size = FAKE_PAYLOAD,
		.doorbell_timeout_us = 2000,
	};
	return f;
}

static void mbox_sends_opcode_and_input(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	u8 in[16] = { 1, 2, 3, 4 };
	struct cxl_leo_xfer x = { .opcode = 0x4102, .payload_in = in, .size_in = sizeof(in) };

	KUNIT_ASSERT_EQ(test, cxl_leo_transport_submit(&t, &x), 0);
	KUNIT_EXPECT_EQ(test, f->rings, 1);
	KUNIT_EXPECT_EQ(test, f->last_opcode, 0x4102);
	KUNIT_EXPECT_EQ(test, f->last_len, sizeof(in));
	KUNIT_EXPECT_EQ(test, memcmp(f->last_in, in, sizeof(in)), 0);
	KUNIT_EXPECT_EQ(test, x.return_code, CXL_LEO_MBOX_RC_SUCCESS);
	KUNIT_EXPECT_FALSE(test, x.background);
}

static void mbox_copies_reported_output(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	u8 out[64] = {};
	struct cxl_leo_xfer x = { .opcode = 0x4000, .payload_out = out, .size_out = sizeof(out) };

	f->reply_len = 40;
	f->reply_byte = 0xa5;
	KUNIT_ASSERT_EQ(test, cxl_leo_transport_submit(&t, &x), 0);
	KUNIT_EXPECT_EQ(test, x.size_out, 40);
	KUNIT_EXPECT_EQ(test, out[0], 0xa5);
	KUNIT_EXPECT_EQ(test, out[39], 0xa5);
	KUNIT_EXPECT_EQ(test, out[40], 0);
}

static void mbox_truncates_output_to_caller_buffer(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	u8 out[8 + 8] = {};
	struct cxl_leo_xfer x = { .opcode = 0x0400, .payload_out = out, .size_out = 8 };

	f->reply_len = 200;
	f->reply_byte = 0x5a;
	KUNIT_ASSERT_EQ(test, cxl_leo_transport_submit(&t, &x), 0);
	KUNIT_EXPECT_EQ(test, x.size_out, 8);
	KUNIT_EXPECT_EQ(test, out[7], 0x5a);
	KUNIT_EXPECT_EQ(test, out[8], 0);	/* canary beyond the buffer */
}

static void mbox_rejects_output_longer_than_payload_area(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	u8 out[FAKE_PAYLOAD] = {};
	struct cxl_leo_xfer x = { .opcode = 0x4000, .payload_out = out, .size_out = sizeof(out) };

	f->reply_len = FAKE_PAYLOAD + 1;	/* the device lies */
	f->reply_byte = 0xff;
	KUNIT_EXPECT_EQ(test, cxl_leo_transport_submit(&t, &x), -EIO);
	KUNIT_EXPECT_EQ(test, x.size_out, 0);
	KUNIT_EXPECT_EQ(test, out[0], 0);
}

static void mbox_rejects_oversized_input(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	static u8 in[FAKE_PAYLOAD + 1];
	struct cxl_leo_xfer x = { .opcode = 0x4102, .payload_in = in, .size_in = sizeof(in) };

	KUNIT_EXPECT_EQ(test, cxl_leo_transport_submit(&t, &x), -E2BIG);
	KUNIT_EXPECT_EQ(test, f->rings, 0);

	x.payload_in = NULL;
	x.size_in = 4;
	KUNIT_EXPECT_EQ(test, cxl_leo_transport_submit(&t, &x), -EINVAL);
	KUNIT_EXPECT_EQ(test, f->rings, 0);
}

static void mbox_refuses_when_doorbell_already_set(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	struct cxl_leo_xfer x = { .opcode = 0x4000 };

	f->ctrl = CXL_LEO_MBOX_CTRL_DOORBELL;
	f->cmd = 0x1234;
	KUNIT_EXPECT_EQ(test, cxl_leo_transport_submit(&t, &x), -EBUSY);
	KUNIT_EXPECT_EQ(test, f->cmd, 0x1234);	/* the in-flight command is untouched */
	KUNIT_EXPECT_EQ(test, f->rings, 0);
}

static void mbox_times_out_on_stuck_doorbell(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	u8 out[16] = {};
	struct cxl_leo_xfer x = { .opcode = 0x4000, .payload_out = out, .size_out = sizeof(out) };

	f->stuck = true;
	KUNIT_EXPECT_EQ(test, cxl_leo_transport_submit(&t, &x), -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, f->rings, 1);
	KUNIT_EXPECT_EQ(test, cxl_leo_wait_doorbell(&t), -ETIMEDOUT);
}

static void mbox_error_rc_reads_no_output(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	u8 out[16] = {};
	struct cxl_leo_xfer x = { .opcode = 0x4200, .payload_out = out, .size_out = sizeof(out) };

	f->reply_rc = 0x15;	/* unsupported */
	f->reply_len = 16;
	f->reply_byte = 0x77;
	KUNIT_ASSERT_EQ(test, cxl_leo_transport_submit(&t, &x), 0);
	KUNIT_EXPECT_EQ(test, x.return_code, 0x15);
	KUNIT_EXPECT_EQ(test, x.size_out, 0);
	KUNIT_EXPECT_EQ(test, out[0], 0);
}

static void mbox_background_command_completes_later(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	u8 out[16] = {};
	struct cxl_leo_xfer x = { .opcode = 0x4304, .payload_out = out, .size_out = sizeof(out) };

	f->reply_rc = CXL_LEO_MBOX_RC_BACKGROUND;
	f->reply_len = 4;
	f->reply_byte = 0x11;
	KUNIT_ASSERT_EQ(test, cxl_leo_transport_submit(&t, &x), 0);
	KUNIT_EXPECT_TRUE(test, x.background);

	f->bg_status = FIELD_PREP(CXL_LEO_MBOX_BG_OPCODE, 0x4304) |
		       FIELD_PREP(CXL_LEO_MBOX_BG_PERCENT, 42);
	KUNIT_EXPECT_EQ(test, cxl_leo_transport_finish_bg(&t, &x), -EAGAIN);

	f->bg_status = FIELD_PREP(CXL_LEO_MBOX_BG_OPCODE, 0x4304) |
		       FIELD_PREP(CXL_LEO_MBOX_BG_PERCENT, 100);
	KUNIT_ASSERT_EQ(test, cxl_leo_transport_finish_bg(&t, &x), 0);
	KUNIT_EXPECT_FALSE(test, x.background);
	KUNIT_EXPECT_EQ(test, x.return_code, CXL_LEO_MBOX_RC_SUCCESS);
	KUNIT_EXPECT_EQ(test, x.size_out, 4);
	KUNIT_EXPECT_EQ(test, out[3], 0x11);
}

static void mbox_background_rejects_other_opcode(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	struct cxl_leo_xfer x = { .opcode = 0x4304 };

	f->reply_rc = CXL_LEO_MBOX_RC_BACKGROUND;
	KUNIT_ASSERT_EQ(test, cxl_leo_transport_submit(&t, &x), 0);
	f->bg_status = FIELD_PREP(CXL_LEO_MBOX_BG_OPCODE, 0x4400) |
		       FIELD_PREP(CXL_LEO_MBOX_BG_PERCENT, 100);
	KUNIT_EXPECT_EQ(test, cxl_leo_transport_finish_bg(&t, &x), -EIO);
}

static void mbox_bg_status_clamps_impossible_progress(struct kunit *test)
{
	struct cxl_leo_bg_status bg;

	cxl_leo_bg_status_decode(FIELD_PREP(CXL_LEO_MBOX_BG_OPCODE, 0x4400) |
				 FIELD_PREP(CXL_LEO_MBOX_BG_PERCENT, 127) |
				 FIELD_PREP(CXL_LEO_MBOX_BG_RC, 0x5), &bg);
	KUNIT_EXPECT_EQ(test, bg.opcode, 0x4400);
	KUNIT_EXPECT_EQ(test, bg.percent, 99);
	KUNIT_EXPECT_EQ(test, bg.return_code, 0x5);
}

/* CXL r3.1 8.2.8.4.7: a background command is waited for, not abandoned. */
static void mbox_background_waits_within_budget(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	struct cxl_leo_xfer x = { .opcode = 0x0600 };
	u8 last_pct = 0;
	int i;

	f->reply_rc = CXL_LEO_MBOX_RC_BACKGROUND;
	f->bg_ms_total = 1000;		/* the device takes a second */
	KUNIT_ASSERT_EQ(test, cxl_leo_transport_submit(&t, &x), 0);
	KUNIT_ASSERT_TRUE(test, x.background);
	KUNIT_EXPECT_TRUE(test, cxl_leo_bg_running(&t));
	KUNIT_EXPECT_EQ(test, cxl_leo_transport_await_bg(&t, &x, 2000), 0);
	KUNIT_EXPECT_FALSE(test, x.background);
	KUNIT_EXPECT_EQ(test, x.return_code, CXL_LEO_MBOX_RC_SUCCESS);
	/* Polled in CXL_LEO_BG_POLL_MS steps until done, not until the budget. */
	KUNIT_EXPECT_EQ(test, f->waited_ms, 1000);
	KUNIT_EXPECT_EQ(test, f->waits, 1000 / CXL_LEO_BG_POLL_MS);
	KUNIT_EXPECT_FALSE(test, cxl_leo_bg_running(&t));

	/* Progress as the device reports it only rises, and ends at 100. */
	f->bg_ms_done = 0;
	for (i = 0; i <= 10; i++) {
		struct cxl_leo_bg_status bg;

		fake_bg_update(f);
		cxl_leo_bg_status_decode(f->bg_status, &bg);
		KUNIT_EXPECT_GE(test, bg.percent, last_pct);
		last_pct = bg.percent;
		f->bg_ms_done += 100;
	}
	KUNIT_EXPECT_EQ(test, last_pct, 100);
}

/* The true outcome: a repair the device refuses in the background is a failure. */
static void mbox_background_reports_device_outcome(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	struct cxl_leo_xfer x = { .opcode = 0x0600 };

	f->reply_rc = CXL_LEO_MBOX_RC_BACKGROUND;
	f->bg_ms_total = 300;
	f->bg_rc = 0x0a;		/* "Busy" from CXL r3.1 Table 8-34 */
	KUNIT_ASSERT_EQ(test, cxl_leo_transport_submit(&t, &x), 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_transport_await_bg(&t, &x, 1000), 0);
	KUNIT_EXPECT_EQ(test, x.return_code, 0x0a);
}

/* Out of budget with the device still busy: "in progress", never "failed". */
static void mbox_background_budget_exhausted_is_in_progress(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	struct cxl_leo_xfer x = { .opcode = 0x0600 };

	f->reply_rc = CXL_LEO_MBOX_RC_BACKGROUND;
	f->bg_ms_total = 10000;
	KUNIT_ASSERT_EQ(test, cxl_leo_transport_submit(&t, &x), 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_transport_await_bg(&t, &x, 450), -EINPROGRESS);
	KUNIT_EXPECT_TRUE(test, x.background);
	KUNIT_EXPECT_EQ(test, f->waited_ms, 450);	/* the whole budget, no more */
	KUNIT_EXPECT_TRUE(test, cxl_leo_bg_running(&t));
}

/* Wake-ups that bring no completion cannot stretch the wait forever. */
static void mbox_background_spurious_wakeups_end(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	struct cxl_leo_xfer x = { .opcode = 0x4304 };

	f->reply_rc = CXL_LEO_MBOX_RC_BACKGROUND;
	f->bg_ms_total = 1000;
	f->wake_spuriously = true;
	KUNIT_ASSERT_EQ(test, cxl_leo_transport_submit(&t, &x), 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_transport_await_bg(&t, &x, 50), -EINPROGRESS);
	KUNIT_EXPECT_LE(test, f->waits, 50);
}

static void mbox_bg_opcode_names(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, cxl_leo_bg_opcode_name(0x4400), "sanitize");
	KUNIT_EXPECT_STREQ(test, cxl_leo_bg_opcode_name(0x0201), "transfer-firmware");
	KUNIT_EXPECT_STREQ(test, cxl_leo_bg_opcode_name(0x0600), "perform-maintenance");
	KUNIT_EXPECT_STREQ(test, cxl_leo_bg_opcode_name(0x4000), "unknown");
}

struct caps_case {
	const char *name;
	u32 reg;
	int rc;
	size_t payload_size;
	bool bg_irq;
	unsigned int msgnum;
};

static const struct caps_case caps_cases[] = {
	{ "256 bytes, no irq", 8, 0, 256, false, 0 },
	{ "2 KiB like QEMU, bg irq on vector 3", 11 | BIT(6) | (3 << 7), 0, 2048, true, 3 },
	{ "1 MiB", 20, 0, SZ_1M, false, 0 },
	{ "encodable 2 GiB capped at 1 MiB", 31, 0, SZ_1M, false, 0 },
	{ "128 bytes too small", 7, -ENXIO, 128, false, 0 },
	{ "0 encodes 1 byte", 0, -ENXIO, 1, false, 0 },
};

static void caps_case_desc(const struct caps_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(caps, caps_cases, caps_case_desc);

static void mbox_caps_decode(struct kunit *test)
{
	const struct caps_case *c = test->param_value;
	struct cxl_leo_mbox_caps caps;

	KUNIT_EXPECT_EQ(test, cxl_leo_mbox_caps(c->reg, &caps), c->rc);
	KUNIT_EXPECT_EQ(test, caps.payload_size, c->payload_size);
	KUNIT_EXPECT_EQ(test, caps.bg_irq, c->bg_irq);
	KUNIT_EXPECT_EQ(test, caps.irq_msgnum, c->msgnum);
}

/* Random device answers never overrun the caller's buffer nor go unreported. */
static void mbox_fuzz_device_replies(struct kunit *test)
{
	struct cxl_leo_transport t;
	struct fake_mbox *f = fake_new(test, &t);
	struct rnd_state rnd;
	u8 *out = kunit_kzalloc(test, FAKE_PAYLOAD + 16, GFP_KERNEL);
	int i, j;

	KUNIT_ASSERT_NOT_NULL(test, out);
	prandom_seed_state(&rnd, 0x1dfa01e2);
	for (i = 0; i < 2000; i++) {
		size_t cap = prandom_u32_state(&rnd) % (FAKE_PAYLOAD + 1);
		struct cxl_leo_xfer x = {
			.opcode = prandom_u32_state(&rnd),
			.payload_out = out,
			.size_out = cap,
		};
		int rc;

		f->reply_rc = prandom_u32_state(&rnd) % 3 ? 0 : prandom_u32_state(&rnd);
		f->reply_len = prandom_u32_state(&rnd) & (BIT(21) - 1);
		if (i & 1)
			f->reply_len %= FAKE_PAYLOAD * 2;
		f->reply_byte = 0xcc;
		memset(out, 0, FAKE_PAYLOAD + 16);

		rc = cxl_leo_transport_submit(&t, &x);
		KUNIT_ASSERT_TRUE(test, rc == 0 || rc == -EIO);
		KUNIT_ASSERT_LE(test, x.size_out, cap);
		for (j = cap; j < FAKE_PAYLOAD + 16; j++)
			KUNIT_ASSERT_EQ(test, out[j], 0);
		if (rc == -EIO)
			KUNIT_ASSERT_GT(test, f->reply_len, FAKE_PAYLOAD);
		if (rc == 0 && !x.background && f->reply_rc == 0)
			KUNIT_ASSERT_EQ(test, x.size_out, min_t(size_t, cap, f->reply_len));
		KUNIT_ASSERT_FALSE(test, cxl_leo_doorbell_busy(&t));
	}
}

static struct kunit_case transport_cases[] = {
	KUNIT_CASE(mbox_sends_opcode_and_input),
	KUNIT_CASE(mbox_copies_reported_output),
	KUNIT_CASE(mbox_truncates_output_to_caller_buffer),
	KUNIT_CASE(mbox_rejects_output_longer_than_payload_area),
	KUNIT_CASE(mbox_rejects_oversized_input),
	KUNIT_CASE(mbox_refuses_when_doorbell_already_set),
	KUNIT_CASE(mbox_times_out_on_stuck_doorbell),
	KUNIT_CASE(mbox_error_rc_reads_no_output),
	KUNIT_CASE(mbox_background_command_completes_later),
	KUNIT_CASE(mbox_background_rejects_other_opcode),
	KUNIT_CASE(mbox_bg_status_clamps_impossible_progress),
	KUNIT_CASE(mbox_background_waits_within_budget),
	KUNIT_CASE(mbox_background_reports_device_outcome),
	KUNIT_CASE(mbox_background_budget_exhausted_is_in_progress),
	KUNIT_CASE(mbox_background_spurious_wakeups_end),
	KUNIT_CASE(mbox_bg_opcode_names),
	KUNIT_CASE_PARAM(mbox_caps_decode, caps_gen_params),
	KUNIT_CASE(mbox_fuzz_device_replies),
	{}
};

static struct kunit_suite transport_suite = {
	.name = "cxl_leo_mbox_transport",
	.test_cases = transport_cases,
};

kunit_test_suite(transport_suite);
