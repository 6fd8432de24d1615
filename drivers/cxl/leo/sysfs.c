// SPDX-License-Identifier: GPL-2.0-only
/*
 * Attributes cxl_leo adds to the PCI device: the "cxl_leo" group (how the
 * driver runs the device) here; "ras" (media_errors.c), "health"
 * (health.c), "firmware" (firmware.c), "media_ops" (media_ops.c) where they
 * live; and, deprecated for one release, copies of "scrub0", "ecs_fruN"
 * (features.c) and "mem_repairN" (repair.c), whose place is now the EDAC
 * bus (edac.c). Documentation/ABI/testing/sysfs-driver-cxl-leo*,
 * sysfs-bus-edac-cxl-leo.
 */
#include <linux/capability.h>
#include <linux/device.h>
#include <linux/stddef.h>
#include <linux/sysfs.h>
#include "cxl_leo.h"
#include "media_errors.h"
#include "transport.h"

/**
 * cxl_leo_may_change() - the one privilege rule for attributes that change
 *	the device or the driver's handling of it
 * @dev: the device whose attribute is written
 * @attr: the attribute
 *
 * File modes keep other users out; a capability check keeps out root
 * processes that dropped privileges. Every writer asks the same question,
 * the one upstream's EDAC RAS controls ask (CAP_SYS_RAWIO), so that a
 * control behaves alike here and where a later core registers it.
 *
 * Return: 0, or -EPERM (and a rate-limited log line naming the attribute).
 */
int cxl_leo_may_change(struct device *dev, const struct device_attribute *attr)
{
	if (capable(CAP_SYS_RAWIO))
		return 0;
	dev_info_ratelimited(dev, "%s: write refused: needs CAP_SYS_RAWIO\n", attr->attr.name);
	return -EPERM;
}

static ssize_t bind_reason_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct cxl_leo *leo = cxl_leo_from_dev(dev);

	if (!leo)
		return -ENODEV;
	return sysfs_emit(buf, "%s\n", cxl_leo_bind_reason_str(leo->bind_reason));
}
static DEVICE_ATTR_RO(bind_reason);

static ssize_t event_delivery_show(struct device *dev, struct device_attribute *attr,
				   char *buf)
{
	struct cxl_leo *leo = cxl_leo_from_dev(dev);

	if (!leo)
		return -ENODEV;
	return sysfs_emit(buf, "%s\n", cxl_leo_event_delivery_name(leo->events));
}
static DEVICE_ATTR_RO(event_delivery);

static ssize_t cper_consumer_show(struct device *dev, struct device_attribute *attr,
				  char *buf)
{
	return sysfs_emit(buf, "%s\n", cxl_leo_cper_consumer());
}
static DEVICE_ATTR_RO(cper_consumer);

static ssize_t leo_counter_show(struct device *dev, char *buf, size_t offset)
{
	struct cxl_leo *leo = cxl_leo_from_dev(dev);

	if (!leo)
		return -ENODEV;
	return sysfs_emit(buf, "%lld\n", atomic64_read((atomic64_t *)((void *)leo + offset)));
}

static ssize_t firmware_first_records_show(struct device *dev, struct device_attribute *attr,
					   char *buf)
{
	return leo_counter_show(dev, buf, offsetof(struct cxl_leo, cper_records));
}
static DEVICE_ATTR_RO(firmware_first_records);

static ssize_t aer_online_kept_show(struct device *dev, struct device_attribute *attr,
				    char *buf)
{
	return leo_counter_show(dev, buf, offsetof(struct cxl_leo, aer_online_kept));
}
static DEVICE_ATTR_RO(aer_online_kept);

static ssize_t aer_online_lost_show(struct device *dev, struct device_attribute *attr,
				    char *buf)
{
	return leo_counter_show(dev, buf, offsetof(struct cxl_leo, aer_online_lost));
}
static DEVICE_ATTR_RO(aer_online_lost);

/* The running background command: cheap (two register reads), never blocks. */
static ssize_t background_show(struct device *dev, char *buf, int field)
{
	struct cxl_leo *leo = cxl_leo_from_dev(dev);
	struct cxl_leo_bg_snap snap;

	if (!leo)
		return -ENODEV;
	cxl_leo_bg_snapshot(leo, &snap);
	switch (field) {
	case 0:
		return snap.running ? sysfs_emit(buf, "%#06x\n", snap.opcode) :
				      sysfs_emit(buf, "none\n");
	case 1:
		return sysfs_emit(buf, "%s\n", snap.running ?
				  cxl_leo_bg_opcode_name(snap.opcode) : "none");
	case 2:
		return sysfs_emit(buf, "%u\n", snap.percent);
	default:
		return sysfs_emit(buf, "%lld\n", (long long)snap.started);
	}
}

static ssize_t background_opcode_show(struct device *dev, struct device_attribute *attr,
				      char *buf)
{
	return background_show(dev, buf, 0);
}
static DEVICE_ATTR_RO(background_opcode);

static ssize_t background_name_show(struct device *dev, struct device_attribute *attr,
				    char *buf)
{
	return background_show(dev, buf, 1);
}
static DEVICE_ATTR_RO(background_name);

static ssize_t background_percent_show(struct device *dev, struct device_attribute *attr,
				       char *buf)
{
	return background_show(dev, buf, 2);
}
static DEVICE_ATTR_RO(background_percent);

static ssize_t background_started_show(struct device *dev, struct device_attribute *attr,
				       char *buf)
{
	return background_show(dev, buf, 3);
}
static DEVICE_ATTR_RO(background_started);

static struct attribute *cxl_leo_attrs[] = {
	&dev_attr_bind_reason.attr,
	&dev_attr_event_delivery.attr,
	&dev_attr_cper_consumer.attr,
	&dev_attr_firmware_first_records.attr,
	&dev_attr_aer_online_kept.attr,
	&dev_attr_aer_online_lost.attr,
	&dev_attr_background_opcode.attr,
	&dev_attr_background_name.attr,
	&dev_attr_background_percent.attr,
	&dev_attr_background_started.attr,
	NULL
};

static const struct attribute_group cxl_leo_group = {
	.name = "cxl_leo",
	.attrs = cxl_leo_attrs,
};

const struct attribute_group *cxl_leo_dev_groups[] = {
	&cxl_leo_group,
	&cxl_leo_ras_group,
	&cxl_leo_health_group,
	&cxl_leo_firmware_group,
	/* deprecated: these are at upstream's place on the EDAC bus (edac.c) */
	&cxl_leo_scrub_group,
	&cxl_leo_ecs_groups[0],
	&cxl_leo_ecs_groups[1],
	&cxl_leo_ecs_groups[2],
	&cxl_leo_ecs_groups[3],
	&cxl_leo_ecs_groups[4],
	&cxl_leo_ecs_groups[5],
	&cxl_leo_ecs_groups[6],
	&cxl_leo_ecs_groups[7],
	&cxl_leo_repair_groups[0],
	&cxl_leo_repair_groups[1],
	&cxl_leo_media_ops_group,
	NULL
};
