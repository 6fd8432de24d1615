// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: Post Package Repair against a fake mailbox: the sPPR/hPPR
 * restriction flags decide what may run, and the Perform Maintenance
 * payload carries exactly the repair asked for.
 */
#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/sizes.h>
#include <linux/unaligned.h>
#include <uapi/cxl_leo/payloads.h>
#include "fake_mailbox.h"
#include "repair_policy.h"

static struct cxl_leo_ppr_caps caps_of(struct kunit *test, bool hard, u8 flags, u16 restrictions)
{
	struct cxl_leo_ppr_rd rd = {
		.op_class = CXL_LEO_MAINT_CLASS_PPR,
		.op_subclass = hard ? CXL_LEO_MAINT_SUBCLASS_HPPR : CXL_LEO_MAINT_SUBCLASS_SPPR,
		.ppr_flags = flags,
	};
	struct cxl_leo_ppr_caps caps = {};

	put_unaligned_le16(restrictions, &rd.restrictions);
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_decode(&rd, sizeof(rd), hard, &caps), 0);
	return caps;
}

static void ppr_decode_flags(struct kunit *test)
{
	struct cxl_leo_ppr_caps c;

	c = caps_of(test, false, CXL_LEO_PPR_FLAG_DPA | CXL_LEO_PPR_FLAG_NIBBLE, 0);
	KUNIT_EXPECT_FALSE(test, c.hard);
	KUNIT_EXPECT_TRUE(test, c.dpa_support);
	KUNIT_EXPECT_TRUE(test, c.nibble_support);
	KUNIT_EXPECT_TRUE(test, cxl_leo_ppr_safe_in_use(&c));

	c = caps_of(test, true, CXL_LEO_PPR_FLAG_DPA, CXL_LEO_PPR_RESTRICT_MEDIA);
	KUNIT_EXPECT_TRUE(test, c.hard);
	KUNIT_EXPECT_FALSE(test, c.nibble_support);
	KUNIT_EXPECT_FALSE(test, c.media_accessible);
	KUNIT_EXPECT_TRUE(test, c.data_retained);
	KUNIT_EXPECT_FALSE(test, cxl_leo_ppr_safe_in_use(&c));

	c = caps_of(test, false, CXL_LEO_PPR_FLAG_DPA, CXL_LEO_PPR_RESTRICT_DATA);
	KUNIT_EXPECT_TRUE(test, c.media_accessible);
	KUNIT_EXPECT_FALSE(test, c.data_retained);
	KUNIT_EXPECT_FALSE(test, cxl_leo_ppr_safe_in_use(&c));
}

static void ppr_decode_rejects(struct kunit *test)
{
	struct cxl_leo_ppr_rd rd = {
		.op_class = CXL_LEO_MAINT_CLASS_PPR,
		.op_subclass = CXL_LEO_MAINT_SUBCLASS_SPPR,
	};
	struct cxl_leo_ppr_caps c;

	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_decode(&rd, sizeof(rd) - 1, false, &c), -EIO);
	/* sPPR data offered as hPPR: a device that mixes them up is not trusted */
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_decode(&rd, sizeof(rd), true, &c), -EIO);
	rd.op_class = 0x02;			/* a sparing operation */
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_decode(&rd, sizeof(rd), false, &c), -EIO);
}

