// SPDX-License-Identifier: GPL-2.0-only
/* KUnit: reading the Supported Features list in pages; Set Feature's header. */
#include <kunit/test.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include "fake_mailbox.h"
#include "feature_directory.h"

/*
 * A device with @nr_features Features that answers Get Supported Features
 * the way CXL r3.1 8.2.9.6.1 says: entries from start_index, as many as fit
 * the requested count. @empty_from makes it answer no entries from that
 * index on, while still claiming all of them.
 */
struct paged_device {
	unsigned int nr_features;
	unsigned int empty_from;
	unsigned int calls;
	u16 start_index[16];
};

static int paged_device_send(void *ctx, u16 opcode, const void *in, size_t in_len,
			     void *out, size_t out_max, size_t *out_len, unsigned int bg_budget_ms)
{
	const struct cxl_leo_get_supported_features_in *req = in;
	const size_t hdr = sizeof(struct cxl_leo_supported_features);
	struct cxl_leo_supported_features *rep = out;
	struct paged_device *d = ctx;
	unsigned int start, fit, n, i;

	if (opcode != CXL_LEO_OP_GET_SUPPORTED_FEATURES || in_len != sizeof(*req))
		return -ENXIO;
	start = get_unaligned_le16(&req->start_index);
	if (d->calls < ARRAY_SIZE(d->start_index))
		d->start_index[d->calls] = start;
	d->calls++;
	fit = (min_t(size_t, get_unaligned_le32(&req->count), out_max) - hdr) /
	      sizeof(rep->entry[0]);
	n = start >= d->nr_features || start >= d->empty_from ? 0 :
	    min(fit, d->nr_features - start);
	memset(out, 0, out_max);
	put_unaligned_le16(n, &rep->entries);
	put_unaligned_le16(d->nr_features, &rep->supported);
	for (i = 0; i < n; i++) {
		rep->entry[i].uuid[0] = start + i;
		put_unaligned_le16(start + i, &rep->entry[i].index);
		put_unaligned_le16(4, &rep->entry[i].get_size);
	}
	*out_len = hdr + n * sizeof(rep->entry[0]);
	return 0;
}

#define PAGE_OF_SIX	(sizeof(struct cxl_leo_supported_features) + \
			 6 * sizeof(struct cxl_leo_feature_entry))

static void features_read_pages_through_start_index(struct kunit *test)
{
	struct paged_device d = { .nr_features = 20, .empty_from = UINT_MAX };
	struct cxl_leo_cmd_sender s = { paged_device_send, &d };
	struct cxl_leo_feature f[32];
	unsigned int nr, supported, i;

	KUNIT_ASSERT_EQ(test, cxl_leo_features_read(&s, PAGE_OF_SIX, f, ARRAY_SIZE(f), &nr,
						    &supported), 0);
	KUNIT_EXPECT_EQ(test, nr, 20);
	KUNIT_EXPECT_EQ(test, supported, 20);
	KUNIT_EXPECT_EQ(test, d.calls, 4);
	KUNIT_EXPECT_EQ(test, d.start_index[1], 6);
	KUNIT_EXPECT_EQ(test, d.start_index[3], 18);
	for (i = 0; i < nr; i++)
		KUNIT_EXPECT_EQ(test, f[i].uuid[0], i);
}

static void features_read_stops_where_the_device_stops(struct kunit *test)
{
	struct paged_device d = { .nr_features = 40, .empty_from = 6 };
	struct cxl_leo_cmd_sender s = { paged_device_send, &d };
	struct cxl_leo_feature f[32];
	unsigned int nr, supported;

	KUNIT_ASSERT_EQ(test, cxl_leo_features_read(&s, PAGE_OF_SIX, f, ARRAY_SIZE(f), &nr,
						    &supported), 0);
	KUNIT_EXPECT_EQ(test, nr, 6);
	KUNIT_EXPECT_EQ(test, supported, 40);
	KUNIT_EXPECT_EQ(test, d.calls, 2);
}

