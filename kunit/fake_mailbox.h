/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A fake CXL device mailbox for the KUnit suites: answers each opcode with
 * the bytes (or the error) a test gives it and records what it was sent.
 * Opcodes it was not told about fail as on a device without the command.
 */
#ifndef CXL_LEO_FAKE_MAILBOX_H
#define CXL_LEO_FAKE_MAILBOX_H

#include "cmd_sender.h"

struct kunit;

#define FAKE_MBOX_OPCODES	8
#define FAKE_MBOX_PAYLOAD	256

struct fake_mbox_answer {
	u16 opcode;
	int rc;
	size_t len;
	u8 data[FAKE_MBOX_PAYLOAD];
};

struct fake_mbox {
	struct cxl_leo_cmd_sender sender;
	struct fake_mbox_answer answer[FAKE_MBOX_OPCODES];
	unsigned int nr_answers;
	unsigned int calls;
	u16 last_opcode;
	size_t last_in_len;
	unsigned int last_bg_budget_ms;	/* 0: not sent as a background command */
	u8 last_in[FAKE_MBOX_PAYLOAD];
};

struct fake_mbox *fake_mbox_new(struct kunit *test);
void fake_mbox_answer(struct fake_mbox *f, u16 opcode, const void *data, size_t len, int rc);

#endif /* CXL_LEO_FAKE_MAILBOX_H */
