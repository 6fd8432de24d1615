// SPDX-License-Identifier: GPL-2.0-only
/* KUnit: page-offline policy, error-storm limiting, DPA -> HPA arithmetic. */
#include <kunit/test.h>
#include <linux/bitops.h>
#include <linux/limits.h>
#include <linux/pfn.h>
#include <linux/prandom.h>
#include <linux/sizes.h>
#include "media_policy.h"

#define UNCOR	CXL_LEO_GMER_DESC_UNCORRECTABLE
#define THRESH	CXL_LEO_GMER_DESC_THRESHOLD
#define GM	CXL_LEO_MEDIA_GENERAL_MEDIA
#define POISON	CXL_LEO_MEDIA_POISON_LIST
#define KEEP	CXL_LEO_PAGE_KEEP
#define SOFT	CXL_LEO_PAGE_SOFT_OFFLINE
#define HARD	CXL_LEO_PAGE_HARD_OFFLINE
#define MAPPED	0x2080000000ULL

struct action_case {
	const char *name;
	struct cxl_leo_media_event ev;
	enum cxl_leo_offline_policy policy;
	enum cxl_leo_page_action want;
};

static const struct action_case action_cases[] = {
	{ "uncorrectable_mapped_hard_offlined",
	  { GM, UNCOR, MAPPED }, CXL_LEO_OFFLINE_UNCORRECTABLE, HARD },
	{ "poison_mapped_hard_offlined",
	  { POISON, 0, MAPPED }, CXL_LEO_OFFLINE_UNCORRECTABLE, HARD },
	{ "dram_uncorrectable_hard_offlined_under_all",
	  { CXL_LEO_MEDIA_DRAM, UNCOR | THRESH, MAPPED }, CXL_LEO_OFFLINE_ALL, HARD },
	{ "unmapped_error_touches_nothing",
	  { GM, UNCOR, U64_MAX }, CXL_LEO_OFFLINE_ALL, KEEP },
	{ "policy_none_reports_only",
	  { POISON, UNCOR, MAPPED }, CXL_LEO_OFFLINE_NONE, KEEP },
	{ "correctable_threshold_soft_offlined_under_all",
	  { GM, THRESH, MAPPED }, CXL_LEO_OFFLINE_ALL, SOFT },
	{ "correctable_threshold_kept_under_uncorrectable",
	  { GM, THRESH, MAPPED }, CXL_LEO_OFFLINE_UNCORRECTABLE, KEEP },
	{ "plain_correctable_kept",
	  { GM, 0, MAPPED }, CXL_LEO_OFFLINE_ALL, KEEP },
	{ "poison_overflow_flag_alone_kept",
	  { GM, CXL_LEO_GMER_DESC_POISON_OVERFLOW, MAPPED }, CXL_LEO_OFFLINE_ALL, KEEP },
};

static void action_case_desc(const struct action_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(action, action_cases, action_case_desc);

static void media_action_follows_policy(struct kunit *test)
{
	const struct action_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, cxl_leo_media_action(&c->ev, c->policy), c->want);
}

static void policy_names_round_trip(struct kunit *test)
{
	enum cxl_leo_offline_policy p, got;

	for (p = CXL_LEO_OFFLINE_NONE; p <= CXL_LEO_OFFLINE_ALL; p++) {
		const char *name = cxl_leo_offline_policy_name(p);

		got = 99;
		KUNIT_EXPECT_EQ(test, cxl_leo_offline_policy_parse(name, &got), 0);
		KUNIT_EXPECT_EQ(test, got, p);
	}
	KUNIT_EXPECT_EQ(test, cxl_leo_offline_policy_parse("all\n", &got), 0);
	KUNIT_EXPECT_EQ(test, got, CXL_LEO_OFFLINE_ALL);
}

static void policy_parse_rejects_garbage_and_keeps_value(struct kunit *test)
{
	static const char * const bad[] = { "", "\n", "al", "alll", "ALL", "none all", "1", "-1" };
	enum cxl_leo_offline_policy p = CXL_LEO_OFFLINE_UNCORRECTABLE;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_EQ_MSG(test, cxl_leo_offline_policy_parse(bad[i], &p), -EINVAL,
				    "input '%s'", bad[i]);
		KUNIT_EXPECT_EQ(test, p, CXL_LEO_OFFLINE_UNCORRECTABLE);
	}
	KUNIT_EXPECT_STREQ(test, cxl_leo_offline_policy_name(7), "invalid");
}

