// SPDX-License-Identifier: GPL-2.0-only
/* cmocka: argument parsing and cxl-cli style memdev filters. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>
#include "args.h"

static void uint_accepts_range_and_hex(void **state)
{
	unsigned long v = 0;

	(void)state;
	assert_int_equal(parse_uint("12", 1, 255, &v), 0);
	assert_int_equal(v, 12);
	assert_int_equal(parse_uint("0x10", 1, 255, &v), 0);
	assert_int_equal(v, 16);
	assert_int_equal(parse_uint("255", 1, 255, &v), 0);
}

static void uint_rejects_junk_and_bounds(void **state)
{
	unsigned long v = 7;

	(void)state;
	assert_int_equal(parse_uint("0", 1, 255, &v), -EINVAL);
	assert_int_equal(parse_uint("256", 1, 255, &v), -EINVAL);
	assert_int_equal(parse_uint("-1", 0, 255, &v), -EINVAL);
	assert_int_equal(parse_uint("12h", 1, 255, &v), -EINVAL);
	assert_int_equal(parse_uint("", 0, 255, &v), -EINVAL);
	assert_int_equal(parse_uint(" 5", 0, 255, &v), -EINVAL);
	assert_int_equal(parse_uint(NULL, 0, 255, &v), -EINVAL);
	assert_int_equal(parse_uint("99999999999999999999999", 0, ~0UL, &v), -EINVAL);
	assert_int_equal(v, 7);	/* untouched on error */
}

static void bool_words(void **state)
{
	bool b = false;

	(void)state;
	assert_int_equal(parse_bool_word("on", &b), 0);
	assert_true(b);
	assert_int_equal(parse_bool_word("disable", &b), 0);
	assert_false(b);
	assert_int_equal(parse_bool_word("maybe", &b), -EINVAL);
	assert_int_equal(parse_bool_word(NULL, &b), -EINVAL);
}

static void filter_matches_like_cxl_cli(void **state)
{
	(void)state;
	assert_true(memdev_filter_match(NULL, "mem0", "0x1234"));
	assert_true(memdev_filter_match("", "mem0", "0x1234"));
	assert_true(memdev_filter_match("all", "mem3", "0x1"));
	assert_true(memdev_filter_match("mem0", "mem0", "0x1234"));
	assert_false(memdev_filter_match("mem0", "mem10", "0x1234"));
	assert_true(memdev_filter_match("10", "mem10", "0x1"));
	assert_false(memdev_filter_match("1", "mem10", "0x1"));
	assert_true(memdev_filter_match("mem1 mem2", "mem2", "0x1"));
	assert_true(memdev_filter_match("mem1,mem2", "mem1", "0x1"));
	assert_true(memdev_filter_match("0X1234", "mem5", "0x1234"));
	assert_false(memdev_filter_match("mem1,mem2", "mem3", "0x3"));
}

static void filter_rejects_overlong(void **state)
{
	char big[400];

	(void)state;
	memset(big, 'm', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_false(memdev_filter_match(big, "mem0", "0x0"));
}

static void idents_match_like_cxl_cli(void **state)
{
	(void)state;
	assert_true(cxl_ident_match(NULL, "region0", "region", NULL));
	assert_true(cxl_ident_match("region0", "region0", "region", NULL));
	assert_true(cxl_ident_match("0", "region0", "region", NULL));
	assert_false(cxl_ident_match("0", "region10", "region", NULL));
	assert_false(cxl_ident_match("region1", "region10", "region", NULL));
	assert_true(cxl_ident_match("decoder2.0", "decoder2.0", "decoder", NULL));
	assert_true(cxl_ident_match("2.0", "decoder2.0", "decoder", NULL));
	assert_false(cxl_ident_match("2.1", "decoder2.0", "decoder", NULL));
	/* a bus by name, number or provider */
	assert_true(cxl_ident_match("root0", "root0", "root", "ACPI.CXL"));
	assert_true(cxl_ident_match("ACPI.CXL", "root0", "root", "ACPI.CXL"));
	assert_true(cxl_ident_match("acpi.cxl", "root0", "root", "ACPI.CXL"));
	assert_false(cxl_ident_match("cxl_test", "root0", "root", "ACPI.CXL"));
	assert_false(cxl_ident_match("root1", "root0", "root", NULL));
	/* an empty alias matches nothing; no name matches nothing but "" */
	assert_false(cxl_ident_match(",", "root0", "root", ""));
	assert_false(cxl_ident_match("root0", NULL, "root", NULL));
}

static void threshold_assignments(void **state)
{
	char attr[64], val[16];

	(void)state;
	assert_int_equal(parse_threshold("over_temperature=80", attr, sizeof(attr), val,
					 sizeof(val)), 0);
	assert_string_equal(attr, "over_temperature_warning_threshold");
	assert_string_equal(val, "80");
	assert_int_equal(parse_threshold("under_temperature=-5", attr, sizeof(attr), val,
					 sizeof(val)), 0);
	assert_string_equal(val, "-5");
	assert_int_equal(parse_threshold("life_used=off", attr, sizeof(attr), val, sizeof(val)), 0);
	assert_string_equal(attr, "life_used_warning_threshold");
	assert_string_equal(val, "off");
	assert_int_equal(parse_threshold("life_use=5", attr, sizeof(attr), val, sizeof(val)),
			 -EINVAL);
	assert_int_equal(parse_threshold("life_used", attr, sizeof(attr), val, sizeof(val)),
			 -EINVAL);
	assert_int_equal(parse_threshold("life_used=", attr, sizeof(attr), val, sizeof(val)),
			 -EINVAL);
	assert_int_equal(parse_threshold("life_used=5x", attr, sizeof(attr), val, sizeof(val)),
			 -EINVAL);
	assert_int_equal(parse_threshold("corrected_volatile=70000", attr, sizeof(attr), val,
					 sizeof(val)), -EINVAL);
	assert_int_equal(parse_threshold("over_temperature=80", attr, 8, val, sizeof(val)),
			 -EINVAL);
	assert_int_equal(parse_threshold(NULL, attr, sizeof(attr), val, sizeof(val)), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(uint_accepts_range_and_hex),
		cmocka_unit_test(uint_rejects_junk_and_bounds),
		cmocka_unit_test(bool_words),
		cmocka_unit_test(filter_matches_like_cxl_cli),
		cmocka_unit_test(filter_rejects_overlong),
		cmocka_unit_test(idents_match_like_cxl_cli),
		cmocka_unit_test(threshold_assignments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
