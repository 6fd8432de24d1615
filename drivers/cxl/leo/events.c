// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt vectors and event-log delivery. The core drains and traces the
 * event logs (cxl_mem_get_event_records()); this file decides when: from a
 * threaded MSI/MSI-X handler, or from a periodic poll when no vector can be
 * had or the device keeps its event interrupts in firmware mode. When the
 * platform kept CXL error handling (_OSC), the logs are left to firmware:
 * only one agent may clear them. Every pass is bounded (event_drain.c);
 * what a pass leaves is retried later.
 */
#include <linux/bitfield.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <cxl/mailbox.h>
#include <cxlmem.h>
#include <cxlpci.h>
#include <cxl.h>
#include "cxl_leo.h"
#include "event_drain.h"

static unsigned int event_poll_ms = 1000;
module_param(event_poll_ms, uint, 0644);
MODULE_PARM_DESC(event_poll_ms,
		 "Event log poll period in ms when event interrupts are unavailable (default 1000)");

/* Threaded handlers need a dev_id unique per vector. */
struct cxl_leo_irq {
	struct cxl_dev_state *cxlds;
};

/**
 * cxl_leo_irq_cxlds() - the device behind an interrupt's dev_id
 * @id: the dev_id passed to a handler registered by cxl_leo_request_irq()
 *
 * Return: the device state.
 */
struct cxl_dev_state *cxl_leo_irq_cxlds(void *id)
{
	return ((struct cxl_leo_irq *)id)->cxlds;
}

/**
 * cxl_leo_request_irq() - a device-managed threaded handler on a vector
 * @cxlds: the device
 * @msgnum: MSI/MSI-X message number the device signals on
 * @thread_fn: handler; its dev_id goes through cxl_leo_irq_cxlds()
 *
 * Return: 0 or a negative errno.
 */
int cxl_leo_request_irq(struct cxl_dev_state *cxlds, unsigned int msgnum,
			irqreturn_t (*thread_fn)(int irq, void *id))
{
	struct cxl_leo_irq *dev_id;
	int irq;

	irq = pci_irq_vector(to_pci_dev(cxlds->dev), msgnum);
	if (irq < 0)
		return irq;
	dev_id = devm_kzalloc(cxlds->dev, sizeof(*dev_id), GFP_KERNEL);
	if (!dev_id)
		return -ENOMEM;
	dev_id->cxlds = cxlds;
	return devm_request_threaded_irq(cxlds->dev, irq, NULL, thread_fn,
					 IRQF_SHARED | IRQF_ONESHOT, NULL, dev_id);
}

/**
 * cxl_leo_event_delivery_name() - name of a delivery mode for sysfs and logs
 * @d: the mode
 *
 * Return: "none", "interrupt" or "poll".
 */
const char *cxl_leo_event_delivery_name(enum cxl_leo_event_delivery d)
{
	switch (d) {
	case CXL_LEO_EVENTS_IRQ:
		return "interrupt";
	case CXL_LEO_EVENTS_POLL:
		return "poll";
	case CXL_LEO_EVENTS_NONE:
		break;
	}
	return "none";
}

static u32 events_status(void *ctx)
{
	struct cxl_memdev_state *mds = ctx;

	/* CXL r3.1 8.2.8.3.1: only the low 32 bits carry log status. */
	return readl(mds->cxlds.regs.status + CXLDEV_DEV_EVENT_STATUS_OFFSET) &
	       CXLDEV_EVENT_STATUS_ALL;
}

static void events_fetch(void *ctx, u32 status)
{
	cxl_mem_get_event_records(ctx, status);
	cond_resched();
}

/* One bounded pass (event_drain.h); true when every log was emptied. */
static bool events_drain(struct cxl_leo *leo)
{
	struct cxl_leo_event_source src = { events_status, events_fetch, leo->mds };
	unsigned int rounds;
	u32 left;

	left = cxl_leo_events_drain(&src, CXL_LEO_DRAIN_MAX_ROUNDS, &rounds);
	if (left)
		dev_warn_ratelimited(&leo->pdev->dev,
				     "event logs %#x still pending after %u reads; retrying later\n",
				     left, rounds);
	return !left;
}

static unsigned int events_poll_period_ms(void)
{
	return max(READ_ONCE(event_poll_ms), 10U);
}

/* Come back for logs a pass left behind: an MSI is not sent twice for them. */
static void events_retry_later(struct cxl_leo *leo)
{
	unsigned int ms = cxl_leo_drain_retry_ms(READ_ONCE(leo->event_retry_ms),
						 events_poll_period_ms());

	WRITE_ONCE(leo->event_retry_ms, ms);
	schedule_delayed_work(&leo->event_poll, msecs_to_jiffies(ms));
}

static irqreturn_t events_irq_thread(int irq, void *id)
{
	struct cxl_leo *leo = cxl_leo_from_dev(cxl_leo_irq_cxlds(id)->dev);

	if (leo && !events_drain(leo))
		events_retry_later(leo);
	return IRQ_HANDLED;
}

/* The poll, or in interrupt mode the retry of a pass that left records. */
static void events_poll_work(struct work_struct *work)
{
	struct cxl_leo *leo = container_of(work, struct cxl_leo, event_poll.work);
	bool drained = events_drain(leo);

	if (leo->events == CXL_LEO_EVENTS_POLL) {
		schedule_delayed_work(&leo->event_poll,
				      msecs_to_jiffies(events_poll_period_ms()));
		return;
	}
	if (drained)
		WRITE_ONCE(leo->event_retry_ms, 0);
	else
		events_retry_later(leo);
}

