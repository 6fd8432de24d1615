// SPDX-License-Identifier: GPL-2.0-only
/* cmocka: zoneinfo/vmstat parsing, the zone balance limit both sides, memmap cost. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "zones.h"

#define MiB	(1ULL << 20)
#define GiB	(1ULL << 30)

/* The shape of 6.12's /proc/zoneinfo (per-cpu and vm stats trimmed). */
static const char zoneinfo_2g[] =
	"Node 0, zone      DMA\n"
	"  per-node stats\n"
	"      nr_inactive_anon 0\n"
	"  pages free     3840\n"
	"        boost    0\n"
	"        min      14\n"
	"        spanned  4095\n"
	"        present  3998\n"
	"        managed  3840\n"
	"        cma      0\n"
	"        protection: (0, 1891, 1891, 1891, 1891)\n"
	"Node 0, zone    DMA32\n"
	"  pages free     469000\n"
	"        spanned  520160\n"
	"        present  520159\n"
	"        managed  484326\n"
	"  pagesets\n"
	"    cpu: 0\n"
	"              count: 120\n"
	"              high:  500\n"
	"              batch: 63\n"
	"  vm stats threshold: 24\n"
	"    cpu: 1\n"
	"              count: 7\n"
	"              high:  500\n"
	"Node 0, zone   Normal\n"
	"  pages free     0\n"
	"        spanned  0\n"
	"        present  0\n"
	"        managed  0\n"
	"Node 0, zone  Movable\n"
	"  pages free     0\n"
	"        present  0\n"
	"        managed  0\n";

/* A CXL node whose 512 MiB carry their own memmap (8 MiB never managed). */
static const char zoneinfo_cxl_mom[] =
	"Node 1, zone   Normal\n"
	"  pages free     0\n"
	"        present  0\n"
	"        managed  0\n"
	"Node 1, zone  Movable\n"
	"  pages free     129024\n"
	"        present  131072\n"
	"        managed  129024\n"
	"Node 1, zone   Device\n"
	"  pages free     0\n"
	"        present  0\n"
	"        managed  0\n";

static struct zone_info *parse(const char *a, const char *b)
{
	struct zone_info *zi = calloc(1, sizeof(*zi));
	size_t n = strlen(a) + (b ? strlen(b) : 0) + 1;
	char *text = malloc(n);

	assert_non_null(zi);
	assert_non_null(text);
	strcpy(text, a);
	if (b)
		strcat(text, b);
	assert_int_equal(zoneinfo_parse(text, zi), 0);
	free(text);
	return zi;
}

static void zoneinfo_sums_per_node_and_zone_kind(void **state)
{
	struct zone_info *zi = parse(zoneinfo_2g, zoneinfo_cxl_mom);

	(void)state;
	assert_int_equal(zi->nodes, 2);
	/* pages on the per-CPU lists are free pages too */
	assert_true(zi->node[0].free == 3840 + 469000 + 120 + 7);
	assert_true(zi->node[0].present == 3998 + 520159);
	assert_true(zi->node[0].managed == 3840 + 484326);
	assert_true(zi->node[0].kernel_managed == 3840 + 484326);
	assert_true(zi->node[0].movable_present == 0);
	/* Movable and Device are not kernel zones */
	assert_true(zi->node[1].kernel_managed == 0);
	assert_true(zi->node[1].movable_present == 131072);
	assert_true(zone_kernel_managed(zi) == 3840 + 484326);
	assert_true(zone_movable_present(zi) == 131072);
	free(zi);
}

static void zoneinfo_without_zones_or_with_a_wild_node_is_refused(void **state)
{
	struct zone_info *zi = calloc(1, sizeof(*zi));

	(void)state;
	assert_int_equal(zoneinfo_parse("", zi), -EINVAL);
	assert_int_equal(zoneinfo_parse("nr_free_pages 5\n  present 7\n", zi), -EINVAL);
	assert_int_equal(zoneinfo_parse("Node 4096, zone Normal\n  present 1\n", zi), -EINVAL);
	assert_int_equal(zoneinfo_parse("Node -1, zone Normal\n  present 1\n", zi), -EINVAL);
	free(zi);
}

