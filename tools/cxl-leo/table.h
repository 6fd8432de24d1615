/* SPDX-License-Identifier: GPL-2.0-only */
/* --table: JSON results as aligned text tables (libsmartcols); unit tested. */
#ifndef CXL_LEO_TABLE_H
#define CXL_LEO_TABLE_H

#include <stdio.h>
#include <json-c/json.h>

int table_print(FILE *f, struct json_object *obj);

#endif
