// SPDX-License-Identifier: GPL-2.0-only
/* cmocka: per-node sums from memory.numa_stat, and malformed input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>
#include "numa_stat.h"

static const char *const keys[] = { "anon", "file", "shmem_thp" };

static void sums_wanted_lines_per_node(void **state)
{
	unsigned long long n[NUMA_STAT_MAX_NODES] = { 0 };
	const char *text =
		"anon N0=4096 N1=8192\n"
		"file N0=100 N1=200\n"
		"kernel_stack N0=999999 N1=999999\n"
		"shmem N0=1 N1=7\n"
		"shmem_thp N0=0 N1=2097152\n";

	(void)state;
	assert_int_equal(numa_stat_sum(text, keys, 3, n), 3);
	assert_true(n[0] == 4196);
	assert_true(n[1] == 8392 + 2097152);
	assert_true(n[2] == 0);
}

static void prefix_of_a_key_is_not_the_key(void **state)
{
	unsigned long long n[NUMA_STAT_MAX_NODES] = { 0 };

	(void)state;
	assert_int_equal(numa_stat_sum("anon_thp N0=5\nfile_mapped N1=5\n", keys, 2, n), 0);
	assert_true(n[0] == 0 && n[1] == 0);
}

static void malformed_wanted_lines_rejected(void **state)
{
	unsigned long long n[NUMA_STAT_MAX_NODES] = { 0 };

	(void)state;
	assert_int_equal(numa_stat_sum("anon X0=5\n", keys, 1, n), -EINVAL);
	assert_int_equal(numa_stat_sum("anon N=5\n", keys, 1, n), -EINVAL);
	assert_int_equal(numa_stat_sum("anon N0=\n", keys, 1, n), -EINVAL);
	assert_int_equal(numa_stat_sum("anon N0=5x\n", keys, 1, n), -EINVAL);
	assert_int_equal(numa_stat_sum("anon N99=5\n", keys, 1, n), -EINVAL);
	/* junk in lines we do not read is fine */
	assert_int_equal(numa_stat_sum("bogus ???\nanon N0=5", keys, 1, n), 1);
	assert_true(n[0] == 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sums_wanted_lines_per_node),
		cmocka_unit_test(prefix_of_a_key_is_not_the_key),
		cmocka_unit_test(malformed_wanted_lines_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