static void features_read_fills_at_most_max(struct kunit *test)
{
	struct paged_device d = { .nr_features = 100, .empty_from = UINT_MAX };
	struct cxl_leo_cmd_sender s = { paged_device_send, &d };
	struct cxl_leo_feature f[16];
	unsigned int nr, supported;

	KUNIT_ASSERT_EQ(test, cxl_leo_features_read(&s, 4096, f, ARRAY_SIZE(f), &nr,
						    &supported), 0);
	KUNIT_EXPECT_EQ(test, nr, 16);
	KUNIT_EXPECT_EQ(test, supported, 100);
	KUNIT_EXPECT_EQ(test, f[15].uuid[0], 15);
}

static void features_read_reports_a_failing_first_page(struct kunit *test)
{
	struct fake_mbox *m = fake_mbox_new(test);
	struct cxl_leo_feature f[4];
	unsigned int nr, supported;

	fake_mbox_answer(m, CXL_LEO_OP_GET_SUPPORTED_FEATURES, NULL, 0, -EBUSY);
	KUNIT_EXPECT_EQ(test, cxl_leo_features_read(&m->sender, 4096, f, ARRAY_SIZE(f), &nr,
						    &supported), -EBUSY);
	KUNIT_EXPECT_EQ(test, nr, 0);
	/* A reply shorter than its header */
	fake_mbox_answer(m, CXL_LEO_OP_GET_SUPPORTED_FEATURES, "\x01", 1, 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_features_read(&m->sender, 4096, f, ARRAY_SIZE(f), &nr,
						    &supported), -EIO);
}

static const struct cxl_leo_feature scrub = {
	.uuid = CXL_LEO_PATROL_SCRUB_UUID, .get_size = 4, .set_size = 2,
	.changeable = true, .set_version = 3,
};

static void feature_write_persists_across_reset(struct kunit *test)
{
	const struct cxl_leo_set_feature_hdr *hdr;
	struct fake_mbox *m = fake_mbox_new(test);
	u8 data[2] = { 12, 1 };

	fake_mbox_answer(m, CXL_LEO_OP_SET_FEATURE, NULL, 0, 0);
	KUNIT_ASSERT_EQ(test, cxl_leo_feature_write(&m->sender, &scrub, data, sizeof(data)), 0);
	KUNIT_EXPECT_EQ(test, m->last_opcode, CXL_LEO_OP_SET_FEATURE);
	KUNIT_ASSERT_EQ(test, m->last_in_len, sizeof(*hdr) + sizeof(data));
	hdr = (const void *)m->last_in;
	KUNIT_EXPECT_MEMEQ(test, hdr->uuid, scrub.uuid, CXL_LEO_UUID_LEN);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(&hdr->flags),
			CXL_LEO_SET_FEAT_FULL_TRANSFER | CXL_LEO_SET_FEAT_SAVED_ACROSS_RESET);
	KUNIT_EXPECT_EQ(test, hdr->version, 3);
	KUNIT_EXPECT_MEMEQ(test, m->last_in + sizeof(*hdr), data, sizeof(data));
}

static void feature_write_refuses_what_the_device_did_not_offer(struct kunit *test)
{
	struct fake_mbox *m = fake_mbox_new(test);
	struct cxl_leo_feature ro = scrub;
	u8 data[3] = {};

	fake_mbox_answer(m, CXL_LEO_OP_SET_FEATURE, NULL, 0, 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_feature_write(&m->sender, &scrub, data, 3), -EOPNOTSUPP);
	ro.changeable = false;
	KUNIT_EXPECT_EQ(test, cxl_leo_feature_write(&m->sender, &ro, data, 2), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, m->calls, 0);
}

static struct kunit_case feature_directory_cases[] = {
	KUNIT_CASE(features_read_pages_through_start_index),
	KUNIT_CASE(features_read_stops_where_the_device_stops),
	KUNIT_CASE(features_read_fills_at_most_max),
	KUNIT_CASE(features_read_reports_a_failing_first_page),
	KUNIT_CASE(feature_write_persists_across_reset),
	KUNIT_CASE(feature_write_refuses_what_the_device_did_not_offer),
	{}
};

static struct kunit_suite feature_directory_suite = {
	.name = "cxl_leo_feature_directory",
	.test_cases = feature_directory_cases,
};

kunit_test_suite(feature_directory_suite);