static void vmstat_key_is_the_whole_word(void **state)
{
	const char *text = "nr_memmap_boot_pages 8192\nnr_memmap_pages 2048\nnr_free_pages 5\n";

	(void)state;
	assert_int_equal(vmstat_value(text, "nr_memmap_pages"), 2048);
	assert_int_equal(vmstat_value(text, "nr_memmap_boot_pages"), 8192);
	assert_int_equal(vmstat_value(text, "nr_memmap"), -1);
	assert_int_equal(vmstat_value("", "nr_memmap_pages"), -1);
}

static void memmap_parameter_values(void **state)
{
	(void)state;
	assert_int_equal(memmap_param_on("Y"), 1);
	assert_int_equal(memmap_param_on("force"), 1);
	assert_int_equal(memmap_param_on("1"), 1);
	assert_int_equal(memmap_param_on("N"), 0);
	assert_int_equal(memmap_param_on("0"), 0);
	assert_int_equal(memmap_param_on("maybe"), -EINVAL);
}

/* A host with @kernel_gib of kernel zones and @movable_gib movable already. */
static struct zone_info *host(unsigned long long kernel_gib, unsigned long long movable_gib)
{
	struct zone_info *zi = calloc(1, sizeof(*zi));

	assert_non_null(zi);
	zi->nodes = 2;
	zi->node[0].kernel_managed = kernel_gib * GiB / 4096;
	zi->node[1].movable_present = movable_gib * GiB / 4096;
	return zi;
}

static void guard_passes_below_the_limit(void **state)
{
	struct zone_info *zi = host(256, 0);
	struct zone_guard g;

	(void)state;
	/* 512 GiB next to 256 GiB: 2:1 even with the memmap in DRAM */
	zone_guard_compute(zi, 4096, 512 * GiB, false, ZONE_RATIO_DEFAULT_PCT, &g);
	assert_false(g.over);
	assert_true(g.memmap_dram == 8 * GiB);		/* 1.56 % of 512 GiB */
	assert_true(g.page_tables == 1 * GiB);		/* 0.2 % */
	assert_true(g.kernel_after == 247 * GiB);
	assert_true(g.movable_after == 512 * GiB);
	assert_int_equal(g.ratio_pct, 512 * 100 / 247);
	free(zi);
}

static void guard_refuses_past_the_limit(void **state)
{
	struct zone_info *zi = host(256, 512);
	struct zone_guard g;

	(void)state;
	/* a second 512 GiB Leo: 1 TiB next to the 247 GiB the kernel keeps */
	zone_guard_compute(zi, 4096, 512 * GiB, false, ZONE_RATIO_DEFAULT_PCT, &g);
	assert_true(g.over);
	assert_true(g.movable == 512 * GiB);
	assert_true(g.movable_after == 1024 * GiB);
	assert_int_equal(g.ratio_pct, 1024 * 100 / 247);
	assert_int_equal(g.limit_pct, 301);
	free(zi);
}

static void memmap_on_the_expander_moves_the_limit(void **state)
{
	struct zone_info *zi = host(256, 0);
	struct zone_guard dram, mom;
	/* 750 GiB next to 256 GiB fits only when its 11.7 GiB memmap stays off DRAM */
	unsigned long long size = 750 * GiB;

	(void)state;
	zone_guard_compute(zi, 4096, size, false, ZONE_RATIO_DEFAULT_PCT, &dram);
	zone_guard_compute(zi, 4096, size, true, ZONE_RATIO_DEFAULT_PCT, &mom);
	assert_true(dram.over);
	assert_false(mom.over);
	assert_true(mom.memmap_dram == 0);
	assert_true(mom.kernel_after == 256 * GiB - size / 512);
	free(zi);
}

