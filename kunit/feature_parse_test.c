// SPDX-License-Identifier: GPL-2.0-only
/* KUnit: logs, Features and health payloads, as QEMU and real devices send them. */
#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include "feature_parse.h"

static const u8 scrub_uuid[] = CXL_LEO_PATROL_SCRUB_UUID;
static const u8 ecs_uuid[] = CXL_LEO_ECS_UUID;
static const u8 cel_uuid[] = CXL_LEO_CEL_UUID;

static void put_feature(u8 *buf, unsigned int i, const u8 *uuid, u16 get, u16 set, u32 attr)
{
	struct cxl_leo_feature_entry *e =
		(void *)(buf + sizeof(struct cxl_leo_supported_features) + i * sizeof(*e));

	memcpy(e->uuid, uuid, CXL_LEO_UUID_LEN);
	put_unaligned_le16(get, &e->get_size);
	put_unaligned_le16(set, &e->set_size);
	put_unaligned_le32(attr, &e->attr_flags);
	e->set_version = 1;
}

/* What QEMU 10's cxl-type3 answers: patrol scrub (4/2 bytes) and ECS (13/7). */
static void features_parse_qemu_reply(struct kunit *test)
{
	u8 buf[8 + 2 * 48] = {};
	struct cxl_leo_feature f[4];
	const struct cxl_leo_feature *ecs;
	unsigned int nr;

	put_unaligned_le16(2, buf);
	put_unaligned_le16(2, buf + 2);
	put_feature(buf, 0, scrub_uuid, 4, 2, CXL_LEO_FEAT_ATTR_CHANGEABLE);
	put_feature(buf, 1, ecs_uuid, 13, 7, CXL_LEO_FEAT_ATTR_CHANGEABLE);
	KUNIT_ASSERT_EQ(test, cxl_leo_features_parse(buf, sizeof(buf), f, 4, &nr), 0);
	KUNIT_EXPECT_EQ(test, nr, 2);
	ecs = cxl_leo_feature_find(f, nr, ecs_uuid);
	KUNIT_ASSERT_NOT_NULL(test, ecs);
	KUNIT_EXPECT_EQ(test, ecs->get_size, 13);
	KUNIT_EXPECT_EQ(test, ecs->set_size, 7);
	KUNIT_EXPECT_TRUE(test, ecs->changeable);
	KUNIT_EXPECT_NULL(test, cxl_leo_feature_find(f, nr, cel_uuid));
}

static void features_reject_count_beyond_length(struct kunit *test)
{
	u8 buf[8 + 48] = {};
	struct cxl_leo_feature f[4];
	unsigned int nr;

	put_unaligned_le16(2, buf);	/* claims two, carries one */
	put_feature(buf, 0, scrub_uuid, 4, 2, CXL_LEO_FEAT_ATTR_CHANGEABLE);
	KUNIT_EXPECT_EQ(test, cxl_leo_features_parse(buf, sizeof(buf), f, 4, &nr), -EIO);
	KUNIT_EXPECT_EQ(test, cxl_leo_features_parse(buf, 7, f, 4, &nr), -EIO);

	put_unaligned_le16(1, buf);
	put_feature(buf, 0, scrub_uuid, 4, 0, CXL_LEO_FEAT_ATTR_CHANGEABLE);
	KUNIT_EXPECT_EQ(test, cxl_leo_features_parse(buf, sizeof(buf), f, 4, &nr), -EIO);
}

static void features_stop_at_caller_capacity(struct kunit *test)
{
	u8 buf[8 + 2 * 48] = {};
	struct cxl_leo_feature f[1];
	unsigned int nr;

	put_unaligned_le16(2, buf);
	put_feature(buf, 0, scrub_uuid, 4, 2, 0);
	put_feature(buf, 1, ecs_uuid, 13, 7, 0);
	KUNIT_ASSERT_EQ(test, cxl_leo_features_parse(buf, sizeof(buf), f, 1, &nr), 0);
	KUNIT_EXPECT_EQ(test, nr, 1);
	KUNIT_EXPECT_FALSE(test, f[0].changeable);
}

