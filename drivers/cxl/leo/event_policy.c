// SPDX-License-Identifier: GPL-2.0-only
/* Event log ownership from the device's Event Interrupt Policy (see event_policy.h). */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/string.h>
#include <kunit/visibility.h>
#include "event_policy.h"

static u8 log_mode(const struct cxl_leo_event_int_policy *p, unsigned int log)
{
	return FIELD_GET(CXL_LEO_EVT_INT_MODE, p->settings[log]);
}

/**
 * cxl_leo_event_policy_get() - read the device's Event Interrupt Policy
 * @mbox: the device's mailbox
 * @policy: filled with the reply
 *
 * Return: 0, the command's errno, or -EPROTO for a reply without the four
 * log settings.
 */
int cxl_leo_event_policy_get(const struct cxl_leo_cmd_sender *mbox,
			     struct cxl_leo_event_int_policy *policy)
{
	int rc;

	memset(policy, 0, sizeof(*policy));
	rc = cxl_leo_cmd(mbox, CXL_LEO_OP_GET_EVT_INT_POLICY, NULL, 0, policy->settings,
			 sizeof(policy->settings), &policy->len);
	if (rc)
		return rc;
	return policy->len < CXL_LEO_EVENT_LOGS ? -EPROTO : 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_event_policy_get);

/**
 * cxl_leo_event_policy_fw_owned() - does platform firmware read these logs?
 * @policy: a policy read from the device
 *
 * Return: true when any log signals firmware (FW interrupt mode): one agent
 * only may read and clear the logs, and the firmware chose itself.
 */
bool cxl_leo_event_policy_fw_owned(const struct cxl_leo_event_int_policy *policy)
{
	unsigned int log;

	for (log = 0; log < CXL_LEO_EVENT_LOGS; log++)
		if (log_mode(policy, log) == CXL_LEO_EVT_INT_FW)
			return true;
	return false;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_event_policy_fw_owned);

static int policy_set(const struct cxl_leo_cmd_sender *mbox,
		      const struct cxl_leo_event_int_policy *policy)
{
	return cxl_leo_cmd(mbox, CXL_LEO_OP_SET_EVT_INT_POLICY, policy->settings, policy->len,
			   NULL, 0, NULL);
}

/* All four logs on MSI/MSI-X with a handler each, or none of them. */
static int irqs_setup(const struct cxl_leo_cmd_sender *mbox,
		      const struct cxl_leo_event_irqs *irqs,
		      const struct cxl_leo_event_int_policy *found)
{
	struct cxl_leo_event_int_policy want = *found, got;
	unsigned int log, requested = 0;
	int rc;

	/* Message numbers are the device's to choose (CXL r3.1 8.2.9.2.5). */
	for (log = 0; log < CXL_LEO_EVENT_LOGS; log++)
		want.settings[log] = CXL_LEO_EVT_INT_MSI;
	rc = policy_set(mbox, &want);
	if (rc)
		return rc;
	rc = cxl_leo_event_policy_get(mbox, &got);
	for (log = 0; !rc && log < CXL_LEO_EVENT_LOGS; log++) {
		/* The device may refuse MSI for a log. */
		if (log_mode(&got, log) != CXL_LEO_EVT_INT_MSI) {
			rc = -ENXIO;
			break;
		}
		rc = irqs->request(irqs->ctx, log,
				   FIELD_GET(CXL_LEO_EVT_INT_MSGNUM, got.settings[log]));
		if (!rc)
			requested++;
	}
	if (!rc)
		return 0;
	while (requested--)
		irqs->release(irqs->ctx, requested);
	return rc;
}

/**
 * cxl_leo_event_configure() - take the event logs the way the device allows
 * @mbox: the device's mailbox
 * @irq_avail: MSI/MSI-X vectors were allocated
 * @irqs: attaches and detaches the per-log handlers
 * @cfg: the outcome
 *
 * Reads the policy first and changes nothing when firmware owns a log.
 * Otherwise routes all logs to MSI/MSI-X when vectors exist; if the device
 * or the vectors refuse any log, every handler attached is released and the
 * policy found is written back, and the logs are polled instead.
 *
 * Return: 0 with @cfg filled, or the errno of reading the policy (then the
 * owner is unknown and the caller must leave the logs alone).
 */
int cxl_leo_event_configure(const struct cxl_leo_cmd_sender *mbox, bool irq_avail,
			    const struct cxl_leo_event_irqs *irqs,
			    struct cxl_leo_event_config *cfg)
{
	int rc;

	memset(cfg, 0, sizeof(*cfg));
	rc = cxl_leo_event_policy_get(mbox, &cfg->found);
	if (rc)
		return rc;
	if (cxl_leo_event_policy_fw_owned(&cfg->found)) {
		cfg->owner = CXL_LEO_EVENT_OWNER_FIRMWARE;
		return 0;
	}
	cfg->owner = CXL_LEO_EVENT_OWNER_POLL;
	if (!irq_avail) {
		cfg->irq_rc = -ENODEV;
		return 0;
	}
	cfg->irq_rc = irqs_setup(mbox, irqs, &cfg->found);
	if (!cfg->irq_rc)
		cfg->owner = CXL_LEO_EVENT_OWNER_IRQ;
	else
		cfg->restore_rc = policy_set(mbox, &cfg->found);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_event_configure);
