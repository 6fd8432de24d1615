/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The mailbox as cxl_leo's device-independent logic sees it: one call that
 * sends a command and returns the reply. The driver routes it to the CXL
 * core's cxl_internal_send_cmd(); the KUnit suites to a fake device that
 * answers with the specification's payloads, truncated or wrong on demand.
 */
#ifndef CXL_LEO_CMD_SENDER_H
#define CXL_LEO_CMD_SENDER_H

#include <linux/minmax.h>
#include <linux/types.h>

/**
 * struct cxl_leo_cmd_sender - a way to run mailbox commands
 * @send: run @opcode with @in_len bytes of @in; up to @out_max bytes of
 *	reply land in @out and their count in *@out_len. When the device runs
 *	the command in the background, wait up to @bg_budget_ms for it (0: the
 *	transport's default). Returns 0 or a negative errno (the device's
 *	return code already translated); -EINPROGRESS when the command is
 *	still running on the device after the budget.
 * @ctx: passed back to @send
 */
struct cxl_leo_cmd_sender {
	int (*send)(void *ctx, u16 opcode, const void *in, size_t in_len,
		    void *out, size_t out_max, size_t *out_len, unsigned int bg_budget_ms);
	void *ctx;
};

static inline int cxl_leo_cmd(const struct cxl_leo_cmd_sender *s, u16 opcode,
			      const void *in, size_t in_len,
			      void *out, size_t out_max, size_t *out_len)
{
	size_t got = 0;
	int rc = s->send(s->ctx, opcode, in, in_len, out, out_max, &got, 0);

	/* A device cannot hand back more than was asked for. */
	if (out_len)
		*out_len = min(got, out_max);
	return rc;
}

/* A command with no output that the device may run in the background. */
static inline int cxl_leo_cmd_background(const struct cxl_leo_cmd_sender *s, u16 opcode,
					 const void *in, size_t in_len,
					 unsigned int budget_ms)
{
	size_t got = 0;

	return s->send(s->ctx, opcode, in, in_len, NULL, 0, &got, budget_ms);
}

#endif /* CXL_LEO_CMD_SENDER_H */
