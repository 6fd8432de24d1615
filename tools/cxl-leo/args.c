// SPDX-License-Identifier: GPL-2.0-only
/* Argument parsing shared by the commands. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "args.h"

/* A whole decimal (or 0x hex) number in [min, max]; -EINVAL otherwise. */
int parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	unsigned long v;
	char *end;

	if (!s || !*s || *s == '-' || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int parse_bool_word(const char *s, bool *out)
{
	static const char *const yes[] = { "1", "on", "yes", "true", "enable", "enabled" };
	static const char *const no[] = { "0", "off", "no", "false", "disable", "disabled" };
	size_t i;

	if (!s)
		return -EINVAL;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcmp(s, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcmp(s, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -EINVAL;
}

/*
 * cxl-cli's device identifiers: a space or comma separated list of full
 * names ("region1"), bare numbers meaning <prefix><number> ("1"), an alias
 * (a memdev's serial number, a bus's provider), or "all". NULL or empty
 * matches everything.
 */
bool cxl_ident_match(const char *filter, const char *devname, const char *prefix,
		     const char *alias)
{
	size_t plen = prefix ? strlen(prefix) : 0;
	char buf[256], *tok, *save = NULL;

	if (!filter || !*filter)
		return true;
	if (!devname || strlen(filter) >= sizeof(buf))
		return false;
	strcpy(buf, filter);
	for (tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
		if (!strcmp(tok, "all") || !strcmp(tok, devname))
			return true;
		if (plen && isdigit((unsigned char)tok[0]) && !strncmp(devname, prefix, plen) &&
		    !strcmp(tok, devname + plen))
			return true;
		if (alias && *alias && !strcasecmp(tok, alias))
			return true;
	}
	return false;
}

/* A memdev by "memN", "N", its serial number or "all". */
bool memdev_filter_match(const char *filter, const char *devname, const char *serial_hex)
{
	return cxl_ident_match(filter, devname, "mem", serial_hex);
}

/*
 * "NAME=VALUE" for cxl-leo health --set-threshold: NAME one of the alert
 * names, VALUE "off" or a (possibly negative) whole number. Writes the
 * sysfs attribute name (NAME_warning_threshold) and the value to write.
 */
int parse_threshold(const char *s, char *attr, size_t attr_len, char *val, size_t val_len)
{
	static const char *const names[] = {
		"life_used", "over_temperature", "under_temperature",
		"corrected_volatile", "corrected_persistent",
	};
	const char *eq = s ? strchr(s, '=') : NULL;
	size_t i, n;
	long v;
	char *end;

	if (!eq)
		return -EINVAL;
	n = eq - s;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && !strncmp(s, names[i], n))
			break;
	if (i == sizeof(names) / sizeof(names[0]))
		return -EINVAL;
	if (strcmp(eq + 1, "off")) {
		errno = 0;
		v = strtol(eq + 1, &end, 10);
		if (!eq[1] || errno || *end || v < -32768 || v > 65535)
			return -EINVAL;
	}
	if (snprintf(attr, attr_len, "%s_warning_threshold", names[i]) >= (int)attr_len ||
	    snprintf(val, val_len, "%s", eq + 1) >= (int)val_len)
		return -EINVAL;
	return 0;
}
