// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: Media Operations against a fake mailbox: the Discovery request and
 * what a reply is believed to offer (QEMU's, paged ones, lying ones), the
 * checks a range wipe passes before reaching the device, and the Sanitize
 * and Zero payloads that carry exactly the range asked for.
 */
#include <kunit/test.h>
#include <linux/sizes.h>
#include <linux/unaligned.h>
#include <uapi/cxl_leo/payloads.h>
#include "fake_mailbox.h"
#include "media_ops_policy.h"

#define BOTH	(BIT(CXL_LEO_MEDIA_OP_SANITIZE) | BIT(CXL_LEO_MEDIA_OP_ZERO))

/* A Discovery reply: granularity, total, then (class, subclass) pairs. */
static size_t reply(u8 *buf, u64 gran, u16 total, u16 returned, const u8 *pairs,
		    unsigned int nr_pairs)
{
	struct cxl_leo_media_op_discovery_out *out = (void *)buf;

	put_unaligned_le64(gran, &out->dpa_range_granularity);
	put_unaligned_le16(total, &out->total_ops);
	put_unaligned_le16(returned, &out->returned_ops);
	memcpy(out->entry, pairs, 2 * nr_pairs);
	return sizeof(*out) + 2 * nr_pairs;
}

static void media_ops_discovery_request_layout(struct kunit *test)
{
	struct cxl_leo_media_op_discovery_in in;

	memset(&in, 0xff, sizeof(in));
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_discovery_in(&in, 3, 32), 12);
	KUNIT_EXPECT_EQ(test, in.hdr.op_class, CXL_LEO_MEDIA_OP_CLASS_GENERAL);
	KUNIT_EXPECT_EQ(test, in.hdr.op_subclass, CXL_LEO_MEDIA_OP_GENERAL_DISCOVERY);
	KUNIT_EXPECT_EQ(test, in.hdr.rsvd[0] | in.hdr.rsvd[1], 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(&in.hdr.dpa_range_count), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(&in.start_index), 3);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(&in.num_ops), 32);
}

/* QEMU 11.1: 64-byte granularity, Sanitize and Zero, Discovery not listed. */
static void media_ops_discovers_qemu_reply(struct kunit *test)
{
	static const u8 pairs[] = { 1, 0, 1, 1 };
	struct fake_mbox *f = fake_mbox_new(test);
	struct cxl_leo_media_ops_caps caps;
	u8 buf[64];

	fake_mbox_answer(f, CXL_LEO_OP_MEDIA_OPERATIONS, buf, reply(buf, 64, 2, 2, pairs, 2), 0);
	KUNIT_ASSERT_EQ(test, cxl_leo_media_ops_discover(&f->sender, &caps), 0);
	KUNIT_EXPECT_EQ(test, caps.granularity, 64);
	KUNIT_EXPECT_EQ(test, caps.supported, BOTH);
	KUNIT_EXPECT_EQ(test, caps.unknown, 0);
	KUNIT_EXPECT_EQ(test, f->calls, 1);
	KUNIT_EXPECT_EQ(test, f->last_opcode, CXL_LEO_OP_MEDIA_OPERATIONS);
	KUNIT_EXPECT_EQ(test, f->last_in_len, 12);
	KUNIT_EXPECT_EQ(test, f->last_in[0], CXL_LEO_MEDIA_OP_CLASS_GENERAL);
	KUNIT_EXPECT_EQ(test, f->last_in[1], CXL_LEO_MEDIA_OP_GENERAL_DISCOVERY);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(&f->last_in[10]), CXL_LEO_MEDIA_OPS_PAGE);
}

static void media_ops_ignores_unknown_classes(struct kunit *test)
{
	/* Discovery itself, a class 2 op, an unknown subclass, then Zero. */
	static const u8 pairs[] = { 0, 0, 2, 0, 1, 7, 1, 1 };
	struct cxl_leo_media_ops_caps caps = {};
	struct cxl_leo_media_ops_page page;
	u8 buf[64];
	size_t len = reply(buf, SZ_4K, 4, 4, pairs, 4);

	KUNIT_ASSERT_EQ(test, cxl_leo_media_ops_parse_page(buf, len, 0, &page, &caps), 0);
	KUNIT_EXPECT_EQ(test, caps.supported, BIT(CXL_LEO_MEDIA_OP_ZERO));
	KUNIT_EXPECT_EQ(test, caps.unknown, 2);
	KUNIT_EXPECT_EQ(test, caps.granularity, SZ_4K);
}

