/* SPDX-License-Identifier: GPL-2.0-only */
/* -u/--human: sizes and addresses as cxl-cli -u prints them; unit tested. */
#ifndef CXL_LEO_HUMAN_H
#define CXL_LEO_HUMAN_H

#include <stddef.h>
#include <json-c/json.h>

void human_size(unsigned long long bytes, char *buf, size_t len);
void json_humanize(struct json_object *obj);

#endif
