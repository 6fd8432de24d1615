// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mailbox doorbell protocol, CXL r3.1 8.2.8.4: write the command and its
 * payload, ring the doorbell, wait for it to clear, read the return code and
 * the output. Everything the device reports is bounds-checked before it is
 * trusted: a device that lies about its output length gets -EIO, not a
 * buffer overrun. Background commands (8.2.8.4.7) are waited for here too,
 * through the seam's wait_bg, for as long as the caller's budget allows;
 * locking belongs to the caller (mbox.c).
 */
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/ktime.h>
#include <linux/minmax.h>
#include <kunit/visibility.h>
#include "transport.h"

/**
 * cxl_leo_mbox_caps() - decode the Mailbox Capabilities register
 * @reg: its value (CXL r3.1 8.2.8.4.3)
 * @caps: decoded result
 *
 * Return: 0, or -ENXIO when the payload area is smaller than the 256 bytes
 * mandatory commands need.
 */
int cxl_leo_mbox_caps(u32 reg, struct cxl_leo_mbox_caps *caps)
{
	unsigned int shift = FIELD_GET(CXL_LEO_MBOX_CAPS_PAYLOAD_SHIFT, reg);

	/* Up to 2^31 is encodable; more than 1 MiB is never useful. */
	caps->payload_size = shift >= 20 ? CXL_LEO_MBOX_PAYLOAD_MAX : (size_t)1 << shift;
	caps->bg_irq = reg & CXL_LEO_MBOX_CAPS_BG_IRQ;
	caps->irq_msgnum = FIELD_GET(CXL_LEO_MBOX_CAPS_IRQ_MSGNUM, reg);
	if (caps->payload_size < CXL_LEO_MBOX_PAYLOAD_MIN)
		return -ENXIO;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_mbox_caps);

/**
 * cxl_leo_bg_status_decode() - decode the Background Command Status register
 * @reg: its value (CXL r3.1 8.2.8.4.7)
 * @bg: decoded result; a percentage above 100 is reported as 99 so a
 *      misbehaving device never looks finished
 */
void cxl_leo_bg_status_decode(u64 reg, struct cxl_leo_bg_status *bg)
{
	unsigned int pct = FIELD_GET(CXL_LEO_MBOX_BG_PERCENT, reg);

	bg->opcode = FIELD_GET(CXL_LEO_MBOX_BG_OPCODE, reg);
	bg->percent = pct > 100 ? 99 : pct;
	bg->return_code = FIELD_GET(CXL_LEO_MBOX_BG_RC, reg);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_bg_status_decode);

/**
 * cxl_leo_doorbell_busy() - whether the device still owns the mailbox
 * @t: the mailbox
 *
 * Return: true while the doorbell bit is set.
 */
bool cxl_leo_doorbell_busy(const struct cxl_leo_transport *t)
{
	return t->ops->read32(t->ctx, CXL_LEO_MBOX_CTRL) & CXL_LEO_MBOX_CTRL_DOORBELL;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_doorbell_busy);

/**
 * cxl_leo_wait_doorbell() - wait for the device to clear the doorbell
 * @t: the mailbox
 *
 * Context: process context; sleeps.
 * Return: 0, or -ETIMEDOUT after @t->doorbell_timeout_us.
 */
