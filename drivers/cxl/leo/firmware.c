// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware slots (CXL r3.1 8.2.9.3.1 Get FW Info) as the "firmware" sysfs
 * group: which slot runs, which is staged, and every slot's revision. The
 * core's firmware upload (fw_upload) handles updates; this is for reading.
 */
#include <linux/device.h>
#include <linux/sysfs.h>
#include <cxl/mailbox.h>
#include <cxlmem.h>
#include "cxl_leo.h"
#include "feature_parse.h"

static int fw_read(struct device *dev, struct cxl_leo_fw *fw)
{
	struct cxl_leo *leo = cxl_leo_from_dev(dev);
	struct cxl_leo_fw_info fi;
	struct cxl_mbox_cmd cmd = {
		.opcode = CXL_LEO_OP_GET_FW_INFO,
		.payload_out = &fi,
		.size_out = sizeof(fi),
	};
	int rc;

	if (!leo)
		return -ENODEV;
	rc = cxl_internal_send_cmd(&leo->mds->cxlds.cxl_mbox, &cmd);
	if (rc)
		return rc;
	rc = cxl_leo_fw_info_decode(&fi, cmd.size_out, fw);
	if (rc)
		dev_warn_ratelimited(dev, "Get FW Info: inconsistent slot information\n");
	return rc ? -ENXIO : 0;
}

enum fw_field { FW_SLOTS, FW_ACTIVE, FW_STAGED, FW_ONLINE, FW_REV };

struct fw_attr {
	struct device_attribute attr;
	enum fw_field field;
	unsigned int slot;	/* 1-based, for FW_REV */
};

static ssize_t fw_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct fw_attr *fa = container_of(attr, struct fw_attr, attr);
	struct cxl_leo_fw fw;
	int rc = fw_read(dev, &fw);

	if (rc)
		return rc;
	switch (fa->field) {
	case FW_SLOTS:
		return sysfs_emit(buf, "%u\n", fw.slots);
	case FW_ACTIVE:
		return sysfs_emit(buf, "%u\n", fw.active);
	case FW_STAGED:
		return sysfs_emit(buf, "%u\n", fw.staged);
	case FW_ONLINE:
		return sysfs_emit(buf, "%d\n", fw.online_activation);
	case FW_REV:
		if (fa->slot > fw.slots)
			return -ENXIO;
		return sysfs_emit(buf, "%s\n", fw.revision[fa->slot - 1]);
	}
	return -EINVAL;
}

#define FW_ATTR(_name, _field, _slot)						\
	static struct fw_attr fw_attr_##_name = {				\
		.attr = __ATTR(_name, 0444, fw_show, NULL),			\
		.field = _field,						\
		.slot = _slot,							\
	}

FW_ATTR(slot_count, FW_SLOTS, 0);
FW_ATTR(active_slot, FW_ACTIVE, 0);
FW_ATTR(staged_slot, FW_STAGED, 0);
FW_ATTR(online_activation, FW_ONLINE, 0);
FW_ATTR(slot1_revision, FW_REV, 1);
FW_ATTR(slot2_revision, FW_REV, 2);
FW_ATTR(slot3_revision, FW_REV, 3);
FW_ATTR(slot4_revision, FW_REV, 4);

static struct attribute *fw_attrs[] = {
	&fw_attr_slot_count.attr.attr,
	&fw_attr_active_slot.attr.attr,
	&fw_attr_staged_slot.attr.attr,
	&fw_attr_online_activation.attr.attr,
	&fw_attr_slot1_revision.attr.attr,
	&fw_attr_slot2_revision.attr.attr,
	&fw_attr_slot3_revision.attr.attr,
	&fw_attr_slot4_revision.attr.attr,
	NULL
};

static umode_t fw_visible(struct kobject *kobj, struct attribute *a, int n)
{
	struct device *dev = kobj_to_dev(kobj);
	struct cxl_leo *leo = cxl_leo_from_dev(dev);
	struct device_attribute *da = container_of(a, struct device_attribute, attr);
	struct fw_attr *fa = container_of(da, struct fw_attr, attr);

	/* Attribute 0 decides for the whole directory. */
	if (!leo || !cxl_leo_cel_has(leo, CXL_LEO_OP_GET_FW_INFO))
		return n == 0 ? SYSFS_GROUP_INVISIBLE : 0;
	if (fa->field == FW_REV && fa->slot > leo->fw_slots)
		return 0;
	return a->mode;
}

/**
 * cxl_leo_firmware_probe() - learn how many firmware slots the device has
 * @leo: the device, after cxl_leo_features_probe() (which reads the CEL)
 *
 * The count is a property of the device (CXL r3.1 Table 8-56, FW Slots
 * Supported), read once here so that the group's visibility does not ask
 * the device again for each slotN_revision. A device whose reply does not
 * decode shows no revision attributes, as before.
 */
void cxl_leo_firmware_probe(struct cxl_leo *leo)
{
	struct cxl_leo_fw fw;

	leo->fw_slots = 0;
	if (cxl_leo_cel_has(leo, CXL_LEO_OP_GET_FW_INFO) && !fw_read(&leo->pdev->dev, &fw))
		leo->fw_slots = fw.slots;
}

const struct attribute_group cxl_leo_firmware_group = {
	.name = "firmware",
	.attrs = fw_attrs,
	.is_visible = fw_visible,
};
