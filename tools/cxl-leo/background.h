/* SPDX-License-Identifier: GPL-2.0-only */
/* Waiting for a device's background commands, with progress (background.c). */
#ifndef CXL_LEO_BACKGROUND_H
#define CXL_LEO_BACKGROUND_H

#include <cxl/libcxl.h>

void background_msleep(int ms);
int background_percent(struct cxl_memdev *m, const char *name);
void background_interrupted(struct cxl_memdev *m, const char *what, int percent,
			    const char *follow);
int background_wait_sanitize(struct cxl_memdev *m, int timeout_ms);

#endif
