// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit fuzzing: what cxl_leo does with the media error and poison records
 * the core decodes for it (descriptor, device address) and with RAS status
 * words: the page action, the DPA to HPA translation a poison record goes
 * through, the error counters and the storm limiter.
 */
#include <kunit/test.h>
#include <linux/bitops.h>
#include <linux/limits.h>
#include <linux/overflow.h>
#include <linux/sizes.h>
#include "fuzz.h"
#include "media_policy.h"
#include "ras_decode.h"

static void fuzz_media_action(struct kunit *test)
{
	struct fuzz *fz = fuzz_start(test);

	while (fuzz_next(fz)) {
		struct cxl_leo_media_event ev = {
			.source = fuzz_below(fz, 3),
			.descriptor = fuzz_u32(fz),
			.hpa = fuzz_chance(fz, 4) ? U64_MAX : fuzz_boundary(fz, 8),
		};
		enum cxl_leo_offline_policy policy = fuzz_below(fz, 3);
		enum cxl_leo_page_action want = CXL_LEO_PAGE_KEEP;
		bool uncorrectable = ev.source == CXL_LEO_MEDIA_POISON_LIST ||
				     (ev.descriptor & CXL_LEO_GMER_DESC_UNCORRECTABLE);

		if (policy != CXL_LEO_OFFLINE_NONE && ev.hpa != U64_MAX) {
			if (uncorrectable)
				want = CXL_LEO_PAGE_HARD_OFFLINE;
			else if (policy == CXL_LEO_OFFLINE_ALL &&
				 (ev.descriptor & CXL_LEO_GMER_DESC_THRESHOLD))
				want = CXL_LEO_PAGE_SOFT_OFFLINE;
		}
		KUNIT_ASSERT_EQ(test, cxl_leo_media_action(&ev, policy), want);
		/* Never soft-offline data that is already lost. */
		if (uncorrectable)
			KUNIT_ASSERT_NE(test, want, CXL_LEO_PAGE_SOFT_OFFLINE);
		if (want != CXL_LEO_PAGE_KEEP)
			fuzz_accepted(fz);
	}
	fuzz_finish(fz, 100);
}

static unsigned int pick_ways(struct fuzz *fz)
{
	static const unsigned int valid[] = { 1, 2, 3, 4, 6, 8, 12, 16 };
	static const unsigned int invalid[] = { 0, 5, 7, 9, 10, 24, 32, U32_MAX };

	if (fuzz_chance(fz, 8))
		return invalid[fuzz_below(fz, ARRAY_SIZE(invalid))];
	return valid[fuzz_below(fz, ARRAY_SIZE(valid))];
}

static unsigned int pick_granularity(struct fuzz *fz)
{
	static const unsigned int invalid[] = {
		0, 1, 128, 255, 257, 384, SZ_16K + 1, SZ_32K, SZ_16K - 1, U32_MAX,
	};

	if (fuzz_chance(fz, 8))
		return invalid[fuzz_below(fz, ARRAY_SIZE(invalid))];
	return 256 << fuzz_below(fz, 7);
}

/*
 * A poison record's address in a region: translated per modulo interleave
 * (CXL r3.1 8.2.4.20.13), checked by the definition rather than the formula:
 * the HPA's granule belongs to this position, its offset within the granule
 * is the DPA's, and it is this device's granule number ways apart.
 */
static void fuzz_dpa_to_hpa(struct kunit *test)
{
	struct fuzz *fz = fuzz_start(test);

	while (fuzz_next(fz)) {
		unsigned int ways = pick_ways(fz), gran = pick_granularity(fz);
		unsigned int pos = fuzz_chance(fz, 8) ? fuzz_around(fz, ways) & U32_MAX :
				   fuzz_below(fz, ways ?: 1);
		u64 base = fuzz_chance(fz, 2) ? fuzz_boundary(fz, 8) :
			   (u64)fuzz_below(fz, 1 << 20) << 20;
		u64 size = fuzz_chance(fz, 2) ? fuzz_boundary(fz, 8) :
			   (u64)(1 + fuzz_below(fz, 1 << 12)) << 20;
		u64 hpa_base = fuzz_chance(fz, 4) ? fuzz_boundary(fz, 8) :
			       (u64)fuzz_below(fz, 1 << 16) << 28;
		u64 dpa, hpa = 0xdead, off, span, end, r;
		bool valid_geometry;
		int rc, want;

		switch (fuzz_below(fz, 4)) {
		case 0:
			dpa = fuzz_around(fz, base);
			break;
		case 1:
			dpa = fuzz_around(fz, base + size);
			break;
		case 2:
			dpa = base + (size ? fuzz_u64(fz) % size : 0);
			break;
		default:
			dpa = fuzz_boundary(fz, 8);
			break;
		}
		valid_geometry = ways && (is_power_of_2(ways) ? ways <= 16 : ways % 3 == 0 &&
					  is_power_of_2(ways / 3) && ways <= 12) &&
				 gran >= 256 && gran <= SZ_16K && is_power_of_2(gran) && pos < ways;
		if (!valid_geometry)
			want = -EINVAL;
		else if (dpa < base || dpa - base >= size)
			want = -ERANGE;
		else
			want = 0;
		rc = cxl_leo_dpa_to_hpa(dpa, base, size, hpa_base, ways, gran, pos, &hpa);
		KUNIT_ASSERT_EQ(test, rc, want);
		if (rc) {
			KUNIT_ASSERT_EQ(test, hpa, 0xdead);
			continue;
		}
		fuzz_accepted(fz);
		/* Only a region that fits in the address space has a meaning. */
		off = dpa - base;
		if (check_add_overflow(off | (gran - 1), 1ULL, &span) ||
		    check_mul_overflow(span, (u64)ways, &span) ||
		    check_add_overflow(hpa_base, span, &end))
			continue;
		KUNIT_ASSERT_GE(test, hpa, hpa_base);
		KUNIT_ASSERT_LT(test, hpa, end);
		r = hpa - hpa_base;
		KUNIT_ASSERT_EQ(test, r % gran, off % gran);
		KUNIT_ASSERT_EQ(test, (r / gran) % ways, pos);
		KUNIT_ASSERT_EQ(test, (r / gran) / ways, off / gran);
	}
	fuzz_finish(fz, 100);
}

