// SPDX-License-Identifier: GPL-2.0-only
/* cmocka: kernel node lists into libnuma bitmasks; node sizes through libnuma. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "nodes.h"

/* The nodes set in @mask, "0 1 2 5 " */
static const char *set_nodes(struct bitmask *mask)
{
	static char buf[256];
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < mask->size && len < sizeof(buf) - 8; i++)
		if (numa_bitmask_isbitset(mask, i))
			len += snprintf(buf + len, sizeof(buf) - len, "%u ", i);
	return buf;
}

static void nodes_and_ranges(void **state)
{
	struct bitmask *m = numa_allocate_nodemask();

	(void)state;
	assert_int_equal(node_list_parse("0-2,5", m), 0);
	assert_string_equal(set_nodes(m), "0 1 2 5 ");
	assert_int_equal(numa_bitmask_weight(m), 4);
	/* A node the process did not see at its start is a node all the same. */
	assert_int_equal(node_list_parse("7", m), 0);
	assert_string_equal(set_nodes(m), "7 ");
	assert_int_equal(node_list_parse("3-3,9-10", m), 0);
	assert_string_equal(set_nodes(m), "3 9 10 ");
	numa_bitmask_free(m);
}

static void empty_list_is_no_node(void **state)
{
	struct bitmask *m = numa_allocate_nodemask();

	(void)state;
	numa_bitmask_setbit(m, 4);
	assert_int_equal(node_list_parse("", m), 0);
	assert_int_equal(numa_bitmask_weight(m), 0);
	numa_bitmask_free(m);
}

static void malformed_lists_refused(void **state)
{
	static const char *const bad[] = {
		"1-", "-1", "a", "3-1", "1,,2", "1,", ",1", "1 2", "0x1", "+1", "1-2-3", "!1",
	};
	struct bitmask *m = numa_allocate_nodemask();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (node_list_parse(bad[i], m) != -EINVAL)
			fail_msg("'%s' was accepted", bad[i]);
	}
	numa_bitmask_free(m);
}

static void node_past_the_kernels_nodemask_refused(void **state)
{
	struct bitmask *m = numa_allocate_nodemask();
	char list[32];

	(void)state;
	snprintf(list, sizeof(list), "%lu", m->size);
	assert_int_equal(node_list_parse(list, m), -ERANGE);
	snprintf(list, sizeof(list), "0-%lu", m->size);
	assert_int_equal(node_list_parse(list, m), -ERANGE);
	assert_int_equal(node_list_parse("99999999999999999999", m), -ERANGE);
	snprintf(list, sizeof(list), "%lu", m->size - 1);
	assert_int_equal(node_list_parse(list, m), 0);
	numa_bitmask_free(m);
}

static void membership(void **state)
{
	(void)state;
	assert_true(node_list_has("0-1,3", 3));
	assert_true(node_list_has("0-1,3", 1));
	assert_false(node_list_has("0-1,3", 2));
	assert_false(node_list_has("", 0));
	assert_false(node_list_has("1-x", 1));
	assert_false(node_list_has("0-3", -1));
}

/* libnuma reads the real node0/meminfo: the same MemTotal and MemFree, in bytes. */
static void node0_size_is_its_meminfo(void **state)
{
	unsigned long long total = 0, avail = 0, kb_total = 0, kb_free = 0;
	char line[256];
	FILE *f = fopen("/sys/devices/system/node/node0/meminfo", "r");

	(void)state;
	if (!f)
		fail_msg("no /sys/devices/system/node/node0/meminfo: a kernel without NUMA?");
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "Node 0 MemTotal: %llu kB", &kb_total);
		sscanf(line, "Node 0 MemFree: %llu kB", &kb_free);
	}
	fclose(f);
	assert_int_equal(node_memory(0, &total, &avail), 0);
	assert_true(kb_total > 0);
	assert_true(total == kb_total * 1024);
	/* MemFree moves between the two reads: within 64 MiB. */
	assert_true(avail > 0 && avail <= total);
	assert_true(avail + (64ULL << 20) >= kb_free * 1024 && avail <= kb_free * 1024 + (64ULL << 20));
}

static void missing_node_has_no_memory(void **state)
{
	unsigned long long total = 1;

	(void)state;
	assert_int_equal(node_memory(-1, &total, NULL), -ENOENT);
	assert_int_equal(node_memory(100000, &total, NULL), -ENOENT);
	assert_true(total == 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nodes_and_ranges),
		cmocka_unit_test(empty_list_is_no_node),
		cmocka_unit_test(malformed_lists_refused),
		cmocka_unit_test(node_past_the_kernels_nodemask_refused),
		cmocka_unit_test(membership),
		cmocka_unit_test(node0_size_is_its_meminfo),
		cmocka_unit_test(missing_node_has_no_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
