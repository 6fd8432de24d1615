// SPDX-License-Identifier: GPL-2.0-only
/* cmocka: --table tables (libsmartcols) from cxl-leo's JSON results. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "table.h"

static char *render(const char *json)
{
	struct json_object *o = json_tokener_parse(json);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(o);
	assert_non_null(f);
	assert_int_equal(table_print(f, o), 0);
	fclose(f);
	json_object_put(o);
	return out;
}

static void rows_under_a_header_of_every_key(void **state)
{
	char *t = render("[{\"memdev\":\"mem0\",\"ram_size\":536870912},"
			 "{\"memdev\":\"mem10\",\"driver\":\"cxl_leo\"}]");

	(void)state;
	assert_string_equal(t,
			    "memdev  ram_size   driver\n"
			    "mem0    536870912  -\n"
			    "mem10   -          cxl_leo\n");
	free(t);
}

static void one_object_is_key_value_lines(void **state)
{
	char *t = render("{\"region\":\"region0\",\"numa_node\":1,\"movable\":true}");

	(void)state;
	assert_string_equal(t, "region     region0\nnuma_node  1\nmovable    true\n");
	free(t);
}

static void nested_values_flattened(void **state)
{
	char *t = render("{\"memdevs\":[\"mem0\",\"mem1\"],\"firmware\":{\"slots\":2,\"active\":1},"
			 "\"regions\":[{\"region\":\"region0\"}]}");

	(void)state;
	assert_string_equal(t, "memdevs   mem0,mem1\n"
			       "firmware  slots=2,active=1\n"
			       "regions   {\"region\":\"region0\"}\n");
	free(t);
}

/* A device string with a newline must not split its row (libsmartcols escapes it). */
static void control_characters_escaped_one_line_per_row(void **state)
{
	char *t = render("[{\"memdev\":\"mem0\",\"firmware_version\":\"BWFW\\nVERSION\"},"
			 "{\"memdev\":\"mem1\",\"firmware_version\":\"BWFW\"}]");

	(void)state;
	assert_string_equal(t,
			    "memdev  firmware_version\n"
			    "mem0    BWFW\\x0aVERSION\n"
			    "mem1    BWFW\n");
	free(t);
}

static void empty_listing_prints_nothing(void **state)
{
	char *t = render("[]");

	(void)state;
	assert_string_equal(t, "");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_under_a_header_of_every_key),
		cmocka_unit_test(one_object_is_key_value_lines),
		cmocka_unit_test(nested_values_flattened),
		cmocka_unit_test(control_characters_escaped_one_line_per_row),
		cmocka_unit_test(empty_listing_prints_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