static void media_ops_rejects_lying_replies(struct kunit *test)
{
	static const u8 pairs[] = { 1, 0, 1, 1 };
	struct cxl_leo_media_ops_page page;
	struct cxl_leo_media_ops_caps caps;
	u8 buf[64];
	size_t len;

	/* Three entries claimed, two carried. */
	memset(&caps, 0, sizeof(caps));
	len = reply(buf, 64, 3, 3, pairs, 2);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_parse_page(buf, len, 0, &page, &caps), -EIO);
	/* No granularity: no range could be checked. */
	len = reply(buf, 0, 2, 2, pairs, 2);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_parse_page(buf, len, 0, &page, &caps), -EIO);
	/* More returned than the list holds, counting from the start index. */
	len = reply(buf, 64, 1, 2, pairs, 2);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_parse_page(buf, len, 0, &page, &caps), -EIO);
	len = reply(buf, 64, 2, 2, pairs, 2);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_parse_page(buf, len, 1, &page, &caps), -EIO);
	/* Shorter than the header. */
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_parse_page(buf, 11, 0, &page, &caps), -EIO);
	KUNIT_EXPECT_EQ(test, caps.supported, 0);
	/* A later page with another granularity. */
	caps.granularity = 128;
	len = reply(buf, 64, 2, 2, pairs, 2);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_parse_page(buf, len, 0, &page, &caps), -EIO);
}

static void media_ops_discovery_pages_and_stalls(struct kunit *test)
{
	static const u8 pairs[] = { 1, 0, 1, 1 };
	struct fake_mbox *f = fake_mbox_new(test);
	struct cxl_leo_media_ops_caps caps;
	u8 buf[64];

	/* Four entries, two a reply: a second request from index 2. */
	fake_mbox_answer(f, CXL_LEO_OP_MEDIA_OPERATIONS, buf, reply(buf, 64, 4, 2, pairs, 2), 0);
	KUNIT_ASSERT_EQ(test, cxl_leo_media_ops_discover(&f->sender, &caps), 0);
	KUNIT_EXPECT_EQ(test, f->calls, 2);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(&f->last_in[8]), 2);
	KUNIT_EXPECT_EQ(test, caps.supported, BOTH);

	/* A reply that brings nothing while entries remain would loop forever. */
	fake_mbox_answer(f, CXL_LEO_OP_MEDIA_OPERATIONS, buf, reply(buf, 64, 4, 0, pairs, 0), 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_discover(&f->sender, &caps), -EIO);
	KUNIT_EXPECT_EQ(test, caps.supported, 0);

	/* An empty list is no error: nothing is offered. */
	fake_mbox_answer(f, CXL_LEO_OP_MEDIA_OPERATIONS, buf, reply(buf, 64, 0, 0, pairs, 0), 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_discover(&f->sender, &caps), 0);
	KUNIT_EXPECT_EQ(test, caps.supported, 0);

	fake_mbox_answer(f, CXL_LEO_OP_MEDIA_OPERATIONS, NULL, 0, -ENXIO);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_discover(&f->sender, &caps), -ENXIO);
}

static void media_ops_checks_ranges(struct kunit *test)
{
	struct cxl_leo_media_ops_caps caps = { .granularity = 64, .supported = BOTH };
	struct cxl_leo_media_ops_caps zero_only = {
		.granularity = 64, .supported = BIT(CXL_LEO_MEDIA_OP_ZERO),
	};
	const u64 cap = SZ_512M;
	const char *why;

	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_check(&caps, CXL_LEO_MEDIA_OP_ZERO, cap, 0,
						      SZ_256M, &why), 0);
	KUNIT_EXPECT_NULL(test, why);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_check(&caps, CXL_LEO_MEDIA_OP_SANITIZE, cap,
						      SZ_256M, SZ_256M, &why), 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_check(&caps, CXL_LEO_MEDIA_OP_ZERO, cap, 32,
						      SZ_4K, &why), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, why);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_check(&caps, CXL_LEO_MEDIA_OP_ZERO, cap, 0,
						      SZ_4K + 1, &why), -EINVAL);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_check(&caps, CXL_LEO_MEDIA_OP_ZERO, cap, 0, 0,
						      &why), -EINVAL);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_check(&caps, CXL_LEO_MEDIA_OP_ZERO, cap,
						      SZ_256M, SZ_256M + 64, &why), -ERANGE);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_check(&caps, CXL_LEO_MEDIA_OP_ZERO, cap,
						      cap, 64, &why), -ERANGE);
	/* dpa + len wraps: still beyond the device, not a small range. */
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_check(&caps, CXL_LEO_MEDIA_OP_ZERO, cap,
						      64, U64_MAX - 63, &why), -ERANGE);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_check(&zero_only, CXL_LEO_MEDIA_OP_SANITIZE,
						      cap, 0, 64, &why), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_check(&caps, CXL_LEO_NR_MEDIA_OPS, cap, 0, 64,
						      &why), -EOPNOTSUPP);
}

