// SPDX-License-Identifier: GPL-2.0-only
/*
 * Post Package Repair (soft and hard) through Perform Maintenance, for
 * devices whose Command Effects Log lists the command and whose Supported
 * Features list the sPPR/hPPR Feature. Attributes follow the EDAC memory
 * repair ABI of later kernels (mem_repairN/); the safety rules are in
 * repair_policy.c. mem_repair0 is soft PPR, mem_repair1 hard PPR.
 */
#include <linux/capability.h>
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/sysfs.h>
#include <cxlmem.h>
#include "cxl_leo.h"
#include "repair_policy.h"

#define REPAIR_INSTANCES	2

static const u8 sppr_uuid[] = CXL_LEO_SPPR_UUID;
static const u8 hppr_uuid[] = CXL_LEO_HPPR_UUID;

/**
 * struct repair_instance - one PPR kind and the repair being prepared
 * @supported: the device offers this kind
 * @caps: its restriction flags, read at probe
 * @dpa: address written to "dpa"
 * @nibble_mask: mask written to "nibble_mask"
 * @allow_data_loss: consent for the next repair only
 */
struct repair_instance {
	bool supported;
	struct cxl_leo_ppr_caps caps;
	u64 dpa;
	u32 nibble_mask;
	bool allow_data_loss;
};

/**
 * struct cxl_leo_repair - Post Package Repair state of a device
 * @lock: one repair, or one change of the staged values, at a time
 * @inst: soft and hard PPR
 */
struct cxl_leo_repair {
	struct mutex lock;	/* see @lock */
	struct repair_instance inst[REPAIR_INSTANCES];
};

static u64 dpa_capacity(struct cxl_leo *leo)
{
	return resource_size(&leo->mds->cxlds.dpa_res);
}

enum repair_field {
	REPAIR_TYPE, PERSIST_MODE, SAFE_IN_USE, MIN_DPA, MAX_DPA, DPA, NIBBLE_MASK,
	ALLOW_DATA_LOSS, DO_REPAIR,
};

struct repair_attr {
	struct device_attribute attr;
	unsigned int inst;
	enum repair_field field;
};

static ssize_t repair_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct repair_attr *ra = container_of(attr, struct repair_attr, attr);
	struct cxl_leo *leo = cxl_leo_from_dev(dev);
	struct repair_instance *ri;

	if (!leo || !leo->repair)
		return -ENODEV;
	ri = &leo->repair->inst[ra->inst];
	guard(mutex)(&leo->repair->lock);
	switch (ra->field) {
	case REPAIR_TYPE:
		return sysfs_emit(buf, "ppr\n");
	case PERSIST_MODE:
		return sysfs_emit(buf, "%d\n", ri->caps.hard);
	case SAFE_IN_USE:
		return sysfs_emit(buf, "%d\n", cxl_leo_ppr_safe_in_use(&ri->caps));
	case MIN_DPA:
		return sysfs_emit(buf, "0x0\n");
	case MAX_DPA:
		return sysfs_emit(buf, "%#llx\n", dpa_capacity(leo) - 1);
	case DPA:
		return sysfs_emit(buf, "%#llx\n", ri->dpa);
	case NIBBLE_MASK:
		return sysfs_emit(buf, "%#x\n", ri->nibble_mask);
	case ALLOW_DATA_LOSS:
		return sysfs_emit(buf, "%d\n", ri->allow_data_loss);
	case DO_REPAIR:
		break;
	}
	return -EINVAL;
}

static int do_repair(struct cxl_leo *leo, struct repair_instance *ri)
{
	struct cxl_leo_ppr_request req = {
		.dpa = ri->dpa,
		.nibble_mask = ri->nibble_mask,
		.capacity = dpa_capacity(leo),
		.in_use = cxl_leo_dpa_online(leo->cxlmd, ri->dpa),
		.allow_data_loss = ri->allow_data_loss,
	};
	const char *kind = ri->caps.hard ? "hard" : "soft";
	const char *why;
	int rc;

	/* Consent covers one attempt, whatever its outcome. */
	ri->allow_data_loss = false;
	rc = cxl_leo_ppr_perform(&leo->sender, &ri->caps, &req, &why);
	if (why)
		dev_info_ratelimited(&leo->pdev->dev, "%s PPR of DPA %#llx refused: %s\n",
				     kind, req.dpa, why);
	else if (rc)
		dev_warn_ratelimited(&leo->pdev->dev, "%s PPR of DPA %#llx failed: %d\n",
				     kind, req.dpa, rc);
	else
		dev_notice(&leo->pdev->dev, "%s PPR of DPA %#llx done\n", kind, req.dpa);
	return rc;
}

