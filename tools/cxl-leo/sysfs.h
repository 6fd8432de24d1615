/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading and writing driver attributes; no libcxl, unit tested. */
#ifndef CXL_LEO_SYSFS_H
#define CXL_LEO_SYSFS_H

#include <stddef.h>
#include <json-c/json.h>

int sysfs_read(const char *dir, const char *attr, char *buf, size_t len);
int sysfs_write(const char *dir, const char *attr, const char *val);
struct json_object *sysfs_dir_to_json(const char *dir);

#endif
