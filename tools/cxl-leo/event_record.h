/* SPDX-License-Identifier: GPL-2.0-only */
/* A raw trace record, decoded by its tep format, as cxl-cli monitor's JSON. */
#ifndef CXL_LEO_EVENT_RECORD_H
#define CXL_LEO_EVENT_RECORD_H

#include <json-c/json.h>

struct tep_event;
struct tep_record;

struct json_object *event_record_to_json(struct tep_event *event, struct tep_record *rec);

#endif