static ssize_t repair_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t len)
{
	struct repair_attr *ra = container_of(attr, struct repair_attr, attr);
	struct cxl_leo *leo = cxl_leo_from_dev(dev);
	struct repair_instance *ri;
	u64 val;
	int rc;

	rc = cxl_leo_may_change(dev, attr);
	if (rc)
		return rc;
	if (!leo || !leo->repair)
		return -ENODEV;
	rc = kstrtou64(buf, 0, &val);
	if (rc)
		return rc;
	ri = &leo->repair->inst[ra->inst];
	guard(mutex)(&leo->repair->lock);
	switch (ra->field) {
	case DPA:
		if (val >= dpa_capacity(leo))
			return -EINVAL;
		ri->dpa = val;
		break;
	case NIBBLE_MASK:
		if (val > 0xffffff)
			return -EINVAL;
		ri->nibble_mask = val;
		break;
	case ALLOW_DATA_LOSS:
		if (val > 1)
			return -EINVAL;
		ri->allow_data_loss = val;
		break;
	case DO_REPAIR:
		/* 1 is EDAC_DO_MEM_REPAIR in the later upstream ABI */
		if (val != 1)
			return -EINVAL;
		rc = do_repair(leo, ri);
		if (rc)
			return rc;
		break;
	default:
		return -EINVAL;
	}
	return len;
}

static umode_t repair_attr_visible(struct kobject *kobj, struct attribute *a, int n)
{
	struct cxl_leo *leo = cxl_leo_from_dev(kobj_to_dev(kobj));
	struct device_attribute *da = container_of(a, struct device_attribute, attr);
	struct repair_attr *ra = container_of(da, struct repair_attr, attr);

	if (!leo || !leo->repair || !leo->repair->inst[ra->inst].supported)
		return n == 0 ? SYSFS_GROUP_INVISIBLE : 0;
	return a->mode;
}

static const struct {
	const char *name;
	enum repair_field field;
	umode_t mode;
} repair_fields[] = {
	{ "repair_type", REPAIR_TYPE, 0444 },
	{ "persist_mode", PERSIST_MODE, 0444 },
	{ "repair_safe_when_in_use", SAFE_IN_USE, 0444 },
	{ "min_dpa", MIN_DPA, 0444 },
	{ "max_dpa", MAX_DPA, 0444 },
	{ "dpa", DPA, 0644 },
	{ "nibble_mask", NIBBLE_MASK, 0644 },
	{ "allow_data_loss", ALLOW_DATA_LOSS, 0644 },
	{ "repair", DO_REPAIR, 0200 },
};

static const char *const repair_group_names[REPAIR_INSTANCES] = {
	"mem_repair0", "mem_repair1",
};

static struct repair_attr repair_attrs[REPAIR_INSTANCES][ARRAY_SIZE(repair_fields)];
static struct attribute *repair_attr_list[REPAIR_INSTANCES][ARRAY_SIZE(repair_fields) + 1];
struct attribute_group cxl_leo_repair_groups[REPAIR_INSTANCES];

/**
 * cxl_leo_repair_init() - build the mem_repairN attribute groups
 *
 * Called once from module init, before the driver registers.
 */
void cxl_leo_repair_init(void)
{
	unsigned int inst, i;

	for (inst = 0; inst < REPAIR_INSTANCES; inst++) {
		for (i = 0; i < ARRAY_SIZE(repair_fields); i++) {
			struct repair_attr *ra = &repair_attrs[inst][i];

			sysfs_attr_init(&ra->attr.attr);
			ra->attr.attr.name = repair_fields[i].name;
			ra->attr.attr.mode = repair_fields[i].mode;
			ra->attr.show = repair_show;
			ra->attr.store = repair_store;
			ra->inst = inst;
			ra->field = repair_fields[i].field;
			repair_attr_list[inst][i] = &ra->attr.attr;
		}
		cxl_leo_repair_groups[inst] = (struct attribute_group) {
			.name = repair_group_names[inst],
			.attrs = repair_attr_list[inst],
			.is_visible = repair_attr_visible,
		};
	}
}

/**
 * cxl_leo_repair_probe() - find the PPR kinds the device offers
 * @leo: the device, after cxl_leo_features_probe()
 *
 * A kind is offered when the CEL lists Perform Maintenance and the device
 * lists its Feature with readable attributes that make sense.
 *
 * Return: 0 or -ENOMEM.
 */
int cxl_leo_repair_probe(struct cxl_leo *leo)
{
	static const u8 *const uuids[REPAIR_INSTANCES] = { sppr_uuid, hppr_uuid };
	struct device *dev = &leo->pdev->dev;
	struct cxl_leo_repair *r;
	bool any = false;
	unsigned int i;

	if (!cxl_leo_cel_has(leo, CXL_LEO_OP_PERFORM_MAINTENANCE))
		return 0;
	r = devm_kzalloc(dev, sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	mutex_init(&r->lock);
	for (i = 0; i < REPAIR_INSTANCES; i++) {
		struct cxl_leo_ppr_rd rd;
		int len = cxl_leo_feature_read(leo, uuids[i], &rd, sizeof(rd));

		if (len == -EOPNOTSUPP)
			continue;
		if (len < 0 || cxl_leo_ppr_decode(&rd, len, i == 1, &r->inst[i].caps)) {
			dev_warn(dev, "%s PPR Feature unreadable: not exposed\n",
				 i ? "hard" : "soft");
			continue;
		}
		r->inst[i].supported = true;
		any = true;
	}
	if (any)
		leo->repair = r;
	return 0;
}
