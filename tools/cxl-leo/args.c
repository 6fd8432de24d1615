// SPDX-License-Identifier: GPL-2.0-only
/* Argument parsing shared by the commands. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "args.h"

/*
 * A whole number, decimal or 0x-hex (never octal: "010" is ten, as an
 * operator reading it means), in [min, max]; -EINVAL otherwise, @out untouched.
 */
int parse_u64(const char *s, unsigned long long min, unsigned long long max,
	      unsigned long long *out)
{
	unsigned long long v;
	const char *digits = s;
	int base = 10;
	char *end;

	if (!s)
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		digits = s + 2;
		base = 16;
	}
	/* strtoull would take blanks, a sign, or a second "0x". */
	if (!isxdigit((unsigned char)*digits) || (base == 10 && !isdigit((unsigned char)*digits)) ||
	    (base == 16 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')))
		return -EINVAL;
	errno = 0;
	v = strtoull(digits, &end, base);
	if (errno || *end || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	unsigned long long v;
	int rc = parse_u64(s, min, max, &v);

	if (!rc)
		*out = v;
	return rc;
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

#define FILTER_SEPS	" ,"

/* How many identifiers a filter lists; 0 for NULL, "" or only separators. */
int filter_tokens(const char *filter)
{
	int n = 0;

	while (filter && *filter) {
		filter += strspn(filter, FILTER_SEPS);
		if (!*filter)
			break;
		n++;
		filter += strcspn(filter, FILTER_SEPS);
	}
	return n;
}

/*
 * Calls @fn on each identifier of @filter until it returns true. Returns
 * whether one did. An identifier too long to be a device name matches nothing.
 */
static bool filter_any(const char *filter, bool (*fn)(const char *tok, const void *arg),
		       const void *arg)
{
	char tok[128];

	while (filter && *filter) {
		size_t len;

		filter += strspn(filter, FILTER_SEPS);
		len = strcspn(filter, FILTER_SEPS);
		if (!len)
			break;
		if (len < sizeof(tok)) {
			memcpy(tok, filter, len);
			tok[len] = '\0';
			if (fn(tok, arg))
				return true;
		}
		filter += len;
	}
	return false;
}

/* "12" or "3.1" (a decoder's port.id): decimal parts, never hex or octal. */
static bool parse_id(const char *s, unsigned long long id[2], int *parts)
{
	const char *dot = strchr(s, '.');
	char first[32];
	size_t len = dot ? (size_t)(dot - s) : strlen(s);

	if (!len || len >= sizeof(first) || strspn(s, "0123456789") != len)
		return false;
	memcpy(first, s, len);
	first[len] = '\0';
	*parts = 1;
	if (parse_u64(first, 0, ~0ULL, &id[0]))
		return false;
	if (!dot)
		return true;
	*parts = 2;
	return strspn(dot + 1, "0123456789") == strlen(dot + 1) &&
	       !parse_u64(dot + 1, 0, ~0ULL, &id[1]);
}

/* "12" or "<prefix>12" naming device <prefix>12: ids compare as numbers. */
static bool id_match(const char *tok, const char *devname, const char *prefix)
{
	size_t plen = strlen(prefix);
	unsigned long long want[2], have[2];
	int nwant, nhave;

	if (!strncmp(tok, prefix, plen))
		tok += plen;
	if (strncmp(devname, prefix, plen))
		return false;
	if (!parse_id(tok, want, &nwant) || !parse_id(devname + plen, have, &nhave))
		return false;
	return nwant == nhave && want[0] == have[0] && (nwant == 1 || want[1] == have[1]);
}

struct ident_args {
	const char *devname, *prefix, *alias;
};

static bool ident_tok(const char *tok, const void *arg)
{
	const struct ident_args *a = arg;

	if (!strcmp(tok, "all") || !strcmp(tok, a->devname))
		return true;
	if (a->prefix && *a->prefix && id_match(tok, a->devname, a->prefix))
		return true;
	return a->alias && *a->alias && !strcasecmp(tok, a->alias);
}

/*
 * cxl-cli's device identifiers: a space or comma separated list of full
 * names ("region1"), decimal ids meaning <prefix><id> ("1"), an alias
 * (a bus's provider, a memdev's PCI host), or "all". NULL (no filter given)
 * matches everything; a given filter with no identifier in it ("", from
 * an unset variable) matches nothing.
 */
bool cxl_ident_match(const char *filter, const char *devname, const char *prefix,
		     const char *alias)
{
	struct ident_args a = { devname, prefix, alias };

	if (!filter)
		return true;
	if (!devname)
		return false;
	return filter_any(filter, ident_tok, &a);
}

/* A memdev by "memN", "N", its PCI host ("0000:0d:00.0") or "all". */
bool memdev_filter_match(const char *filter, const char *devname, const char *host)
{
	return cxl_ident_match(filter, devname, "mem", host);
}

/* A decoder by name, "P.N", "all", or its kind: root, switch or endpoint. */
bool decoder_filter_match(const char *filter, const char *devname, const char *kind)
{
	struct ident_args a = { devname, "decoder", NULL };

	if (!filter)
		return true;
	if (!devname)
		return false;
	if (kind && filter_any(filter, ident_tok, &(struct ident_args){ kind, NULL, NULL }))
		return true;
	return filter_any(filter, ident_tok, &a);
}

static bool serial_tok(const char *tok, const void *arg)
{
	unsigned long long want;

	return !parse_u64(tok, 0, ~0ULL, &want) && want == *(const unsigned long long *)arg;
}

/*
 * A serial number list (-s), decimal or 0x-hex as cxl list prints them. A
 * device without a Device Serial Number reports 0 (libcxl: ULLONG_MAX when
 * the attribute is missing): it has no serial to match, so nothing does.
 */
bool serial_filter_match(const char *filter, unsigned long long serial)
{
	if (!filter)
		return true;
	if (!serial || serial == ~0ULL)
		return false;
	return filter_any(filter, serial_tok, &serial);
}

static bool bad_serial_tok(const char *tok, const void *arg)
{
	unsigned long long v;

	(void)arg;
	return parse_u64(tok, 0, ~0ULL, &v) != 0;
}

/* -EINVAL when a serial list has no serial, or one that is not a number. */
int serial_filter_check(const char *filter)
{
	if (!filter_tokens(filter) || filter_any(filter, bad_serial_tok, NULL))
		return -EINVAL;
	return 0;
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
