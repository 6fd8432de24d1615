// SPDX-License-Identifier: GPL-2.0-only
/*
 * --table, through libsmartcols: an array of objects becomes one row per
 * object under a header of every key seen (first-seen order); a single
 * object becomes KEY VALUE lines. Nested values are flattened here: arrays
 * of scalars comma-joined, objects as key=value pairs, anything deeper as
 * compact JSON; a key an object lacks is "-".
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <libsmartcols.h>
#include "table.h"

#define MAX_COLS	64

static char *cell(struct json_object *v)
{
	const char *s;
	char *out = NULL;
	size_t len = 0;
	FILE *m;
	size_t i;

	if (!v)
		return strdup("-");
	switch (json_object_get_type(v)) {
	case json_type_string:
		return strdup(json_object_get_string(v));
	case json_type_array:
		m = open_memstream(&out, &len);
		if (!m)
			return strdup("?");
		for (i = 0; i < json_object_array_length(v); i++) {
			struct json_object *e = json_object_array_get_idx(v, i);
			char *c = json_object_is_type(e, json_type_object) ||
				  json_object_is_type(e, json_type_array) ?
				  strdup(json_object_to_json_string_ext(e, JSON_C_TO_STRING_PLAIN)) :
				  cell(e);

			fprintf(m, "%s%s", i ? "," : "", c ? c : "?");
			free(c);
		}
		fclose(m);
		return out;
	case json_type_object:
		m = open_memstream(&out, &len);
		if (!m)
			return strdup("?");
		i = 0;
		json_object_object_foreach(v, key, val) {
			char *c = json_object_is_type(val, json_type_object) ||
				  json_object_is_type(val, json_type_array) ?
				  strdup(json_object_to_json_string_ext(val, JSON_C_TO_STRING_PLAIN)) :
				  cell(val);

			fprintf(m, "%s%s=%s", i++ ? "," : "", key, c ? c : "?");
			free(c);
		}
		fclose(m);
		return out;
	default:
		s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
		return strdup(s ? s : "?");
	}
}

/* A table of @ncols columns named @names, without padding on the right. */
static struct libscols_table *new_table(FILE *f, const char *const *names, size_t ncols,
					bool headings)
{
	struct libscols_table *tb = scols_new_table();
	size_t i;

	if (!tb)
		return NULL;
	scols_table_set_stream(tb, f);
	scols_table_enable_noheadings(tb, !headings);
	/* Every byte, also on a terminal: no cell is truncated to its width. */
	scols_table_set_termforce(tb, SCOLS_TERMFORCE_NEVER);
	scols_table_set_column_separator(tb, "  ");
	for (i = 0; i < ncols; i++)
		if (!scols_table_new_column(tb, names[i], 0, 0)) {
			scols_unref_table(tb);
			return NULL;
		}
	return tb;
}

/* Takes @text (malloc'd) into the cell; "?" where it is missing. */
static int set_cell(struct libscols_line *ln, size_t col, char *text)
{
	if (!text)
		return scols_line_set_data(ln, col, "?");
	if (scols_line_refer_data(ln, col, text)) {
		free(text);
		return -1;
	}
	return 0;
}

static int print_object(FILE *f, struct json_object *obj)
{
	static const char *const names[] = { "KEY", "VALUE" };
	struct libscols_table *tb = new_table(f, names, 2, false);
	int rc = tb ? 0 : -1;

	json_object_object_foreach(obj, k, v) {
		struct libscols_line *ln = rc ? NULL : scols_table_new_line(tb, NULL);

		if (!ln || scols_line_set_data(ln, 0, k) || set_cell(ln, 1, cell(v)))
			rc = -1;
	}
	if (!rc)
		rc = scols_print_table(tb);
	scols_unref_table(tb);
	return rc;
}

static int print_rows(FILE *f, struct json_object *arr)
{
	const char *cols[MAX_COLS];
	size_t ncols = 0, rows = json_object_array_length(arr), r, i;
	struct libscols_table *tb;
	int rc = 0;

	for (r = 0; r < rows; r++) {
		struct json_object *o = json_object_array_get_idx(arr, r);

		if (!json_object_is_type(o, json_type_object))
			continue;
		json_object_object_foreach(o, key, val) {
			(void)val;
			for (i = 0; i < ncols && strcmp(cols[i], key); i++)
				;
			if (i == ncols && ncols < MAX_COLS)
				cols[ncols++] = key;
		}
	}
	if (!ncols)
		return 0;
	tb = new_table(f, cols, ncols, true);
	if (!tb)
		return -1;
	for (r = 0; r < rows && !rc; r++) {
		struct json_object *o = json_object_array_get_idx(arr, r), *v;
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		for (i = 0; ln && i < ncols && !rc; i++)
			rc = set_cell(ln, i, cell(json_object_object_get_ex(o, cols[i], &v) ? v : NULL));
		if (!ln)
			rc = -1;
	}
	if (!rc)
		rc = scols_print_table(tb);
	scols_unref_table(tb);
	return rc;
}

/* 0, or -1 when the table could not be built or written. */
int table_print(FILE *f, struct json_object *obj)
{
	if (json_object_is_type(obj, json_type_array))
		return print_rows(f, obj);
	if (json_object_is_type(obj, json_type_object))
		return print_object(f, obj);
	return fprintf(f, "%s\n", json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN)) < 0 ? -1 : 0;
}
