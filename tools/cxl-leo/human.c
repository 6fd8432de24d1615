// SPDX-License-Identifier: GPL-2.0-only
/*
 * -u/--human, as in cxl-cli: byte counts become "512.00 MiB (536.87 MB)",
 * serial numbers and addresses become "0x..." strings. Only the listed
 * keys change, so a script reading plain JSON never sees a string there.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "human.h"

static const char *const size_keys[] = {
	"size", "ram_size", "pmem_size", "dpa_size", "total_bytes", "used_bytes", "cxl_bytes",
};
static const char *const hex_keys[] = {
	"serial", "resource", "dpa_resource", "dpa", "hpa", "start",
};

static void scaled(unsigned long long bytes, unsigned long long unit, const char *name,
		   char *buf, size_t len)
{
	/* hundredths, rounded half up */
	unsigned long long c = (bytes * 200 / unit + 1) / 2;

	if (bytes > ~0ULL / 200)
		c = bytes / (unit / 100);
	snprintf(buf, len, "%llu.%02llu %s", c / 100, c % 100, name);
}

/* Below ~5 MB the plain number reads best; above, binary and decimal units. */
void human_size(unsigned long long bytes, char *buf, size_t len)
{
	char iec[48], si[48];

	if (bytes < 5000ULL * 1024) {
		snprintf(buf, len, "%llu", bytes);
		return;
	}
	if (bytes < 2ULL << 30) {
		scaled(bytes, 1ULL << 20, "MiB", iec, sizeof(iec));
		scaled(bytes, 1000000ULL, "MB", si, sizeof(si));
	} else if (bytes < 2ULL << 40) {
		scaled(bytes, 1ULL << 30, "GiB", iec, sizeof(iec));
		scaled(bytes, 1000000000ULL, "GB", si, sizeof(si));
	} else {
		scaled(bytes, 1ULL << 40, "TiB", iec, sizeof(iec));
		scaled(bytes, 1000000000000ULL, "TB", si, sizeof(si));
	}
	snprintf(buf, len, "%s (%s)", iec, si);
}

static bool listed(const char *key, const char *const *keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(key, keys[i]))
			return true;
	return false;
}

void json_humanize(struct json_object *obj)
{
	size_t i;

	if (json_object_is_type(obj, json_type_array)) {
		for (i = 0; i < json_object_array_length(obj); i++)
			json_humanize(json_object_array_get_idx(obj, i));
		return;
	}
	if (!json_object_is_type(obj, json_type_object))
		return;
	json_object_object_foreach(obj, key, val) {
		unsigned long long v;
		char buf[96];

		if (!json_object_is_type(val, json_type_int)) {
			json_humanize(val);
			continue;
		}
		v = json_object_get_uint64(val);
		if (listed(key, size_keys, sizeof(size_keys) / sizeof(size_keys[0])))
			human_size(v, buf, sizeof(buf));
		else if (listed(key, hex_keys, sizeof(hex_keys) / sizeof(hex_keys[0])))
			snprintf(buf, sizeof(buf), "%#llx", v);
		else
			continue;
		/* replacing a member's value in place keeps the iteration valid */
		json_object_object_add(obj, key, json_object_new_string(buf));
	}
}