int cxl_leo_wait_doorbell(const struct cxl_leo_transport *t)
{
	ktime_t deadline = ktime_add_us(ktime_get(), t->doorbell_timeout_us);

	while (cxl_leo_doorbell_busy(t)) {
		if (ktime_after(ktime_get(), deadline))
			/* One last look: we may have slept past a clear doorbell. */
			return cxl_leo_doorbell_busy(t) ? -ETIMEDOUT : 0;
		usleep_range(10, 50);
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_wait_doorbell);

/* Steps 7 and 8 of CXL r3.1 8.2.8.4: the output length, then the output. */
static int transport_read_output(const struct cxl_leo_transport *t, struct cxl_leo_xfer *x)
{
	u64 cmd = t->ops->read64(t->ctx, CXL_LEO_MBOX_CMD);
	size_t len = FIELD_GET(CXL_LEO_MBOX_CMD_LENGTH, cmd);

	if (len > t->payload_size) {
		x->size_out = 0;
		return -EIO;
	}
	len = min(len, x->payload_out ? x->size_out : 0);
	if (len)
		t->ops->read_payload(t->ctx, x->payload_out, len);
	x->size_out = len;
	return 0;
}

/**
 * cxl_leo_transport_submit() - run one command through the doorbell
 * @t: the mailbox; the caller serialises access to it
 * @x: the command; @x->return_code and @x->size_out are filled in
 *
 * When the device answers "background operation started" @x->background is
 * set and the output is not read: wait for completion, then call
 * cxl_leo_transport_finish_bg().
 *
 * Context: process context; sleeps.
 * Return: 0 when the device completed or accepted the command (check
 * @x->return_code), -E2BIG for an input larger than the payload area,
 * -EINVAL for a length without a buffer, -EBUSY when the doorbell is
 * already set, -ETIMEDOUT when it never clears, -EIO when the device
 * reports more output than its payload area holds.
 */
int cxl_leo_transport_submit(const struct cxl_leo_transport *t, struct cxl_leo_xfer *x)
{
	u64 cmd, status;
	int rc;

	x->background = false;
	x->return_code = 0;
	if (x->size_in > t->payload_size)
		return -E2BIG;
	if (x->size_in && !x->payload_in)
		return -EINVAL;
	/* Step 1: the mailbox must be idle before anything is written. */
	if (cxl_leo_doorbell_busy(t))
		return -EBUSY;

	/* Steps 2 and 3: command register and input payload. */
	cmd = FIELD_PREP(CXL_LEO_MBOX_CMD_OPCODE, x->opcode) |
	      FIELD_PREP(CXL_LEO_MBOX_CMD_LENGTH, x->size_in);
	if (x->size_in)
		t->ops->write_payload(t->ctx, x->payload_in, x->size_in);
	t->ops->write64(t->ctx, CXL_LEO_MBOX_CMD, cmd);

	/* Step 4: ring; keep the interrupt-enable bits as they are. */
	t->ops->write32(t->ctx, CXL_LEO_MBOX_CTRL,
			t->ops->read32(t->ctx, CXL_LEO_MBOX_CTRL) | CXL_LEO_MBOX_CTRL_DOORBELL);

	/* Step 5 */
	rc = cxl_leo_wait_doorbell(t);
	if (rc)
		return rc;

	/* Step 6 */
	status = t->ops->read64(t->ctx, CXL_LEO_MBOX_STATUS);
	x->return_code = FIELD_GET(CXL_LEO_MBOX_STATUS_RC, status);
	if (x->return_code == CXL_LEO_MBOX_RC_BACKGROUND) {
		x->background = true;
		return 0;
	}
	if (x->return_code != CXL_LEO_MBOX_RC_SUCCESS) {
		x->size_out = 0;
		return 0;
	}
	return transport_read_output(t, x);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_transport_submit);

/**
 * cxl_leo_transport_finish_bg() - collect a completed background command
 * @t: the mailbox
 * @x: the command that cxl_leo_transport_submit() left in the background
 *
 * Return: 0 with @x->return_code from the Background Command Status
 * register and the output read on success; -EAGAIN when the device does not
 * report 100% yet; -EIO when it reports completion of another opcode or
 * more output than its payload area holds.
 */
int cxl_leo_transport_finish_bg(const struct cxl_leo_transport *t, struct cxl_leo_xfer *x)
{
	struct cxl_leo_bg_status bg;

	cxl_leo_bg_status_decode(t->ops->read64(t->ctx, CXL_LEO_MBOX_BG_STATUS), &bg);
	if (bg.percent != 100)
		return -EAGAIN;
	if (bg.opcode != x->opcode) {
		x->size_out = 0;
		return -EIO;
	}
	x->background = false;
	x->return_code = bg.return_code;
	if (x->return_code != CXL_LEO_MBOX_RC_SUCCESS) {
		x->size_out = 0;
		return 0;
	}
	return transport_read_output(t, x);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_transport_finish_bg);

/**
 * cxl_leo_transport_await_bg() - wait for a background command to complete
 * @t: the mailbox
 * @x: the command that cxl_leo_transport_submit() left in the background
 * @budget_ms: how long the command may take; the device's own figure where
 *	it reports one (e.g. a maintenance Feature's maximum latency)
 *
 * Completion is checked before every sleep, so a command that finishes
 * within the budget is collected however the wake-up came (interrupt,
 * poll, or neither).
 *
 * Context: process context; sleeps.
 * Return: as cxl_leo_transport_finish_bg() once the device reports 100%;
 * -EINPROGRESS when the budget ran out with the command still running on
 * the device (its outcome is not known: the caller must not report it as
 * a failure, nor retry it).
 */
int cxl_leo_transport_await_bg(const struct cxl_leo_transport *t, struct cxl_leo_xfer *x,
			       unsigned int budget_ms)
{
	unsigned int waited = 0;
	int rc;

	for (;;) {
		rc = cxl_leo_transport_finish_bg(t, x);
		if (rc != -EAGAIN)
			return rc;
		if (waited >= budget_ms)
			return -EINPROGRESS;
		/* A spurious wake-up still counts: the loop always ends. */
		waited += max(1U, t->ops->wait_bg(t->ctx, min(budget_ms - waited,
							      CXL_LEO_BG_POLL_MS)));
	}
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_transport_await_bg);

/**
 * cxl_leo_bg_running() - is a background command running on the device?
 * @t: the mailbox
 *
 * Return: the Background Operation bit of the Mailbox Status register
 * (CXL r3.1 8.2.8.4.5).
 */
bool cxl_leo_bg_running(const struct cxl_leo_transport *t)
{
	return t->ops->read64(t->ctx, CXL_LEO_MBOX_STATUS) & CXL_LEO_MBOX_STATUS_BG_OP;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_bg_running);

/**
 * cxl_leo_bg_opcode_name() - a background-capable command's name
 * @opcode: its opcode
 *
 * Return: a short name for sysfs and logs, "unknown" for others.
 */
const char *cxl_leo_bg_opcode_name(u16 opcode)
{
	switch (opcode) {
	case 0x0201:
		return "transfer-firmware";
	case 0x0202:
		return "activate-firmware";
	case 0x0600:
		return "perform-maintenance";
	case 0x4304:
		return "scan-media";
	case 0x4400:
		return "sanitize";
	case 0x4401:
		return "secure-erase";
	case 0x4402:
		return "media-operations";
	}
	return "unknown";
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_bg_opcode_name);
