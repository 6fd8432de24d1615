// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit fuzzing: Media Operations Discovery replies of any length and
 * content, the range checks over granularities, capacities and ranges at
 * their boundaries, and the Sanitize or Zero request that results.
 */
#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <uapi/cxl_leo/payloads.h>
#include "fake_mailbox.h"
#include "fuzz.h"
#include "media_ops_policy.h"

#define HDR	sizeof(struct cxl_leo_media_op_discovery_out)

/* What a reply should decode to, worked out from the bytes alone. */
static int page_expected(const u8 *buf, size_t len, u16 start, u64 prior_gran,
			 unsigned int *supported, unsigned int *unknown)
{
	u64 gran;
	u16 total, returned, i;

	*supported = 0;
	*unknown = 0;
	if (len < HDR)
		return -EIO;
	gran = get_unaligned_le64(buf);
	total = get_unaligned_le16(buf + 8);
	returned = get_unaligned_le16(buf + 10);
	if (!gran || HDR + 2 * (size_t)returned > len || start + returned > total)
		return -EIO;
	if (prior_gran && prior_gran != gran)
		return -EIO;
	for (i = 0; i < returned; i++) {
		u8 c = buf[HDR + 2 * i], sc = buf[HDR + 2 * i + 1];

		if (c == 1 && sc == 0)
			*supported |= BIT(CXL_LEO_MEDIA_OP_SANITIZE);
		else if (c == 1 && sc == 1)
			*supported |= BIT(CXL_LEO_MEDIA_OP_ZERO);
		else if (c || sc)
			(*unknown)++;
	}
	return 0;
}

static void fuzz_media_ops_discovery(struct kunit *test)
{
	static const struct fuzz_field fields[] = {
		FUZZ_FIELD(0, 8), FUZZ_COUNT(8, 2, HDR, 2), FUZZ_COUNT(10, 2, HDR, 2),
		FUZZ_FIELD(12, 1), FUZZ_FIELD(13, 1), FUZZ_FIELD(14, 1), FUZZ_FIELD(15, 1),
	};
	struct fuzz *fz = fuzz_start(test);

	while (fuzz_next(fz)) {
		u8 valid[HDR + 2 * 8];
		unsigned int n = fuzz_below(fz, 9), i, want_sup, want_unk;
		struct cxl_leo_media_ops_page page;
		struct cxl_leo_media_ops_caps caps = {};
		u16 start = fuzz_chance(fz, 2) ? 0 : fuzz_below(fz, 4);
		const u8 *in;
		int rc, want;

		put_unaligned_le64(fuzz_chance(fz, 2) ? 64 : fuzz_boundary(fz, 8), valid);
		put_unaligned_le16(start + n, valid + 8);
		put_unaligned_le16(n, valid + 10);
		for (i = 0; i < n; i++) {
			valid[HDR + 2 * i] = fuzz_chance(fz, 4) ? fuzz_below(fz, 3) : 1;
			valid[HDR + 2 * i + 1] = fuzz_chance(fz, 4) ? fuzz_u32(fz) & 0xff :
					       fuzz_below(fz, 2);
		}
		in = fuzz_input(fz, valid, HDR + 2 * n, sizeof(valid) + 8, fields,
				ARRAY_SIZE(fields));
		if (fuzz_chance(fz, 8))
			caps.granularity = fuzz_chance(fz, 2) ? 64 : fuzz_boundary(fz, 8);
		want = page_expected(in, fz->len, start, caps.granularity, &want_sup, &want_unk);
		rc = cxl_leo_media_ops_parse_page(in, fz->len, start, &page, &caps);
		KUNIT_ASSERT_EQ(test, rc, want);
		if (rc)
			continue;
		fuzz_accepted(fz);
		KUNIT_ASSERT_EQ(test, caps.supported, want_sup);
		KUNIT_ASSERT_EQ(test, caps.unknown, want_unk);
		KUNIT_ASSERT_EQ(test, caps.granularity, get_unaligned_le64(in));
		KUNIT_ASSERT_NE(test, caps.granularity, 0);
	}
	fuzz_finish(fz, 100);
}