static void storm_admits_limit_per_window_and_counts_the_rest(struct kunit *test)
{
	struct cxl_leo_storm s;
	int i, admitted = 0;

	cxl_leo_storm_init(&s, NSEC_PER_SEC, 10);
	for (i = 0; i < 10000; i++)
		admitted += cxl_leo_storm_admit(&s, 5 * NSEC_PER_SEC + i * 1000);
	KUNIT_EXPECT_EQ(test, admitted, 10);
	KUNIT_EXPECT_EQ(test, s.suppressed, 9990ULL);

	/* A new window admits again. */
	KUNIT_EXPECT_TRUE(test, cxl_leo_storm_admit(&s, 6 * NSEC_PER_SEC + 20000000));
	/* A clock that goes backwards starts a new window instead of wedging. */
	for (i = 0; i < 9; i++)
		cxl_leo_storm_admit(&s, 6 * NSEC_PER_SEC + 20000001);
	KUNIT_EXPECT_FALSE(test, cxl_leo_storm_admit(&s, 6 * NSEC_PER_SEC + 20000002));
	KUNIT_EXPECT_TRUE(test, cxl_leo_storm_admit(&s, NSEC_PER_SEC));
}

static void dpa_to_hpa_single_device_is_linear(struct kunit *test)
{
	u64 hpa = 0;

	KUNIT_ASSERT_EQ(test, cxl_leo_dpa_to_hpa(0x1234, 0, SZ_512M, MAPPED, 1, 256, 0, &hpa), 0);
	KUNIT_EXPECT_EQ(test, hpa, MAPPED + 0x1234);
}

static void dpa_to_hpa_two_way_interleave(struct kunit *test)
{
	u64 hpa = 0;

	/* 4K granules: device position 1's second granule is the region's fourth. */
	KUNIT_ASSERT_EQ(test, cxl_leo_dpa_to_hpa(SZ_4K + 0x10, 0, SZ_512M, MAPPED, 2, SZ_4K, 1,
						 &hpa), 0);
	KUNIT_EXPECT_EQ(test, hpa, MAPPED + 3 * SZ_4K + 0x10);
	/* Position 0, first granule. */
	KUNIT_ASSERT_EQ(test, cxl_leo_dpa_to_hpa(0xff, 0, SZ_512M, MAPPED, 2, 256, 0, &hpa), 0);
	KUNIT_EXPECT_EQ(test, hpa, MAPPED + 0xff);
}

static void dpa_to_hpa_honours_decoder_dpa_base(struct kunit *test)
{
	u64 hpa = 0;

	KUNIT_ASSERT_EQ(test, cxl_leo_dpa_to_hpa(SZ_256M + 256, SZ_256M, SZ_256M, MAPPED, 3, 256,
						 2, &hpa), 0);
	KUNIT_EXPECT_EQ(test, hpa, MAPPED + (1 * 3 + 2) * 256);
}

static void dpa_to_hpa_rejects_out_of_range_and_bad_interleave(struct kunit *test)
{
	u64 hpa = 42;

	KUNIT_EXPECT_EQ(test, cxl_leo_dpa_to_hpa(SZ_512M, 0, SZ_512M, MAPPED, 1, 256, 0, &hpa),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, cxl_leo_dpa_to_hpa(0, SZ_4K, SZ_4K, MAPPED, 1, 256, 0, &hpa),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, cxl_leo_dpa_to_hpa(0, 0, SZ_4K, MAPPED, 5, 256, 0, &hpa), -EINVAL);
	KUNIT_EXPECT_EQ(test, cxl_leo_dpa_to_hpa(0, 0, SZ_4K, MAPPED, 2, 384, 0, &hpa), -EINVAL);
	KUNIT_EXPECT_EQ(test, cxl_leo_dpa_to_hpa(0, 0, SZ_4K, MAPPED, 2, 128, 0, &hpa), -EINVAL);
	KUNIT_EXPECT_EQ(test, cxl_leo_dpa_to_hpa(0, 0, SZ_4K, MAPPED, 2, 256, 2, &hpa), -EINVAL);
	KUNIT_EXPECT_EQ(test, hpa, 42ULL);
}

