// SPDX-License-Identifier: GPL-2.0-only
/*
 * The primary mailbox as the core's struct cxl_mailbox transport: MMIO under
 * the doorbell protocol in transport.c, background commands waited for by
 * interrupt or poll, and sanitize (which may run for minutes) tracked by a
 * poller so the mailbox is not held meanwhile. CXL r3.1 8.2.8.4.
 */
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/rcuwait.h>
#include <linux/sysfs.h>
#include <cxl/mailbox.h>
#include <cxlmem.h>
#include <cxl.h>
#include <uapi/cxl_leo/payloads.h>
#include "cxl_leo.h"
#include "transport.h"

static unsigned short mbox_ready_timeout = 60;
module_param(mbox_ready_timeout, ushort, 0644);
MODULE_PARM_DESC(mbox_ready_timeout, "Seconds to wait for the mailbox to become ready (default 60)");

/* CXL r3.1 8.2.8.4: a command must clear the doorbell within 2 seconds. */
#define DOORBELL_TIMEOUT_US	(2 * USEC_PER_SEC)
/* Sanitize polling backs off to this period. */
#define SANITIZE_POLL_MAX_SECS	(15 * 60)

static u32 mmio_read32(void *ctx, unsigned int off)
{
	struct cxl_dev_state *cxlds = ctx;

	return readl(cxlds->regs.mbox + off);
}

static u64 mmio_read64(void *ctx, unsigned int off)
{
	struct cxl_dev_state *cxlds = ctx;

	return readq(cxlds->regs.mbox + off);
}

static void mmio_write32(void *ctx, unsigned int off, u32 val)
{
	struct cxl_dev_state *cxlds = ctx;

	writel(val, cxlds->regs.mbox + off);
}

static void mmio_write64(void *ctx, unsigned int off, u64 val)
{
	struct cxl_dev_state *cxlds = ctx;

	writeq(val, cxlds->regs.mbox + off);
}

static void mmio_read_payload(void *ctx, void *dst, size_t len)
{
	struct cxl_dev_state *cxlds = ctx;

	memcpy_fromio(dst, cxlds->regs.mbox + CXL_LEO_MBOX_PAYLOAD, len);
}

static void mmio_write_payload(void *ctx, const void *src, size_t len)
{
	struct cxl_dev_state *cxlds = ctx;

	memcpy_toio(cxlds->regs.mbox + CXL_LEO_MBOX_PAYLOAD, src, len);
}

static bool mbox_bg_complete(struct cxl_dev_state *cxlds)
{
	struct cxl_leo_bg_status bg;

	cxl_leo_bg_status_decode(readq(cxlds->regs.mbox + CXL_LEO_MBOX_BG_STATUS), &bg);
	return bg.percent == 100;
}

/* Sleeps until the completion interrupt (cxl_leo_mbox_irq) or @max_ms. */
static unsigned int mmio_wait_bg(void *ctx, unsigned int max_ms)
{
	struct cxl_dev_state *cxlds = ctx;
	unsigned long timeout = msecs_to_jiffies(max_ms);
	long left;

	left = rcuwait_wait_event_timeout(&cxlds->cxl_mbox.mbox_wait,
					  mbox_bg_complete(cxlds),
					  TASK_UNINTERRUPTIBLE, timeout);
	return jiffies_to_msecs(timeout - max(left, 0L));
}

static const struct cxl_leo_regs_ops mmio_ops = {
	.read32 = mmio_read32,
	.read64 = mmio_read64,
	.write32 = mmio_write32,
	.write64 = mmio_write64,
	.read_payload = mmio_read_payload,
	.write_payload = mmio_write_payload,
	.wait_bg = mmio_wait_bg,
};

static struct cxl_leo_transport mbox_transport(struct cxl_dev_state *cxlds)
{
	return (struct cxl_leo_transport) {
		.ops = &mmio_ops,
		.ctx = cxlds,
		.payload_size = cxlds->cxl_mbox.payload_size,
		.doorbell_timeout_us = DOORBELL_TIMEOUT_US,
	};
}

static void mbox_report(struct cxl_dev_state *cxlds, u16 opcode, const char *what)
{
	u64 md_status = readq(cxlds->regs.memdev + CXLMDEV_STATUS_OFFSET);

	dev_err_ratelimited(cxlds->dev, "mailbox %s (opcode %#06x), device state%s%s\n",
			    what, opcode,
			    md_status & CXLMDEV_DEV_FATAL ? " fatal" : "",
			    md_status & CXLMDEV_FW_HALT ? " firmware-halt" : "");
}

