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
	assert_int_equal(parse_uint("010", 1, 255, &v), 0);
	assert_int_equal(v, 10);
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

static void numbers_are_decimal_or_hex_never_octal(void **state)
{
	unsigned long long v = 0;

	(void)state;
	assert_int_equal(parse_u64("010", 0, ~0ULL, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(parse_u64("0x10", 0, ~0ULL, &v), 0);
	assert_int_equal(v, 16);
	assert_int_equal(parse_u64("0X1f", 0, ~0ULL, &v), 0);
	assert_int_equal(v, 31);
	assert_int_equal(parse_u64("0", 0, ~0ULL, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_u64("18446744073709551615", 0, ~0ULL, &v), 0);
	assert_true(v == ~0ULL);
	v = 7;
	assert_int_equal(parse_u64("0x", 0, ~0ULL, &v), -EINVAL);
	assert_int_equal(parse_u64("0x0x1", 0, ~0ULL, &v), -EINVAL);
	assert_int_equal(parse_u64("+1", 0, ~0ULL, &v), -EINVAL);
	assert_int_equal(parse_u64("0x-1", 0, ~0ULL, &v), -EINVAL);
	assert_int_equal(parse_u64("1e3", 0, ~0ULL, &v), -EINVAL);
	assert_int_equal(parse_u64("018x", 0, ~0ULL, &v), -EINVAL);
	assert_int_equal(v, 7);
}

static void filter_matches_like_cxl_cli(void **state)
{
	(void)state;
	assert_true(memdev_filter_match(NULL, "mem0", "0000:0d:00.0"));
	assert_true(memdev_filter_match("all", "mem3", NULL));
	assert_true(memdev_filter_match("mem0", "mem0", NULL));
	assert_false(memdev_filter_match("mem0", "mem10", NULL));
	assert_true(memdev_filter_match("10", "mem10", NULL));
	assert_false(memdev_filter_match("1", "mem10", NULL));
	assert_true(memdev_filter_match("mem1 mem2", "mem2", NULL));
	assert_true(memdev_filter_match("mem1,mem2", "mem1", NULL));
	assert_false(memdev_filter_match("mem1,mem2", "mem3", NULL));
	/* the PCI host names a memdev, as in cxl-cli */
	assert_true(memdev_filter_match("0000:0d:00.0", "mem5", "0000:0d:00.0"));
	assert_false(memdev_filter_match("0000:0d:00.0", "mem5", "0000:0e:00.0"));
	/* ids are decimal: 010 is ten, 08 is eight, 0x1 is not an id */
	assert_true(memdev_filter_match("010", "mem10", NULL));
	assert_false(memdev_filter_match("010", "mem8", NULL));
	assert_true(memdev_filter_match("08", "mem8", NULL));
	assert_false(memdev_filter_match("0x1", "mem1", NULL));
	assert_true(memdev_filter_match("mem01", "mem1", NULL));
}

static void empty_filter_selects_nothing(void **state)
{
	(void)state;
	assert_false(memdev_filter_match("", "mem0", NULL));
	assert_false(memdev_filter_match(" ", "mem0", NULL));
	assert_false(memdev_filter_match(" , ,", "mem0", NULL));
	assert_false(cxl_ident_match("", "region0", "region", NULL));
	assert_false(decoder_filter_match("", "decoder0.0", "root"));
	assert_false(serial_filter_match("", 0x1234));
	assert_int_equal(filter_tokens(NULL), 0);
	assert_int_equal(filter_tokens(""), 0);
	assert_int_equal(filter_tokens(" ,, "), 0);
	assert_int_equal(filter_tokens("mem0, mem1 mem2"), 3);
}

static void serial_matches_only_a_serial(void **state)
{
	(void)state;
	assert_true(serial_filter_match(NULL, 0));
	assert_true(serial_filter_match("0x1234", 0x1234));
	assert_true(serial_filter_match("4660", 0x1234));
	assert_true(serial_filter_match("1,0x1234", 0x1234));
	assert_false(serial_filter_match("0x1235", 0x1234));
	/* devices without a DSN report 0 (no attribute: ULLONG_MAX): never matched */
	assert_false(serial_filter_match("0", 0));
	assert_false(serial_filter_match("0x0", 0));
	assert_false(serial_filter_match("18446744073709551615", ~0ULL));
	/* 010 is ten, not eight */
	assert_false(serial_filter_match("010", 8));
	assert_true(serial_filter_match("010", 10));
	assert_int_equal(serial_filter_check("0x1234, 5"), 0);
	assert_int_equal(serial_filter_check("mem0"), -EINVAL);
	assert_int_equal(serial_filter_check(" "), -EINVAL);
}

static void decoder_kinds_and_ids(void **state)
{
	(void)state;
	assert_true(decoder_filter_match("root", "decoder0.0", "root"));
	assert_false(decoder_filter_match("root", "decoder2.0", "endpoint"));
	assert_true(decoder_filter_match("switch,endpoint", "decoder2.0", "endpoint"));
	assert_true(decoder_filter_match("2.0", "decoder2.0", "endpoint"));
	assert_true(decoder_filter_match("decoder2.0", "decoder2.0", "endpoint"));
	assert_false(decoder_filter_match("2.1", "decoder2.0", "endpoint"));
	assert_false(decoder_filter_match("2", "decoder2.0", "endpoint"));
	assert_true(decoder_filter_match(NULL, "decoder2.0", "endpoint"));
}

static void filter_rejects_overlong(void **state)
{
	char big[400];

	(void)state;
	memset(big, 'm', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_false(memdev_filter_match(big, "mem0", NULL));
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
	/* an empty alias matches nothing; no name matches nothing */
	assert_false(cxl_ident_match("x", "root0", "root", ""));
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
		cmocka_unit_test(numbers_are_decimal_or_hex_never_octal),
		cmocka_unit_test(filter_matches_like_cxl_cli),
		cmocka_unit_test(empty_filter_selects_nothing),
		cmocka_unit_test(serial_matches_only_a_serial),
		cmocka_unit_test(decoder_kinds_and_ids),
		cmocka_unit_test(filter_rejects_overlong),
		cmocka_unit_test(idents_match_like_cxl_cli),
		cmocka_unit_test(threshold_assignments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
