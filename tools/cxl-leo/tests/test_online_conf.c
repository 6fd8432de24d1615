// SPDX-License-Identifier: GPL-2.0-only
/* cmocka: the online policy file, its defaults and its errors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>
#include "online_conf.h"

static void defaults_when_nothing_is_said(void **state)
{
	struct online_conf c = { ONLINE_KERNEL, MEMMAP_EXPANDER };
	char err[128];

	(void)state;
	assert_int_equal(online_conf_parse("# only a comment\n\n   \n", &c, err, sizeof(err)), 0);
	assert_int_equal(c.online, ONLINE_MOVABLE);
	assert_int_equal(c.memmap, MEMMAP_ANY);
}

static void every_value_with_spaces_and_comments(void **state)
{
	struct online_conf c;
	char err[128];

	(void)state;
	assert_int_equal(online_conf_parse("  online=offline  # leave it\nmemmap =  expander\n", &c, err, sizeof(err)), 0);
	assert_int_equal(c.online, ONLINE_OFFLINE);
	assert_int_equal(c.memmap, MEMMAP_EXPANDER);
	assert_int_equal(online_conf_parse("online = kernel", &c, err, sizeof(err)), 0);
	assert_int_equal(c.online, ONLINE_KERNEL);
	assert_string_equal(online_state_name(c.online), "kernel");
	assert_int_equal(online_conf_parse("online = movable\nmemmap = any\n", &c, err, sizeof(err)), 0);
	assert_int_equal(c.online, ONLINE_MOVABLE);
	assert_int_equal(c.memmap, MEMMAP_ANY);
}

static void typos_are_errors_naming_the_line(void **state)
{
	struct online_conf c;
	char err[128];

	(void)state;
	assert_int_equal(online_conf_parse("online = movable\nonline = moveable\n", &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "line 2"));
	assert_non_null(strstr(err, "offline, movable or kernel"));
	assert_int_equal(online_conf_parse("onlin = kernel\n", &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "unknown key 'onlin'"));
	assert_int_equal(online_conf_parse("memmap = dram\n", &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "any or expander"));
	assert_int_equal(online_conf_parse("online kernel\n", &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "not key = value"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_when_nothing_is_said),
		cmocka_unit_test(every_value_with_spaces_and_comments),
		cmocka_unit_test(typos_are_errors_naming_the_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