/* Sanitize runs in the background for as long as the media takes. */
static void mbox_sanitize_poll(struct work_struct *work)
{
	struct cxl_memdev_state *mds =
		container_of(work, typeof(*mds), security.poll_dwork.work);
	struct cxl_dev_state *cxlds = &mds->cxlds;

	guard(mutex)(&cxlds->cxl_mbox.mbox_mutex);
	if (mbox_bg_complete(cxlds)) {
		mds->security.poll_tmo_secs = 0;
		mds->security.sanitize_active = false;
		if (mds->security.sanitize_node)
			sysfs_notify_dirent(mds->security.sanitize_node);
		dev_dbg(cxlds->dev, "sanitize finished\n");
		return;
	}
	mds->security.poll_tmo_secs = min(SANITIZE_POLL_MAX_SECS,
					  mds->security.poll_tmo_secs + 10);
	schedule_delayed_work(&mds->security.poll_dwork, mds->security.poll_tmo_secs * HZ);
}

/* The caller stops waiting; the device carries on. Say so, once. */
static void mbox_bg_orphan(struct cxl_dev_state *cxlds, u16 opcode, unsigned int waited_ms)
{
	struct cxl_leo *leo = cxl_leo_from_dev(cxlds->dev);

	/* A range wipe is followed by design (media_ops.c says so itself). */
	if (opcode == CXL_LEO_OP_MEDIA_OPERATIONS)
		dev_dbg(cxlds->dev, "background command %#06x still running after %u ms\n",
			opcode, waited_ms);
	else
		dev_warn(cxlds->dev,
			 "background command %#06x still running after %u ms: outcome not known yet, do not repeat it (see cxl_leo/background_*)\n",
			 opcode, waited_ms);
	if (!leo)
		return;
	scoped_guard(spinlock, &leo->bg_lock)
		leo->bg.orphaned = true;
}

static void mbox_bg_started(struct cxl_dev_state *cxlds, u16 opcode)
{
	struct cxl_leo *leo = cxl_leo_from_dev(cxlds->dev);

	if (!leo)
		return;
	scoped_guard(spinlock, &leo->bg_lock) {
		leo->bg.opcode = opcode;
		leo->bg.started = ktime_get_real_seconds();
		leo->bg.orphaned = false;
	}
}

static int mbox_wait_background(struct cxl_dev_state *cxlds, struct cxl_mbox_cmd *cmd,
				const struct cxl_leo_transport *t, struct cxl_leo_xfer *x)
{
	/* Callers that set no budget (e.g. the core's) get one poll period. */
	unsigned int budget = max(cmd->poll_interval_ms, 1) * max(cmd->poll_count, 1);
	int rc;

	budget = max(budget, CXL_LEO_BG_POLL_MS);
	rc = cxl_leo_transport_await_bg(t, x, budget);
	if (rc == -EINPROGRESS)
		mbox_bg_orphan(cxlds, cmd->opcode, budget);
	return rc;
}

static int mbox_send_locked(struct cxl_mailbox *cxl_mbox, struct cxl_mbox_cmd *cmd)
{
	struct cxl_dev_state *cxlds = mbox_to_cxlds(cxl_mbox);
	struct cxl_memdev_state *mds = to_cxl_memdev_state(cxlds);
	struct cxl_leo_transport t = mbox_transport(cxlds);
	struct cxl_leo_xfer x = {
		.opcode = cmd->opcode,
		.payload_in = cmd->payload_in,
		.size_in = cmd->size_in,
		.payload_out = cmd->payload_out,
		.size_out = cmd->size_out,
	};
	int rc;

	lockdep_assert_held(&cxl_mbox->mbox_mutex);

	/* While sanitize runs the device only answers health queries. */
	if (mds->security.poll_tmo_secs > 0 && cmd->opcode != CXL_MBOX_OP_GET_HEALTH_INFO)
		return -EBUSY;

	rc = cxl_leo_transport_submit(&t, &x);
	switch (rc) {
	case 0:
		break;
	case -EBUSY:
		mbox_report(cxlds, cmd->opcode, "busy before submission");
		return rc;
	case -ETIMEDOUT:
		mbox_report(cxlds, cmd->opcode, "doorbell timeout");
		return rc;
	case -EIO:
		dev_err_ratelimited(cxlds->dev,
				    "opcode %#06x: device reported more output than its %zu byte mailbox\n",
				    cmd->opcode, cxl_mbox->payload_size);
		return rc;
	default:
		return rc;
	}

	if (x.background) {
		mbox_bg_started(cxlds, cmd->opcode);
		if (cmd->opcode == CXL_MBOX_OP_SANITIZE) {
			if (mds->security.sanitize_active)
				return -EBUSY;
			mds->security.sanitize_active = true;
			mds->security.poll_tmo_secs = 1;
			schedule_delayed_work(&mds->security.poll_dwork, HZ);
			cmd->return_code = CXL_MBOX_CMD_RC_SUCCESS;
			cmd->size_out = 0;
			return 0;
		}
		rc = mbox_wait_background(cxlds, cmd, &t, &x);
		if (rc)
			return rc;
	}
	cmd->return_code = x.return_code;
	cmd->size_out = x.size_out;
	return 0;
}

