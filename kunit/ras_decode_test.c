// SPDX-License-Identifier: GPL-2.0-only
/* KUnit: CXL RAS capability status -> per-bit error counters. */
#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/string.h>
#include "ras_decode.h"

static void ras_counts_each_set_bit_once(struct kunit *test)
{
	struct cxl_leo_ras_counts c = {};

	/* mem_data_ecc (1) + crc_threshold (2) in one correctable report */
	cxl_leo_ras_count(&c, false, BIT(1) | BIT(2));
	KUNIT_EXPECT_EQ(test, atomic64_read(&c.cor_total), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&c.cor[1]), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&c.cor[2]), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&c.cor[0]), 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&c.uncor_total), 0);

	/* mem_data_ecc (7) + internal_error (14) uncorrectable */
	cxl_leo_ras_count(&c, true, BIT(7) | BIT(14));
	KUNIT_EXPECT_EQ(test, atomic64_read(&c.uncor_total), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&c.uncor[7]), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&c.uncor[14]), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&c.cor_total), 1);
}

static void ras_reserved_bits_counted_in_total_only(struct kunit *test)
{
	struct cxl_leo_ras_counts c = {};
	int i;

	cxl_leo_ras_count(&c, true, BIT(12) | BIT(13) | BIT(31));
	cxl_leo_ras_count(&c, false, GENMASK(31, 7));
	KUNIT_EXPECT_EQ(test, atomic64_read(&c.uncor_total), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&c.cor_total), 1);
	for (i = 0; i < CXL_LEO_RAS_UNCOR_BITS; i++)
		KUNIT_EXPECT_EQ(test, atomic64_read(&c.uncor[i]), 0);
	for (i = 0; i < CXL_LEO_RAS_COR_BITS; i++)
		KUNIT_EXPECT_EQ(test, atomic64_read(&c.cor[i]), 0);
}

static void ras_bit_names_match_spec_layout(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, cxl_leo_ras_bit_name(false, 1), "mem_data_ecc");
	KUNIT_EXPECT_STREQ(test, cxl_leo_ras_bit_name(false, 6), "physical_layer_error");
	KUNIT_EXPECT_STREQ(test, cxl_leo_ras_bit_name(true, 7), "mem_data_ecc");
	KUNIT_EXPECT_STREQ(test, cxl_leo_ras_bit_name(true, 16), "cxl_ide_rx_error");
	KUNIT_EXPECT_NULL(test, cxl_leo_ras_bit_name(true, 12));
	KUNIT_EXPECT_NULL(test, cxl_leo_ras_bit_name(true, 17));
	KUNIT_EXPECT_NULL(test, cxl_leo_ras_bit_name(false, 7));
	KUNIT_EXPECT_NULL(test, cxl_leo_ras_bit_name(false, 0xffffffff));
}

/* Random status words: per-bit counters always sum to the named bits seen. */
static void ras_random_status_words_are_accounted(struct kunit *test)
{
	struct cxl_leo_ras_counts c = {};
	struct rnd_state rnd;
	u64 want_bits = 0, got_bits = 0;
	int i;

	prandom_seed_state(&rnd, 17);
	for (i = 0; i < 1000; i++) {
		u32 status = prandom_u32_state(&rnd);

		cxl_leo_ras_count(&c, true, status);
		want_bits += hweight32(status & (GENMASK(11, 0) | GENMASK(16, 14)));
	}
	for (i = 0; i < CXL_LEO_RAS_UNCOR_BITS; i++)
		got_bits += atomic64_read(&c.uncor[i]);
	KUNIT_EXPECT_EQ(test, got_bits, want_bits);
	KUNIT_EXPECT_EQ(test, atomic64_read(&c.uncor_total), 1000);
}

struct aer_plan_case {
	const char *name;
	enum cxl_leo_aer_channel channel;
	bool online;
	enum cxl_leo_aer_plan want;
};

#define NORMAL	CXL_LEO_AER_IO_NORMAL
#define FROZEN	CXL_LEO_AER_IO_FROZEN
#define FAILED	CXL_LEO_AER_IO_PERM_FAILURE

static const struct aer_plan_case aer_plan_cases[] = {
	{ "non-fatal, nothing online: core", NORMAL, false, CXL_LEO_AER_CORE },
	{ "frozen, nothing online: core", FROZEN, false, CXL_LEO_AER_CORE },
	{ "non-fatal, online: keep all", NORMAL, true, CXL_LEO_AER_KEEP },
	{ "frozen, online: keep memdev, report reset", FROZEN, true, CXL_LEO_AER_KEEP_RESET },
	{ "failed, nothing online: disconnect", FAILED, false, CXL_LEO_AER_DISCONNECT },
	{ "failed, online: disconnect", FAILED, true, CXL_LEO_AER_DISCONNECT },
	/* An unknown state with memory online never hands it to the teardown. */
	{ "unknown state, online: keep", 0, true, CXL_LEO_AER_KEEP_RESET },
};

static void aer_plan_desc(const struct aer_plan_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(aer_plan, aer_plan_cases, aer_plan_desc);

/* With memory online the core's teardown (release memdev, uncommit) never runs. */
static void aer_online_memory_is_never_torn_down(struct kunit *test)
{
	const struct aer_plan_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, cxl_leo_aer_plan(c->channel, c->online), c->want);
	if (c->online)
		KUNIT_EXPECT_NE(test, cxl_leo_aer_plan(c->channel, c->online), CXL_LEO_AER_CORE);
}

static struct kunit_case ras_decode_cases[] = {
	KUNIT_CASE_PARAM(aer_online_memory_is_never_torn_down, aer_plan_gen_params),
	KUNIT_CASE(ras_counts_each_set_bit_once),
	KUNIT_CASE(ras_reserved_bits_counted_in_total_only),
	KUNIT_CASE(ras_bit_names_match_spec_layout),
	KUNIT_CASE(ras_random_status_words_are_accounted),
	{}
};

static struct kunit_suite ras_decode_suite = {
	.name = "cxl_leo_ras_decode",
	.test_cases = ras_decode_cases,
};

kunit_test_suite(ras_decode_suite);
