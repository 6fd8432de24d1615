// SPDX-License-Identifier: GPL-2.0-only
/* KUnit: what committed HDM decoders map, read from a fake register file. */
#include <kunit/test.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include "hdm_decode.h"

#define NR	4
#define COMMITTED	CXL_LEO_HDM_CTRL_COMMITTED
#define IW(eiw)		((eiw) << 4)

struct fake_hdm {
	u32 reg[(CXL_LEO_HDM_BASE_LO(NR)) / 4];
	struct cxl_leo_hdm_regs regs;
};

static u32 fake_read(const void *ctx, unsigned int offset)
{
	const struct fake_hdm *f = ctx;

	return f->reg[offset / 4];
}

static void fake_init(struct fake_hdm *f)
{
	memset(f, 0, sizeof(*f));
	f->regs = (struct cxl_leo_hdm_regs) { .read = fake_read, .ctx = f, .nr_decoders = NR };
}

static void set64(struct fake_hdm *f, unsigned int lo, u64 v)
{
	f->reg[lo / 4] = lower_32_bits(v);
	f->reg[lo / 4 + 1] = upper_32_bits(v);
}

static void set_decoder(struct fake_hdm *f, int i, u64 base, u64 size, u64 skip, u32 ctrl)
{
	set64(f, CXL_LEO_HDM_BASE_LO(i), base);
	set64(f, CXL_LEO_HDM_SIZE_LO(i), size);
	set64(f, CXL_LEO_HDM_SKIP_LO(i), skip);
	f->reg[CXL_LEO_HDM_CTRL(i) / 4] = ctrl;
}

static int walk(struct fake_hdm *f, struct cxl_leo_hdm_map *maps)
{
	struct cxl_leo_hdm_walk w = { .regs = &f->regs };
	int n = 0;

	while (cxl_leo_hdm_walk_next(&w))
		maps[n++] = w.m;
	return n;
}

static void one_decoder_maps_the_whole_device(struct kunit *test)
{
	struct cxl_leo_hdm_map m[NR];
	struct fake_hdm f;

	fake_init(&f);
	set_decoder(&f, 0, 0x390000000ULL, SZ_512M, 0, COMMITTED);
	KUNIT_ASSERT_EQ(test, walk(&f, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].hpa_start, 0x390000000ULL);
	KUNIT_EXPECT_EQ(test, m[0].hpa_end, 0x390000000ULL + SZ_512M - 1);
	KUNIT_EXPECT_EQ(test, m[0].dpa_start, 0);
	KUNIT_EXPECT_EQ(test, m[0].dpa_len, SZ_512M);
}

static void dpa_ranges_follow_ways_and_skips(struct kunit *test)
{
	struct cxl_leo_hdm_map m[NR];
	struct fake_hdm f;

	fake_init(&f);
	/* 2-way 1 GiB: 512 MiB of this device; 3-way 768 MiB after a 256 MiB skip. */
	set_decoder(&f, 0, 0x400000000ULL, SZ_1G, 0, COMMITTED | IW(1));
	set_decoder(&f, 1, 0x800000000ULL, 3ULL * SZ_256M, SZ_256M, COMMITTED | IW(8));
	KUNIT_ASSERT_EQ(test, walk(&f, m), 2);
	KUNIT_EXPECT_EQ(test, m[0].dpa_start, 0);
	KUNIT_EXPECT_EQ(test, m[0].dpa_len, SZ_512M);
	KUNIT_EXPECT_EQ(test, m[1].dpa_start, SZ_512M + SZ_256M);
	KUNIT_EXPECT_EQ(test, m[1].dpa_len, SZ_256M);
	KUNIT_EXPECT_EQ(test, m[1].hpa_end, 0x800000000ULL + 3ULL * SZ_256M - 1);
}

static void walk_ends_at_first_uncommitted(struct kunit *test)
{
	struct cxl_leo_hdm_map m[NR];
	struct fake_hdm f;

	fake_init(&f);
	set_decoder(&f, 0, 0x400000000ULL, SZ_256M, 0, COMMITTED);
	set_decoder(&f, 1, 0x500000000ULL, SZ_256M, 0, 0);
	set_decoder(&f, 2, 0x600000000ULL, SZ_256M, 0, COMMITTED);
	KUNIT_EXPECT_EQ(test, walk(&f, m), 1);
	f.regs.nr_decoders = 0;
	KUNIT_EXPECT_EQ(test, walk(&f, m), 0);
}