static int cxl_leo_mbox_send(struct cxl_mailbox *cxl_mbox, struct cxl_mbox_cmd *cmd)
{
	int rc;

	mutex_lock_io(&cxl_mbox->mbox_mutex);
	rc = mbox_send_locked(cxl_mbox, cmd);
	if (!rc && (cmd->opcode == CXL_LEO_OP_GET_SUPPORTED_LOGS ||
		    cmd->opcode == CXL_LEO_OP_GET_LOG)) {
		struct cxl_leo *leo = cxl_leo_from_dev(cxl_mbox->host);

		if (leo)
			cxl_leo_cel_observe(leo, cmd);
	}
	mutex_unlock(&cxl_mbox->mbox_mutex);
	/* The core reserves -EIO for short output; a lying device is -ENXIO. */
	return rc == -EIO ? -ENXIO : rc;
}

/*
 * Hard interrupt context: it only wakes the waiter or brings the sanitize
 * poll forward, so it needs no thread of its own (see events.c for what one
 * costs). A poll queued here after the core's sanitize teardown is
 * cancelled by mbox_poll_stop(), which runs once this handler is gone.
 */
static irqreturn_t cxl_leo_mbox_irq(int irq, void *id)
{
	struct cxl_dev_state *cxlds = cxl_leo_irq_cxlds(id);
	struct cxl_memdev_state *mds = to_cxl_memdev_state(cxlds);
	struct cxl_leo_bg_status bg;

	cxl_leo_bg_status_decode(readq(cxlds->regs.mbox + CXL_LEO_MBOX_BG_STATUS), &bg);
	if (bg.percent != 100)
		return IRQ_NONE;
	if (bg.opcode == CXL_MBOX_OP_SANITIZE)
		mod_delayed_work(system_wq, &mds->security.poll_dwork, 0);
	else
		rcuwait_wake_up(&cxlds->cxl_mbox.mbox_wait);
	return IRQ_HANDLED;
}

static void mbox_poll_stop(void *data)
{
	struct cxl_memdev_state *mds = data;

	cancel_delayed_work_sync(&mds->security.poll_dwork);
}

static int mbox_wait_ready(struct cxl_dev_state *cxlds)
{
	unsigned long deadline = jiffies + mbox_ready_timeout * HZ;
	u64 md_status;

	for (;;) {
		md_status = readq(cxlds->regs.memdev + CXLMDEV_STATUS_OFFSET);
		if (md_status & CXLMDEV_MBOX_IF_READY)
			return 0;
		if (time_after(jiffies, deadline) || msleep_interruptible(100))
			break;
	}
	dev_err(cxlds->dev, "mailbox not ready after %u s, device state%s%s\n",
		mbox_ready_timeout,
		md_status & CXLMDEV_DEV_FATAL ? " fatal" : "",
		md_status & CXLMDEV_FW_HALT ? " firmware-halt" : "");
	return -ETIMEDOUT;
}

/**
 * cxl_leo_bg_snapshot() - what the device runs in the background
 * @leo: the device
 * @snap: filled in from the Mailbox Status and Background Command Status
 *	registers (CXL r3.1 8.2.8.4.5, 8.2.8.4.7) and the driver's record of
 *	when it started the command
 *
 * Two register reads and no mailbox lock, so it is cheap to poll and never
 * waits behind a running command. A command the driver stopped waiting for
 * has its outcome logged here once the device reports it finished.
 */
void cxl_leo_bg_snapshot(struct cxl_leo *leo, struct cxl_leo_bg_snap *snap)
{
	struct cxl_dev_state *cxlds = &leo->mds->cxlds;
	struct cxl_leo_transport t = mbox_transport(cxlds);
	struct cxl_leo_bg_status bg;
	bool report = false;

	snap->running = cxl_leo_bg_running(&t);
	cxl_leo_bg_status_decode(readq(cxlds->regs.mbox + CXL_LEO_MBOX_BG_STATUS), &bg);
	snap->opcode = bg.opcode;
	snap->percent = bg.percent;
	snap->return_code = bg.return_code;
	/*
	 * The bit and the register are read apart: 100% means done. No
	 * command has opcode 0: a device that has never run one in the
	 * background may still set the bit (QEMU 11.1 does, from reset).
	 */
	if (bg.percent == 100 || !bg.opcode)
		snap->running = false;
	scoped_guard(spinlock, &leo->bg_lock) {
		snap->started = leo->bg.opcode == bg.opcode ? leo->bg.started : 0;
		if (!snap->running && leo->bg.orphaned && leo->bg.opcode == bg.opcode) {
			leo->bg.orphaned = false;
			report = true;
		}
	}
	if (report)
		dev_notice(cxlds->dev, "background command %#06x finished: return code %#x\n",
			   bg.opcode, bg.return_code);
}