static void logs_find_cel_and_cel_find_opcode(struct kunit *test)
{
	u8 logs[8 + 2 * 20] = {};
	u8 cel[3 * 4];
	u32 size = 0;

	put_unaligned_le16(2, logs);
	memset(logs + 8, 0x11, 16);
	memcpy(logs + 28, cel_uuid, 16);
	put_unaligned_le32(12, logs + 44);
	KUNIT_ASSERT_EQ(test, cxl_leo_logs_find(logs, sizeof(logs), cel_uuid, &size), 0);
	KUNIT_EXPECT_EQ(test, size, 12);
	KUNIT_EXPECT_EQ(test, cxl_leo_logs_find(logs, sizeof(logs), scrub_uuid, &size), -ENOENT);
	KUNIT_EXPECT_EQ(test, cxl_leo_logs_find(logs, sizeof(logs) - 1, cel_uuid, &size), -EIO);

	put_unaligned_le16(0x0500, cel);
	put_unaligned_le16(0x0, cel + 2);
	put_unaligned_le16(0x0502, cel + 4);
	put_unaligned_le16(0x21, cel + 6);
	put_unaligned_le16(0x4000, cel + 8);
	put_unaligned_le16(0x0, cel + 10);
	KUNIT_EXPECT_EQ(test, cxl_leo_cel_find(cel, sizeof(cel), 0x0502), 0x21);
	KUNIT_EXPECT_EQ(test, cxl_leo_cel_find(cel, sizeof(cel), 0x4000), 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_cel_find(cel, sizeof(cel), 0x4200), -ENOENT);
	KUNIT_EXPECT_EQ(test, cxl_leo_cel_find(cel, sizeof(cel) - 2, 0x4000), -EIO);
}

static void scrub_decode_and_encode(struct kunit *test)
{
	u8 rd[4] = { 0x3, 12, 1, 0x1 };	/* changeable+realtime, 12h, min 1h, enabled */
	struct cxl_leo_scrub s;
	struct cxl_leo_scrub_wr wr;

	KUNIT_ASSERT_EQ(test, cxl_leo_scrub_decode(rd, sizeof(rd), &s), 0);
	KUNIT_EXPECT_TRUE(test, s.cycle_changeable);
	KUNIT_EXPECT_TRUE(test, s.realtime_report);
	KUNIT_EXPECT_EQ(test, s.cycle_hours, 12);
	KUNIT_EXPECT_EQ(test, s.min_cycle_hours, 1);
	KUNIT_EXPECT_TRUE(test, s.enabled);

	KUNIT_ASSERT_EQ(test, cxl_leo_scrub_encode(&s, 24, false, &wr), 0);
	KUNIT_EXPECT_EQ(test, wr.cycle_hours, 24);
	KUNIT_EXPECT_EQ(test, wr.flags, 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_scrub_encode(&s, 0, true, &wr), -EINVAL);

	s.min_cycle_hours = 6;
	KUNIT_EXPECT_EQ(test, cxl_leo_scrub_encode(&s, 5, true, &wr), -EINVAL);
	s.cycle_changeable = false;
	KUNIT_EXPECT_EQ(test, cxl_leo_scrub_encode(&s, 13, true, &wr), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, cxl_leo_scrub_encode(&s, 12, true, &wr), 0);
	KUNIT_EXPECT_EQ(test, wr.flags, 1);
}

static void scrub_rejects_impossible_state(struct kunit *test)
{
	u8 below_min[4] = { 0x1, 2, 6, 0 };
	u8 zero[4] = { 0x1, 0, 0, 0 };
	struct cxl_leo_scrub s;

	KUNIT_EXPECT_EQ(test, cxl_leo_scrub_decode(below_min, 4, &s), -EIO);
	KUNIT_EXPECT_EQ(test, cxl_leo_scrub_decode(zero, 4, &s), -EIO);
	KUNIT_EXPECT_EQ(test, cxl_leo_scrub_decode(below_min, 3, &s), -EIO);
}