static void low_words_hold_only_bits_31_28(struct kunit *test)
{
	struct cxl_leo_hdm_map m[NR];
	struct fake_hdm f;

	fake_init(&f);
	set_decoder(&f, 0, 0x390000000ULL | 0x0fffffff, SZ_512M | 0x0fffffff, 0x0fffffff,
		    COMMITTED);
	KUNIT_ASSERT_EQ(test, walk(&f, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].hpa_start, 0x390000000ULL);
	KUNIT_EXPECT_EQ(test, m[0].dpa_len, SZ_512M);
	KUNIT_EXPECT_EQ(test, m[0].dpa_start, 0);
}

static void gone_reserved_or_empty_decodes_nothing(struct kunit *test)
{
	struct cxl_leo_hdm_map m[NR];
	struct fake_hdm f;

	fake_init(&f);
	memset(f.reg, 0xff, sizeof(f.reg));	/* surprise-removed: all ones */
	KUNIT_EXPECT_EQ(test, walk(&f, m), 0);
	fake_init(&f);
	set_decoder(&f, 0, 0x400000000ULL, SZ_256M, 0, COMMITTED | IW(5));
	KUNIT_EXPECT_EQ(test, walk(&f, m), 0);
	set_decoder(&f, 0, 0x400000000ULL, 0, 0, COMMITTED);
	KUNIT_EXPECT_EQ(test, walk(&f, m), 0);
	set_decoder(&f, 0, 0xfffffffff0000000ULL, SZ_512M, 0, COMMITTED);
	KUNIT_EXPECT_EQ(test, walk(&f, m), 0);
}

static void find_dpa_skips_the_gap(struct kunit *test)
{
	struct cxl_leo_hdm_map m;
	struct fake_hdm f;

	fake_init(&f);
	set_decoder(&f, 0, 0x400000000ULL, SZ_256M, 0, COMMITTED);
	set_decoder(&f, 1, 0x500000000ULL, SZ_256M, SZ_256M, COMMITTED);
	KUNIT_EXPECT_TRUE(test, cxl_leo_hdm_find_dpa(&f.regs, SZ_256M - 1, &m));
	KUNIT_EXPECT_EQ(test, m.hpa_start, 0x400000000ULL);
	KUNIT_EXPECT_FALSE(test, cxl_leo_hdm_find_dpa(&f.regs, SZ_256M, &m));	/* skipped */
	KUNIT_EXPECT_TRUE(test, cxl_leo_hdm_find_dpa(&f.regs, SZ_512M, &m));
	KUNIT_EXPECT_EQ(test, m.hpa_start, 0x500000000ULL);
	KUNIT_EXPECT_FALSE(test, cxl_leo_hdm_find_dpa(&f.regs, SZ_512M + SZ_256M, &m));
}

static void decoder_count_from_capability(struct kunit *test)
{
	size_t block = CXL_LEO_HDM_BASE_LO(0) + 0x20 * 32;

	KUNIT_EXPECT_EQ(test, cxl_leo_hdm_decoder_count(0, block), 1);
	KUNIT_EXPECT_EQ(test, cxl_leo_hdm_decoder_count(2, block), 4);
	KUNIT_EXPECT_EQ(test, cxl_leo_hdm_decoder_count(0xf, block), 30);
	/* No more than the mapped block holds. */
	KUNIT_EXPECT_EQ(test, cxl_leo_hdm_decoder_count(2, CXL_LEO_HDM_BASE_LO(0) + 0x40), 2);
	KUNIT_EXPECT_EQ(test, cxl_leo_hdm_decoder_count(2, 8), 0);
}

static struct kunit_case hdm_decode_cases[] = {
	KUNIT_CASE(one_decoder_maps_the_whole_device),
	KUNIT_CASE(dpa_ranges_follow_ways_and_skips),
	KUNIT_CASE(walk_ends_at_first_uncommitted),
	KUNIT_CASE(low_words_hold_only_bits_31_28),
	KUNIT_CASE(gone_reserved_or_empty_decodes_nothing),
	KUNIT_CASE(find_dpa_skips_the_gap),
	KUNIT_CASE(decoder_count_from_capability),
	{}
};

static struct kunit_suite hdm_decode_suite = {
	.name = "cxl_leo_hdm_decode",
	.test_cases = hdm_decode_cases,
};

kunit_test_suite(hdm_decode_suite);
