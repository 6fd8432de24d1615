/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Who reads a device's event logs, decided from the device's own Event
 * Interrupt Policy (CXL r3.1 8.2.9.2.4 Get, 8.2.9.2.5 Set) before anything
 * is changed, as upstream cxl_pci does: a log in firmware interrupt mode
 * belongs to platform firmware and is neither rerouted nor polled; MSI/MSI-X
 * is set up all-or-nothing, and a partial setup is undone (vectors released,
 * the device's policy written back as found) before falling back to polling.
 */
#ifndef CXL_LEO_EVENT_POLICY_H
#define CXL_LEO_EVENT_POLICY_H

#include <linux/bits.h>
#include <linux/types.h>
#include "cmd_sender.h"

#define CXL_LEO_OP_GET_EVT_INT_POLICY	0x0102
#define CXL_LEO_OP_SET_EVT_INT_POLICY	0x0103

/* Logs in policy order: informational, warning, failure, fatal. */
#define CXL_LEO_EVENT_LOGS		4
/* CXL 2.0 returns the four log settings; r3.0 appends Dynamic Capacity's. */
#define CXL_LEO_EVT_POLICY_MAX		5

/* One log's Interrupt Settings byte (CXL r3.1 Table 8-56) */
#define CXL_LEO_EVT_INT_MODE		GENMASK(1, 0)
#define CXL_LEO_EVT_INT_MSGNUM		GENMASK(7, 4)
#define CXL_LEO_EVT_INT_NONE		0
#define CXL_LEO_EVT_INT_MSI		1
#define CXL_LEO_EVT_INT_FW		2

/**
 * struct cxl_leo_event_int_policy - an Event Interrupt Policy payload
 * @settings: Interrupt Settings, one byte per log, then the DCD byte if any
 * @len: bytes the device returned, and so the size of a Set it accepts
 */
struct cxl_leo_event_int_policy {
	u8 settings[CXL_LEO_EVT_POLICY_MAX];
	size_t len;
};

/**
 * enum cxl_leo_event_owner - who reads the event logs
 * @CXL_LEO_EVENT_OWNER_FIRMWARE: platform firmware (a log is in FW mode)
 * @CXL_LEO_EVENT_OWNER_IRQ: the OS, on MSI/MSI-X
 * @CXL_LEO_EVENT_OWNER_POLL: the OS, by polling the Event Status register
 */
enum cxl_leo_event_owner {
	CXL_LEO_EVENT_OWNER_FIRMWARE,
	CXL_LEO_EVENT_OWNER_IRQ,
	CXL_LEO_EVENT_OWNER_POLL,
};

/**
 * struct cxl_leo_event_irqs - how the driver attaches handlers to vectors
 * @request: attach the handler for @log to message number @msgnum
 * @release: detach what @request attached for @log
 * @ctx: passed back to both
 */
struct cxl_leo_event_irqs {
	int (*request)(void *ctx, unsigned int log, unsigned int msgnum);
	void (*release)(void *ctx, unsigned int log);
	void *ctx;
};

/**
 * struct cxl_leo_event_config - the outcome of cxl_leo_event_configure()
 * @owner: who reads the logs from now on
 * @found: the policy the device had before this driver touched it
 * @irq_rc: why interrupts were not used when @owner is POLL (0 otherwise)
 * @restore_rc: result of writing @found back after a failed setup
 */
struct cxl_leo_event_config {
	enum cxl_leo_event_owner owner;
	struct cxl_leo_event_int_policy found;
	int irq_rc;
	int restore_rc;
};

int cxl_leo_event_policy_get(const struct cxl_leo_cmd_sender *mbox,
			     struct cxl_leo_event_int_policy *policy);
bool cxl_leo_event_policy_fw_owned(const struct cxl_leo_event_int_policy *policy);
int cxl_leo_event_configure(const struct cxl_leo_cmd_sender *mbox, bool irq_avail,
			    const struct cxl_leo_event_irqs *irqs,
			    struct cxl_leo_event_config *cfg);

#endif /* CXL_LEO_EVENT_POLICY_H */
