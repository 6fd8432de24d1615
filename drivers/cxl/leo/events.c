// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt vectors and event-log delivery. The core drains and traces the
 * event logs (cxl_mem_get_event_records()); this file decides who reads them
 * and when. Platform firmware keeps them when it kept CXL error handling
 * (_OSC) or when the device has a log in firmware interrupt mode: only one
 * agent may clear them (event_policy.c). Otherwise an MSI/MSI-X interrupt
 * queues a pass that reads them on the system workqueue, or a periodic poll
 * does when no vector can be had. Every pass is bounded (event_drain.c);
 * what a pass leaves is retried later.
 * Firmware-first (CPER) records arrive through cper.c instead.
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
#include "event_policy.h"

static unsigned int event_poll_ms = 1000;
module_param(event_poll_ms, uint, 0644);
MODULE_PARM_DESC(event_poll_ms,
		 "Event log poll period in ms when event interrupts are unavailable (default 1000)");

/* Shared handlers need a dev_id unique per vector. */
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
 * cxl_leo_request_irq() - a device-managed handler on a vector
 * @cxlds: the device
 * @msgnum: MSI/MSI-X message number the device signals on
 * @handler: runs in hard interrupt context (no thread: cxl_leo's handlers
 *	only wake a waiter or queue work); its dev_id goes through
 *	cxl_leo_irq_cxlds()
 *
 * Return: 0 or a negative errno.
 */
int cxl_leo_request_irq(struct cxl_dev_state *cxlds, unsigned int msgnum,
			irqreturn_t (*handler)(int irq, void *id))
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
	return devm_request_irq(cxlds->dev, irq, handler, IRQF_SHARED, NULL, dev_id);
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

/*
 * An event interrupt queues a drain pass (events_poll_work(), which in
 * interrupt mode also retries what a pass left); it does not drain in an
 * interrupt thread as cxl_pci does. cxl_pci creates one such thread per
 * log, and creating a kernel thread is most of what requesting an
 * interrupt costs (under TCG: events setup with four took 4-13 ms on 6.12;
 * each took 9-59 ms in a traced 7.3 cxl_pci probe). As every pass drains
 * all four logs, logs that share a message number share one handler.
 * Each log's handler is still releasable on its own when the setup of a
 * later log fails.
 */
struct events_vector {
	struct cxl_leo *leo;
	int irq;
	bool requested;	/* this log's entry holds the handler of @irq */
};

static irqreturn_t events_irq(int irq, void *id)
{
	struct cxl_leo *leo = ((struct events_vector *)id)->leo;

	/* Now, whatever retry was pending: this is a new record. */
	mod_delayed_work(system_wq, &leo->event_poll, 0);
	return IRQ_HANDLED;
}

static int events_irq_request(void *ctx, unsigned int log, unsigned int msgnum)
{
	struct events_vector *vec = ctx, *v = vec + log;
	struct pci_dev *pdev = v->leo->pdev;
	int irq = pci_irq_vector(pdev, msgnum);
	unsigned int i;
	int rc;

	if (irq < 0)
		return irq;
	v->irq = irq;
	/* Logs are requested in order: an earlier one may have this vector. */
	for (i = 0; i < log; i++)
		if (vec[i].requested && vec[i].irq == irq)
			return 0;
	rc = devm_request_irq(&pdev->dev, irq, events_irq, IRQF_SHARED, NULL, v);
	if (!rc)
		v->requested = true;
	return rc;
}

/* Released in reverse order of requests: a shared vector's owner goes last. */
static void events_irq_release(void *ctx, unsigned int log)
{
	struct events_vector *v = (struct events_vector *)ctx + log;

	if (!v->requested)
		return;
	devm_free_irq(&v->leo->pdev->dev, v->irq, v);
	v->requested = false;
}

static void free_event_buf(void *buf)
{
	kvfree(buf);
}

/*
 * CXL r3.1 8.2.9.2.4/5 through event_policy.c: the owner comes from the
 * device's policy as found. Return: 0 and leo->events set, or an errno.
 */
static int events_take_logs(struct cxl_leo *leo)
{
	struct device *dev = &leo->pdev->dev;
	struct cxl_leo_event_config cfg;
	struct cxl_leo_event_irqs irqs;
	struct events_vector *vec;
	unsigned int log;
	int rc;

	vec = devm_kcalloc(dev, CXL_LEO_EVENT_LOGS, sizeof(*vec), GFP_KERNEL);
	if (!vec)
		return -ENOMEM;
	for (log = 0; log < CXL_LEO_EVENT_LOGS; log++)
		vec[log].leo = leo;
	irqs = (struct cxl_leo_event_irqs){ events_irq_request, events_irq_release, vec };

	rc = cxl_leo_event_configure(&leo->sender, leo->irq_avail, &irqs, &cfg);
	if (rc) {
		/* Firmware may own them: reading behind its back loses its records. */
		dev_warn(dev, "cannot read the event interrupt policy (%d): event logs left alone\n",
			 rc);
		return 0;
	}
	switch (cfg.owner) {
	case CXL_LEO_EVENT_OWNER_FIRMWARE:
		dev_info(dev, "event logs in firmware interrupt mode (policy %*ph): left to platform firmware\n",
			 (int)cfg.found.len, cfg.found.settings);
		return 0;
	case CXL_LEO_EVENT_OWNER_IRQ:
		leo->events = CXL_LEO_EVENTS_IRQ;
		return 0;
	case CXL_LEO_EVENT_OWNER_POLL:
		break;
	}
	if (cfg.irq_rc == -ENODEV)
		dev_info(dev, "no MSI/MSI-X vectors, polling event logs every %u ms\n",
			 event_poll_ms);
	else
		dev_info(dev, "event interrupts unavailable (%d, policy restored: %d), polling every %u ms\n",
			 cfg.irq_rc, cfg.restore_rc, event_poll_ms);
	leo->events = CXL_LEO_EVENTS_POLL;
	schedule_delayed_work(&leo->event_poll, msecs_to_jiffies(event_poll_ms));
	return 0;
}

/**
 * cxl_leo_events_setup() - start delivering event records to the core
 * @leo: the device, with its memdev registered
 *
 * Leaves the logs to platform firmware when it kept CXL error handling
 * (_OSC) or when the device keeps any log in firmware interrupt mode.
 * Otherwise prefers interrupts and falls back to polling every
 * event_poll_ms, with nothing left half configured, when no vector is
 * available or the device will not route every log to MSI/MSI-X. Logs
 * already pending are drained once here.
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

	rc = events_take_logs(leo);
	if (rc || leo->events == CXL_LEO_EVENTS_NONE)
		return rc;
	if (!events_drain(leo) && leo->events == CXL_LEO_EVENTS_IRQ)
		events_retry_later(leo);
	return 0;
}
