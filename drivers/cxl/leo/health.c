// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device health (CXL r3.1 8.2.9.9.3: Get Health Info, Get Alert
 * Configuration) as a "health" sysfs group and an hwmon temperature
 * channel, for devices whose Command Effects Log lists the commands.
 * Health Info is cached for a second so a monitoring loop cannot flood the
 * mailbox. The alert configuration is read from the device every time and
 * never written here: Set Alert Configuration has one path, the core's
 * command interface that `cxl set-alert-config` and `cxl-leo health
 * --set-threshold` use, so there is one validation (the device's) and no
 * copy to go stale.
 */
#include <linux/device.h>
#include <linux/hwmon.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include "cxl_leo.h"
#include "health_policy.h"

/**
 * struct cxl_leo_health_cache - what the device supports, and its last answers
 * @lock: serialises the mailbox commands and protects the fields below
 * @info: Get Health Info is supported
 * @alerts: Get Alert Configuration is supported
 * @h_when: jiffies of @h, 0 when stale
 * @h: last Health Info
 */
struct cxl_leo_health_cache {
	struct mutex lock;	/* see @lock */
	bool info;
	bool alerts;
	unsigned long h_when;
	struct cxl_leo_health h;
};

static bool fresh(unsigned long when)
{
	return when && time_before(jiffies, when + HZ);
}

static int health_get_locked(struct cxl_leo *leo, struct cxl_leo_health *out)
{
	struct cxl_leo_health_cache *c = leo->health;
	int rc;

	if (!c->info)
		return -EOPNOTSUPP;
	if (!fresh(c->h_when)) {
		c->h_when = 0;
		rc = cxl_leo_health_query(&leo->sender, &c->h);
		if (rc)
			return rc == -EIO ? -ENXIO : rc;
		c->h_when = jiffies ?: 1;
	}
	*out = c->h;
	return 0;
}

static int alerts_get_locked(struct cxl_leo *leo, struct cxl_leo_alerts *out)
{
	int rc;

	if (!leo->health->alerts)
		return -EOPNOTSUPP;
	rc = cxl_leo_alerts_query(&leo->sender, out);
	return rc == -EIO ? -ENXIO : rc;
}

static int health_get(struct cxl_leo *leo, struct cxl_leo_health *h)
{
	guard(mutex)(&leo->health->lock);
	return health_get_locked(leo, h);
}

static int alerts_get(struct cxl_leo *leo, struct cxl_leo_alerts *al)
{
	guard(mutex)(&leo->health->lock);
	return alerts_get_locked(leo, al);
}

/* health/: Health Info */

enum health_field {
	HEALTH_STATUS, MEDIA_STATUS, ADDITIONAL_STATUS, LIFE_USED, TEMPERATURE,
	DIRTY_SHUTDOWNS, CORRECTED_VOLATILE, CORRECTED_PERSISTENT, ALERTS,
};

struct health_attr {
	struct device_attribute attr;
	enum health_field field;
};

static const char *const alert_names[CXL_LEO_NR_ALERTS] = {
	[CXL_LEO_ALERT_LIFE_USED] = "life_used",
	[CXL_LEO_ALERT_OVER_TEMP] = "temperature",
	[CXL_LEO_ALERT_UNDER_TEMP] = NULL,	/* one temperature state for both */
	[CXL_LEO_ALERT_CORR_VOLATILE] = "corrected_volatile",
	[CXL_LEO_ALERT_CORR_PERSISTENT] = "corrected_persistent",
};

static ssize_t emit_alerts(char *buf, const struct cxl_leo_health *h)
{
	ssize_t n = 0;
	int a;

	for (a = 0; a < CXL_LEO_NR_ALERTS; a++) {
		enum cxl_leo_alert_state st = cxl_leo_health_alert_state(h, a);

		if (!alert_names[a] || st == CXL_LEO_ALERT_NORMAL)
			continue;
		n += sysfs_emit_at(buf, n, "%s%s:%s", n ? " " : "", alert_names[a],
				   st == CXL_LEO_ALERT_WARNING ? "warning" : "critical");
	}
	return n + sysfs_emit_at(buf, n, "%s\n", n ? "" : "none");
}

static ssize_t health_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct health_attr *ha = container_of(attr, struct health_attr, attr);
	struct cxl_leo *leo = cxl_leo_from_dev(dev);
	struct cxl_leo_health h;
	int rc;

	if (!leo || !leo->health)
		return -ENODEV;
	rc = health_get(leo, &h);
	if (rc)
		return rc;
	switch (ha->field) {
	case HEALTH_STATUS:
		return sysfs_emit(buf, "%#x\n", h.health_status);
	case MEDIA_STATUS:
		return sysfs_emit(buf, "%#x\n", h.media_status);
	case ADDITIONAL_STATUS:
		return sysfs_emit(buf, "%#x\n", h.additional_status);
	case LIFE_USED:
		return h.life_used == 0xff ? -EOPNOTSUPP : sysfs_emit(buf, "%u\n", h.life_used);
	case TEMPERATURE:
		return h.temperature_valid ? sysfs_emit(buf, "%d\n", h.temperature) : -EOPNOTSUPP;
	case DIRTY_SHUTDOWNS:
		return sysfs_emit(buf, "%u\n", h.dirty_shutdowns);
	case CORRECTED_VOLATILE:
		return sysfs_emit(buf, "%u\n", h.corrected_volatile);
	case CORRECTED_PERSISTENT:
		return sysfs_emit(buf, "%u\n", h.corrected_persistent);
	case ALERTS:
		return emit_alerts(buf, &h);
	}
	return -EINVAL;
}

