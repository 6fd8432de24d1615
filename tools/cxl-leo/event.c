// SPDX-License-Identifier: GPL-2.0-only
/* A trace event as JSON, in cxl-cli monitor's shape. */
#include <string.h>
#include "event.h"

struct json_object *event_to_json(const char *system, const char *event,
				  unsigned long long timestamp_ns,
				  const struct event_field *fields, size_t nr)
{
	struct json_object *obj = json_object_new_object();
	size_t i;

	json_object_object_add(obj, "system", json_object_new_string(system));
	json_object_object_add(obj, "event", json_object_new_string(event));
	json_object_object_add(obj, "timestamp", json_object_new_uint64(timestamp_ns));
	for (i = 0; i < nr; i++) {
		const struct event_field *f = &fields[i];
		struct json_object *v;

		/* Tracepoint bookkeeping, not event data. */
		if (!strncmp(f->name, "common_", 7))
			continue;
		if (f->is_string)
			v = json_object_new_string(f->str ? f->str : "");
		else if (f->is_signed)
			v = json_object_new_int64((long long)f->num);
		else
			v = json_object_new_uint64(f->num);
		json_object_object_add(obj, f->name, v);
	}
	return obj;
}

/* The events an operator watches: media, DRAM, module health, poison, AER. */
bool event_is_ras(const char *event)
{
	static const char *const ras[] = {
		"cxl_general_media", "cxl_dram", "cxl_memory_module", "cxl_poison",
		"cxl_aer_correctable_error", "cxl_aer_uncorrectable_error",
		"cxl_overflow", "cxl_generic_event",
	};
	size_t i;

	for (i = 0; i < sizeof(ras) / sizeof(ras[0]); i++)
		if (!strcmp(event, ras[i]))
			return true;
	return false;
}

const char *event_memdev(const struct event_field *fields, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (fields[i].is_string && !strcmp(fields[i].name, "memdev"))
			return fields[i].str;
	return NULL;
}
