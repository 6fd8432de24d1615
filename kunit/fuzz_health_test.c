// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit fuzzing: alert configuration payloads, hwmon's values, and Health
 * Info and alert replies of any length through the fake mailbox.
 */
#include <kunit/test.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include "fake_mailbox.h"
#include "fuzz.h"
#include "health_policy.h"

#define ALL_ALERTS	(BIT(CXL_LEO_NR_ALERTS) - 1)

static void build_alerts(struct fuzz *fz, struct cxl_leo_alert_config *c)
{
	s16 over = fuzz_boundary(fz, 2), under = fuzz_boundary(fz, 2);

	fuzz_bytes(fz, c, sizeof(*c));
	c->valid = fuzz_below(fz, ALL_ALERTS + 1);
	c->programmable = fuzz_below(fz, ALL_ALERTS + 1);
	c->life_used_crit = fuzz_below(fz, 101);
	c->life_used_warn = fuzz_below(fz, 101);
	put_unaligned_le16((u16)max(over, under), &c->over_temp_crit);
	put_unaligned_le16((u16)min(over, under), &c->under_temp_crit);
	put_unaligned_le16(fuzz_boundary(fz, 2), &c->over_temp_warn);
	put_unaligned_le16(fuzz_boundary(fz, 2), &c->under_temp_warn);
}

static int alerts_expected(const struct cxl_leo_alert_config *c, size_t len)
{
	if (len < sizeof(*c))
		return -EIO;
	if ((c->valid | c->programmable) & ~ALL_ALERTS)
		return -EIO;
	if (c->life_used_crit > 100 ||
	    (s16)get_unaligned_le16(&c->under_temp_crit) >
	    (s16)get_unaligned_le16(&c->over_temp_crit))
		return -EIO;
	return 0;
}

static void alerts_check_fields(struct kunit *test, const struct cxl_leo_alert_config *c,
				const struct cxl_leo_alerts *al)
{
	KUNIT_ASSERT_EQ(test, al->valid, c->valid);
	KUNIT_ASSERT_EQ(test, al->programmable, c->programmable);
	KUNIT_ASSERT_EQ(test, al->life_used_crit, c->life_used_crit);
	KUNIT_ASSERT_EQ(test, al->over_temp_crit, (s16)get_unaligned_le16(&c->over_temp_crit));
	KUNIT_ASSERT_EQ(test, al->under_temp_crit, (s16)get_unaligned_le16(&c->under_temp_crit));
	KUNIT_ASSERT_EQ(test, al->warn[CXL_LEO_ALERT_LIFE_USED], c->life_used_warn);
	KUNIT_ASSERT_EQ(test, al->warn[CXL_LEO_ALERT_OVER_TEMP],
			(s16)get_unaligned_le16(&c->over_temp_warn));
	KUNIT_ASSERT_EQ(test, al->warn[CXL_LEO_ALERT_UNDER_TEMP],
			(s16)get_unaligned_le16(&c->under_temp_warn));
	KUNIT_ASSERT_EQ(test, al->warn[CXL_LEO_ALERT_CORR_VOLATILE],
			get_unaligned_le16(&c->corr_volatile_warn));
	KUNIT_ASSERT_EQ(test, al->warn[CXL_LEO_ALERT_CORR_PERSISTENT],
			get_unaligned_le16(&c->corr_persistent_warn));
}