#define HEALTH_ATTR(_name, _field)						\
	static struct health_attr health_attr_##_name = {			\
		.attr = __ATTR(_name, 0444, health_show, NULL),			\
		.field = _field,						\
	}

HEALTH_ATTR(health_status, HEALTH_STATUS);
HEALTH_ATTR(media_status, MEDIA_STATUS);
HEALTH_ATTR(additional_status, ADDITIONAL_STATUS);
HEALTH_ATTR(life_used, LIFE_USED);
HEALTH_ATTR(temperature, TEMPERATURE);
HEALTH_ATTR(dirty_shutdowns, DIRTY_SHUTDOWNS);
HEALTH_ATTR(corrected_volatile_errors, CORRECTED_VOLATILE);
HEALTH_ATTR(corrected_persistent_errors, CORRECTED_PERSISTENT);
HEALTH_ATTR(alerts, ALERTS);

/* health/: alert thresholds */

enum threshold_kind { WARNING, CRITICAL };

struct threshold_attr {
	struct device_attribute attr;
	enum cxl_leo_alert alert;
	enum threshold_kind kind;
};

static ssize_t threshold_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct threshold_attr *ta = container_of(attr, struct threshold_attr, attr);
	struct cxl_leo *leo = cxl_leo_from_dev(dev);
	struct cxl_leo_alerts al;
	int rc;

	if (!leo || !leo->health)
		return -ENODEV;
	rc = alerts_get(leo, &al);
	if (rc)
		return rc;
	/* The field as the device holds it; whether it is in force is warnings_valid. */
	if (ta->kind == WARNING)
		return sysfs_emit(buf, "%d\n", al.warn[ta->alert]);
	switch (ta->alert) {
	case CXL_LEO_ALERT_LIFE_USED:
		return sysfs_emit(buf, "%u\n", al.life_used_crit);
	case CXL_LEO_ALERT_OVER_TEMP:
		return sysfs_emit(buf, "%d\n", al.over_temp_crit);
	case CXL_LEO_ALERT_UNDER_TEMP:
		return sysfs_emit(buf, "%d\n", al.under_temp_crit);
	default:
		return -EINVAL;
	}
}

#define THRESHOLD_ATTR(_name, _alert, _kind)					\
	static struct threshold_attr threshold_attr_##_name = {			\
		.attr = __ATTR(_name, 0444, threshold_show, NULL),		\
		.alert = _alert,						\
		.kind = _kind,							\
	}

static const char *const warning_names[CXL_LEO_NR_ALERTS] = {
	[CXL_LEO_ALERT_LIFE_USED] = "life_used",
	[CXL_LEO_ALERT_OVER_TEMP] = "over_temperature",
	[CXL_LEO_ALERT_UNDER_TEMP] = "under_temperature",
	[CXL_LEO_ALERT_CORR_VOLATILE] = "corrected_volatile",
	[CXL_LEO_ALERT_CORR_PERSISTENT] = "corrected_persistent",
};

