/* SPDX-License-Identifier: GPL-2.0-only */
/* --human: JSON results as aligned text tables; pure, unit tested. */
#ifndef CXL_LEO_TABLE_H
#define CXL_LEO_TABLE_H

#include <stdio.h>
#include <json-c/json.h>

void table_print(FILE *f, struct json_object *obj);

#endif
