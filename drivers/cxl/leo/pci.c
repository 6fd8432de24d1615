// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl_leo: PCI driver for Astera Labs Leo CXL memory controllers, built on
 * the CXL core.
 *
 * Probe brings the device up the way the CXL specification orders it and
 * hands it to the core as a memdev; from there the core's cxl_mem, region,
 * dax_cxl and kmem turn its capacity into a NUMA node, exactly as for any
 * CXL memory device, so cxl-cli, daxctl and numactl work unchanged.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <cxl/mailbox.h>
#include <cxlmem.h>
#include <cxlpci.h>
#include <cxl.h>
#include <pmu.h>
#include <cxl_leo/leo_ids.h>
#include "compat.h"
#include "cxl_leo.h"
#include "media_errors.h"

static bool bind_any_cxl_mem;
module_param(bind_any_cxl_mem, bool, 0444);
MODULE_PARM_DESC(bind_any_cxl_mem,
		 "Also drive other CXL memory-class devices (class 050210), e.g. QEMU's cxl-type3 (default N)");

static const struct pci_device_id cxl_leo_pci_tbl[] = {
	{ PCI_DEVICE(CXL_LEO_PCI_VENDOR_ASTERA, CXL_LEO_PCI_DEVICE_LEO) },
	{ }
};
MODULE_DEVICE_TABLE(pci, cxl_leo_pci_tbl);

static void cxl_leo_release(struct device *dev, void *res)
{
}

/**
 * devm_cxl_leo_alloc() - per-device state, freed with the binding
 * @dev: the PCI device
 *
 * Return: zeroed state or NULL.
 */
struct cxl_leo *devm_cxl_leo_alloc(struct device *dev)
{
	struct cxl_leo *leo = devres_alloc(cxl_leo_release, sizeof(*leo), GFP_KERNEL);

	if (leo)
		devres_add(dev, leo);
	return leo;
}

/**
 * cxl_leo_from_dev() - the state of a device bound to cxl_leo
 * @dev: a PCI device
 *
 * Return: the state, or NULL when cxl_leo does not drive @dev.
 */
struct cxl_leo *cxl_leo_from_dev(struct device *dev)
{
	return devres_find(dev, cxl_leo_release, NULL, NULL);
}

/* Entries outside the static table came from new_id, driver_override or bind_any_cxl_mem. */
static bool cxl_leo_id_is_builtin(const struct pci_device_id *id)
{
	return id >= cxl_leo_pci_tbl && id < cxl_leo_pci_tbl + ARRAY_SIZE(cxl_leo_pci_tbl);
}

static int cxl_leo_map_regs(struct pci_dev *pdev, struct cxl_dev_state *cxlds)
{
	struct cxl_register_map map;
	int rc;

	/* CXL r3.1 8.1.9: the Register Locator DVSEC names both blocks. */
	rc = cxl_find_regblock(pdev, CXL_REGLOC_RBI_MEMDEV, &map);
	if (rc) {
		dev_err(&pdev->dev, "no memory device registers in the Register Locator DVSEC\n");
		return rc;
	}
	rc = cxl_setup_regs(&map);
	if (rc)
		return rc;
	rc = cxl_map_device_regs(&map, cxl_leo_compat_device_regs(cxlds));
	if (rc)
		return rc;

	/* Without component registers the mailbox still manages the device. */
	rc = cxl_find_regblock(pdev, CXL_REGLOC_RBI_COMPONENT, &cxlds->reg_map);
	if (!rc)
		rc = cxl_setup_regs(&cxlds->reg_map);
	if (rc) {
		dev_warn(&pdev->dev, "no component registers (%d): no HDM decoders, no RAS\n", rc);
		return 0;
	}
	if (cxl_leo_compat_map_ras(cxlds))
		dev_dbg(&pdev->dev, "RAS capability not mapped\n");
	return 0;
}

/*
 * CXL r3.1 3.1.1: a CXL.mem function must not use INTx, so only MSI/MSI-X.
 * Vectors are released by the PCI core when the device is disabled.
 */
