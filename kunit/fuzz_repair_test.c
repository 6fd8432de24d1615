// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit fuzzing: sPPR/hPPR Feature payloads, the repair policy over what
 * they decode to, and the Perform Maintenance payload that results.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <uapi/cxl_leo/payloads.h>
#include "fake_mailbox.h"
#include "fuzz.h"
#include "repair_policy.h"

static int ppr_check_expected(const struct cxl_leo_ppr_caps *c,
			      const struct cxl_leo_ppr_request *r)
{
	bool safe = c->media_accessible && c->data_retained;

	if (!c->dpa_support)
		return -EOPNOTSUPP;
	if (r->dpa >= r->capacity || r->nibble_mask > 0xffffff ||
	    (r->nibble_mask && !c->nibble_support))
		return -EINVAL;
	if (r->query_only)
		return 0;
	if (r->in_use && !safe)
		return -EBUSY;
	/* Upstream's rule for memory in use, and always for a permanent repair. */
	if ((r->in_use || c->hard) && !r->record_seen)
		return -EINVAL;
	if (!c->data_retained && !r->allow_data_loss)
		return -EINVAL;
	if (c->hard && !r->confirmed)
		return -EPERM;
	return 0;
}

static void ppr_check_sent(struct kunit *test, const struct fake_mbox *f,
			   const struct cxl_leo_ppr_caps *c, const struct cxl_leo_ppr_request *r)
{
	const struct cxl_leo_ppr_maintenance *in = (const void *)f->last_in;

	KUNIT_ASSERT_EQ(test, f->last_opcode, CXL_LEO_OP_PERFORM_MAINTENANCE);
	KUNIT_ASSERT_EQ(test, f->last_in_len, sizeof(*in));
	KUNIT_ASSERT_EQ(test, in->op_class, CXL_LEO_MAINT_CLASS_PPR);
	KUNIT_ASSERT_EQ(test, in->op_subclass,
			c->hard ? CXL_LEO_MAINT_SUBCLASS_HPPR : CXL_LEO_MAINT_SUBCLASS_SPPR);
	KUNIT_ASSERT_EQ(test, in->flags, r->query_only ? 1 : 0);
	KUNIT_ASSERT_EQ(test, get_unaligned_le64(&in->dpa), r->dpa);
	KUNIT_ASSERT_EQ(test, in->nibble_mask[0] | in->nibble_mask[1] << 8 |
			in->nibble_mask[2] << 16, r->nibble_mask);
}

static void fuzz_ppr(struct kunit *test)
{
	static const struct fuzz_field ppr_fields[] = {
		FUZZ_FIELD(5, 1), FUZZ_FIELD(6, 1), FUZZ_FIELD(16, 1), FUZZ_FIELD(17, 2),
		FUZZ_FIELD(1, 2), FUZZ_FIELD(3, 2),
	};
	struct fuzz *fz = fuzz_start(test);
	struct fake_mbox *f = fake_mbox_new(test);

	while (fuzz_next(fz)) {
		struct cxl_leo_ppr_rd valid;
		const struct cxl_leo_ppr_rd *rd;
		struct cxl_leo_ppr_caps caps;
		struct cxl_leo_ppr_request req;
		bool hard = fuzz_chance(fz, 2);
		const char *why = "unset";
		unsigned int calls;
		u16 restrict_flags;
		int rc, want, mbox_rc;

		fuzz_bytes(fz, &valid, sizeof(valid));
		valid.op_class = CXL_LEO_MAINT_CLASS_PPR;
		valid.op_subclass = hard ^ fuzz_chance(fz, 16);
		rd = (const void *)fuzz_input(fz, &valid, sizeof(valid), sizeof(valid) + 8,
					      ppr_fields, ARRAY_SIZE(ppr_fields));
		memset(&caps, 0xa5, sizeof(caps));
		rc = cxl_leo_ppr_decode(rd, fz->len, hard, &caps);
		if (fz->len < sizeof(valid)) {
			KUNIT_ASSERT_EQ(test, rc, -EIO);
			continue;
		}
		want = rd->op_class == CXL_LEO_MAINT_CLASS_PPR && rd->op_subclass == hard ?
		       0 : -EIO;
		KUNIT_ASSERT_EQ(test, rc, want);
		if (rc)
			continue;
		fuzz_accepted(fz);
		restrict_flags = get_unaligned_le16(&rd->restrictions);
		KUNIT_ASSERT_EQ(test, caps.hard, hard);
		KUNIT_ASSERT_EQ(test, caps.dpa_support, rd->ppr_flags & CXL_LEO_PPR_FLAG_DPA);
		KUNIT_ASSERT_EQ(test, caps.nibble_support,
				!!(rd->ppr_flags & CXL_LEO_PPR_FLAG_NIBBLE));
		KUNIT_ASSERT_EQ(test, caps.media_accessible,
				!(restrict_flags & CXL_LEO_PPR_RESTRICT_MEDIA));
		KUNIT_ASSERT_EQ(test, caps.data_retained,
				!(restrict_flags & CXL_LEO_PPR_RESTRICT_DATA));

		/* A repair request at the edges of the device and of the mask. */
		req = (struct cxl_leo_ppr_request) {
			.capacity = fuzz_boundary(fz, 8),
			.nibble_mask = fuzz_chance(fz, 2) ? 0 : fuzz_around(fz, 0xffffff) & U32_MAX,
			.in_use = fuzz_chance(fz, 2),
			.allow_data_loss = fuzz_chance(fz, 2),
			.record_seen = !fuzz_chance(fz, 4),
			.confirmed = !fuzz_chance(fz, 4),
			.query_only = fuzz_chance(fz, 4),
		};
		req.dpa = fuzz_chance(fz, 2) ? fuzz_around(fz, req.capacity) : fuzz_boundary(fz, 8);
		if (fuzz_chance(fz, 4))
			req.nibble_mask = fuzz_u32(fz);
		want = ppr_check_expected(&caps, &req);
		KUNIT_ASSERT_EQ(test, cxl_leo_ppr_check(&caps, &req, &why), want);
		if (want)
			KUNIT_ASSERT_NOT_NULL(test, why);
		else
			KUNIT_ASSERT_NULL(test, why);

		mbox_rc = fuzz_chance(fz, 8) ? -EBUSY : 0;
		fake_mbox_answer(f, CXL_LEO_OP_PERFORM_MAINTENANCE, NULL, 0, mbox_rc);
		calls = f->calls;
		rc = cxl_leo_ppr_perform(&f->sender, &caps, &req, &why);
		if (want) {
			/* Refused repairs never reach the device. */
			KUNIT_ASSERT_EQ(test, rc, want);
			KUNIT_ASSERT_EQ(test, f->calls, calls);
			continue;
		}
		KUNIT_ASSERT_EQ(test, rc, mbox_rc);
		KUNIT_ASSERT_EQ(test, f->calls, calls + 1);
		ppr_check_sent(test, f, &caps, &req);
	}
	fuzz_finish(fz, 100);
}

static struct kunit_case fuzz_repair_cases[] = {
	KUNIT_CASE_SLOW(fuzz_ppr),
	{}
};

static struct kunit_suite fuzz_repair_suite = {
	.name = "cxl_leo_fuzz_repair",
	.test_cases = fuzz_repair_cases,
};

kunit_test_suite(fuzz_repair_suite);
