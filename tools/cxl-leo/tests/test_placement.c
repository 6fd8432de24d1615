// SPDX-License-Identifier: GPL-2.0-only
/* cmocka: interleave positions and region sizes for cxl-leo online. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include "placement.h"

#define MiB (1ULL << 20)

static void one_host_bridge_keeps_order(void **state)
{
	int root_pos[2] = { 0, 0 }, order[2];

	(void)state;
	assert_int_equal(interleave_order(root_pos, 2, 1, order), 0);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[1], 1);
}

static void host_bridges_alternate(void **state)
{
	/* memdevs given as: behind HB1, HB0, HB1, HB0 */
	int root_pos[4] = { 1, 0, 1, 0 }, order[4];

	(void)state;
	assert_int_equal(interleave_order(root_pos, 4, 2, order), 0);
	assert_int_equal(order[0], 1);	/* position 0 through target 0 */
	assert_int_equal(order[1], 0);	/* position 1 through target 1 */
	assert_int_equal(order[2], 3);
	assert_int_equal(order[3], 2);
}

static void uneven_or_impossible_refused(void **state)
{
	int uneven[2] = { 0, 0 }, outside[2] = { 0, 2 }, five[5] = { 0 }, order[16];

	(void)state;
	assert_int_equal(interleave_order(uneven, 2, 2, order), -EINVAL);
	assert_int_equal(interleave_order(outside, 2, 2, order), -EINVAL);
	assert_int_equal(interleave_order(five, 5, 1, order), -EINVAL);	/* 5 ways */
	assert_int_equal(interleave_order(uneven, 1, 2, order), -EINVAL);
	assert_int_equal(interleave_order(uneven, 0, 1, order), -EINVAL);
}

static void sizes_align_and_fit(void **state)
{
	unsigned long long free_bytes[2] = { 512 * MiB, 700 * MiB };

	(void)state;
	assert_int_equal(region_per_device_size(free_bytes, 2, 4096 * MiB), 512 * MiB);
	free_bytes[0] = 1000 * MiB;
	assert_int_equal(region_per_device_size(free_bytes, 2, 4096 * MiB), 512 * MiB);
	/* a window with room for 2 x 300 MiB gives 2 x 256 MiB */
	assert_int_equal(region_per_device_size(free_bytes, 2, 600 * MiB), 256 * MiB);
	free_bytes[1] = 100 * MiB;
	assert_int_equal(region_per_device_size(free_bytes, 2, 4096 * MiB), 0);
	assert_int_equal(region_per_device_size(free_bytes, 0, 4096 * MiB), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_host_bridge_keeps_order),
		cmocka_unit_test(host_bridges_alternate),
		cmocka_unit_test(uneven_or_impossible_refused),
		cmocka_unit_test(sizes_align_and_fit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
