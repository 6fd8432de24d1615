/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Device health and its alerts: Get Health Info, Get/Set Alert
 * Configuration (CXL r3.1 8.2.9.9.3), and how they become hwmon values.
 * No device access beyond the cmd_sender seam.
 */
#ifndef CXL_LEO_HEALTH_POLICY_H
#define CXL_LEO_HEALTH_POLICY_H

#include <linux/types.h>
#include "cmd_sender.h"
#include "feature_parse.h"

/**
 * enum cxl_leo_alert - the programmable warning thresholds, in the
 * specification's bit order
 */
enum cxl_leo_alert {
	CXL_LEO_ALERT_LIFE_USED = CXL_LEO_ALERT_LIFE_USED_BIT,
	CXL_LEO_ALERT_OVER_TEMP = CXL_LEO_ALERT_OVER_TEMP_BIT,
	CXL_LEO_ALERT_UNDER_TEMP = CXL_LEO_ALERT_UNDER_TEMP_BIT,
	CXL_LEO_ALERT_CORR_VOLATILE = CXL_LEO_ALERT_CORR_VOLATILE_BIT,
	CXL_LEO_ALERT_CORR_PERSISTENT = CXL_LEO_ALERT_CORR_PERSISTENT_BIT,
	CXL_LEO_NR_ALERTS,
};

/**
 * struct cxl_leo_alerts - Get Alert Configuration, decoded
 * @valid: bit per alert: its warning threshold is in force
 * @programmable: bit per alert: the host may set it
 * @warn: warning threshold per alert (percent, degrees C or error count)
 * @life_used_crit: critical life used, percent
 * @over_temp_crit: critical over-temperature, degrees C
 * @under_temp_crit: critical under-temperature, degrees C
 */
struct cxl_leo_alerts {
	u8 valid;
	u8 programmable;
	int warn[CXL_LEO_NR_ALERTS];
	u8 life_used_crit;
	s16 over_temp_crit;
	s16 under_temp_crit;
};

/* Alert states in Health Info's additional status */
enum cxl_leo_alert_state {
	CXL_LEO_ALERT_NORMAL,
	CXL_LEO_ALERT_WARNING,
	CXL_LEO_ALERT_CRITICAL,
};

/**
 * enum cxl_leo_temp_value - what hwmon asks of the temperature channel
 */
enum cxl_leo_temp_value {
	CXL_LEO_TEMP_INPUT,
	CXL_LEO_TEMP_MAX,
	CXL_LEO_TEMP_MIN,
	CXL_LEO_TEMP_CRIT,
	CXL_LEO_TEMP_LCRIT,
	CXL_LEO_TEMP_ALARM,
	CXL_LEO_TEMP_CRIT_ALARM,
};

int cxl_leo_health_query(const struct cxl_leo_cmd_sender *s, struct cxl_leo_health *h);
enum cxl_leo_alert_state cxl_leo_health_alert_state(const struct cxl_leo_health *h,
						    enum cxl_leo_alert a);
int cxl_leo_alerts_decode(const void *buf, size_t len, struct cxl_leo_alerts *al);
int cxl_leo_alerts_query(const struct cxl_leo_cmd_sender *s, struct cxl_leo_alerts *al);
int cxl_leo_temp_value(const struct cxl_leo_health *h, const struct cxl_leo_alerts *al,
		       enum cxl_leo_temp_value what, long *millidegrees);

#endif /* CXL_LEO_HEALTH_POLICY_H */
