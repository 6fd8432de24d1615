// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: Health Info and alert configuration through a fake mailbox that
 * answers with the CXL r3.1 payloads, as hwmon and sysfs see them.
 */
#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/unaligned.h>
#include "fake_mailbox.h"
#include "health_policy.h"

static void answer_health(struct fake_mbox *f, s16 temp, u8 additional, u8 life_used)
{
	struct cxl_leo_health_info hi = {
		.health_status = 0x1,
		.additional_status = additional,
		.life_used = life_used,
	};

	put_unaligned_le16((u16)temp, &hi.temperature);
	put_unaligned_le32(3, &hi.dirty_shutdowns);
	put_unaligned_le32(17, &hi.corrected_volatile);
	fake_mbox_answer(f, CXL_LEO_OP_GET_HEALTH_INFO, &hi, sizeof(hi), 0);
}

/* Warnings at 70 C / 5 C, critical at 85 C / -10 C, life used 80 / 95 %. */
static void answer_alerts(struct fake_mbox *f, u8 valid, u8 programmable)
{
	struct cxl_leo_alert_config c = {
		.valid = valid,
		.programmable = programmable,
		.life_used_crit = 95,
		.life_used_warn = 80,
	};

	put_unaligned_le16(85, &c.over_temp_crit);
	put_unaligned_le16((u16)-10, &c.under_temp_crit);
	put_unaligned_le16(70, &c.over_temp_warn);
	put_unaligned_le16(5, &c.under_temp_warn);
	put_unaligned_le16(1000, &c.corr_volatile_warn);
	put_unaligned_le16(2000, &c.corr_persistent_warn);
	fake_mbox_answer(f, CXL_LEO_OP_GET_ALERT_CONFIG, &c, sizeof(c), 0);
}

static long temp(struct kunit *test, const struct cxl_leo_health *h,
		 const struct cxl_leo_alerts *al, enum cxl_leo_temp_value what)
{
	long v = LONG_MIN;

	KUNIT_EXPECT_EQ(test, cxl_leo_temp_value(h, al, what, &v), 0);
	return v;
}

static void health_to_hwmon_values(struct kunit *test)
{
	struct cxl_leo_health h;
	struct cxl_leo_alerts al;
	struct fake_mbox *f = fake_mbox_new(test);

	answer_health(f, 42, 0x1 << 2, 12);	/* temperature warning */
	answer_alerts(f, 0x1f, 0x1f);
	KUNIT_ASSERT_EQ(test, cxl_leo_health_query(&f->sender, &h), 0);
	KUNIT_EXPECT_EQ(test, f->last_opcode, CXL_LEO_OP_GET_HEALTH_INFO);
	KUNIT_ASSERT_EQ(test, cxl_leo_alerts_query(&f->sender, &al), 0);
	KUNIT_EXPECT_EQ(test, f->last_opcode, CXL_LEO_OP_GET_ALERT_CONFIG);

	KUNIT_EXPECT_EQ(test, temp(test, &h, &al, CXL_LEO_TEMP_INPUT), 42000);
	KUNIT_EXPECT_EQ(test, temp(test, &h, &al, CXL_LEO_TEMP_MAX), 70000);
	KUNIT_EXPECT_EQ(test, temp(test, &h, &al, CXL_LEO_TEMP_MIN), 5000);
	KUNIT_EXPECT_EQ(test, temp(test, &h, &al, CXL_LEO_TEMP_CRIT), 85000);
	KUNIT_EXPECT_EQ(test, temp(test, &h, &al, CXL_LEO_TEMP_LCRIT), -10000);
	KUNIT_EXPECT_EQ(test, temp(test, &h, &al, CXL_LEO_TEMP_ALARM), 1);
	KUNIT_EXPECT_EQ(test, temp(test, &h, &al, CXL_LEO_TEMP_CRIT_ALARM), 0);
	KUNIT_EXPECT_EQ(test, h.dirty_shutdowns, 3);
	KUNIT_EXPECT_EQ(test, h.corrected_volatile, 17);

	answer_health(f, -3, 0x2 << 2, 12);	/* critical, below zero */
	KUNIT_ASSERT_EQ(test, cxl_leo_health_query(&f->sender, &h), 0);
	KUNIT_EXPECT_EQ(test, temp(test, &h, &al, CXL_LEO_TEMP_INPUT), -3000);
	KUNIT_EXPECT_EQ(test, temp(test, &h, &al, CXL_LEO_TEMP_CRIT_ALARM), 1);

	answer_health(f, 30, 0, 12);
	KUNIT_ASSERT_EQ(test, cxl_leo_health_query(&f->sender, &h), 0);
	KUNIT_EXPECT_EQ(test, temp(test, &h, &al, CXL_LEO_TEMP_ALARM), 0);
}

