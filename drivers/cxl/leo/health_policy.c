// SPDX-License-Identifier: GPL-2.0-only
/*
 * Health Info and alert thresholds: what the device says, what the host may
 * change, and what hwmon shows. A threshold the device would reject, or one
 * that would make a warning fire only after its critical alert, is refused
 * here with a reason, before anything reaches the device.
 */
#include <kunit/visibility.h>
#include <linux/export.h>
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include "health_policy.h"

#define HEALTH_TEMP_STATE_SHIFT	2
#define HEALTH_STATE_MASK	0x3

/**
 * cxl_leo_health_query() - ask the device for its Health Info
 * @s: the mailbox
 * @h: the decoded answer
 *
 * Return: 0, the mailbox's errno, or -EIO for a reply that breaks the
 * specification.
 */
int cxl_leo_health_query(const struct cxl_leo_cmd_sender *s, struct cxl_leo_health *h)
{
	struct cxl_leo_health_info hi;
	size_t len;
	int rc;

	rc = cxl_leo_cmd(s, CXL_LEO_OP_GET_HEALTH_INFO, NULL, 0, &hi, sizeof(hi), &len);
	if (rc)
		return rc;
	return cxl_leo_health_decode(&hi, len, h);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_health_query);

/**
 * cxl_leo_health_alert_state() - one alert's state from Health Info
 * @h: Health Info
 * @a: the alert
 *
 * Return: normal, warning or critical. The corrected-error alerts have no
 * critical level; temperature covers both directions.
 */
enum cxl_leo_alert_state cxl_leo_health_alert_state(const struct cxl_leo_health *h,
						    enum cxl_leo_alert a)
{
	u8 st = h->additional_status;
	u8 v;

	switch (a) {
	case CXL_LEO_ALERT_LIFE_USED:
		v = st & HEALTH_STATE_MASK;
		break;
	case CXL_LEO_ALERT_OVER_TEMP:
	case CXL_LEO_ALERT_UNDER_TEMP:
		v = (st >> HEALTH_TEMP_STATE_SHIFT) & HEALTH_STATE_MASK;
		break;
	case CXL_LEO_ALERT_CORR_VOLATILE:
		return st & BIT(4) ? CXL_LEO_ALERT_WARNING : CXL_LEO_ALERT_NORMAL;
	case CXL_LEO_ALERT_CORR_PERSISTENT:
		return st & BIT(5) ? CXL_LEO_ALERT_WARNING : CXL_LEO_ALERT_NORMAL;
	default:
		return CXL_LEO_ALERT_NORMAL;
	}
	/* 3 is reserved: treat a device that says it as critical, not normal. */
	return v ? (v == 1 ? CXL_LEO_ALERT_WARNING : CXL_LEO_ALERT_CRITICAL) :
		   CXL_LEO_ALERT_NORMAL;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_health_alert_state);

/**
 * cxl_leo_alerts_decode() - decode a Get Alert Configuration reply
 * @buf: the reply
 * @len: bytes the device returned
 * @al: decoded configuration
 *
 * Return: 0, or -EIO for a short reply, reserved mask bits, a life-used
 * threshold above 100% or a critical temperature window that is inverted.
 */
int cxl_leo_alerts_decode(const void *buf, size_t len, struct cxl_leo_alerts *al)
{
	const struct cxl_leo_alert_config *c = buf;
	u8 all = BIT(CXL_LEO_NR_ALERTS) - 1;

	if (len < sizeof(*c))
		return -EIO;
	memset(al, 0, sizeof(*al));
	al->valid = c->valid;
	al->programmable = c->programmable;
	al->life_used_crit = c->life_used_crit;
	al->over_temp_crit = (s16)get_unaligned_le16(&c->over_temp_crit);
	al->under_temp_crit = (s16)get_unaligned_le16(&c->under_temp_crit);
	al->warn[CXL_LEO_ALERT_LIFE_USED] = c->life_used_warn;
	al->warn[CXL_LEO_ALERT_OVER_TEMP] = (s16)get_unaligned_le16(&c->over_temp_warn);
	al->warn[CXL_LEO_ALERT_UNDER_TEMP] = (s16)get_unaligned_le16(&c->under_temp_warn);
	al->warn[CXL_LEO_ALERT_CORR_VOLATILE] = get_unaligned_le16(&c->corr_volatile_warn);
	al->warn[CXL_LEO_ALERT_CORR_PERSISTENT] = get_unaligned_le16(&c->corr_persistent_warn);
	if ((al->valid | al->programmable) & ~all)
		return -EIO;
	if (al->life_used_crit > 100 || al->under_temp_crit > al->over_temp_crit)
		return -EIO;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_alerts_decode);

/**
 * cxl_leo_alerts_query() - ask the device for its alert configuration
 * @s: the mailbox
 * @al: the decoded answer
 *
 * Return: 0, the mailbox's errno, or -EIO for a reply that breaks the
 * specification.
 */
int cxl_leo_alerts_query(const struct cxl_leo_cmd_sender *s, struct cxl_leo_alerts *al)
{
	struct cxl_leo_alert_config c;
	size_t len;
	int rc;

	rc = cxl_leo_cmd(s, CXL_LEO_OP_GET_ALERT_CONFIG, NULL, 0, &c, sizeof(c), &len);
	if (rc)
		return rc;
	return cxl_leo_alerts_decode(&c, len, al);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_alerts_query);

/**
 * cxl_leo_temp_value() - one hwmon temperature value
 * @h: Health Info
 * @al: alert configuration, NULL when the device has none
 * @what: the value hwmon asks for
 * @val: millidegrees C, or 0/1 for alarms
 *
 * temp1_max/min are the programmable warnings, crit/lcrit the device's
 * critical thresholds, alarm any temperature alert and crit_alarm a
 * critical one (the device does not say which direction).
 *
 * Return: 0, or -ENODATA when the device does not report that value.
 */
int cxl_leo_temp_value(const struct cxl_leo_health *h, const struct cxl_leo_alerts *al,
		       enum cxl_leo_temp_value what, long *val)
{
	enum cxl_leo_alert_state st = cxl_leo_health_alert_state(h, CXL_LEO_ALERT_OVER_TEMP);

	switch (what) {
	case CXL_LEO_TEMP_INPUT:
		if (!h->temperature_valid)
			return -ENODATA;
		*val = h->temperature * 1000L;
		return 0;
	case CXL_LEO_TEMP_ALARM:
		*val = st != CXL_LEO_ALERT_NORMAL;
		return 0;
	case CXL_LEO_TEMP_CRIT_ALARM:
		*val = st == CXL_LEO_ALERT_CRITICAL;
		return 0;
	default:
		break;
	}
	if (!al)
		return -ENODATA;
	switch (what) {
	case CXL_LEO_TEMP_MAX:
		if (!(al->valid & BIT(CXL_LEO_ALERT_OVER_TEMP)))
			return -ENODATA;
		*val = al->warn[CXL_LEO_ALERT_OVER_TEMP] * 1000L;
		return 0;
	case CXL_LEO_TEMP_MIN:
		if (!(al->valid & BIT(CXL_LEO_ALERT_UNDER_TEMP)))
			return -ENODATA;
		*val = al->warn[CXL_LEO_ALERT_UNDER_TEMP] * 1000L;
		return 0;
	case CXL_LEO_TEMP_CRIT:
		*val = al->over_temp_crit * 1000L;
		return 0;
	case CXL_LEO_TEMP_LCRIT:
		*val = al->under_temp_crit * 1000L;
		return 0;
	default:
		return -ENODATA;
	}
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_temp_value);