static ssize_t emit_warning_set(char *buf, u8 bits)
{
	ssize_t n = 0;
	int a;

	for (a = 0; a < CXL_LEO_NR_ALERTS; a++)
		if (bits & BIT(a))
			n += sysfs_emit_at(buf, n, "%s%s", n ? " " : "", warning_names[a]);
	return n + sysfs_emit_at(buf, n, "%s\n", n ? "" : "none");
}

/* Get Alert Configuration's Valid Alerts (byte 0) and Programmable Alerts (byte 1) */
static ssize_t warning_set_show(struct device *dev, bool programmable, char *buf)
{
	struct cxl_leo *leo = cxl_leo_from_dev(dev);
	struct cxl_leo_alerts al;
	int rc;

	if (!leo || !leo->health)
		return -ENODEV;
	rc = alerts_get(leo, &al);
	if (rc)
		return rc;
	return emit_warning_set(buf, programmable ? al.programmable : al.valid);
}

static ssize_t warnings_valid_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return warning_set_show(dev, false, buf);
}
static DEVICE_ATTR_RO(warnings_valid);

static ssize_t warnings_programmable_show(struct device *dev, struct device_attribute *attr,
					  char *buf)
{
	return warning_set_show(dev, true, buf);
}
static DEVICE_ATTR_RO(warnings_programmable);

THRESHOLD_ATTR(life_used_warning_threshold, CXL_LEO_ALERT_LIFE_USED, WARNING);
THRESHOLD_ATTR(over_temperature_warning_threshold, CXL_LEO_ALERT_OVER_TEMP, WARNING);
THRESHOLD_ATTR(under_temperature_warning_threshold, CXL_LEO_ALERT_UNDER_TEMP, WARNING);
THRESHOLD_ATTR(corrected_volatile_warning_threshold, CXL_LEO_ALERT_CORR_VOLATILE, WARNING);
THRESHOLD_ATTR(corrected_persistent_warning_threshold, CXL_LEO_ALERT_CORR_PERSISTENT, WARNING);
THRESHOLD_ATTR(life_used_critical_threshold, CXL_LEO_ALERT_LIFE_USED, CRITICAL);
THRESHOLD_ATTR(over_temperature_critical_threshold, CXL_LEO_ALERT_OVER_TEMP, CRITICAL);
THRESHOLD_ATTR(under_temperature_critical_threshold, CXL_LEO_ALERT_UNDER_TEMP, CRITICAL);

static struct attribute *health_attrs[] = {
	&health_attr_health_status.attr.attr,
	&health_attr_media_status.attr.attr,
	&health_attr_additional_status.attr.attr,
	&health_attr_life_used.attr.attr,
	&health_attr_temperature.attr.attr,
	&health_attr_dirty_shutdowns.attr.attr,
	&health_attr_corrected_volatile_errors.attr.attr,
	&health_attr_corrected_persistent_errors.attr.attr,
	&health_attr_alerts.attr.attr,
	&threshold_attr_life_used_warning_threshold.attr.attr,
	&threshold_attr_over_temperature_warning_threshold.attr.attr,
	&threshold_attr_under_temperature_warning_threshold.attr.attr,
	&threshold_attr_corrected_volatile_warning_threshold.attr.attr,
	&threshold_attr_corrected_persistent_warning_threshold.attr.attr,
	&threshold_attr_life_used_critical_threshold.attr.attr,
	&threshold_attr_over_temperature_critical_threshold.attr.attr,
	&threshold_attr_under_temperature_critical_threshold.attr.attr,
	&dev_attr_warnings_valid.attr,
	&dev_attr_warnings_programmable.attr,
	NULL
};

#define HEALTH_INFO_ATTRS	9	/* the first entries of health_attrs[] */

static umode_t health_attr_visible(struct kobject *kobj, struct attribute *a, int n)
{
	struct cxl_leo *leo = cxl_leo_from_dev(kobj_to_dev(kobj));
	struct cxl_leo_health_cache *c = leo ? leo->health : NULL;

	if (!c)
		return n == 0 ? SYSFS_GROUP_INVISIBLE : 0;
	if (n < HEALTH_INFO_ATTRS)
		return c->info ? 0444 : 0;
	return c->alerts ? 0444 : 0;
}

const struct attribute_group cxl_leo_health_group = {
	.name = "health",
	.attrs = health_attrs,
	.is_visible = health_attr_visible,
};

/* hwmon: temp1 */