/* QEMU 10: shared log capability, three FRUs of cap/config/flags. */
static void ecs_shared_layout_round_trip(struct kunit *test)
{
	u8 rd[13] = { 0x1,
		      0x1, 0x03, 0x00, 0x0,	/* 256, row mode */
		      0x1, 0x0c, 0x00, 0x0,	/* 1024, codeword mode */
		      0x0, 0x05, 0x00, 0x0 };	/* 4096 */
	struct cxl_leo_ecs e;
	u8 wr[7];

	KUNIT_ASSERT_EQ(test, cxl_leo_ecs_decode(rd, sizeof(rd), 7, &e), 0);
	KUNIT_EXPECT_EQ(test, e.layout, CXL_LEO_ECS_SHARED_LOG_CAP);
	KUNIT_ASSERT_EQ(test, e.nr_frus, 3);
	KUNIT_EXPECT_EQ(test, e.fru[0].log_entry_type, 1);
	KUNIT_EXPECT_EQ(test, e.fru[0].threshold, 256);
	KUNIT_EXPECT_FALSE(test, e.fru[0].codeword_mode);
	KUNIT_EXPECT_TRUE(test, e.fru[0].realtime_report);
	KUNIT_EXPECT_EQ(test, e.fru[1].threshold, 1024);
	KUNIT_EXPECT_TRUE(test, e.fru[1].codeword_mode);
	KUNIT_EXPECT_EQ(test, e.fru[2].threshold, 4096);
	KUNIT_EXPECT_FALSE(test, e.fru[2].realtime_report);

	KUNIT_ASSERT_EQ(test, cxl_leo_ecs_encode(&e, 2, CXL_LEO_ECS_THRESHOLD, 256, wr,
						 sizeof(wr)), 7);
	KUNIT_EXPECT_EQ(test, wr[0], 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(wr + 1), 0x03);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(wr + 3), 0x0c);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(wr + 5), 0x03);
	KUNIT_ASSERT_EQ(test, cxl_leo_ecs_encode(&e, 1, CXL_LEO_ECS_RESET, 1, wr, sizeof(wr)), 7);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(wr + 3), 0x0c | 0x10);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(wr + 5), 0x05);
	KUNIT_EXPECT_EQ(test, cxl_leo_ecs_encode(&e, 0, CXL_LEO_ECS_MODE, 1, wr, 6), -EINVAL);
	KUNIT_EXPECT_EQ(test, cxl_leo_ecs_encode(&e, 0, CXL_LEO_ECS_THRESHOLD, 512, wr,
						 sizeof(wr)), -EINVAL);
	KUNIT_EXPECT_EQ(test, cxl_leo_ecs_encode(&e, 3, CXL_LEO_ECS_MODE, 1, wr, sizeof(wr)),
			-EINVAL);
}

/*
 * A write to one FRU leaves every other FRU as the device reported it. The
 * shared log capability comes from the device, not from the last FRU, and
 * a threshold encoding this driver does not know (FRU 1: 7) goes back as is.
 */
static void ecs_write_changes_only_the_target_fru(struct kunit *test)
{
	u8 rd[13] = { 0x1,
		      0x1, 0x03, 0x00, 0x0,
		      0x1, 0x0f, 0x00, 0x0,	/* unknown threshold 7, codewords */
		      0x0, 0x05, 0x00, 0x0 };
	struct cxl_leo_ecs e;
	u8 wr[7];

	KUNIT_ASSERT_EQ(test, cxl_leo_ecs_decode(rd, sizeof(rd), 7, &e), 0);
	KUNIT_EXPECT_EQ(test, e.fru[1].threshold, 0);
	KUNIT_ASSERT_EQ(test, cxl_leo_ecs_encode(&e, 0, CXL_LEO_ECS_MODE, 1, wr, sizeof(wr)), 7);
	KUNIT_EXPECT_EQ(test, wr[0], 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(wr + 1), 0x0b);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(wr + 3), 0x0f);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(wr + 5), 0x05);
	/* The log entry type is the device's in this layout: any FRU changes it. */
	KUNIT_ASSERT_EQ(test, cxl_leo_ecs_encode(&e, 2, CXL_LEO_ECS_LOG_ENTRY_TYPE, 0, wr,
						 sizeof(wr)), 7);
	KUNIT_EXPECT_EQ(test, wr[0], 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(wr + 1), 0x03);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(wr + 5), 0x05);
}

