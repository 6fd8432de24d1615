// SPDX-License-Identifier: GPL-2.0-only
/* The fake mailbox behind the health and repair suites (see fake_mailbox.h). */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/string.h>
#include "fake_mailbox.h"

static int fake_mbox_send(void *ctx, u16 opcode, const void *in, size_t in_len,
			  void *out, size_t out_max, size_t *out_len, unsigned int bg_budget_ms)
{
	struct fake_mbox *f = ctx;
	unsigned int i;

	f->calls++;
	f->last_bg_budget_ms = bg_budget_ms;
	f->last_opcode = opcode;
	f->last_in_len = in_len;
	memset(f->last_in, 0, sizeof(f->last_in));
	memcpy(f->last_in, in, min(in_len, sizeof(f->last_in)));
	for (i = 0; i < f->nr_answers; i++) {
		struct fake_mbox_answer *a = &f->answer[i];

		if (a->opcode != opcode)
			continue;
		if (a->rc)
			return a->rc;
		/* A device may send more than asked; the sender clips it. */
		*out_len = a->len;
		memcpy(out, a->data, min(a->len, out_max));
		return 0;
	}
	return -ENXIO;	/* the core's answer to "Unsupported" */
}

/* Freed with the test; too big for a KUnit case's stack. */
struct fake_mbox *fake_mbox_new(struct kunit *test)
{
	struct fake_mbox *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->sender.send = fake_mbox_send;
	f->sender.ctx = f;
	return f;
}

void fake_mbox_answer(struct fake_mbox *f, u16 opcode, const void *data, size_t len, int rc)
{
	struct fake_mbox_answer *a = NULL;
	unsigned int i;

	for (i = 0; i < f->nr_answers; i++)
		if (f->answer[i].opcode == opcode)
			a = &f->answer[i];
	if (!a && f->nr_answers < FAKE_MBOX_OPCODES)
		a = &f->answer[f->nr_answers++];
	if (!a)
		return;
	a->opcode = opcode;
	a->rc = rc;
	a->len = min(len, sizeof(a->data));
	memset(a->data, 0, sizeof(a->data));
	if (data)
		memcpy(a->data, data, a->len);
}