static int check_expected(const struct cxl_leo_media_ops_caps *c, unsigned int op,
			  u64 capacity, u64 dpa, u64 len)
{
	if (op >= CXL_LEO_NR_MEDIA_OPS || !(c->supported & BIT(op)) || !c->granularity)
		return -EOPNOTSUPP;
	if (!len)
		return -EINVAL;
	if (dpa % c->granularity || len % c->granularity)
		return -EINVAL;
	if (dpa > U64_MAX - len || dpa + len > capacity)
		return -ERANGE;
	return 0;
}

static void fuzz_media_ops_wipe(struct kunit *test)
{
	struct fuzz *fz = fuzz_start(test);
	struct fake_mbox *f = fake_mbox_new(test);
	const struct cxl_leo_media_op_ranges_in *in = (const void *)f->last_in;

	while (fuzz_next(fz)) {
		struct cxl_leo_media_ops_caps caps = {
			.granularity = fuzz_chance(fz, 4) ? fuzz_boundary(fz, 8) :
				       1ULL << fuzz_below(fz, 16),
			.supported = fuzz_chance(fz, 4) ? fuzz_below(fz, 4) : 3,
		};
		unsigned int op = fuzz_below(fz, CXL_LEO_NR_MEDIA_OPS + 1);
		/* Mostly in whole granules around the capacity's edges, else anything. */
		u64 units = 1 + fuzz_below(fz, 1 << 16), capacity, dpa, len;
		u32 at = fuzz_below(fz, units + 2);

		capacity = fuzz_chance(fz, 4) ? fuzz_boundary(fz, 8) : units * caps.granularity;
		dpa = fuzz_chance(fz, 4) ? fuzz_boundary(fz, 8) : at * caps.granularity;
		len = fuzz_chance(fz, 4) ? fuzz_boundary(fz, 8) :
		      fuzz_around(fz, units - min_t(u64, at, units)) * caps.granularity;
		if (fuzz_chance(fz, 8))
			len += fuzz_below(fz, 64);
		int mbox_rc = fuzz_chance(fz, 8) ? -EINPROGRESS : 0;
		int want = check_expected(&caps, op, capacity, dpa, len), rc;
		unsigned int calls = f->calls;
		const char *why = "unset";

		fake_mbox_answer(f, CXL_LEO_OP_MEDIA_OPERATIONS, NULL, 0, mbox_rc);
		rc = cxl_leo_media_ops_wipe(&f->sender, &caps, op, capacity, dpa, len, 1000, &why);
		if (want) {
			/* Refused wipes never reach the device, and say why. */
			KUNIT_ASSERT_EQ(test, rc, want);
			KUNIT_ASSERT_NOT_NULL(test, why);
			KUNIT_ASSERT_EQ(test, f->calls, calls);
			continue;
		}
		fuzz_accepted(fz);
		KUNIT_ASSERT_EQ(test, rc, mbox_rc);
		KUNIT_ASSERT_NULL(test, why);
		KUNIT_ASSERT_EQ(test, f->calls, calls + 1);
		KUNIT_ASSERT_EQ(test, f->last_in_len, 24);
		KUNIT_ASSERT_EQ(test, in->hdr.op_class, CXL_LEO_MEDIA_OP_CLASS_SANITIZE);
		KUNIT_ASSERT_EQ(test, in->hdr.op_subclass,
				op == CXL_LEO_MEDIA_OP_ZERO ? CXL_LEO_MEDIA_OP_SANITIZE_ZERO :
							      CXL_LEO_MEDIA_OP_SANITIZE_SANITIZE);
		KUNIT_ASSERT_EQ(test, get_unaligned_le32(&in->hdr.dpa_range_count), 1);
		KUNIT_ASSERT_EQ(test, get_unaligned_le64(&in->range[0].dpa), dpa);
		KUNIT_ASSERT_EQ(test, get_unaligned_le64(&in->range[0].length), len);
		KUNIT_ASSERT_LE(test, dpa + len, capacity);
	}
	fuzz_finish(fz, 20);
}

static struct kunit_case fuzz_media_ops_cases[] = {
	KUNIT_CASE_SLOW(fuzz_media_ops_discovery),
	KUNIT_CASE_SLOW(fuzz_media_ops_wipe),
	{}
};

static struct kunit_suite fuzz_media_ops_suite = {
	.name = "cxl_leo_fuzz_media_ops",
	.test_cases = fuzz_media_ops_cases,
};

kunit_test_suite(fuzz_media_ops_suite);