static void guard_limit_is_inclusive_and_follows_the_setting(void **state)
{
	struct zone_info *zi = host(100, 0);
	unsigned long long lo = 0, hi = 400 * GiB;
	struct zone_guard g;

	(void)state;
	/* the largest size that passes, to the page: its page tables move the limit too */
	while (hi - lo > 4096) {
		unsigned long long mid = (lo + hi) / 2 / 4096 * 4096;

		zone_guard_compute(zi, 4096, mid, true, 300, &g);
		if (g.over)
			hi = mid;
		else
			lo = mid;
	}
	zone_guard_compute(zi, 4096, lo, true, 300, &g);
	assert_false(g.over);
	assert_true(g.movable_after * 100 <= 300 * g.kernel_after);
	zone_guard_compute(zi, 4096, hi, true, 300, &g);
	assert_true(g.over);
	assert_true(g.movable_after * 100 > 300 * g.kernel_after);
	/* 100 GiB of kernel zones, less 1/512 of s for page tables: s <= 300 / (1 + 3/512) GiB */
	assert_true(lo > 298 * GiB && lo < 299 * GiB);
	/* the operator's auto_movable_ratio: 800 % lets the same size through */
	zone_guard_compute(zi, 4096, 400 * GiB, true, 300, &g);
	assert_true(g.over);
	zone_guard_compute(zi, 4096, 400 * GiB, true, 800, &g);
	assert_false(g.over);
	free(zi);
}

static void guard_with_no_kernel_memory_refuses(void **state)
{
	struct zone_info *zi = host(0, 0);
	struct zone_guard g;

	(void)state;
	zone_guard_compute(zi, 4096, 1 * GiB, true, ZONE_RATIO_DEFAULT_PCT, &g);
	assert_true(g.over);
	assert_int_equal(g.ratio_pct, UINT_MAX);
	free(zi);
}

static void memmap_cost_in_dram(void **state)
{
	/* measured on 6.12: 512 MiB onlined, 2048 memmap pages, all from node 0 */
	struct zone_info *before = host(2, 0), *after = host(2, 0);
	struct memmap_cost c;

	(void)state;
	before->node[0].free = 473000;
	after->node[0].free = 473000 - 2066;
	after->node[1].present = after->node[1].managed = 131072;
	after->node[1].free = 131072;
	memmap_cost_compute(before, after, 0, 2048, 1, 4096, &c);
	assert_true(c.bytes == 8 * MiB);
	assert_true(c.expander_bytes == 0);
	assert_true(c.dram_bytes == 8 * MiB);
	assert_true(c.dram_used == 2066 * 4096LL);
	free(before);
	free(after);
}

static void memmap_cost_on_the_expander(void **state)
{
	struct zone_info *before = host(2, 0), *after = calloc(1, sizeof(*after));
	struct memmap_cost c;

	(void)state;
	assert_int_equal(zoneinfo_parse(zoneinfo_2g, before), 0);
	*after = *before;
	after->node[0].free -= 60;
	/* and the node appears: take node 1 from the memmap-on-memory text */
	{
		struct zone_info *cxl = parse(zoneinfo_cxl_mom, NULL);

		after->node[1] = cxl->node[1];
		after->nodes = 2;
		free(cxl);
	}
	memmap_cost_compute(before, after, 100, 2148, 1, 4096, &c);
	assert_true(c.bytes == 8 * MiB);
	assert_true(c.expander_bytes == 8 * MiB);
	assert_true(c.dram_bytes == 0);
	assert_true(c.dram_used == 60 * 4096LL);
	/* an unreadable counter (-1) gives no memmap figure, never a negative one */
	memmap_cost_compute(before, after, -1, 2148, 1, 4096, &c);
	assert_true(c.bytes == 0 && c.expander_bytes == 0 && c.dram_bytes == 0);
	free(before);
	free(after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(zoneinfo_sums_per_node_and_zone_kind),
		cmocka_unit_test(zoneinfo_without_zones_or_with_a_wild_node_is_refused),
		cmocka_unit_test(vmstat_key_is_the_whole_word),
		cmocka_unit_test(memmap_parameter_values),
		cmocka_unit_test(guard_passes_below_the_limit),
		cmocka_unit_test(guard_refuses_past_the_limit),
		cmocka_unit_test(memmap_on_the_expander_moves_the_limit),
		cmocka_unit_test(guard_limit_is_inclusive_and_follows_the_setting),
		cmocka_unit_test(guard_with_no_kernel_memory_refuses),
		cmocka_unit_test(memmap_cost_in_dram),
		cmocka_unit_test(memmap_cost_on_the_expander),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
