/* SPDX-License-Identifier: GPL-2.0-only */
/* /etc/cxl-leo/online.conf: what happens when Leo capacity appears; no libcxl, unit tested. */
#ifndef CXL_LEO_ONLINE_CONF_H
#define CXL_LEO_ONLINE_CONF_H

#include <stddef.h>

#define ONLINE_CONF_PATH	"/etc/cxl-leo/online.conf"

enum online_state { ONLINE_OFFLINE, ONLINE_MOVABLE, ONLINE_KERNEL };
enum memmap_want { MEMMAP_ANY, MEMMAP_EXPANDER };

struct online_conf {
	enum online_state online;
	enum memmap_want memmap;
};

int online_conf_parse(const char *text, struct online_conf *c, char *err, size_t errlen);
const char *online_state_name(enum online_state s);

#endif
