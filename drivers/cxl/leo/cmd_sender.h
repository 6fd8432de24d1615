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
 *	reply land in @out and their count in *@out_len. Returns 0 or a
 *	negative errno (the device's return code already translated).
 * @ctx: passed back to @send
 */
struct cxl_leo_cmd_sender {
	int (*send)(void *ctx, u16 opcode, const void *in, size_t in_len,
		    void *out, size_t out_max, size_t *out_len);
	void *ctx;
};

static inline int cxl_leo_cmd(const struct cxl_leo_cmd_sender *s, u16 opcode,
			      const void *in, size_t in_len,
			      void *out, size_t out_max, size_t *out_len)
{
	size_t got = 0;
	int rc = s->send(s->ctx, opcode, in, in_len, out, out_max, &got);

	/* A device cannot hand back more than was asked for. */
	if (out_len)
		*out_len = min(got, out_max);
	return rc;
}

#endif /* CXL_LEO_CMD_SENDER_H */