static void media_ops_wipe_payload_is_the_range(struct kunit *test)
{
	struct cxl_leo_media_ops_caps caps = { .granularity = 64, .supported = BOTH };
	const struct cxl_leo_media_op_ranges_in *in;
	struct fake_mbox *f = fake_mbox_new(test);
	const char *why;

	in = (const void *)f->last_in;
	fake_mbox_answer(f, CXL_LEO_OP_MEDIA_OPERATIONS, NULL, 0, 0);
	KUNIT_ASSERT_EQ(test, cxl_leo_media_ops_wipe(&f->sender, &caps, CXL_LEO_MEDIA_OP_ZERO,
						     SZ_512M, SZ_256M, SZ_256M, 1000, &why), 0);
	KUNIT_EXPECT_EQ(test, f->last_opcode, CXL_LEO_OP_MEDIA_OPERATIONS);
	KUNIT_EXPECT_EQ(test, f->last_in_len, 24);
	KUNIT_EXPECT_EQ(test, f->last_bg_budget_ms, 1000);
	KUNIT_EXPECT_EQ(test, in->hdr.op_class, CXL_LEO_MEDIA_OP_CLASS_SANITIZE);
	KUNIT_EXPECT_EQ(test, in->hdr.op_subclass, CXL_LEO_MEDIA_OP_SANITIZE_ZERO);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(&in->hdr.dpa_range_count), 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(&in->range[0].dpa), SZ_256M);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(&in->range[0].length), SZ_256M);

	KUNIT_ASSERT_EQ(test, cxl_leo_media_ops_wipe(&f->sender, &caps, CXL_LEO_MEDIA_OP_SANITIZE,
						     SZ_512M, 0, SZ_4K, 1000, &why), 0);
	KUNIT_EXPECT_EQ(test, in->hdr.op_subclass, CXL_LEO_MEDIA_OP_SANITIZE_SANITIZE);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(&in->range[0].length), SZ_4K);
}

static void media_ops_refused_wipe_never_reaches_device(struct kunit *test)
{
	struct cxl_leo_media_ops_caps caps = { .granularity = 64, .supported = BOTH };
	struct fake_mbox *f = fake_mbox_new(test);
	const char *why;

	fake_mbox_answer(f, CXL_LEO_OP_MEDIA_OPERATIONS, NULL, 0, 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_wipe(&f->sender, &caps, CXL_LEO_MEDIA_OP_ZERO,
						     SZ_512M, 1, SZ_4K, 1000, &why), -EINVAL);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_wipe(&f->sender, &caps, CXL_LEO_MEDIA_OP_ZERO,
						     SZ_512M, 0, SZ_1G, 1000, &why), -ERANGE);
	KUNIT_EXPECT_EQ(test, f->calls, 0);
}

static void media_ops_wipe_outcomes(struct kunit *test)
{
	struct cxl_leo_media_ops_caps caps = { .granularity = 64, .supported = BOTH };
	struct fake_mbox *f = fake_mbox_new(test);
	const char *why;

	/* Still running after the wait: not failed, followed by the caller. */
	fake_mbox_answer(f, CXL_LEO_OP_MEDIA_OPERATIONS, NULL, 0, -EINPROGRESS);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_wipe(&f->sender, &caps, CXL_LEO_MEDIA_OP_ZERO,
						     SZ_512M, 0, SZ_4K, 1000, &why), -EINPROGRESS);
	KUNIT_EXPECT_NULL(test, why);
	/* The device refuses (Invalid Input): its errno, no reason of ours. */
	fake_mbox_answer(f, CXL_LEO_OP_MEDIA_OPERATIONS, NULL, 0, -ENXIO);
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_wipe(&f->sender, &caps, CXL_LEO_MEDIA_OP_ZERO,
						     SZ_512M, 0, SZ_4K, 1000, &why), -ENXIO);
	KUNIT_EXPECT_NULL(test, why);
}

static void media_ops_names(struct kunit *test)
{
	u8 small[23];

	KUNIT_EXPECT_STREQ(test, cxl_leo_media_op_name(CXL_LEO_MEDIA_OP_SANITIZE), "sanitize");
	KUNIT_EXPECT_STREQ(test, cxl_leo_media_op_name(CXL_LEO_MEDIA_OP_ZERO), "zero");
	KUNIT_EXPECT_STREQ(test, cxl_leo_media_op_name(CXL_LEO_NR_MEDIA_OPS), "unknown");
	KUNIT_EXPECT_EQ(test, cxl_leo_media_ops_ranges_in(small, sizeof(small),
							  CXL_LEO_MEDIA_OP_ZERO, 0, 64), 0);
}

static struct kunit_case media_ops_policy_cases[] = {
	KUNIT_CASE(media_ops_discovery_request_layout),
	KUNIT_CASE(media_ops_discovers_qemu_reply),
	KUNIT_CASE(media_ops_ignores_unknown_classes),
	KUNIT_CASE(media_ops_rejects_lying_replies),
	KUNIT_CASE(media_ops_discovery_pages_and_stalls),
	KUNIT_CASE(media_ops_checks_ranges),
	KUNIT_CASE(media_ops_wipe_payload_is_the_range),
	KUNIT_CASE(media_ops_refused_wipe_never_reaches_device),
	KUNIT_CASE(media_ops_wipe_outcomes),
	KUNIT_CASE(media_ops_names),
	{}
};

static struct kunit_suite media_ops_policy_suite = {
	.name = "cxl_leo_media_ops_policy",
	.test_cases = media_ops_policy_cases,
};

kunit_test_suite(media_ops_policy_suite);
