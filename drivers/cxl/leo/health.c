// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device health (CXL r3.1 8.2.9.9.3.1 Get Health Info) as a "health" sysfs
 * group and the device temperature through hwmon, for devices whose Command
 * Effects Log lists the command. Each read asks the device; answers are
 * cached for a second so a monitoring loop cannot flood the mailbox.
 */
#include <linux/device.h>
#include <linux/hwmon.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/sysfs.h>
#include <cxl/mailbox.h>
#include <cxlmem.h>
#include "cxl_leo.h"
#include "feature_parse.h"

/**
 * struct cxl_leo_health_cache - last Health Info answer
 * @lock: protects the fields below
 * @valid: @h holds an answer
 * @when: jiffies of that answer
 * @h: the answer
 */
struct cxl_leo_health_cache {
	struct mutex lock;	/* see @lock */
	bool valid;
	unsigned long when;
	struct cxl_leo_health h;
};

static int health_get(struct cxl_leo *leo, struct cxl_leo_health *out)
{
	struct cxl_leo_health_cache *c = leo->health;
	struct cxl_leo_health_info hi;
	struct cxl_mbox_cmd cmd = {
		.opcode = CXL_LEO_OP_GET_HEALTH_INFO,
		.payload_out = &hi,
		.size_out = sizeof(hi),
	};
	int rc;

	guard(mutex)(&c->lock);
	if (!c->valid || time_after(jiffies, c->when + HZ)) {
		rc = cxl_internal_send_cmd(&leo->mds->cxlds.cxl_mbox, &cmd);
		if (!rc)
			rc = cxl_leo_health_decode(&hi, cmd.size_out, &c->h);
		if (rc) {
			c->valid = false;
			return rc == -EIO ? -ENXIO : rc;
		}
		c->valid = true;
		c->when = jiffies;
	}
	*out = c->h;
	return 0;
}

enum health_field {
	HEALTH_STATUS, MEDIA_STATUS, ADDITIONAL_STATUS, LIFE_USED, TEMPERATURE,
	DIRTY_SHUTDOWNS, CORRECTED_VOLATILE, CORRECTED_PERSISTENT,
};

struct health_attr {
	struct device_attribute attr;
	enum health_field field;
};

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

static struct attribute *health_attrs[] = {
	&health_attr_health_status.attr.attr,
	&health_attr_media_status.attr.attr,
	&health_attr_additional_status.attr.attr,
	&health_attr_life_used.attr.attr,
	&health_attr_temperature.attr.attr,
	&health_attr_dirty_shutdowns.attr.attr,
	&health_attr_corrected_volatile_errors.attr.attr,
	&health_attr_corrected_persistent_errors.attr.attr,
	NULL
};

static bool health_group_visible(struct kobject *kobj)
{
	struct cxl_leo *leo = cxl_leo_from_dev(kobj_to_dev(kobj));

	return leo && leo->health;
}

DEFINE_SIMPLE_SYSFS_GROUP_VISIBLE(health);

const struct attribute_group cxl_leo_health_group = {
	.name = "health",
	.attrs = health_attrs,
	.is_visible = SYSFS_GROUP_VISIBLE(health),
};

static umode_t hwmon_visible(const void *data, enum hwmon_sensor_types type, u32 attr,
			     int channel)
{
	return type == hwmon_temp && attr == hwmon_temp_input ? 0444 : 0;
}

static int hwmon_read(struct device *dev, enum hwmon_sensor_types type, u32 attr,
		      int channel, long *val)
{
	struct cxl_leo *leo = dev_get_drvdata(dev);
	struct cxl_leo_health h;
	int rc;

	if (type != hwmon_temp || attr != hwmon_temp_input)
		return -EOPNOTSUPP;
	rc = health_get(leo, &h);
	if (rc)
		return rc;
	if (!h.temperature_valid)
		return -ENODATA;
	*val = h.temperature * 1000L;	/* millidegrees */
	return 0;
}

static const struct hwmon_ops leo_hwmon_ops = {
	.is_visible = hwmon_visible,
	.read = hwmon_read,
};

static const struct hwmon_channel_info *const leo_hwmon_info[] = {
	HWMON_CHANNEL_INFO(temp, HWMON_T_INPUT),
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
 * Return: 0, or a negative errno if hwmon registration fails for a device
 * that supports Get Health Info.
 */
int cxl_leo_health_probe(struct cxl_leo *leo)
{
	struct device *dev = &leo->pdev->dev;
	struct cxl_leo_health_cache *c;
	struct device *hwmon;

	if (!cxl_leo_cel_has(leo, CXL_LEO_OP_GET_HEALTH_INFO))
		return 0;
	c = devm_kzalloc(dev, sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	mutex_init(&c->lock);
	leo->health = c;
	hwmon = devm_hwmon_device_register_with_info(dev, "cxl_leo", leo, &leo_hwmon_chip, NULL);
	return PTR_ERR_OR_ZERO(hwmon);
}