static void hwmon_values_the_device_lacks(struct kunit *test)
{
	struct cxl_leo_health h;
	struct cxl_leo_alerts al;
	struct fake_mbox *f = fake_mbox_new(test);
	long v = 7;

	answer_health(f, -1, 0, 0xff);		/* 0xffff: not implemented */
	answer_alerts(f, 0x1 | 0x8, 0x1f);	/* temperature warnings off */
	KUNIT_ASSERT_EQ(test, cxl_leo_health_query(&f->sender, &h), 0);
	KUNIT_ASSERT_EQ(test, cxl_leo_alerts_query(&f->sender, &al), 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_temp_value(&h, &al, CXL_LEO_TEMP_INPUT, &v), -ENODATA);
	KUNIT_EXPECT_EQ(test, cxl_leo_temp_value(&h, &al, CXL_LEO_TEMP_MAX, &v), -ENODATA);
	KUNIT_EXPECT_EQ(test, cxl_leo_temp_value(&h, &al, CXL_LEO_TEMP_MIN, &v), -ENODATA);
	/* No alert configuration at all: only input and alarms remain. */
	KUNIT_EXPECT_EQ(test, cxl_leo_temp_value(&h, NULL, CXL_LEO_TEMP_CRIT, &v), -ENODATA);
	KUNIT_EXPECT_EQ(test, cxl_leo_temp_value(&h, NULL, CXL_LEO_TEMP_ALARM, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 0);
}

static void health_rejects_lying_device(struct kunit *test)
{
	struct cxl_leo_health h;
	struct fake_mbox *f = fake_mbox_new(test);

	answer_health(f, 40, 0, 101);		/* life used over 100 % */
	KUNIT_EXPECT_EQ(test, cxl_leo_health_query(&f->sender, &h), -EIO);
	fake_mbox_answer(f, CXL_LEO_OP_GET_HEALTH_INFO, "\0\0\0\0", 4, 0);	/* truncated */
	KUNIT_EXPECT_EQ(test, cxl_leo_health_query(&f->sender, &h), -EIO);
	fake_mbox_answer(f, CXL_LEO_OP_GET_HEALTH_INFO, NULL, 0, -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, cxl_leo_health_query(&f->sender, &h), -ETIMEDOUT);
	f = fake_mbox_new(test);		/* command not implemented */
	KUNIT_EXPECT_EQ(test, cxl_leo_health_query(&f->sender, &h), -ENXIO);
}

static void health_oversized_reply_is_clipped(struct kunit *test)
{
	u8 big[64] = { [0] = 0x4, [4] = 25 };
	struct cxl_leo_health h;
	struct fake_mbox *f = fake_mbox_new(test);

	fake_mbox_answer(f, CXL_LEO_OP_GET_HEALTH_INFO, big, sizeof(big), 0);
	KUNIT_ASSERT_EQ(test, cxl_leo_health_query(&f->sender, &h), 0);
	KUNIT_EXPECT_EQ(test, h.health_status, 0x4);
	KUNIT_EXPECT_EQ(test, h.temperature, 25);
}

static void alert_states_from_additional_status(struct kunit *test)
{
	struct cxl_leo_health h = { .additional_status = 0x1 | (0x3 << 2) | BIT(5) };

	KUNIT_EXPECT_EQ(test, cxl_leo_health_alert_state(&h, CXL_LEO_ALERT_LIFE_USED),
			CXL_LEO_ALERT_WARNING);
	/* 3 is reserved: never read as "normal" */
	KUNIT_EXPECT_EQ(test, cxl_leo_health_alert_state(&h, CXL_LEO_ALERT_OVER_TEMP),
			CXL_LEO_ALERT_CRITICAL);
	KUNIT_EXPECT_EQ(test, cxl_leo_health_alert_state(&h, CXL_LEO_ALERT_CORR_VOLATILE),
			CXL_LEO_ALERT_NORMAL);
	KUNIT_EXPECT_EQ(test, cxl_leo_health_alert_state(&h, CXL_LEO_ALERT_CORR_PERSISTENT),
			CXL_LEO_ALERT_WARNING);
}

static void alerts_decode_rejects(struct kunit *test)
{
	struct cxl_leo_alert_config c = {
		.valid = 0x1, .programmable = 0x1f, .life_used_crit = 90,
	};
	struct cxl_leo_alerts al;

	put_unaligned_le16(85, &c.over_temp_crit);
	KUNIT_EXPECT_EQ(test, cxl_leo_alerts_decode(&c, sizeof(c), &al), 0);
	KUNIT_EXPECT_EQ(test, cxl_leo_alerts_decode(&c, sizeof(c) - 1, &al), -EIO);
	c.valid = 0x20;				/* reserved bit */
	KUNIT_EXPECT_EQ(test, cxl_leo_alerts_decode(&c, sizeof(c), &al), -EIO);
	c.valid = 0;
	c.life_used_crit = 101;
	KUNIT_EXPECT_EQ(test, cxl_leo_alerts_decode(&c, sizeof(c), &al), -EIO);
	c.life_used_crit = 90;
	put_unaligned_le16(100, &c.under_temp_crit);	/* above the over-temperature one */
	KUNIT_EXPECT_EQ(test, cxl_leo_alerts_decode(&c, sizeof(c), &al), -EIO);
}

static void health_parsers_fuzz(struct kunit *test)
{
	struct rnd_state rnd;
	struct cxl_leo_alerts al;
	struct cxl_leo_health h;
	struct fake_mbox *f = fake_mbox_new(test);
	u8 buf[40];
	unsigned int i;

	prandom_seed_state(&rnd, 0x4201);
	for (i = 0; i < 5000; i++) {
		size_t len = prandom_u32_state(&rnd) % sizeof(buf);

		prandom_bytes_state(&rnd, buf, len);
		if (!cxl_leo_alerts_decode(buf, len, &al)) {
			KUNIT_ASSERT_LE(test, al.life_used_crit, 100);
			KUNIT_ASSERT_LE(test, al.under_temp_crit, al.over_temp_crit);
			KUNIT_ASSERT_EQ(test, al.valid & ~0x1f, 0);
		}
		fake_mbox_answer(f, CXL_LEO_OP_GET_HEALTH_INFO, buf, len, 0);
		if (!cxl_leo_health_query(&f->sender, &h))
			KUNIT_ASSERT_TRUE(test, h.life_used <= 100 || h.life_used == 0xff);
	}
}

static struct kunit_case health_policy_cases[] = {
	KUNIT_CASE(health_to_hwmon_values),
	KUNIT_CASE(hwmon_values_the_device_lacks),
	KUNIT_CASE(health_rejects_lying_device),
	KUNIT_CASE(health_oversized_reply_is_clipped),
	KUNIT_CASE(alert_states_from_additional_status),
	KUNIT_CASE(alerts_decode_rejects),
	KUNIT_CASE(health_parsers_fuzz),
	{}
};

static struct kunit_suite health_policy_suite = {
	.name = "cxl_leo_health_policy",
	.test_cases = health_policy_cases,
};

kunit_test_suite(health_policy_suite);
