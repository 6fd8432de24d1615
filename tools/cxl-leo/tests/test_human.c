// SPDX-License-Identifier: GPL-2.0-only
/* cmocka: -u/--human numbers, as cxl-cli -u prints them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "human.h"

static void sizes_in_binary_and_decimal_units(void **state)
{
	char buf[96];

	(void)state;
	human_size(536870912, buf, sizeof(buf));
	assert_string_equal(buf, "512.00 MiB (536.87 MB)");
	human_size(4096, buf, sizeof(buf));
	assert_string_equal(buf, "4096");
	human_size(4ULL << 30, buf, sizeof(buf));
	assert_string_equal(buf, "4.00 GiB (4.29 GB)");
	human_size(3ULL << 40, buf, sizeof(buf));
	assert_string_equal(buf, "3.00 TiB (3.30 TB)");
}

static void only_listed_keys_change(void **state)
{
	struct json_object *o = json_tokener_parse(
		"[{\"memdev\":\"mem0\",\"serial\":4660,\"ram_size\":536870912,"
		"\"interleave_ways\":2,\"regions\":[{\"size\":268435456,\"numa_node\":1}]}]");
	struct json_object *m, *v, *r;

	(void)state;
	json_humanize(o);
	m = json_object_array_get_idx(o, 0);
	assert_true(json_object_object_get_ex(m, "serial", &v));
	assert_string_equal(json_object_get_string(v), "0x1234");
	assert_true(json_object_object_get_ex(m, "ram_size", &v));
	assert_string_equal(json_object_get_string(v), "512.00 MiB (536.87 MB)");
	assert_true(json_object_object_get_ex(m, "interleave_ways", &v));
	assert_true(json_object_is_type(v, json_type_int));
	assert_true(json_object_object_get_ex(m, "regions", &r));
	r = json_object_array_get_idx(r, 0);
	assert_true(json_object_object_get_ex(r, "size", &v));
	assert_string_equal(json_object_get_string(v), "256.00 MiB (268.44 MB)");
	assert_true(json_object_object_get_ex(r, "numa_node", &v));
	assert_int_equal(json_object_get_int(v), 1);
	json_object_put(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes_in_binary_and_decimal_units),
		cmocka_unit_test(only_listed_keys_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