static void fuzz_ras_status(struct kunit *test)
{
	struct fuzz *fz = fuzz_start(test);
	struct cxl_leo_ras_counts *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	while (fuzz_next(fz)) {
		bool uncor = fuzz_chance(fz, 2);
		u32 status = fuzz_chance(fz, 2) ? fuzz_u32(fz) : (u32)fuzz_boundary(fz, 4);
		unsigned int nbits = uncor ? CXL_LEO_RAS_UNCOR_BITS : CXL_LEO_RAS_COR_BITS, bit;
		unsigned int probe = fuzz_below(fz, 40);
		const char *name;

		memset(c, 0, sizeof(*c));
		cxl_leo_ras_count(c, uncor, status);
		KUNIT_ASSERT_EQ(test, atomic64_read(uncor ? &c->uncor_total : &c->cor_total), 1);
		KUNIT_ASSERT_EQ(test, atomic64_read(uncor ? &c->cor_total : &c->uncor_total), 0);
		for (bit = 0; bit < nbits; bit++) {
			bool named = cxl_leo_ras_bit_name(uncor, bit);
			s64 n = atomic64_read(uncor ? &c->uncor[bit] : &c->cor[bit]);

			/* Each named bit that is set counts once; reserved bits never. */
			KUNIT_ASSERT_EQ(test, n, named && (status & BIT(bit)) ? 1 : 0);
		}
		name = cxl_leo_ras_bit_name(uncor, probe);
		if (probe >= nbits)
			KUNIT_ASSERT_NULL(test, name);
		fuzz_accepted(fz);
	}
	fuzz_finish(fz, 1000);
}

static void fuzz_storm_limiter(struct kunit *test)
{
	struct fuzz *fz = fuzz_start(test);

	while (fuzz_next(fz)) {
		u64 window = fuzz_chance(fz, 4) ? fuzz_boundary(fz, 8) : 1 + fuzz_below(fz, 1000);
		u32 limit = fuzz_chance(fz, 4) ? (u32)fuzz_boundary(fz, 4) : fuzz_below(fz, 8);
		u64 now = fuzz_boundary(fz, 8), refused = 0;
		struct cxl_leo_storm s;
		unsigned int i, calls = 1 + fuzz_below(fz, 24);

		cxl_leo_storm_init(&s, window, limit);
		for (i = 0; i < calls; i++) {
			bool new_window = now - s.window_start >= window || now < s.window_start;
			bool ok = cxl_leo_storm_admit(&s, now);

			refused += !ok;
			KUNIT_ASSERT_LE(test, s.admitted, limit);
			/* A fresh window admits when anything may be admitted at all. */
			if (new_window)
				KUNIT_ASSERT_EQ(test, ok, limit > 0);
			if (!ok)
				KUNIT_ASSERT_EQ(test, s.admitted, limit);
			KUNIT_ASSERT_EQ(test, s.suppressed, refused);
			switch (fuzz_below(fz, 5)) {
			case 0:
				break;
			case 1:
				now += fuzz_around(fz, window);
				break;
			case 2:
				now -= fuzz_below(fz, 3);
				break;
			default:
				now += fuzz_below(fz, window ? window : 1);
				break;
			}
		}
		fuzz_accepted(fz);
	}
	fuzz_finish(fz, 1000);
}

static struct kunit_case fuzz_media_cases[] = {
	KUNIT_CASE_SLOW(fuzz_media_action),
	KUNIT_CASE_SLOW(fuzz_dpa_to_hpa),
	KUNIT_CASE_SLOW(fuzz_ras_status),
	KUNIT_CASE_SLOW(fuzz_storm_limiter),
	{}
};

static struct kunit_suite fuzz_media_suite = {
	.name = "cxl_leo_fuzz_media",
	.test_cases = fuzz_media_cases,
};

kunit_test_suite(fuzz_media_suite);
