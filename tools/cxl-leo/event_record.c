// SPDX-License-Identifier: GPL-2.0-only
/*
 * A raw trace record as JSON: every field of its format, typed as
 * cxl-cli's monitor types them (dynamic strings as strings, a uuid_t as a
 * UUID string, fixed arrays as arrays of numbers, the rest as numbers).
 */
#include <stdio.h>
#include <string.h>
#include <traceevent/event-parse.h>
#include "event.h"
#include "event_record.h"

#define MAX_FIELDS	64

static bool field_is_uuid(const struct tep_format_field *f)
{
	return f->size == 16 && !(f->flags & TEP_FIELD_IS_ARRAY) && strstr(f->type, "uuid_t");
}

struct json_object *event_record_to_json(struct tep_event *event, struct tep_record *rec)
{
	struct event_field fields[MAX_FIELDS];
	char strs[MAX_FIELDS][40];
	const unsigned char *data = rec->data;
	struct tep_format_field *f;
	size_t n = 0;

	for (f = event->format.fields; f && n < MAX_FIELDS; f = f->next) {
		struct event_field *ef = &fields[n];
		unsigned long long val;

		memset(ef, 0, sizeof(*ef));
		ef->name = f->name;
		ef->is_signed = f->flags & TEP_FIELD_IS_SIGNED;
		if (f->offset < 0 || f->offset + f->size > rec->size)
			continue;	/* a truncated record: leave the field out */
		if (f->flags & TEP_FIELD_IS_DYNAMIC) {
			/* __data_loc: offset in the low 16 bits, length in the high. */
			unsigned int loc = (unsigned int)tep_read_number(event->tep, data + f->offset,
									   f->size);
			unsigned int off = loc & 0xffff, len = loc >> 16;

			if (f->flags & TEP_FIELD_IS_RELATIVE)
				off += f->offset + f->size;
			if (!(f->flags & TEP_FIELD_IS_STRING) || off + len > (unsigned int)rec->size)
				continue;
			ef->is_string = true;
			/* The kernel stores the terminating NUL; a record without one is cut off. */
			ef->str = len && memchr(data + off, '\0', len) ? (const char *)data + off : "";
		} else if (field_is_uuid(f)) {
			const unsigned char *b = data + f->offset;

			snprintf(strs[n], sizeof(strs[n]),
				 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
				 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
				 b[11], b[12], b[13], b[14], b[15]);
			ef->is_string = true;
			ef->str = strs[n];
		} else if (f->flags & TEP_FIELD_IS_ARRAY) {
			unsigned int elem = f->elementsize > 0 ? (unsigned int)f->elementsize : 1;

			if (elem != 1 && elem != 2 && elem != 4 && elem != 8)
				continue;
			ef->array = data + f->offset;
			ef->elem_size = elem;
			ef->count = (unsigned int)f->size / elem;
		} else {
			if (tep_read_number_field(f, data, &val))
				continue;
			ef->num = val;
			/* Sign-extend what tep read as an unsigned narrower number. */
			if (ef->is_signed && f->size < 8 && (val >> (f->size * 8 - 1)) & 1)
				ef->num = val | ~0ULL << (f->size * 8);
		}
		n++;
	}
	return event_to_json(event->system, event->name, rec->ts, fields, n);
}