/* Every position's granules tile the region exactly once. */
static void dpa_to_hpa_positions_tile_the_region(struct kunit *test)
{
	static const unsigned int ways_list[] = { 1, 2, 3, 4, 6, 8, 12, 16 };
	struct rnd_state rnd;
	int w, i;

	prandom_seed_state(&rnd, 0x1e0);
	for (w = 0; w < ARRAY_SIZE(ways_list); w++) {
		unsigned int ways = ways_list[w], gran = 256 << (prandom_u32_state(&rnd) % 7);
		u64 per_dev = 64ULL * gran, hpa;

		for (i = 0; i < 200; i++) {
			u64 dpa = prandom_u32_state(&rnd) % per_dev;
			unsigned int pos = prandom_u32_state(&rnd) % ways;
			u64 off;

			int rc = cxl_leo_dpa_to_hpa(dpa, 0, per_dev, 0, ways, gran, pos, &hpa);

			KUNIT_ASSERT_EQ(test, rc, 0);
			KUNIT_EXPECT_LT(test, hpa, per_dev * ways);
			off = hpa / gran;
			KUNIT_EXPECT_EQ(test, (unsigned int)(off % ways), pos);
			KUNIT_EXPECT_EQ(test, (off / ways) * gran + hpa % gran, dpa);
		}
	}
}

/*
 * An XOR interleave window the way platform firmware describes one (CXL
 * r3.1 9.18.1.3, CXIMS): each map's lowest set bit is a position bit whose
 * value in the system address is the parity of the address under the map.
 */
struct xor_window {
	unsigned int nr_maps;
	u64 maps[4];
	unsigned int calls;
};

static u64 xor_window_hpa_to_spa(void *ctx, u64 hpa)
{
	struct xor_window *w = ctx;
	unsigned int i;

	w->calls++;
	for (i = 0; i < w->nr_maps; i++) {
		u64 bit = BIT_ULL(__ffs64(w->maps[i]));

		if (hweight64(hpa & w->maps[i]) & 1)
			hpa |= bit;
		else
			hpa &= ~bit;
	}
	return hpa;
}

#define XOR_BASE	0x4000000000ULL	/* no bit under the maps below */

static void region_dpa_to_hpa_applies_the_windows_xor_translation(struct kunit *test)
{
	/* Two host bridges, 4K granules: bit 12 picks the bridge, XORed with bit 20. */
	struct xor_window w = { .nr_maps = 1, .maps = { BIT_ULL(12) | BIT_ULL(20) } };
	struct cxl_leo_hpa_map m = {
		.dpa_size = SZ_512M, .region_start = XOR_BASE, .region_size = SZ_1G,
		.ways = 2, .granularity = SZ_4K, .pos = 0,
		.hpa_to_spa = xor_window_hpa_to_spa, .ctx = &w,
	};
	u64 hpa = 0;

	/* Granule 128 of position 0 is modulo offset 0x100000: bit 20 flips bit 12. */
	KUNIT_ASSERT_EQ(test, cxl_leo_region_dpa_to_hpa(&m, 128 * SZ_4K + 0x10, &hpa), 0);
	KUNIT_EXPECT_EQ(test, hpa, XOR_BASE + 0x101000 + 0x10);
	KUNIT_EXPECT_EQ(test, w.calls, 1U);
	/* That is another page than plain modulo arithmetic names. */
	KUNIT_EXPECT_NE(test, PHYS_PFN(hpa), PHYS_PFN(XOR_BASE + 0x100000));
}