/* CXL r3.1: five bytes per FRU, log capability in each. */
static void ecs_per_fru_layout(struct kunit *test)
{
	u8 rd[10] = { 0x0, 0x1, 0x04, 0x00, 0x0,
		      0x1, 0x0, 0x0d, 0x00, 0x0 };
	struct cxl_leo_ecs e;
	u8 wr[6];

	KUNIT_ASSERT_EQ(test, cxl_leo_ecs_decode(rd, sizeof(rd), 6, &e), 0);
	KUNIT_EXPECT_EQ(test, e.layout, CXL_LEO_ECS_PER_FRU);
	KUNIT_ASSERT_EQ(test, e.nr_frus, 2);
	KUNIT_EXPECT_EQ(test, e.fru[0].log_entry_type, 0);
	KUNIT_EXPECT_EQ(test, e.fru[0].threshold, 1024);
	KUNIT_EXPECT_EQ(test, e.fru[1].log_entry_type, 1);
	KUNIT_EXPECT_EQ(test, e.fru[1].threshold, 4096);
	KUNIT_EXPECT_TRUE(test, e.fru[1].codeword_mode);
	KUNIT_ASSERT_EQ(test, cxl_leo_ecs_encode(&e, 0, CXL_LEO_ECS_LOG_ENTRY_TYPE, 1, wr,
						 sizeof(wr)), 6);
	KUNIT_EXPECT_EQ(test, wr[0], 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(wr + 1), 0x04);
	KUNIT_EXPECT_EQ(test, wr[3], 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(wr + 4), 0x0d);
}

/* 25 bytes: five r3.1 FRUs (set size 15) or six r3.2 FRUs (set size 13). */
static void ecs_layout_decided_by_get_and_set_sizes(struct kunit *test)
{
	enum cxl_leo_ecs_layout layout;
	u8 rd[25] = {};
	struct cxl_leo_ecs e;
	unsigned int n;

	KUNIT_ASSERT_EQ(test, cxl_leo_ecs_layout(25, 15, &layout, &n), 0);
	KUNIT_EXPECT_EQ(test, layout, CXL_LEO_ECS_PER_FRU);
	KUNIT_EXPECT_EQ(test, n, 5);
	KUNIT_ASSERT_EQ(test, cxl_leo_ecs_layout(25, 13, &layout, &n), 0);
	KUNIT_EXPECT_EQ(test, layout, CXL_LEO_ECS_SHARED_LOG_CAP);
	KUNIT_EXPECT_EQ(test, n, 6);
	/* Read-only, 25 bytes: no way to tell. */
	KUNIT_EXPECT_EQ(test, cxl_leo_ecs_layout(25, 0, &layout, &n), -EIO);
	/* Sizes that disagree with each other. */
	KUNIT_EXPECT_EQ(test, cxl_leo_ecs_layout(13, 9, &layout, &n), -EIO);
	KUNIT_EXPECT_EQ(test, cxl_leo_ecs_layout(10, 7, &layout, &n), -EIO);
	/* One FRU: the layouts are the same bytes. */
	KUNIT_ASSERT_EQ(test, cxl_leo_ecs_layout(5, 3, &layout, &n), 0);
	KUNIT_EXPECT_EQ(test, n, 1);

	rd[5] = 0x1;			/* r3.1: FRU 1's log capability */
	put_unaligned_le16(0x05, rd + 7);	/* r3.1: FRU 1's threshold 4096 */
	KUNIT_ASSERT_EQ(test, cxl_leo_ecs_decode(rd, sizeof(rd), 15, &e), 0);
	KUNIT_EXPECT_EQ(test, e.nr_frus, 5);
	KUNIT_EXPECT_EQ(test, e.fru[1].log_entry_type, 1);
	KUNIT_EXPECT_EQ(test, e.fru[1].threshold, 4096);
}

static void ecs_rejects_lengths_of_no_layout(struct kunit *test)
{
	u8 rd[64] = {};
	struct cxl_leo_ecs e;

	KUNIT_EXPECT_EQ(test, cxl_leo_ecs_decode(rd, 0, 0, &e), -EIO);
	KUNIT_EXPECT_EQ(test, cxl_leo_ecs_decode(rd, 4, 0, &e), -EIO);
	KUNIT_EXPECT_EQ(test, cxl_leo_ecs_decode(rd, 7, 0, &e), -EIO);
	/* 41 = 1 + 4 * 10: more FRUs than a device can have here */
	KUNIT_EXPECT_EQ(test, cxl_leo_ecs_decode(rd, 41, 0, &e), -EIO);
}

