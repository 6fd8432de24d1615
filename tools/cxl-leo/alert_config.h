/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CXL_LEO_ALERT_CONFIG_H
#define CXL_LEO_ALERT_CONFIG_H

#include <stdbool.h>

struct cxl_memdev;

int alert_config_set(struct cxl_memdev *m, const char *alert, bool enable, int value);

#endif /* CXL_LEO_ALERT_CONFIG_H */