static void ppr_payload_is_the_request(struct kunit *test)
{
	struct cxl_leo_ppr_caps c = caps_of(test, true, CXL_LEO_PPR_FLAG_DPA |
					    CXL_LEO_PPR_FLAG_NIBBLE, 0);
	struct cxl_leo_ppr_request req = {
		.dpa = 0x12345678c0ULL, .nibble_mask = 0xa5b6c7, .capacity = SZ_128G,
		.record_seen = true, .confirmed = true,
	};
	struct cxl_leo_ppr_maintenance *in;
	struct fake_mbox *f = fake_mbox_new(test);
	const char *why;

	fake_mbox_answer(f, CXL_LEO_OP_PERFORM_MAINTENANCE, NULL, 0, 0);
	KUNIT_ASSERT_EQ(test, cxl_leo_ppr_perform(&f->sender, &c, &req, &why), 0);
	in = (void *)f->last_in;
	KUNIT_EXPECT_EQ(test, f->last_opcode, CXL_LEO_OP_PERFORM_MAINTENANCE);
	KUNIT_EXPECT_EQ(test, f->last_in_len, 14);
	KUNIT_EXPECT_EQ(test, in->op_class, CXL_LEO_MAINT_CLASS_PPR);
	KUNIT_EXPECT_EQ(test, in->op_subclass, CXL_LEO_MAINT_SUBCLASS_HPPR);
	KUNIT_EXPECT_EQ(test, in->flags, 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(&in->dpa), 0x12345678c0ULL);
	KUNIT_EXPECT_EQ(test, in->nibble_mask[0], 0xc7);
	KUNIT_EXPECT_EQ(test, in->nibble_mask[1], 0xb6);
	KUNIT_EXPECT_EQ(test, in->nibble_mask[2], 0xa5);

	req.query_only = true;
	KUNIT_ASSERT_EQ(test, cxl_leo_ppr_perform(&f->sender, &c, &req, &why), 0);
	KUNIT_EXPECT_EQ(test, in->flags, 1);

	/* Out of spare rows, or any other refusal: passed on as it came. */
	fake_mbox_answer(f, CXL_LEO_OP_PERFORM_MAINTENANCE, NULL, 0, -ENOSPC);
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_perform(&f->sender, &c, &req, &why), -ENOSPC);
}

static void ppr_restrictions_decide(struct kunit *test)
{
	static const struct {
		u8 flags;
		u16 restrictions;
		u32 nibble_mask;
		u64 dpa;
		bool in_use, allow_data_loss;
		int rc;
		bool record_seen;
	} cases[] = {
		/* safe while in use: online memory may be repaired where it failed */
		{ CXL_LEO_PPR_FLAG_DPA, 0, 0, SZ_1M, true, false, 0, true },
		{ CXL_LEO_PPR_FLAG_DPA, 0, 0, SZ_1M, true, false, -EINVAL, false },
		/* offline: soft PPR needs no record */
		{ CXL_LEO_PPR_FLAG_DPA, 0, 0, SZ_1M, false, false, 0, false },
		/* the device stalls memory: never while online, consent or not */
		{ CXL_LEO_PPR_FLAG_DPA, CXL_LEO_PPR_RESTRICT_MEDIA, 0, SZ_1M, true, true, -EBUSY },
		{ CXL_LEO_PPR_FLAG_DPA, CXL_LEO_PPR_RESTRICT_MEDIA, 0, SZ_1M, false, false, 0 },
		/* data lost: online refused; offline only with consent */
		{ CXL_LEO_PPR_FLAG_DPA, CXL_LEO_PPR_RESTRICT_DATA, 0, SZ_1M, true, true, -EBUSY },
		{ CXL_LEO_PPR_FLAG_DPA, CXL_LEO_PPR_RESTRICT_DATA, 0, SZ_1M, false, false,
		  -EINVAL },
		{ CXL_LEO_PPR_FLAG_DPA, CXL_LEO_PPR_RESTRICT_DATA, 0, SZ_1M, false, true, 0 },
		/* what the device cannot do */
		{ 0, 0, 0, SZ_1M, false, false, -EOPNOTSUPP },
		{ CXL_LEO_PPR_FLAG_DPA, 0, 0x1, SZ_1M, false, false, -EINVAL },
		{ CXL_LEO_PPR_FLAG_DPA | CXL_LEO_PPR_FLAG_NIBBLE, 0, 0x1000000, SZ_1M, false, false,
		  -EINVAL },
		{ CXL_LEO_PPR_FLAG_DPA, 0, 0, SZ_4G, false, false, -EINVAL },	/* past the end */
	};
	struct fake_mbox *f = fake_mbox_new(test);
	unsigned int i;

	fake_mbox_answer(f, CXL_LEO_OP_PERFORM_MAINTENANCE, NULL, 0, 0);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct cxl_leo_ppr_caps c = caps_of(test, false, cases[i].flags,
						    cases[i].restrictions);
		struct cxl_leo_ppr_request req = {
			.dpa = cases[i].dpa,
			.nibble_mask = cases[i].nibble_mask,
			.capacity = SZ_4G,
			.in_use = cases[i].in_use,
			.allow_data_loss = cases[i].allow_data_loss,
			.record_seen = cases[i].record_seen,
		};
		unsigned int calls = f->calls;
		const char *why = NULL;
		int rc = cxl_leo_ppr_perform(&f->sender, &c, &req, &why);

		KUNIT_EXPECT_EQ_MSG(test, rc, cases[i].rc, "case %u", i);
		/* A refused repair never reaches the device, and says why. */
		KUNIT_EXPECT_EQ_MSG(test, f->calls, calls + (rc ? 0 : 1), "case %u", i);
		if (rc)
			KUNIT_EXPECT_NOT_NULL_MSG(test, why, "case %u", i);
	}
}

