// SPDX-License-Identifier: GPL-2.0-only
/*
 * An array of objects becomes one row per object under a header of every
 * key seen (first-seen order); a single object becomes KEY VALUE lines.
 * Nested values are flattened: arrays of scalars comma-joined, objects as
 * key=value pairs, anything deeper as compact JSON.
 */
#include <stdlib.h>
#include <string.h>
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

static void print_object(FILE *f, struct json_object *obj)
{
	size_t width = 0;

	json_object_object_foreach(obj, key, val) {
		(void)val;
		if (strlen(key) > width)
			width = strlen(key);
	}
	json_object_object_foreach(obj, k, v) {
		char *c = cell(v);

		fprintf(f, "%-*s  %s\n", (int)width, k, c ? c : "?");
		free(c);
	}
}

static void print_rows(FILE *f, struct json_object *arr)
{
	const char *cols[MAX_COLS];
	size_t width[MAX_COLS], ncols = 0, rows = json_object_array_length(arr), r, i;

	for (r = 0; r < rows; r++) {
		struct json_object *o = json_object_array_get_idx(arr, r);

		if (!json_object_is_type(o, json_type_object))
			continue;
		json_object_object_foreach(o, key, val) {
			(void)val;
			for (i = 0; i < ncols && strcmp(cols[i], key); i++)
				;
			if (i == ncols && ncols < MAX_COLS) {
				cols[ncols] = key;
				width[ncols++] = strlen(key);
			}
		}
	}
	for (r = 0; r < rows; r++) {
		struct json_object *o = json_object_array_get_idx(arr, r), *v;

		for (i = 0; i < ncols; i++) {
			char *c = cell(json_object_object_get_ex(o, cols[i], &v) ? v : NULL);

			if (c && strlen(c) > width[i])
				width[i] = strlen(c);
			free(c);
		}
	}
	/* The last column is not padded: no trailing blanks. */
	for (i = 0; i < ncols; i++)
		fprintf(f, "%-*s%s", i + 1 < ncols ? (int)width[i] : 0, cols[i],
			i + 1 < ncols ? "  " : "\n");
	for (r = 0; r < rows; r++) {
		struct json_object *o = json_object_array_get_idx(arr, r), *v;

		for (i = 0; i < ncols; i++) {
			char *c = cell(json_object_object_get_ex(o, cols[i], &v) ? v : NULL);

			fprintf(f, "%-*s%s", i + 1 < ncols ? (int)width[i] : 0, c ? c : "?",
				i + 1 < ncols ? "  " : "\n");
			free(c);
		}
	}
}

void table_print(FILE *f, struct json_object *obj)
{
	if (json_object_is_type(obj, json_type_array))
		print_rows(f, obj);
	else if (json_object_is_type(obj, json_type_object))
		print_object(f, obj);
	else
		fprintf(f, "%s\n", json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN));
}