/* Every DPA of every position lands on its own address, all inside the region. */
static void region_dpa_to_hpa_xor_window_is_a_bijection(struct kunit *test)
{
	struct xor_window w = { .nr_maps = 2,
				.maps = { BIT_ULL(8) | BIT_ULL(14) | BIT_ULL(22),
					  BIT_ULL(9) | BIT_ULL(17) } };
	const unsigned int ways = 4, gran = 256, per_dev_granules = 256;
	struct cxl_leo_hpa_map m = {
		.dpa_size = (u64)per_dev_granules * gran, .region_start = XOR_BASE,
		.region_size = (u64)per_dev_granules * gran * ways,
		.ways = ways, .granularity = gran,
		.hpa_to_spa = xor_window_hpa_to_spa, .ctx = &w,
	};
	unsigned long *seen;
	unsigned int pos, g;

	seen = kunit_kzalloc(test, BITS_TO_LONGS(per_dev_granules * ways) * sizeof(long),
			     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seen);
	for (pos = 0; pos < ways; pos++) {
		m.pos = pos;
		for (g = 0; g < per_dev_granules; g++) {
			u64 hpa, idx;
			u64 dpa = (u64)g * gran;

			KUNIT_ASSERT_EQ(test, cxl_leo_region_dpa_to_hpa(&m, dpa, &hpa), 0);
			KUNIT_ASSERT_GE(test, hpa, XOR_BASE);
			idx = (hpa - XOR_BASE) / gran;
			KUNIT_ASSERT_LT(test, idx, (u64)per_dev_granules * ways);
			KUNIT_EXPECT_FALSE(test, test_and_set_bit(idx, seen));
		}
	}
}

static u64 translate_beyond_the_window(void *ctx, u64 hpa)
{
	return hpa + SZ_1G;
}

static void region_dpa_to_hpa_refuses_an_address_outside_the_region(struct kunit *test)
{
	struct cxl_leo_hpa_map m = {
		.dpa_base = SZ_256M, .dpa_size = SZ_256M, .region_start = MAPPED,
		.region_size = SZ_512M, .ways = 2, .granularity = 256, .pos = 1,
	};
	u64 hpa = 42;

	/* Outside the endpoint decoder's DPA range, either side. */
	KUNIT_EXPECT_EQ(test, cxl_leo_region_dpa_to_hpa(&m, SZ_256M - 1, &hpa), -ERANGE);
	KUNIT_EXPECT_EQ(test, cxl_leo_region_dpa_to_hpa(&m, SZ_512M, &hpa), -ERANGE);
	/* A decoder larger than its share of the region. */
	m.region_size = SZ_4K;
	KUNIT_EXPECT_EQ(test, cxl_leo_region_dpa_to_hpa(&m, SZ_256M + SZ_4K, &hpa), -ERANGE);
	/* A root decoder translation that leaves the region. */
	m.region_size = SZ_512M;
	m.hpa_to_spa = translate_beyond_the_window;
	KUNIT_EXPECT_EQ(test, cxl_leo_region_dpa_to_hpa(&m, SZ_256M, &hpa), -ERANGE);
	KUNIT_EXPECT_EQ(test, hpa, 42ULL);
	/* Modulo, in range: position 1's first granule. */
	m.hpa_to_spa = NULL;
	KUNIT_ASSERT_EQ(test, cxl_leo_region_dpa_to_hpa(&m, SZ_256M + 0x20, &hpa), 0);
	KUNIT_EXPECT_EQ(test, hpa, MAPPED + 256 + 0x20);
}

static struct kunit_case media_policy_cases[] = {
	KUNIT_CASE_PARAM(media_action_follows_policy, action_gen_params),
	KUNIT_CASE(policy_names_round_trip),
	KUNIT_CASE(policy_parse_rejects_garbage_and_keeps_value),
	KUNIT_CASE(storm_admits_limit_per_window_and_counts_the_rest),
	KUNIT_CASE(dpa_to_hpa_single_device_is_linear),
	KUNIT_CASE(dpa_to_hpa_two_way_interleave),
	KUNIT_CASE(dpa_to_hpa_honours_decoder_dpa_base),
	KUNIT_CASE(dpa_to_hpa_rejects_out_of_range_and_bad_interleave),
	KUNIT_CASE(dpa_to_hpa_positions_tile_the_region),
	KUNIT_CASE(region_dpa_to_hpa_applies_the_windows_xor_translation),
	KUNIT_CASE(region_dpa_to_hpa_xor_window_is_a_bijection),
	KUNIT_CASE(region_dpa_to_hpa_refuses_an_address_outside_the_region),
	{}
};

static struct kunit_suite media_policy_suite = {
	.name = "cxl_leo_media_policy",
	.test_cases = media_policy_cases,
};

kunit_test_suite(media_policy_suite);
