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
	} cases[] = {
		/* safe while in use: online memory may be repaired */
		{ CXL_LEO_PPR_FLAG_DPA, 0, 0, SZ_1M, true, false, 0 },
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

static struct kunit_case repair_policy_cases[] = {
	KUNIT_CASE(ppr_decode_flags),
	KUNIT_CASE(ppr_decode_rejects),
	KUNIT_CASE(ppr_payload_is_the_request),
	KUNIT_CASE(ppr_restrictions_decide),
	KUNIT_CASE(ppr_decode_fuzz),
	{}
};

static struct kunit_suite repair_policy_suite = {
	.name = "cxl_leo_repair_policy",
	.test_cases = repair_policy_cases,
};

kunit_test_suite(repair_policy_suite);
