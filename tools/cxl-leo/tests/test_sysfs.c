// SPDX-License-Identifier: GPL-2.0-only
/* cmocka: driver attributes read and written through a fake sysfs directory. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sysfs.h"

static char dir[64];

static void put(const char *name, const char *val, mode_t mode)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(val, f);
	fclose(f);
	chmod(path, mode);
}

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/cxl-leo-sysfs-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	put("pages_offlined", "3\n", 0444);
	put("page_offline_policy", "uncorrectable\n", 0644);
	put("health_status", "0x2\n", 0444);
	put("reset", "", 0200);
	put("slot1_revision", "12\n", 0444);
	put("life_used_warning_threshold", "off\n", 0444);
	put("over_temperature_warning_threshold", "80\n", 0444);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static void read_trims_newline(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(sysfs_read(dir, "page_offline_policy", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "uncorrectable");
	assert_int_equal(sysfs_read(dir, "missing", buf, sizeof(buf)), -ENOENT);
	assert_int_equal(sysfs_read(dir, "pages_offlined", buf, 1), -EINVAL);
}

static void write_reports_errors(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(sysfs_write(dir, "page_offline_policy", "all"), 0);
	assert_int_equal(sysfs_read(dir, "page_offline_policy", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "all");
	assert_int_equal(sysfs_write(dir, "nonexistent", "1"), -ENOENT);
}

static void dir_to_json_types_and_order(void **state)
{
	struct json_object *o = sysfs_dir_to_json(dir), *v;

	(void)state;
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "pages_offlined", &v));
	assert_true(json_object_is_type(v, json_type_int));
	assert_int_equal(json_object_get_int(v), 3);
	assert_true(json_object_object_get_ex(o, "health_status", &v));
	assert_int_equal(json_object_get_int(v), 2);
	assert_true(json_object_object_get_ex(o, "page_offline_policy", &v));
	assert_true(json_object_is_type(v, json_type_string));
	/* the type follows the name: a revision is a string, a threshold off is null */
	assert_true(json_object_object_get_ex(o, "slot1_revision", &v));
	assert_true(json_object_is_type(v, json_type_string));
	assert_string_equal(json_object_get_string(v), "12");
	assert_true(json_object_object_get_ex(o, "life_used_warning_threshold", &v));
	assert_null(v);
	assert_true(json_object_object_get_ex(o, "over_temperature_warning_threshold", &v));
	assert_true(json_object_is_type(v, json_type_int));
	/* root reads a 0200 file anyway; only its absence from the JSON matters elsewhere */
	assert_null(sysfs_dir_to_json("/nonexistent/cxl-leo"));
	json_object_put(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_trims_newline),
		cmocka_unit_test(write_reports_errors),
		cmocka_unit_test(dir_to_json_types_and_order),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