static void ppr_decode_fuzz(struct kunit *test)
{
	struct cxl_leo_ppr_caps c;
	struct rnd_state rnd;
	u8 buf[32];
	unsigned int i, ok = 0;

	prandom_seed_state(&rnd, 0x0600);
	for (i = 0; i < 5000; i++) {
		size_t len = prandom_u32_state(&rnd) % sizeof(buf);

		prandom_bytes_state(&rnd, buf, len);
		if (len > 6 && i % 2) {
			buf[5] = CXL_LEO_MAINT_CLASS_PPR;
			buf[6] = i % 4 == 1;
		}
		if (!cxl_leo_ppr_decode(buf, len, i % 4 == 1, &c)) {
			ok++;
			KUNIT_ASSERT_GE(test, len, sizeof(struct cxl_leo_ppr_rd));
			KUNIT_ASSERT_EQ(test, c.hard, i % 4 == 1);
		}
	}
	KUNIT_EXPECT_GT(test, ok, 0);
}

static struct cxl_leo_ppr_caps caps_latency(struct kunit *test, bool hard, u8 max_latency)
{
	struct cxl_leo_ppr_rd rd = {
		.max_latency = max_latency,
		.op_class = CXL_LEO_MAINT_CLASS_PPR,
		.op_subclass = hard ? CXL_LEO_MAINT_SUBCLASS_HPPR : CXL_LEO_MAINT_SUBCLASS_SPPR,
		.ppr_flags = CXL_LEO_PPR_FLAG_DPA,
	};
	struct cxl_leo_ppr_caps caps = {};

	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_decode(&rd, sizeof(rd), hard, &caps), 0);
	return caps;
}

/* Perform Maintenance may run in the background: wait as long as the device says. */
static void ppr_waits_for_device_latency(struct kunit *test)
{
	struct cxl_leo_ppr_caps c = caps_latency(test, false, 8);	/* 10^8 us = 100 s */
	struct cxl_leo_ppr_request req = { .dpa = SZ_1M, .capacity = SZ_4G };
	struct fake_mbox *f = fake_mbox_new(test);
	const char *why;

	fake_mbox_answer(f, CXL_LEO_OP_PERFORM_MAINTENANCE, NULL, 0, 0);
	KUNIT_ASSERT_EQ(test, cxl_leo_ppr_perform(&f->sender, &c, &req, &why), 0);
	KUNIT_EXPECT_EQ(test, f->last_bg_budget_ms, 100000);
}