static void temp_check(struct kunit *test, const struct cxl_leo_health *h,
		       const struct cxl_leo_alerts *al, enum cxl_leo_temp_value what)
{
	enum cxl_leo_alert_state st = cxl_leo_health_alert_state(h, CXL_LEO_ALERT_OVER_TEMP);
	long v = LONG_MIN, want = LONG_MIN;
	int rc = cxl_leo_temp_value(h, al, what, &v), want_rc = 0;

	switch (what) {
	case CXL_LEO_TEMP_INPUT:
		if (h->temperature_valid)
			want = h->temperature * 1000L;
		else
			want_rc = -ENODATA;
		break;
	case CXL_LEO_TEMP_ALARM:
		want = st != CXL_LEO_ALERT_NORMAL;
		break;
	case CXL_LEO_TEMP_CRIT_ALARM:
		want = st == CXL_LEO_ALERT_CRITICAL;
		break;
	case CXL_LEO_TEMP_MAX:
		if (al && (al->valid & BIT(CXL_LEO_ALERT_OVER_TEMP)))
			want = al->warn[CXL_LEO_ALERT_OVER_TEMP] * 1000L;
		else
			want_rc = -ENODATA;
		break;
	case CXL_LEO_TEMP_MIN:
		if (al && (al->valid & BIT(CXL_LEO_ALERT_UNDER_TEMP)))
			want = al->warn[CXL_LEO_ALERT_UNDER_TEMP] * 1000L;
		else
			want_rc = -ENODATA;
		break;
	case CXL_LEO_TEMP_CRIT:
		if (al)
			want = al->over_temp_crit * 1000L;
		else
			want_rc = -ENODATA;
		break;
	case CXL_LEO_TEMP_LCRIT:
		if (al)
			want = al->under_temp_crit * 1000L;
		else
			want_rc = -ENODATA;
		break;
	default:
		want_rc = -ENODATA;
		break;
	}
	KUNIT_ASSERT_EQ(test, rc, want_rc);
	KUNIT_ASSERT_EQ(test, v, want);
}

static void fuzz_alert_config(struct kunit *test)
{
	static const struct fuzz_field alert_fields[] = {
		FUZZ_FIELD(0, 1), FUZZ_FIELD(1, 1), FUZZ_FIELD(2, 1), FUZZ_FIELD(3, 1),
		FUZZ_FIELD(4, 2), FUZZ_FIELD(6, 2), FUZZ_FIELD(8, 2), FUZZ_FIELD(10, 2),
		FUZZ_FIELD(12, 2), FUZZ_FIELD(14, 2),
	};
	struct fuzz *fz = fuzz_start(test);

	while (fuzz_next(fz)) {
		struct cxl_leo_alert_config valid;
		const struct cxl_leo_alert_config *c;
		struct cxl_leo_health h = {};
		struct cxl_leo_alerts al;
		unsigned int what;
		int rc;

		build_alerts(fz, &valid);
		c = (const void *)fuzz_input(fz, &valid, sizeof(valid), sizeof(valid) + 8,
					     alert_fields, ARRAY_SIZE(alert_fields));
		rc = cxl_leo_alerts_decode(c, fz->len, &al);
		KUNIT_ASSERT_EQ(test, rc, alerts_expected(c, fz->len));
		if (rc)
			continue;
		fuzz_accepted(fz);
		alerts_check_fields(test, c, &al);

		/* hwmon's view of this configuration and of any Health Info. */
		h.additional_status = fuzz_u32(fz);
		h.temperature_valid = fuzz_chance(fz, 2);
		h.temperature = fuzz_boundary(fz, 2);
		for (what = 0; what <= CXL_LEO_TEMP_CRIT_ALARM + 1; what++) {
			temp_check(test, &h, &al, what);
			temp_check(test, &h, NULL, what);
		}
	}
	fuzz_finish(fz, 100);
}

/*
 * Replies of every length, and errors, through the mailbox: the decoders
 * only ever see what fits their structure and a short reply is -EIO.
 */