static const struct {
	u32 attr;
	enum cxl_leo_temp_value value;
	bool needs_alerts;
} hwmon_temps[] = {
	{ hwmon_temp_input, CXL_LEO_TEMP_INPUT, false },
	{ hwmon_temp_alarm, CXL_LEO_TEMP_ALARM, false },
	{ hwmon_temp_crit_alarm, CXL_LEO_TEMP_CRIT_ALARM, false },
	{ hwmon_temp_max, CXL_LEO_TEMP_MAX, true },
	{ hwmon_temp_min, CXL_LEO_TEMP_MIN, true },
	{ hwmon_temp_crit, CXL_LEO_TEMP_CRIT, true },
	{ hwmon_temp_lcrit, CXL_LEO_TEMP_LCRIT, true },
};

static int hwmon_temp_index(enum hwmon_sensor_types type, u32 attr)
{
	unsigned int i;

	if (type != hwmon_temp)
		return -EOPNOTSUPP;
	for (i = 0; i < ARRAY_SIZE(hwmon_temps); i++)
		if (hwmon_temps[i].attr == attr)
			return i;
	return -EOPNOTSUPP;
}

static umode_t hwmon_visible(const void *data, enum hwmon_sensor_types type, u32 attr,
			     int channel)
{
	const struct cxl_leo *leo = data;
	int i = hwmon_temp_index(type, attr);

	if (i < 0 || (hwmon_temps[i].needs_alerts && !leo->health->alerts))
		return 0;
	return 0444;
}

static int hwmon_read(struct device *dev, enum hwmon_sensor_types type, u32 attr,
		      int channel, long *val)
{
	struct cxl_leo *leo = dev_get_drvdata(dev);
	int i = hwmon_temp_index(type, attr);
	struct cxl_leo_alerts al;
	struct cxl_leo_health h;
	int rc;

	if (i < 0)
		return i;
	guard(mutex)(&leo->health->lock);
	rc = health_get_locked(leo, &h);
	if (rc)
		return rc;
	if (hwmon_temps[i].needs_alerts) {
		rc = alerts_get_locked(leo, &al);
		if (rc)
			return rc;
	}
	return cxl_leo_temp_value(&h, hwmon_temps[i].needs_alerts ? &al : NULL,
				  hwmon_temps[i].value, val);
}

static const struct hwmon_ops leo_hwmon_ops = {
	.is_visible = hwmon_visible,
	.read = hwmon_read,
};

static const struct hwmon_channel_info *const leo_hwmon_info[] = {
	HWMON_CHANNEL_INFO(temp, HWMON_T_INPUT | HWMON_T_ALARM | HWMON_T_CRIT_ALARM |
			   HWMON_T_MAX | HWMON_T_MIN | HWMON_T_CRIT | HWMON_T_LCRIT),
	NULL
};

static const struct hwmon_chip_info leo_hwmon_chip = {
	.ops = &leo_hwmon_ops,
	.info = leo_hwmon_info,
};

/**
 * cxl_leo_health_probe() - health group and hwmon for devices that have them
 * @leo: the device, after cxl_leo_features_probe()
 *
 * The hwmon device needs Get Health Info; alert thresholds appear when the
 * device also answers Get Alert Configuration.
 *
 * Return: 0, or a negative errno if hwmon registration fails for a device
 * that supports Get Health Info.
 */
int cxl_leo_health_probe(struct cxl_leo *leo)
{
	struct device *dev = &leo->pdev->dev;
	struct cxl_leo_health_cache *c;
	struct cxl_leo_alerts al;
	struct device *hwmon;

	c = devm_kzalloc(dev, sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	mutex_init(&c->lock);
	c->info = cxl_leo_cel_has(leo, CXL_LEO_OP_GET_HEALTH_INFO);
	c->alerts = cxl_leo_cel_has(leo, CXL_LEO_OP_GET_ALERT_CONFIG);
	if (!c->info && !c->alerts)
		return 0;
	leo->health = c;
	if (c->alerts && alerts_get(leo, &al)) {
		dev_warn(dev, "alert configuration unreadable: thresholds not exposed\n");
		c->alerts = false;
	}
	if (!c->info)
		return 0;
	hwmon = devm_hwmon_device_register_with_info(dev, "cxl_leo", leo, &leo_hwmon_chip, NULL);
	return PTR_ERR_OR_ZERO(hwmon);
}
