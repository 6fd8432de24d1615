/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CXL mailbox doorbell protocol (CXL r3.1 8.2.8.4) over a register-access
 * seam, so the same code drives MMIO in the driver and a fake register file
 * in KUnit.
 */
#ifndef CXL_LEO_TRANSPORT_H
#define CXL_LEO_TRANSPORT_H

#include <linux/bits.h>
#include <linux/sizes.h>
#include <linux/types.h>

/* Mailbox registers, CXL r3.1 8.2.8.4.3 - 8.2.8.4.8 */
#define CXL_LEO_MBOX_CAPS		0x00
#define   CXL_LEO_MBOX_CAPS_PAYLOAD_SHIFT	GENMASK(4, 0)
#define   CXL_LEO_MBOX_CAPS_BG_IRQ		BIT(6)
#define   CXL_LEO_MBOX_CAPS_IRQ_MSGNUM		GENMASK(10, 7)
#define CXL_LEO_MBOX_CTRL		0x04
#define   CXL_LEO_MBOX_CTRL_DOORBELL		BIT(0)
#define   CXL_LEO_MBOX_CTRL_BG_IRQ		BIT(2)
#define CXL_LEO_MBOX_CMD		0x08
#define   CXL_LEO_MBOX_CMD_OPCODE		GENMASK_ULL(15, 0)
#define   CXL_LEO_MBOX_CMD_LENGTH		GENMASK_ULL(36, 16)
#define CXL_LEO_MBOX_STATUS		0x10
#define   CXL_LEO_MBOX_STATUS_BG_OP		BIT_ULL(0)
#define   CXL_LEO_MBOX_STATUS_RC		GENMASK_ULL(47, 32)
#define CXL_LEO_MBOX_BG_STATUS		0x18
#define   CXL_LEO_MBOX_BG_OPCODE		GENMASK_ULL(15, 0)
#define   CXL_LEO_MBOX_BG_PERCENT		GENMASK_ULL(22, 16)
#define   CXL_LEO_MBOX_BG_RC			GENMASK_ULL(47, 32)
#define CXL_LEO_MBOX_PAYLOAD		0x20

/* Background completion is re-checked at least this often. */
#define CXL_LEO_BG_POLL_MS		100

/* Return codes the transport itself interprets, CXL r3.1 Table 8-34 */
#define CXL_LEO_MBOX_RC_SUCCESS		0x0
#define CXL_LEO_MBOX_RC_BACKGROUND	0x1

#define CXL_LEO_MBOX_PAYLOAD_MIN	256
#define CXL_LEO_MBOX_PAYLOAD_MAX	SZ_1M

/**
 * struct cxl_leo_regs_ops - access to one mailbox's registers
 * @read32: read a 32-bit register at a byte offset
 * @read64: read a 64-bit register at a byte offset
 * @write32: write a 32-bit register
 * @write64: write a 64-bit register
 * @read_payload: copy @len bytes out of the payload registers
 * @write_payload: copy @len bytes into the payload registers
 * @wait_bg: sleep up to @max_ms or until the device signals background
 *	completion, whichever is first; returns the milliseconds it slept
 */
struct cxl_leo_regs_ops {
	u32 (*read32)(void *ctx, unsigned int off);
	u64 (*read64)(void *ctx, unsigned int off);
	void (*write32)(void *ctx, unsigned int off, u32 val);
	void (*write64)(void *ctx, unsigned int off, u64 val);
	void (*read_payload)(void *ctx, void *dst, size_t len);
	void (*write_payload)(void *ctx, const void *src, size_t len);
	unsigned int (*wait_bg)(void *ctx, unsigned int max_ms);
};

/**
 * struct cxl_leo_transport - one mailbox and how long to trust it
 * @ops: register access
 * @ctx: passed to every @ops call
 * @payload_size: payload registers size in bytes, from cxl_leo_mbox_caps()
 * @doorbell_timeout_us: how long the doorbell may stay set
 */
struct cxl_leo_transport {
	const struct cxl_leo_regs_ops *ops;
	void *ctx;
	size_t payload_size;
	unsigned int doorbell_timeout_us;
};

/**
 * struct cxl_leo_xfer - one mailbox command
 * @opcode: command opcode
 * @payload_in: input payload, may be NULL when @size_in is 0
 * @size_in: input payload length
 * @payload_out: output buffer, may be NULL
 * @size_out: on entry the size of @payload_out, on return the bytes copied
 * @return_code: the device's return code (CXL r3.1 Table 8-34)
 * @background: the device started the command in the background
 */
struct cxl_leo_xfer {
	u16 opcode;
	const void *payload_in;
	size_t size_in;
	void *payload_out;
	size_t size_out;
	u16 return_code;
	bool background;
};

/**
 * struct cxl_leo_mbox_caps - decoded Mailbox Capabilities register
 * @payload_size: payload registers size in bytes, capped at 1 MiB
 * @bg_irq: background command completion can interrupt
 * @irq_msgnum: MSI/MSI-X message number of that interrupt
 */
struct cxl_leo_mbox_caps {
	size_t payload_size;
	bool bg_irq;
	unsigned int irq_msgnum;
};

/**
 * struct cxl_leo_bg_status - decoded Background Command Status register
 * @opcode: the background command
 * @percent: progress, 0-100
 * @return_code: its return code, valid once @percent is 100
 */
struct cxl_leo_bg_status {
	u16 opcode;
	u8 percent;
	u16 return_code;
};

int cxl_leo_mbox_caps(u32 reg, struct cxl_leo_mbox_caps *caps);
void cxl_leo_bg_status_decode(u64 reg, struct cxl_leo_bg_status *bg);
bool cxl_leo_doorbell_busy(const struct cxl_leo_transport *t);
int cxl_leo_wait_doorbell(const struct cxl_leo_transport *t);
int cxl_leo_transport_submit(const struct cxl_leo_transport *t, struct cxl_leo_xfer *x);
int cxl_leo_transport_finish_bg(const struct cxl_leo_transport *t, struct cxl_leo_xfer *x);
int cxl_leo_transport_await_bg(const struct cxl_leo_transport *t, struct cxl_leo_xfer *x,
			       unsigned int budget_ms);
bool cxl_leo_bg_running(const struct cxl_leo_transport *t);
const char *cxl_leo_bg_opcode_name(u16 opcode);

#endif /* CXL_LEO_TRANSPORT_H */