static void fuzz_health_and_alert_queries(struct kunit *test)
{
	static const struct fuzz_field fields[] = {
		FUZZ_FIELD(0, 1), FUZZ_FIELD(3, 1), FUZZ_FIELD(4, 2), FUZZ_FIELD(6, 2),
	};
	static const int errors[] = { -ENXIO, -EIO, -EBUSY, -ETIMEDOUT };
	struct fuzz *fz = fuzz_start(test);
	struct fake_mbox *f = fake_mbox_new(test);

	while (fuzz_next(fz)) {
		union {
			struct cxl_leo_health_info hi;
			struct cxl_leo_alert_config c;
		} valid, reply = {};
		bool health = fuzz_chance(fz, 2);
		size_t size = health ? sizeof(valid.hi) : sizeof(valid.c);
		int mbox_rc = fuzz_chance(fz, 8) ? errors[fuzz_below(fz, ARRAY_SIZE(errors))] : 0;
		const u8 *in;
		int rc, want;

		if (health) {
			fuzz_bytes(fz, &valid, sizeof(valid));
			valid.hi.life_used = fuzz_below(fz, 101);
		} else {
			build_alerts(fz, &valid.c);
		}
		in = fuzz_input(fz, &valid, size, FAKE_MBOX_PAYLOAD + 16, fields,
				ARRAY_SIZE(fields));
		memcpy(&reply, in, min(fz->len, sizeof(reply)));
		f->nr_answers = 0;
		fake_mbox_answer(f, health ? CXL_LEO_OP_GET_HEALTH_INFO :
					     CXL_LEO_OP_GET_ALERT_CONFIG, in, fz->len, mbox_rc);
		if (health) {
			struct cxl_leo_health h, hw;

			memset(&h, 0, sizeof(h));
			memset(&hw, 0, sizeof(hw));

			rc = cxl_leo_health_query(&f->sender, &h);
			want = mbox_rc ?: fz->len < size ? -EIO :
			       cxl_leo_health_decode(&reply.hi, size, &hw);
			KUNIT_ASSERT_EQ(test, rc, want);
			if (!rc)
				KUNIT_ASSERT_EQ(test, memcmp(&h, &hw, sizeof(h)), 0);
		} else {
			struct cxl_leo_alerts al, alw;

			memset(&al, 0, sizeof(al));
			memset(&alw, 0, sizeof(alw));

			rc = cxl_leo_alerts_query(&f->sender, &al);
			want = mbox_rc ?: fz->len < size ? -EIO :
			       cxl_leo_alerts_decode(&reply.c, size, &alw);
			KUNIT_ASSERT_EQ(test, rc, want);
			if (!rc)
				KUNIT_ASSERT_EQ(test, memcmp(&al, &alw, sizeof(al)), 0);
		}
		if (!rc)
			fuzz_accepted(fz);
	}
	fuzz_finish(fz, 100);
}

static void fuzz_alert_states(struct kunit *test)
{
	struct fuzz *fz = fuzz_start(test);

	while (fuzz_next(fz)) {
		struct cxl_leo_health h = { .additional_status = fuzz_u32(fz) };
		unsigned int a = fuzz_below(fz, CXL_LEO_NR_ALERTS + 2);
		enum cxl_leo_alert_state st = cxl_leo_health_alert_state(&h, a);
		u8 s = h.additional_status, v;

		switch (a) {
		case CXL_LEO_ALERT_LIFE_USED:
			v = s & 3;
			break;
		case CXL_LEO_ALERT_OVER_TEMP:
		case CXL_LEO_ALERT_UNDER_TEMP:
			v = (s >> 2) & 3;
			break;
		case CXL_LEO_ALERT_CORR_VOLATILE:
			v = !!(s & BIT(4));
			break;
		case CXL_LEO_ALERT_CORR_PERSISTENT:
			v = !!(s & BIT(5));
			break;
		default:
			v = 0;
			break;
		}
		/* Reserved 3 counts as critical, never as normal. */
		KUNIT_ASSERT_EQ(test, st, v == 0 ? CXL_LEO_ALERT_NORMAL :
				 v == 1 ? CXL_LEO_ALERT_WARNING : CXL_LEO_ALERT_CRITICAL);
		fuzz_accepted(fz);
	}
	fuzz_finish(fz, 1000);
}

static struct kunit_case fuzz_health_cases[] = {
	KUNIT_CASE_SLOW(fuzz_alert_config),
	KUNIT_CASE_SLOW(fuzz_health_and_alert_queries),
	KUNIT_CASE_SLOW(fuzz_alert_states),
	{}
};

static struct kunit_suite fuzz_health_suite = {
	.name = "cxl_leo_fuzz_health",
	.test_cases = fuzz_health_cases,
};

kunit_test_suite(fuzz_health_suite);
