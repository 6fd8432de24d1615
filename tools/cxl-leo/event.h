/* SPDX-License-Identifier: GPL-2.0-only */
/* A trace event as JSON, in cxl-cli monitor's shape; no tracefs, unit tested. */
#ifndef CXL_LEO_EVENT_H
#define CXL_LEO_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>

struct event_field {
	const char *name;
	bool is_string;
	const char *str;
	unsigned long long num;
	bool is_signed;
	/* A fixed array (u8 comp_id[16], u32 header_log[128]): numbers, as cxl-cli prints them. */
	const void *array;
	unsigned int elem_size;		/* 1, 2, 4 or 8 */
	unsigned int count;
};

struct json_object *event_to_json(const char *system, const char *event,
				  unsigned long long timestamp_ns,
				  const struct event_field *fields, size_t nr);
bool event_is_ras(const char *event);
bool event_is_poison_listing(struct json_object *obj);
bool event_poison_listed(struct json_object *list, struct json_object *obj);

#endif