/* Still running after that wait: "in progress", passed on, never a failure. */
static void ppr_still_running_is_in_progress(struct kunit *test)
{
	struct cxl_leo_ppr_caps c = caps_latency(test, true, 5);
	struct cxl_leo_ppr_request req = {
		.dpa = SZ_1M, .capacity = SZ_4G, .record_seen = true, .confirmed = true,
	};
	struct fake_mbox *f = fake_mbox_new(test);
	const char *why;

	fake_mbox_answer(f, CXL_LEO_OP_PERFORM_MAINTENANCE, NULL, 0, -EINPROGRESS);
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_perform(&f->sender, &c, &req, &why), -EINPROGRESS);
	KUNIT_EXPECT_EQ(test, f->last_bg_budget_ms, 1000);
	KUNIT_EXPECT_NULL(test, why);
}

static void ppr_budget_from_max_latency(struct kunit *test)
{
	static const struct { u8 code; unsigned int ms; } cases[] = {
		{ 0x0, 1000 }, { 0x5, 1000 },		/* below the floor (QEMU: 5) */
		{ 0x7, 10000 }, { 0x8, 100000 }, { 0x9, 1000000 },
		{ 0xf, 1000000 },			/* reserved: the cap */
		{ 0xf7, 10000 },			/* bits 7:4 are not latency */
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, cxl_leo_ppr_budget_ms(cases[i].code), cases[i].ms,
				    "code %#x", cases[i].code);
}

/* Hard PPR: an error record this boot, then the operator's confirmation. */
static void ppr_hard_needs_record_and_confirmation(struct kunit *test)
{
	struct cxl_leo_ppr_caps c = caps_latency(test, true, 5);
	struct cxl_leo_ppr_request req = { .dpa = SZ_1M, .capacity = SZ_4G };
	struct fake_mbox *f = fake_mbox_new(test);
	const char *why;

	fake_mbox_answer(f, CXL_LEO_OP_PERFORM_MAINTENANCE, NULL, 0, 0);
	req.confirmed = true;
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_perform(&f->sender, &c, &req, &why), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, why);
	req.confirmed = false;
	req.record_seen = true;
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_perform(&f->sender, &c, &req, &why), -EPERM);
	KUNIT_EXPECT_NOT_NULL(test, why);
	KUNIT_EXPECT_EQ(test, f->calls, 0);
	req.confirmed = true;
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_perform(&f->sender, &c, &req, &why), 0);
	KUNIT_EXPECT_EQ(test, f->calls, 1);
	/* Asking whether spare rows remain changes nothing: no record needed. */
	req = (struct cxl_leo_ppr_request) { .dpa = SZ_1M, .capacity = SZ_4G, .query_only = true };
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_perform(&f->sender, &c, &req, &why), 0);
}

static void ppr_error_records_match(struct kunit *test)
{
	struct cxl_leo_err_records *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_EXPECT_FALSE(test, cxl_leo_err_record_match(r, 0, 0, false));
	/* General media: the cache line; the record's flag bits do not matter. */
	cxl_leo_err_record_add(r, 0x100000 | 0x7, 0, false);
	KUNIT_EXPECT_TRUE(test, cxl_leo_err_record_match(r, 0x100000, 0, false));
	KUNIT_EXPECT_TRUE(test, cxl_leo_err_record_match(r, 0x10003f, 0x5, false));
	KUNIT_EXPECT_FALSE(test, cxl_leo_err_record_match(r, 0x100040, 0, false));
	/* DRAM with a valid nibble mask: that mask only. */
	cxl_leo_err_record_add(r, 0x200000, 0x000f00, true);
	KUNIT_EXPECT_TRUE(test, cxl_leo_err_record_match(r, 0x200000, 0x000f00, false));
	KUNIT_EXPECT_FALSE(test, cxl_leo_err_record_match(r, 0x200000, 0x0000f0, false));
	KUNIT_EXPECT_FALSE(test, cxl_leo_err_record_match(r, 0x200000, 0, false));
	/* A device that repairs whole rows covers every nibble of the record. */
	KUNIT_EXPECT_TRUE(test, cxl_leo_err_record_match(r, 0x200000, 0, true));
	KUNIT_EXPECT_FALSE(test, cxl_leo_err_record_match(r, 0x200040, 0, true));
	/* A full ring forgets the oldest first. */
	for (i = 0; i < CXL_LEO_ERR_RECORDS - 1; i++)
		cxl_leo_err_record_add(r, 0x1000000 + i * 64, 0, false);
	KUNIT_EXPECT_FALSE(test, cxl_leo_err_record_match(r, 0x100000, 0, false));
	KUNIT_EXPECT_TRUE(test, cxl_leo_err_record_match(r, 0x200000, 0x000f00, false));
	KUNIT_EXPECT_EQ(test, r->count, CXL_LEO_ERR_RECORDS);
}

