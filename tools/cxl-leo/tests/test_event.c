// SPDX-License-Identifier: GPL-2.0-only
/* cmocka: trace events as JSON lines, in cxl-cli monitor's shape. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "event.h"

static const struct event_field gm[] = {
	{ .name = "common_pid", .num = 42 },
	{ .name = "memdev", .is_string = true, .str = "mem0" },
	{ .name = "host", .is_string = true, .str = "0000:0d:00.0" },
	{ .name = "dpa", .num = 0x1000 },
	{ .name = "descriptor", .num = 1 },
	{ .name = "temperature", .num = (unsigned long long)-5, .is_signed = true },
};

static void event_json_shape(void **state)
{
	struct json_object *o = event_to_json("cxl", "cxl_general_media", 123456789ULL, gm, 6);
	struct json_object *v;

	(void)state;
	assert_true(json_object_object_get_ex(o, "system", &v));
	assert_string_equal(json_object_get_string(v), "cxl");
	assert_true(json_object_object_get_ex(o, "event", &v));
	assert_string_equal(json_object_get_string(v), "cxl_general_media");
	assert_true(json_object_object_get_ex(o, "timestamp", &v));
	assert_true(json_object_get_uint64(v) == 123456789ULL);
	assert_true(json_object_object_get_ex(o, "dpa", &v));
	assert_int_equal(json_object_get_int64(v), 0x1000);
	assert_true(json_object_object_get_ex(o, "temperature", &v));
	assert_int_equal(json_object_get_int64(v), -5);
	assert_true(json_object_object_get_ex(o, "memdev", &v));
	assert_string_equal(json_object_get_string(v), "mem0");
	assert_false(json_object_object_get_ex(o, "common_pid", &v));
	json_object_put(o);
}

static void ras_events_selected(void **state)
{
	(void)state;
	assert_true(event_is_ras("cxl_general_media"));
	assert_true(event_is_ras("cxl_poison"));
	assert_true(event_is_ras("cxl_aer_uncorrectable_error"));
	assert_false(event_is_ras("cxl_mbox_cmd"));
	assert_false(event_is_ras(""));
}

static void memdev_field_found(void **state)
{
	const struct event_field none[] = { { .name = "dpa", .num = 1 } };

	(void)state;
	assert_string_equal(event_memdev(gm, 6), "mem0");
	assert_null(event_memdev(none, 1));
	assert_null(event_memdev(gm, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(event_json_shape),
		cmocka_unit_test(ras_events_selected),
		cmocka_unit_test(memdev_field_found),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
