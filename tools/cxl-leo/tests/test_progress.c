// SPDX-License-Identifier: GPL-2.0-only
/* cmocka: the progress bar and the JSON progress records (progress.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "progress.h"

struct capture {
	char *buf;
	size_t len;
	FILE *f;
};

static void capture_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
}

static void capture_close(struct capture *c)
{
	fclose(c->f);
}

static void percent_and_estimate(void **state)
{
	(void)state;
	assert_int_equal(progress_percent(0, 100), 0);
	assert_int_equal(progress_percent(999, 1000), 99);	/* 100 only when done */
	assert_int_equal(progress_percent(1000, 1000), 100);
	assert_int_equal(progress_percent(5, 0), 0);
	assert_true(progress_eta(10, 0, 100) < 0);		/* no rate yet */
	assert_true(progress_eta(10, 25, 100) > 29.9 && progress_eta(10, 25, 100) < 30.1);
	assert_true(progress_eta(10, 100, 100) == 0);
}

static void modes_parse_and_resolve(void **state)
{
	enum progress_mode m;

	(void)state;
	assert_int_equal(progress_parse_mode("json", &m), 0);
	assert_int_equal(m, PROGRESS_JSON);
	assert_int_equal(progress_parse_mode("bar", &m), 0);
	assert_int_equal(m, PROGRESS_BAR);
	assert_int_equal(progress_parse_mode("JSON", &m), -1);
	/* A terminal gets the bar; a pipe or a log stays quiet unless asked. */
	assert_int_equal(progress_resolve(PROGRESS_AUTO, true, true), PROGRESS_BAR);
	assert_int_equal(progress_resolve(PROGRESS_AUTO, false, true), PROGRESS_NONE);
	assert_int_equal(progress_resolve(PROGRESS_AUTO, true, false), PROGRESS_NONE);
	assert_int_equal(progress_resolve(PROGRESS_JSON, false, false), PROGRESS_JSON);
	assert_int_equal(progress_resolve(PROGRESS_BAR, false, false), PROGRESS_BAR);
}

static void bar_shows_fill_percent_and_estimate(void **state)
{
	struct capture c;
	struct progress p;
	char line[256];

	(void)state;
	capture_open(&c);
	progress_begin(&p, c.f, PROGRESS_BAR, "sanitize", "mem0", "percent", 100.0);
	progress_update(&p, 50, 100, 102.0);
	progress_format_bar(line, sizeof(line), &p, 102.0, 10);
	assert_string_equal(line, "sanitize mem0 [#####.....]  50%, 2s left");

	progress_update(&p, 40, 100, 103.0);	/* a device restarting its counter */
	progress_format_bar(line, sizeof(line), &p, 103.0, 10);
	assert_non_null(strstr(line, " 50%"));

	p.done = 1536;
	p.total = 7680;
	p.percent = 20;
	snprintf(p.unit, sizeof(p.unit), "bytes");
	progress_format_bar(line, sizeof(line), &p, 100.0 + 150, 10);
	assert_string_equal(line, "sanitize mem0 [##........]  20% 1536/7680 bytes, 10m00s left");

	progress_end(&p, "done", 110.0);
	capture_close(&c);
	/* Redrawn in place with \r, one final newline. */
	assert_non_null(strchr(c.buf, '\r'));
	assert_int_equal(c.buf[c.len - 1], '\n');
	assert_non_null(strstr(c.buf, "100%"));
	assert_ptr_equal(strchr(c.buf, '\n'), c.buf + c.len - 1);
	free(c.buf);
}

/* Parse the JSON lines; every percent at least the one before, last one done at 100. */
static int check_records(const char *text, int *last_pct, char *last_state, size_t len)
{
	char *copy = strdup(text), *save = NULL, *line;
	int n = 0, prev = -1;

	assert_non_null(copy);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct json_object *o = json_tokener_parse(line), *v;

		assert_non_null(o);
		assert_true(json_object_object_get_ex(o, "percent", &v));
		assert_true(json_object_get_int(v) >= prev);
		prev = json_object_get_int(v);
		assert_true(json_object_object_get_ex(o, "state", &v));
		snprintf(last_state, len, "%s", json_object_get_string(v));
		assert_true(json_object_object_get_ex(o, "operation", &v));
		assert_string_equal(json_object_get_string(v), "update-firmware");
		json_object_put(o);
		n++;
	}
	free(copy);
	*last_pct = prev;
	return n;
}

static void json_records_are_periodic_and_monotonic(void **state)
{
	struct capture c;
	struct progress p;
	char last_state[32];
	int n, pct;

	(void)state;
	capture_open(&c);
	progress_begin(&p, c.f, PROGRESS_JSON, "update-firmware", "mem0", "bytes", 0.0);
	progress_update(&p, 1000, 7680, 0.5);	/* changed, but within a second: held */
	progress_update(&p, 2000, 7680, 1.2);	/* changed, a second on: a record */
	progress_update(&p, 1500, 7680, 2.5);	/* backwards: ignored, no record */
	progress_update(&p, 2000, 7680, 6.5);	/* unchanged for 5 s: a record anyway */
	progress_update(&p, 7000, 7680, 7.0);	/* changed, within a second: held */
	progress_end(&p, "done", 8.0);
	capture_close(&c);

	n = check_records(c.buf, &pct, last_state, sizeof(last_state));
	assert_int_equal(n, 4);			/* begin, 1.2 s, 6.5 s, end */
	assert_int_equal(pct, 100);
	assert_string_equal(last_state, "done");
	assert_non_null(strstr(c.buf, "\"done\":2000,\"total\":7680,\"unit\":\"bytes\""));
	assert_non_null(strstr(c.buf, "\"eta_s\":"));
	free(c.buf);
}

static void interrupted_wait_is_not_done(void **state)
{
	struct capture c;
	struct progress p;
	char last_state[32];
	int pct;

	(void)state;
	capture_open(&c);
	progress_begin(&p, c.f, PROGRESS_JSON, "update-firmware", "mem1", "bytes", 0.0);
	progress_update(&p, 3840, 7680, 2.0);
	progress_end(&p, "interrupted", 3.0);
	capture_close(&c);
	check_records(c.buf, &pct, last_state, sizeof(last_state));
	assert_int_equal(pct, 50);
	assert_string_equal(last_state, "interrupted");
	free(c.buf);
}

static void none_is_silent(void **state)
{
	struct capture c;
	struct progress p;

	(void)state;
	capture_open(&c);
	progress_begin(&p, c.f, PROGRESS_NONE, "sanitize", "mem0", "percent", 0.0);
	progress_update(&p, 50, 100, 10.0);
	progress_end(&p, "done", 20.0);
	capture_close(&c);
	assert_int_equal(c.len, 0);
	free(c.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(percent_and_estimate),
		cmocka_unit_test(modes_parse_and_resolve),
		cmocka_unit_test(bar_shows_fill_percent_and_estimate),
		cmocka_unit_test(json_records_are_periodic_and_monotonic),
		cmocka_unit_test(interrupted_wait_is_not_done),
		cmocka_unit_test(none_is_silent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
