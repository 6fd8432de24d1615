// SPDX-License-Identifier: GPL-2.0-only
/* cmocka: weighted-interleave weights from node bandwidths. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include "bandwidth.h"

static void dram_twice_cxl_is_two_to_one(void **state)
{
	unsigned long bw[2] = { 20480, 10240 };
	unsigned int w[2];

	(void)state;
	assert_int_equal(interleave_weights(bw, 2, w), 0);
	assert_int_equal(w[0], 2);
	assert_int_equal(w[1], 1);
}

static void uneven_ratios_rounded(void **state)
{
	unsigned long bw[3] = { 300000, 64000, 64000 };	/* DRAM and two x16 CXL links */
	unsigned int w[3];

	(void)state;
	assert_int_equal(interleave_weights(bw, 3, w), 0);
	assert_int_equal(w[0], 100);	/* 100:21.3 rounds to 100:21, no common divisor */
	assert_int_equal(w[1], 21);
	assert_int_equal(w[2], 21);
}

static void tiny_bandwidth_still_gets_a_page(void **state)
{
	unsigned long bw[2] = { 1000000, 1 };
	unsigned int w[2];

	(void)state;
	assert_int_equal(interleave_weights(bw, 2, w), 0);
	assert_int_equal(w[0], 100);
	assert_int_equal(w[1], 1);
}

static void equal_nodes_weigh_one(void **state)
{
	unsigned long bw[4] = { 5, 5, 5, 5 };
	unsigned int w[4];

	(void)state;
	assert_int_equal(interleave_weights(bw, 4, w), 0);
	assert_int_equal(w[0] + w[1] + w[2] + w[3], 4);
}

static void unknown_bandwidth_refused(void **state)
{
	unsigned long bw[2] = { 20480, 0 };
	unsigned int w[2];

	(void)state;
	assert_int_equal(interleave_weights(bw, 2, w), -EINVAL);
	assert_int_equal(interleave_weights(bw, 0, w), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dram_twice_cxl_is_two_to_one),
		cmocka_unit_test(uneven_ratios_rounded),
		cmocka_unit_test(tiny_bandwidth_still_gets_a_page),
		cmocka_unit_test(equal_nodes_weigh_one),
		cmocka_unit_test(unknown_bandwidth_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
