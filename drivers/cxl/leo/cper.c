// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware-first event records (CPER) for cxl_leo devices.
 *
 * When platform firmware owns the event logs, it reports each General
 * Media, DRAM and Memory Module record as a CPER section; GHES queues them
 * for a single consumer (cxl_cper_register_work(), one slot, held by
 * whoever registers first). Upstream's only consumer is cxl_pci, and it
 * drops records for devices it does not drive, so with it a cxl_leo
 * device's firmware-first records are lost.
 *
 * cxl_leo therefore holds the slot whenever cxl_pci is not loaded and
 * hands each record for one of its devices to the core's
 * cxl_event_trace_record(): the same cxl_general_media/cxl_dram/
 * cxl_memory_module tracepoints as records read from the mailbox, and so
 * the same counters and page offlining (media_errors.c). cxl_pci cannot
 * load while the slot is taken (its init fails), so cxl_leo gives the
 * slot up when cxl_pci starts loading and takes it back when cxl_pci is
 * gone. While cxl_pci holds it, records for cxl_leo devices are dropped
 * there, unseen by cxl_leo: cper_consumer in sysfs says so per device.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/pci.h>
#include <linux/uuid.h>
#include <linux/workqueue.h>
#include <cxl/event.h>
#include <cxlmem.h>
#include "cxl_leo.h"
#include "cper_decode.h"

#define CXL_PCI_MODULE	"cxl_pci"

static DEFINE_MUTEX(cper_lock);		/* cper_held */
static bool cper_held;

static void cper_record(enum cxl_event_type type, struct cxl_cper_event_rec *rec)
{
	struct cxl_leo_cper_origin origin;
	struct cxl_leo *leo;
	int rc;

	rc = cxl_leo_cper_decode(type, rec, &origin);
	if (rc) {
		pr_warn_ratelimited("cxl_leo: firmware-first CXL record type %d not attributable: %d\n",
				    type, rc);
		return;
	}

	struct pci_dev *pdev __free(pci_dev_put) =
		pci_get_domain_bus_and_slot(origin.segment, origin.bus, origin.devfn);
	if (!pdev)
		return;
	/* Bound to cxl_leo, and stays so while the record is traced. */
	guard(device)(&pdev->dev);
	leo = cxl_leo_from_dev(&pdev->dev);
	if (!leo || !leo->cxlmd)
		return;
	if (!cxl_leo_cper_serial_matches(&origin, leo->mds->cxlds.serial)) {
		dev_warn_ratelimited(&pdev->dev,
				     "firmware-first record for serial %#llx, device is %#llx: dropped\n",
				     origin.serial, leo->mds->cxlds.serial);
		return;
	}
	atomic64_inc(&leo->cper_records);
	cxl_event_trace_record(leo->cxlmd, origin.log, type, &uuid_null, &rec->event);
}

static void cper_work_fn(struct work_struct *work)
{
	struct cxl_cper_work_data wd;

	while (cxl_cper_kfifo_get(&wd))
		cper_record(wd.event_type, &wd.rec);
}

static DECLARE_WORK(cper_work, cper_work_fn);

static void cper_take(void)
{
	lockdep_assert_held(&cper_lock);
	/* cxl_pci registers its driver before the slot: seen here either way. */
	if (cper_held || driver_find(CXL_PCI_MODULE, &pci_bus_type))
		return;
	if (!cxl_cper_register_work(&cper_work))
		cper_held = true;
}

static void cper_release(void)
{
	lockdep_assert_held(&cper_lock);
	if (!cper_held)
		return;
	cxl_cper_unregister_work(&cper_work);
	cper_held = false;
}

static int cper_module_notify(struct notifier_block *nb, unsigned long state, void *data)
{
	struct module *mod = data;

	if (strcmp(mod->name, CXL_PCI_MODULE))
		return NOTIFY_DONE;
	guard(mutex)(&cper_lock);
	/* COMING runs before cxl_pci's init; GOING after its exit or failed init. */
	if (state == MODULE_STATE_COMING)
		cper_release();
	else if (state == MODULE_STATE_GOING)
		cper_take();
	return NOTIFY_OK;
}

static struct notifier_block cper_module_nb = {
	.notifier_call = cper_module_notify,
};

/**
 * cxl_leo_cper_consumer() - who receives firmware-first records now
 *
 * Return: "cxl_leo", "cxl_pci" (records for cxl_leo devices are dropped
 * there) or "none" (no GHES in this kernel, or the slot was refused).
 */
const char *cxl_leo_cper_consumer(void)
{
	guard(mutex)(&cper_lock);
	if (cper_held)
		return IS_ENABLED(CONFIG_ACPI_APEI_GHES) ? "cxl_leo" : "none";
	return driver_find(CXL_PCI_MODULE, &pci_bus_type) ? CXL_PCI_MODULE : "none";
}

/**
 * cxl_leo_cper_init() - take firmware-first records unless cxl_pci has them
 *
 * Return: 0 or the errno of registering the module notifier.
 */
int cxl_leo_cper_init(void)
{
	int rc = register_module_notifier(&cper_module_nb);

	if (rc)
		return rc;
	guard(mutex)(&cper_lock);
	cper_take();
	return 0;
}

/**
 * cxl_leo_cper_exit() - give the firmware-first records back at unload
 */
void cxl_leo_cper_exit(void)
{
	unregister_module_notifier(&cper_module_nb);
	guard(mutex)(&cper_lock);
	/* Waits for the work, then drops what is still queued. */
	cper_release();
}