static void health_decode_fields(struct kunit *test)
{
	u8 hi[18] = { 0x2, 0x0, 0x1, 37 };
	struct cxl_leo_health h;

	put_unaligned_le16((u16)-5, hi + 4);
	put_unaligned_le32(3, hi + 6);
	put_unaligned_le32(100000, hi + 10);
	put_unaligned_le32(7, hi + 14);
	KUNIT_ASSERT_EQ(test, cxl_leo_health_decode(hi, sizeof(hi), &h), 0);
	KUNIT_EXPECT_EQ(test, h.health_status, 2);
	KUNIT_EXPECT_EQ(test, h.life_used, 37);
	KUNIT_EXPECT_TRUE(test, h.temperature_valid);
	KUNIT_EXPECT_EQ(test, h.temperature, -5);
	KUNIT_EXPECT_EQ(test, h.dirty_shutdowns, 3);
	KUNIT_EXPECT_EQ(test, h.corrected_volatile, 100000);
	KUNIT_EXPECT_EQ(test, h.corrected_persistent, 7);

	put_unaligned_le16(0xffff, hi + 4);
	KUNIT_ASSERT_EQ(test, cxl_leo_health_decode(hi, sizeof(hi), &h), 0);
	KUNIT_EXPECT_FALSE(test, h.temperature_valid);
	hi[3] = 101;
	KUNIT_EXPECT_EQ(test, cxl_leo_health_decode(hi, sizeof(hi), &h), -EIO);
	hi[3] = 0xff;
	KUNIT_EXPECT_EQ(test, cxl_leo_health_decode(hi, sizeof(hi), &h), 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_health_decode(hi, 17, &h), -EIO);
}

/* QEMU: two slots, slot 1 active, "BWFW VERSION 00". */
static void fw_info_decode_slots(struct kunit *test)
{
	u8 fi[0x50] = { 2, 0x1 | (2 << 3), 0x1 };
	struct cxl_leo_fw fw;

	memcpy(fi + 0x10, "BWFW VERSION 00", 15);
	memcpy(fi + 0x20, "NEXT\x01\xff", 6);
	KUNIT_ASSERT_EQ(test, cxl_leo_fw_info_decode(fi, sizeof(fi), &fw), 0);
	KUNIT_EXPECT_EQ(test, fw.slots, 2);
	KUNIT_EXPECT_EQ(test, fw.active, 1);
	KUNIT_EXPECT_EQ(test, fw.staged, 2);
	KUNIT_EXPECT_TRUE(test, fw.online_activation);
	KUNIT_EXPECT_STREQ(test, fw.revision[0], "BWFW VERSION 00");
	KUNIT_EXPECT_STREQ(test, fw.revision[1], "NEXT??");

	/* a full 16-byte revision has no NUL in the payload */
	memset(fi + 0x10, 'A', 16);
	KUNIT_ASSERT_EQ(test, cxl_leo_fw_info_decode(fi, sizeof(fi), &fw), 0);
	KUNIT_EXPECT_EQ(test, strlen(fw.revision[0]), 16);
}

static void fw_info_rejects_impossible_slots(struct kunit *test)
{
	u8 fi[0x50] = { 2, 3 };	/* active slot 3 of 2 */
	struct cxl_leo_fw fw;

	KUNIT_EXPECT_EQ(test, cxl_leo_fw_info_decode(fi, sizeof(fi), &fw), -EIO);
	fi[0] = 5;
	fi[1] = 1;
	KUNIT_EXPECT_EQ(test, cxl_leo_fw_info_decode(fi, sizeof(fi), &fw), -EIO);
	fi[0] = 2;
	fi[1] = 0;	/* no active slot */
	KUNIT_EXPECT_EQ(test, cxl_leo_fw_info_decode(fi, sizeof(fi), &fw), -EIO);
	fi[1] = 1 | (3 << 3);	/* staged slot 3 of 2 */
	KUNIT_EXPECT_EQ(test, cxl_leo_fw_info_decode(fi, sizeof(fi), &fw), -EIO);
	fi[1] = 1;
	KUNIT_EXPECT_EQ(test, cxl_leo_fw_info_decode(fi, 0x4f, &fw), -EIO);
}

