// SPDX-License-Identifier: GPL-2.0-only
/*
 * The RAS controls where upstream puts them: a device named cxl_memN on the
 * EDAC bus (/sys/bus/edac/devices/cxl_memN, Linux 6.15+, see upstream's
 * drivers/cxl/core/edac.c), child of the memdev, carrying scrub0 and
 * ecs_fruN (features.c) and mem_repairN (repair.c). Neither supported
 * core's build registers one (Debian's 6.12 has no EDAC RAS framework, its
 * 7.3 leaves CONFIG_CXL_EDAC_MEM_FEATURES off), so cxl_leo does; a core that
 * does keeps its own and cxl_leo adds none (compat.h decides).
 *
 * The device's drvdata is the driver's state, so the groups' handlers find
 * it with dev_get_drvdata() (cxl_leo_from_ras_dev()). It is registered after
 * the state it reads and removed, through devres on the PCI device, before
 * any of it is freed: device_del() drains the handlers still running in its
 * files, so none runs past the unbinding.
 */
#include <linux/device.h>
#include <linux/edac.h>
#include <linux/slab.h>
#include <cxlmem.h>
#include "compat.h"
#include "cxl_leo.h"

static void ras_dev_release(struct device *dev)
{
	kfree(dev);
}

/* Named as upstream's, so udev rules keyed on DEVTYPE match both. */
static const struct device_type ras_dev_type = {
	.name = "edac_dev",
	.release = ras_dev_release,
};

static const struct attribute_group *ras_dev_groups[] = {
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
	NULL
};

/**
 * cxl_leo_from_ras_dev() - the state behind a RAS control attribute
 * @dev: the device whose attribute is read or written: the EDAC bus device,
 *	or the PCI device (the deprecated copies of the groups)
 *
 * Return: the state, or NULL when cxl_leo does not drive the device.
 */
struct cxl_leo *cxl_leo_from_ras_dev(struct device *dev)
{
	if (dev->type == &ras_dev_type)
		return dev_get_drvdata(dev);
	return cxl_leo_from_dev(dev);
}

static void ras_dev_unregister(void *dev)
{
	device_unregister(dev);
}

/**
 * devm_cxl_leo_edac_add() - register the memdev's RAS controls on the EDAC bus
 * @leo: the device, after cxl_leo_features_probe() and cxl_leo_repair_probe()
 *
 * Nothing is registered when the device has no scrub, ECS or repair control
 * (as upstream) or when the kernel's core registers the device itself. A
 * failure leaves the controls at their deprecated place only, as
 * upstream's cxl_mem leaves a memdev without them: it does not fail probe.
 *
 * Return: 0 or -ENOMEM.
 */
int devm_cxl_leo_edac_add(struct cxl_leo *leo)
{
	struct device *host = &leo->pdev->dev;
	struct device *dev;
	int rc;

	if (!cxl_leo_features_ras_controls(leo) && !leo->repair)
		return 0;
	if (!cxl_leo_compat_edac_ours(&leo->mds->cxlds)) {
		dev_dbg(host, "EDAC RAS controls left to the core (or no EDAC bus)\n");
		return 0;
	}
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	device_initialize(dev);
	dev->parent = &leo->cxlmd->dev;
	dev->bus = edac_get_sysfs_subsys();
	dev->type = &ras_dev_type;
	dev->groups = ras_dev_groups;
	dev_set_drvdata(dev, leo);
	rc = dev_set_name(dev, "cxl_%s", dev_name(&leo->cxlmd->dev));
	if (!rc)
		rc = device_add(dev);
	if (rc) {
		put_device(dev);
		if (rc == -ENOMEM)
			return rc;
		dev_warn(host, "RAS controls not on the EDAC bus (%d): see %s's scrub0/, ecs_fruN/, mem_repairN/\n",
			 rc, dev_name(host));
		return 0;
	}
	return devm_add_action_or_reset(host, ras_dev_unregister, dev);
}
