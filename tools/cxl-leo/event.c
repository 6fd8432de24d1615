// SPDX-License-Identifier: GPL-2.0-only
/* A trace event as JSON, in cxl-cli monitor's shape. */
#include <stdint.h>
#include <string.h>
#include "event.h"

/* One element of a fixed array, in the host's byte order like the record. */
static struct json_object *array_element(const struct event_field *f, unsigned int i)
{
	const unsigned char *p = (const unsigned char *)f->array + (size_t)i * f->elem_size;
	uint64_t u = 0;
	int64_t s = 0;
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;

	switch (f->elem_size) {
	case 1:
		memcpy(&v8, p, 1);
		u = v8;
		s = (int8_t)v8;
		break;
	case 2:
		memcpy(&v16, p, 2);
		u = v16;
		s = (int16_t)v16;
		break;
	case 4:
		memcpy(&v32, p, 4);
		u = v32;
		s = (int32_t)v32;
		break;
	case 8:
		memcpy(&u, p, 8);
		s = (int64_t)u;
		break;
	default:
		return NULL;
	}
	return f->is_signed ? json_object_new_int64(s) : json_object_new_uint64(u);
}

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
		if (f->array) {
			unsigned int k;

			v = json_object_new_array();
			for (k = 0; k < f->count; k++) {
				struct json_object *e = array_element(f, k);

				if (e)
					json_object_array_add(v, e);
			}
		} else if (f->is_string) {
			v = json_object_new_string(f->str ? f->str : "");
		} else if (f->is_signed) {
			v = json_object_new_int64((long long)f->num);
		} else {
			v = json_object_new_uint64(f->num);
		}
		json_object_object_add(obj, f->name, v);
	}
	return obj;
}

/*
 * The events an operator watches: media, DRAM, module health, poison, AER;
 * 7.3's core adds memory sparing and the AER of switch and root ports.
 */
bool event_is_ras(const char *event)
{
	static const char *const ras[] = {
		"cxl_general_media", "cxl_dram", "cxl_memory_module", "cxl_poison",
		"cxl_aer_correctable_error", "cxl_aer_uncorrectable_error",
		"cxl_overflow", "cxl_generic_event", "cxl_memory_sparing",
		"cxl_port_aer_correctable_error", "cxl_port_aer_uncorrectable_error",
	};
	size_t i;

	for (i = 0; i < sizeof(ras) / sizeof(ras[0]); i++)
		if (!strcmp(event, ras[i]))
			return true;
	return false;
}

static bool uint_field(struct json_object *obj, const char *key, uint64_t *val)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_int))
		return false;
	*val = json_object_get_uint64(v);
	return true;
}

/*
 * A cxl_poison record is one entry of a poison list only when its
 * trace_type is List (0); injections and clears trace as 1 and 2.
 */
bool event_is_poison_listing(struct json_object *obj)
{
	struct json_object *v;
	uint64_t type;

	return json_object_object_get_ex(obj, "event", &v) &&
	       !strcmp(json_object_get_string(v), "cxl_poison") &&
	       uint_field(obj, "trace_type", &type) && type == 0;
}

/*
 * Whether @list already holds @obj's range: two listings of one memdev
 * that ran at once (another process's, the kernel's own) trace the same
 * entries twice, and a device lists each poisoned range once.
 */
bool event_poison_listed(struct json_object *list, struct json_object *obj)
{
	static const char *const keys[] = { "dpa", "dpa_length", "source" };
	size_t i, k, n = list ? json_object_array_length(list) : 0;

	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(list, i);

		for (k = 0; k < 3; k++) {
			uint64_t a, b;

			if (!uint_field(e, keys[k], &a) || !uint_field(obj, keys[k], &b) || a != b)
				break;
		}
		if (k == 3)
			return true;
	}
	return false;
}