/* Random bytes of random lengths: parsers stay within bounds and consistent. */
static void parsers_fuzz(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, 512, GFP_KERNEL);
	struct cxl_leo_feature f[8];
	struct rnd_state rnd;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	prandom_seed_state(&rnd, 0xcafe);
	for (i = 0; i < 5000; i++) {
		size_t len = prandom_u32_state(&rnd) % 512;
		struct cxl_leo_ecs e;
		struct cxl_leo_scrub s;
		struct cxl_leo_health h;
		struct cxl_leo_fw fw;
		unsigned int nr, j;
		u32 size;

		prandom_bytes_state(&rnd, buf, len);
		if (i & 1)	/* plausible entry counts reach the entry loop */
			put_unaligned_le16(prandom_u32_state(&rnd) % 12, buf);

		if (!cxl_leo_features_parse(buf, len, f, ARRAY_SIZE(f), &nr)) {
			KUNIT_ASSERT_LE(test, nr, ARRAY_SIZE(f));
			KUNIT_ASSERT_LE(test, 8 + nr * 48, len);
			for (j = 0; j < nr; j++)
				KUNIT_ASSERT_TRUE(test, !f[j].changeable || f[j].set_size);
		}
		if (!cxl_leo_logs_find(buf, len, cel_uuid, &size))
			KUNIT_ASSERT_GE(test, len, 8 + 20);
		cxl_leo_cel_find(buf, len, 0x4200);
		if (!cxl_leo_ecs_decode(buf, len, i & 2 ? 0 : 1 + len / 2, &e)) {
			KUNIT_ASSERT_LE(test, e.nr_frus, CXL_LEO_ECS_MAX_FRUS);
			for (j = 0; j < e.nr_frus; j++) {
				u16 thr = e.fru[j].threshold;

				KUNIT_ASSERT_TRUE(test,
						  !thr || cxl_leo_ecs_threshold_valid(thr) > 0);
			}
		}
		if (!cxl_leo_scrub_decode(buf, len, &s))
			KUNIT_ASSERT_GE(test, s.cycle_hours, max_t(u8, s.min_cycle_hours, 1));
		if (!cxl_leo_fw_info_decode(buf, len, &fw)) {
			KUNIT_ASSERT_LE(test, fw.active, fw.slots);
			for (j = 0; j < CXL_LEO_FW_SLOTS_MAX; j++)
				KUNIT_ASSERT_LE(test, strlen(fw.revision[j]), CXL_LEO_FW_REV_LEN);
		}
		if (!cxl_leo_health_decode(buf, len, &h))
			KUNIT_ASSERT_TRUE(test, h.life_used <= 100 || h.life_used == 0xff);
	}
}

static struct kunit_case feature_parse_cases[] = {
	KUNIT_CASE(features_parse_qemu_reply),
	KUNIT_CASE(features_reject_count_beyond_length),
	KUNIT_CASE(features_stop_at_caller_capacity),
	KUNIT_CASE(logs_find_cel_and_cel_find_opcode),
	KUNIT_CASE(scrub_decode_and_encode),
	KUNIT_CASE(scrub_rejects_impossible_state),
	KUNIT_CASE(ecs_shared_layout_round_trip),
	KUNIT_CASE(ecs_write_changes_only_the_target_fru),
	KUNIT_CASE(ecs_per_fru_layout),
	KUNIT_CASE(ecs_layout_decided_by_get_and_set_sizes),
	KUNIT_CASE(ecs_rejects_lengths_of_no_layout),
	KUNIT_CASE(health_decode_fields),
	KUNIT_CASE(fw_info_decode_slots),
	KUNIT_CASE(fw_info_rejects_impossible_slots),
	KUNIT_CASE(parsers_fuzz),
	{}
};

static struct kunit_suite feature_parse_suite = {
	.name = "cxl_leo_feature_parse",
	.test_cases = feature_parse_cases,
};

kunit_test_suite(feature_parse_suite);
