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
};

struct json_object *event_to_json(const char *system, const char *event,
				  unsigned long long timestamp_ns,
				  const struct event_field *fields, size_t nr);
bool event_is_ras(const char *event);
const char *event_memdev(const struct event_field *fields, size_t nr);

#endif