static bool cxl_leo_alloc_irq_vectors(struct pci_dev *pdev)
{
	int nvecs = pci_alloc_irq_vectors(pdev, 1, CXL_PCI_DEFAULT_MAX_VECTORS,
					  PCI_IRQ_MSIX | PCI_IRQ_MSI);

	if (nvecs < 1) {
		dev_dbg(&pdev->dev, "no MSI/MSI-X vectors: %d\n", nvecs);
		return false;
	}
	return true;
}

static void cxl_leo_add_pmus(struct pci_dev *pdev, struct cxl_memdev *cxlmd)
{
	int i, n = cxl_count_regblock(pdev, CXL_REGLOC_RBI_PMU);

	for (i = 0; i < n; i++) {
		struct cxl_register_map map;
		struct cxl_pmu_regs regs;

		if (cxl_find_regblock_instance(pdev, CXL_REGLOC_RBI_PMU, &map, i) ||
		    cxl_map_pmu_regs(&map, &regs) ||
		    devm_cxl_pmu_add(&pdev->dev, &regs, cxlmd->id, i, CXL_PMU_MEMDEV)) {
			dev_dbg(&pdev->dev, "CPMU %d not added\n", i);
			return;
		}
	}
}

static int cxl_leo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	enum cxl_leo_bind_reason reason;
	struct cxl_memdev_state *mds;
	u16 dvsec;
	struct cxl_dev_state *cxlds;
	struct device *dev = &pdev->dev;
	struct cxl_leo *leo;
	int rc;

	reason = cxl_leo_bind_policy(pdev->vendor, pdev->device, pdev->class,
				     bind_any_cxl_mem, !cxl_leo_id_is_builtin(id));
	if (!cxl_leo_bind_allowed(reason)) {
		dev_info(dev, "not binding: %s\n", cxl_leo_bind_reason_str(reason));
		return -ENODEV;
	}
	if (pci_pcie_type(pdev) == PCI_EXP_TYPE_RC_END) {
		dev_err(dev, "restricted CXL device (RCH mode) is not supported; use cxl_pci\n");
		return -ENODEV;
	}

	rc = pcim_enable_device(pdev);
	if (rc)
		return rc;
	pci_set_master(pdev);

	leo = devm_cxl_leo_alloc(dev);
	if (!leo)
		return -ENOMEM;
	dvsec = pci_find_dvsec_capability(pdev, PCI_VENDOR_ID_CXL, CXL_LEO_DVSEC_DEVICE);
	if (!dvsec)
		dev_warn(dev, "no CXL device DVSEC: CXL.mem will not be enabled\n");
	mds = cxl_leo_compat_memdev_state_create(pdev, dvsec);
	if (IS_ERR(mds))
		return PTR_ERR(mds);
	cxlds = &mds->cxlds;
	leo->pdev = pdev;
	leo->mds = mds;
	leo->bind_reason = reason;
	pci_set_drvdata(pdev, cxlds);

	rc = cxl_leo_map_regs(pdev, cxlds);
	if (rc)
		return rc;

	leo->irq_avail = cxl_leo_alloc_irq_vectors(pdev);
	rc = cxl_leo_mbox_setup(leo);
	if (rc)
		return rc;

	rc = cxl_await_media_ready(cxlds);
	if (rc)
		dev_warn(dev, "media not ready (%d): capacity stays unusable\n", rc);
	else
		cxlds->media_ready = true;

	/* Identify the device through the core: CEL, clock, poison, capacity. */
	leo->cel.tap = true;	/* the CEL passing through is kept for features.c */
	rc = cxl_enumerate_cmds(mds);
	leo->cel.tap = false;
	if (rc)
		return rc;
	rc = cxl_set_timestamp(mds);
	if (rc)
		return rc;
	rc = cxl_poison_state_init(mds);
	if (rc)
		return rc;
	rc = cxl_dev_state_identify(mds);
	if (rc)
		return rc;
	rc = cxl_leo_compat_dpa_setup(mds);
	if (rc)
		return rc;

	/* First: with firmware-committed decoders memory onlines in there. */
	rc = devm_cxl_leo_online_guard_add(dev, cxlds);
	if (rc)
		return rc;
	leo->cxlmd = cxl_leo_compat_add_memdev(dev, cxlds);
	if (IS_ERR(leo->cxlmd))
		return PTR_ERR(leo->cxlmd);
	rc = devm_cxl_setup_fw_upload(dev, mds);
	if (rc)
		return rc;
	rc = devm_cxl_sanitize_setup_notifier(dev, leo->cxlmd);
	if (rc)
		return rc;
	cxl_leo_add_pmus(pdev, leo->cxlmd);

	rc = cxl_leo_features_probe(leo);
	if (rc)
		return rc;
	rc = cxl_leo_health_probe(leo);
	if (rc)
		return rc;
	rc = cxl_leo_repair_probe(leo);
	if (rc)
		return rc;
	rc = cxl_leo_media_ops_probe(leo);
	if (rc)
		return rc;
	cxl_leo_firmware_probe(leo);
	/* After the state its controls read: devres removes it before that. */
	rc = devm_cxl_leo_edac_add(leo);
	if (rc)
		return rc;

	/* Before events: records pending since boot must be acted on too. */
	rc = devm_cxl_leo_errors_add(dev, leo->cxlmd);
	if (rc)
		return rc;
	rc = cxl_leo_events_setup(leo);
	if (rc)
		return rc;
	cxl_leo_ras_unmask(leo);
	pci_save_state(pdev);

	dev_info(dev, "%s: %llu MiB volatile, %llu MiB persistent, firmware %.16s, events by %s (%s)\n",
		 dev_name(&leo->cxlmd->dev), mds->volatile_only_bytes >> 20,
		 mds->persistent_only_bytes >> 20, mds->firmware_version,
		 cxl_leo_event_delivery_name(leo->events), cxl_leo_bind_reason_str(reason));
	return 0;
}