/* The cmd_sender seam (cmd_sender.h) over the core's command path. */
static int leo_cmd_send(void *ctx, u16 opcode, const void *in, size_t in_len,
			void *out, size_t out_max, size_t *out_len, unsigned int bg_budget_ms)
{
	struct cxl_leo *leo = ctx;
	struct cxl_mbox_cmd cmd = {
		.opcode = opcode,
		.payload_in = (void *)in,
		.size_in = in_len,
		.payload_out = out,
		.size_out = out_max,
		.min_out = out_max ? 1 : 0,	/* short replies are judged by the decoders */
		.poll_interval_ms = CXL_LEO_BG_POLL_MS,
		.poll_count = DIV_ROUND_UP(bg_budget_ms, CXL_LEO_BG_POLL_MS),
	};
	int rc = cxl_internal_send_cmd(&leo->mds->cxlds.cxl_mbox, &cmd);

	*out_len = rc ? 0 : cmd.size_out;
	/* The core's -EIO is a transport failure here, not a bad reply. */
	return rc == -EIO ? -ENXIO : rc;
}

/**
 * cxl_leo_mbox_setup() - make the primary mailbox the core's transport
 * @leo: the device; its device registers are mapped
 *
 * Waits for mailbox ready (CXL r3.1 8.2.8.3.1), for a doorbell a previous
 * driver instance may have left set, sizes the payload area and enables the
 * background-completion interrupt when the device and the vectors allow.
 *
 * Return: 0, -ETIMEDOUT for a mailbox that never becomes ready or idle, or
 * -ENXIO for a payload area too small for mandatory commands.
 */
int cxl_leo_mbox_setup(struct cxl_leo *leo)
{
	struct cxl_dev_state *cxlds = &leo->mds->cxlds;
	struct cxl_mailbox *cxl_mbox = &cxlds->cxl_mbox;
	struct cxl_leo_transport t = mbox_transport(cxlds);
	struct cxl_leo_mbox_caps caps;
	int rc;

	rc = cxl_mailbox_init(cxl_mbox, cxlds->dev);
	if (rc)
		return rc;
	rc = mbox_wait_ready(cxlds);
	if (rc)
		return rc;
	if (cxl_leo_wait_doorbell(&t)) {
		mbox_report(cxlds, 0, "left busy by a previous owner");
		return -ETIMEDOUT;
	}
	rc = cxl_leo_mbox_caps(readl(cxlds->regs.mbox + CXL_LEO_MBOX_CAPS), &caps);
	if (rc) {
		dev_err(cxlds->dev, "mailbox payload area of %zu bytes is below the 256 bytes required\n",
			caps.payload_size);
		return rc;
	}
	cxl_mbox->payload_size = caps.payload_size;
	spin_lock_init(&leo->bg_lock);
	cxl_mbox->mbox_send = cxl_leo_mbox_send;
	leo->sender = (struct cxl_leo_cmd_sender) { .send = leo_cmd_send, .ctx = leo };
	INIT_DELAYED_WORK(&leo->mds->security.poll_dwork, mbox_sanitize_poll);

	/* Before the vector: devm frees the handler first, then stops the poll. */
	rc = devm_add_action_or_reset(cxlds->dev, mbox_poll_stop, leo->mds);
	if (rc)
		return rc;

	/* The completion interrupt is an optimisation; polling always works. */
	if (!caps.bg_irq || !leo->irq_avail)
		return 0;
	if (cxl_leo_request_irq(cxlds, caps.irq_msgnum, cxl_leo_mbox_irq))
		return 0;
	writel(readl(cxlds->regs.mbox + CXL_LEO_MBOX_CTRL) | CXL_LEO_MBOX_CTRL_BG_IRQ,
	       cxlds->regs.mbox + CXL_LEO_MBOX_CTRL);
	dev_dbg(cxlds->dev, "mailbox: %zu byte payload, completion interrupt on vector %u\n",
		caps.payload_size, caps.irq_msgnum);
	return 0;
}