static void events_poll_stop(void *data)
{
	struct cxl_leo *leo = data;

	/* Every pass is bounded, so this wait is too. */
	cancel_delayed_work_sync(&leo->event_poll);
}

static int events_policy(struct cxl_memdev_state *mds, u16 opcode,
			 struct cxl_event_interrupt_policy *policy)
{
	struct cxl_mbox_cmd cmd = {
		.opcode = opcode,
		.payload_in = opcode == CXL_MBOX_OP_SET_EVT_INT_POLICY ? policy : NULL,
		.size_in = opcode == CXL_MBOX_OP_SET_EVT_INT_POLICY ? sizeof(*policy) : 0,
		.payload_out = opcode == CXL_MBOX_OP_GET_EVT_INT_POLICY ? policy : NULL,
		.size_out = opcode == CXL_MBOX_OP_GET_EVT_INT_POLICY ? sizeof(*policy) : 0,
	};

	return cxl_internal_send_cmd(&mds->cxlds.cxl_mbox, &cmd);
}

static bool events_setting_is(u8 setting, u8 mode)
{
	return FIELD_GET(CXLDEV_EVENT_INT_MODE_MASK, setting) == mode;
}

/* CXL r3.1 8.2.9.2.4/5: route all four logs to MSI/MSI-X and request them. */
static int events_irq_setup(struct cxl_leo *leo)
{
	struct cxl_memdev_state *mds = leo->mds;
	struct cxl_event_interrupt_policy policy = {
		.info_settings = CXL_INT_MSI_MSIX,
		.warn_settings = CXL_INT_MSI_MSIX,
		.failure_settings = CXL_INT_MSI_MSIX,
		.fatal_settings = CXL_INT_MSI_MSIX,
	};
	u8 settings[4];
	int i, rc;

	rc = events_policy(mds, CXL_MBOX_OP_SET_EVT_INT_POLICY, &policy);
	if (rc)
		return rc;
	rc = events_policy(mds, CXL_MBOX_OP_GET_EVT_INT_POLICY, &policy);
	if (rc)
		return rc;
	settings[0] = policy.info_settings;
	settings[1] = policy.warn_settings;
	settings[2] = policy.failure_settings;
	settings[3] = policy.fatal_settings;
	for (i = 0; i < ARRAY_SIZE(settings); i++) {
		/* The device may refuse MSI for a log, e.g. keep it in FW mode. */
		if (!events_setting_is(settings[i], CXL_INT_MSI_MSIX))
			return -ENXIO;
		rc = cxl_leo_request_irq(&mds->cxlds,
					 FIELD_GET(CXLDEV_EVENT_INT_MSGNUM_MASK, settings[i]),
					 events_irq_thread);
		if (rc)
			return rc;
	}
	return 0;
}

static void free_event_buf(void *buf)
{
	kvfree(buf);
}

/**
 * cxl_leo_events_setup() - start delivering event records to the core
 * @leo: the device, with its memdev registered
 *
 * Prefers interrupts; falls back to polling every event_poll_ms when no
 * vector is available or the device will not route its logs to MSI/MSI-X.
 * Logs already pending are drained once here.
 *
 * Return: 0 or a negative errno for allocation failures.
 */
int cxl_leo_events_setup(struct cxl_leo *leo)
{
	struct pci_host_bridge *bridge = pci_find_host_bridge(leo->pdev->bus);
	struct cxl_memdev_state *mds = leo->mds;
	struct device *dev = &leo->pdev->dev;
	int rc;

	leo->events = CXL_LEO_EVENTS_NONE;
	if (!bridge->native_cxl_error) {
		dev_info(dev, "platform firmware handles CXL events (_OSC)\n");
		return 0;
	}

	mds->event.buf = kvmalloc(mds->cxlds.cxl_mbox.payload_size, GFP_KERNEL);
	if (!mds->event.buf)
		return -ENOMEM;
	rc = devm_add_action_or_reset(dev, free_event_buf, mds->event.buf);
	if (rc)
		return rc;

	/*
	 * Before any vector: devm undoes in reverse, so the handlers are gone
	 * before the work they may schedule is cancelled.
	 */
	INIT_DELAYED_WORK(&leo->event_poll, events_poll_work);
	rc = devm_add_action_or_reset(dev, events_poll_stop, leo);
	if (rc)
		return rc;

	if (leo->irq_avail) {
		rc = events_irq_setup(leo);
		if (!rc)
			leo->events = CXL_LEO_EVENTS_IRQ;
		else
			dev_info(dev, "event interrupts unavailable (%d), polling every %u ms\n",
				 rc, event_poll_ms);
	} else {
		dev_info(dev, "no MSI/MSI-X vectors, polling event logs every %u ms\n",
			 event_poll_ms);
	}

	if (leo->events == CXL_LEO_EVENTS_NONE) {
		leo->events = CXL_LEO_EVENTS_POLL;
		schedule_delayed_work(&leo->event_poll, msecs_to_jiffies(event_poll_ms));
	}

	if (!events_drain(leo) && leo->events == CXL_LEO_EVENTS_IRQ)
		events_retry_later(leo);
	return 0;
}