static struct pci_driver cxl_leo_driver = {
	.name = CXL_LEO_DRIVER_NAME,
	.id_table = cxl_leo_pci_tbl,
	.probe = cxl_leo_probe,
	.err_handler = &cxl_leo_err_handlers,
	.dev_groups = cxl_leo_dev_groups,
	.driver = {
		.probe_type = PROBE_PREFER_ASYNCHRONOUS,
		/* Unbinding under online memory loses it; see online_guard.c. */
		.suppress_bind_attrs = true,
	},
};

static int __init cxl_leo_init(void)
{
	int rc;

	cxl_leo_features_init();
	cxl_leo_repair_init();
	rc = cxl_leo_errors_init();
	if (rc)
		return rc;
	rc = cxl_leo_online_guard_init();
	if (rc)
		goto err_errors;
	rc = cxl_leo_evacuate_init();
	if (rc)
		goto err_guard;
	rc = pci_register_driver(&cxl_leo_driver);
	if (rc)
		goto err_evacuate;
	/* While the first probes run: they wait for it before their events. */
	rc = cxl_leo_errors_attach();
	if (rc)
		goto err_driver;
	rc = cxl_leo_cper_init();
	if (rc)
		goto err_driver;
	if (bind_any_cxl_mem) {
		/* Match by class, as cxl_pci does; only on request. */
		rc = pci_add_dynid(&cxl_leo_driver, PCI_ANY_ID, PCI_ANY_ID, PCI_ANY_ID,
				   PCI_ANY_ID, CXL_LEO_PCI_CLASS_CXL_MEM, 0xffffff, 0);
		if (rc)
			goto err_cper;
	}
	return 0;

err_cper:
	cxl_leo_cper_exit();
err_driver:
	pci_unregister_driver(&cxl_leo_driver);
err_evacuate:
	cxl_leo_evacuate_exit();
err_guard:
	cxl_leo_online_guard_exit();
err_errors:
	cxl_leo_errors_exit();
	return rc;
}

static void __exit cxl_leo_exit(void)
{
	cxl_leo_cper_exit();
	pci_unregister_driver(&cxl_leo_driver);
	cxl_leo_evacuate_exit();
	cxl_leo_online_guard_exit();
	cxl_leo_errors_exit();
}

module_init(cxl_leo_init);
module_exit(cxl_leo_exit);
MODULE_DESCRIPTION("Astera Labs Leo CXL memory controller");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(CXL_LEO_CORE_NS);
