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

/* A general media record that happens to carry a trace_type 0. */
static const struct event_field gm_fields_for_poison[] = {
	{ .name = "trace_type", .num = 0 },
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
	/* 7.3's core */
	assert_true(event_is_ras("cxl_memory_sparing"));
	assert_true(event_is_ras("cxl_port_aer_correctable_error"));
	assert_false(event_is_ras("cxl_mbox_cmd"));
	assert_false(event_is_ras(""));
}

static void arrays_are_numbers(void **state)
{
	const unsigned char comp_id[4] = { 0x01, 0xff, 0x00, 0x7f };
	const unsigned int log[2] = { 0xdeadbeef, 7 };
	const struct event_field f[] = {
		{ .name = "comp_id", .array = comp_id, .elem_size = 1, .count = 4 },
		{ .name = "header_log", .array = log, .elem_size = 4, .count = 2 },
	};
	struct json_object *o = event_to_json("cxl", "cxl_general_media", 1, f, 2);
	struct json_object *v;

	(void)state;
	assert_true(json_object_object_get_ex(o, "comp_id", &v));
	assert_true(json_object_is_type(v, json_type_array));
	assert_int_equal(json_object_array_length(v), 4);
	assert_int_equal(json_object_get_int(json_object_array_get_idx(v, 1)), 255);
	assert_int_equal(json_object_get_int(json_object_array_get_idx(v, 3)), 127);
	assert_true(json_object_object_get_ex(o, "header_log", &v));
	assert_int_equal(json_object_array_length(v), 2);
	assert_true(json_object_get_uint64(json_object_array_get_idx(v, 0)) == 0xdeadbeef);
	json_object_put(o);
}

static struct json_object *poison(unsigned int trace_type, unsigned long long dpa, unsigned int len)
{
	const struct event_field f[] = {
		{ .name = "memdev", .is_string = true, .str = "mem0" },
		{ .name = "trace_type", .num = trace_type },
		{ .name = "dpa", .num = dpa },
		{ .name = "dpa_length", .num = len },
		{ .name = "source", .num = 7 },
	};

	return event_to_json("cxl", "cxl_poison", 1, f, 5);
}

static void poison_listing_is_list_type_only(void **state)
{
	struct json_object *list = poison(0, 0x1000, 64), *inject = poison(1, 0x1000, 64);
	struct json_object *clear = poison(2, 0x1000, 64);
	struct json_object *gm = event_to_json("cxl", "cxl_general_media", 1, gm_fields_for_poison, 1);

	(void)state;
	assert_true(event_is_poison_listing(list));
	assert_false(event_is_poison_listing(inject));
	assert_false(event_is_poison_listing(clear));
	assert_false(event_is_poison_listing(gm));
	json_object_put(list);
	json_object_put(inject);
	json_object_put(clear);
	json_object_put(gm);
}

static void poison_range_listed_once(void **state)
{
	struct json_object *arr = json_object_new_array();
	struct json_object *a = poison(0, 0x1000, 64), *same = poison(0, 0x1000, 64);
	struct json_object *longer = poison(0, 0x1000, 128), *other = poison(0, 0x2000, 64);

	(void)state;
	assert_false(event_poison_listed(arr, a));
	json_object_array_add(arr, a);
	assert_true(event_poison_listed(arr, same));
	assert_false(event_poison_listed(arr, longer));
	assert_false(event_poison_listed(arr, other));
	assert_false(event_poison_listed(NULL, other));
	json_object_put(arr);
	json_object_put(same);
	json_object_put(longer);
	json_object_put(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(event_json_shape),
		cmocka_unit_test(ras_events_selected),
		cmocka_unit_test(arrays_are_numbers),
		cmocka_unit_test(poison_listing_is_list_type_only),
		cmocka_unit_test(poison_range_listed_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
