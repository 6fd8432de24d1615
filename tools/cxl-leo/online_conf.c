// SPDX-License-Identifier: GPL-2.0-only
/*
 * The online policy file: "key = value" lines, '#' starts a comment.
 *   online = offline | movable | kernel     (default movable)
 *   memmap = any | expander                 (default any)
 * Unknown keys and values are errors, so a typo never silently means the
 * default.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "online_conf.h"

static const char *const state_names[] = {
	[ONLINE_OFFLINE] = "offline", [ONLINE_MOVABLE] = "movable", [ONLINE_KERNEL] = "kernel",
};

const char *online_state_name(enum online_state s)
{
	return state_names[s];
}

static void trim(char *s)
{
	char *p = s, *e;

	while (isspace((unsigned char)*p))
		p++;
	memmove(s, p, strlen(p) + 1);
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
}

/* 0 with @c filled (defaults for what is not said); -EINVAL with @err. */
int online_conf_parse(const char *text, struct online_conf *c, char *err, size_t errlen)
{
	const char *line = text;
	int lineno = 0;

	c->online = ONLINE_MOVABLE;
	c->memmap = MEMMAP_ANY;
	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char buf[256], *eq, *key, *val;

		lineno++;
		if (len >= sizeof(buf)) {
			snprintf(err, errlen, "line %d: too long", lineno);
			return -EINVAL;
		}
		memcpy(buf, line, len);
		buf[len] = '\0';
		if (strchr(buf, '#'))
			*strchr(buf, '#') = '\0';
		trim(buf);
		line = end ? end + 1 : NULL;
		if (!*buf)
			continue;
		eq = strchr(buf, '=');
		if (!eq) {
			snprintf(err, errlen, "line %d: '%s' is not key = value", lineno, buf);
			return -EINVAL;
		}
		*eq = '\0';
		key = buf;
		val = eq + 1;
		trim(key);
		trim(val);
		if (!strcmp(key, "online")) {
			if (!strcmp(val, "offline"))
				c->online = ONLINE_OFFLINE;
			else if (!strcmp(val, "movable"))
				c->online = ONLINE_MOVABLE;
			else if (!strcmp(val, "kernel"))
				c->online = ONLINE_KERNEL;
			else
				goto bad_value;
		} else if (!strcmp(key, "memmap")) {
			if (!strcmp(val, "any"))
				c->memmap = MEMMAP_ANY;
			else if (!strcmp(val, "expander"))
				c->memmap = MEMMAP_EXPANDER;
			else
				goto bad_value;
		} else {
			snprintf(err, errlen, "line %d: unknown key '%s' (online, memmap)", lineno, key);
			return -EINVAL;
		}
		continue;
bad_value:
		snprintf(err, errlen, "line %d: %s = '%s': want %s", lineno, key, val,
			 !strcmp(key, "online") ? "offline, movable or kernel" : "any or expander");
		return -EINVAL;
	}
	return 0;
}