/*
 * The in-use check cannot miss memory coming online: a block counted as
 * onlining refuses the repair, a running repair refuses the block.
 */
static void ppr_gate_refuses_repair_while_block_onlining(struct kunit *test)
{
	struct cxl_leo_ppr_gate g = {};

	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_gate_going_online(&g, 0x100000, true), 0);
	/* Not online yet, so the in-use check would miss it: refused. */
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_gate_close(&g), -EBUSY);
	cxl_leo_ppr_gate_online_end(&g, 0x100000);
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_gate_close(&g), 0);
}

static void ppr_gate_refuses_onlining_during_repair(struct kunit *test)
{
	struct cxl_leo_ppr_gate g = {};

	KUNIT_ASSERT_EQ(test, cxl_leo_ppr_gate_close(&g), 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_gate_going_online(&g, 0x100000, true), -EBUSY);
	/* The core's MEM_CANCEL_ONLINE for the refused block counts nothing. */
	cxl_leo_ppr_gate_online_end(&g, 0x100000);
	KUNIT_EXPECT_FALSE(test, g.onlining);
	cxl_leo_ppr_gate_open(&g, false);
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_gate_going_online(&g, 0x100000, true), 0);
	/* Another block's end does not clear this one. */
	cxl_leo_ppr_gate_online_end(&g, 0x108000);
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_gate_close(&g), -EBUSY);
}

/* A repair still running after its wait keeps memory offline until it is done. */
static void ppr_gate_holds_for_repair_still_running(struct kunit *test)
{
	struct cxl_leo_ppr_gate g = {};

	KUNIT_ASSERT_EQ(test, cxl_leo_ppr_gate_close(&g), 0);
	cxl_leo_ppr_gate_open(&g, true);
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_gate_going_online(&g, 0x100000, false), -EBUSY);
	KUNIT_EXPECT_EQ(test, cxl_leo_ppr_gate_going_online(&g, 0x100000, true), 0);
	KUNIT_EXPECT_FALSE(test, g.orphan_holds);
}

static struct kunit_case repair_policy_cases[] = {
	KUNIT_CASE(ppr_decode_flags),
	KUNIT_CASE(ppr_decode_rejects),
	KUNIT_CASE(ppr_payload_is_the_request),
	KUNIT_CASE(ppr_restrictions_decide),
	KUNIT_CASE(ppr_decode_fuzz),
	KUNIT_CASE(ppr_waits_for_device_latency),
	KUNIT_CASE(ppr_still_running_is_in_progress),
	KUNIT_CASE(ppr_budget_from_max_latency),
	KUNIT_CASE(ppr_hard_needs_record_and_confirmation),
	KUNIT_CASE(ppr_error_records_match),
	KUNIT_CASE(ppr_gate_refuses_repair_while_block_onlining),
	KUNIT_CASE(ppr_gate_refuses_onlining_during_repair),
	KUNIT_CASE(ppr_gate_holds_for_repair_still_running),
	{}
};

static struct kunit_suite repair_policy_suite = {
	.name = "cxl_leo_repair_policy",
	.test_cases = repair_policy_cases,
};

kunit_test_suite(repair_policy_suite);
