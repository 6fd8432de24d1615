// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: who reads the event logs, from the device's Event Interrupt Policy.
 * The device is the fake mailbox, with Set Event Interrupt Policy wired to
 * change what Get returns (the message number is the device's choice), and
 * a record of every command in order.
 */
#include <kunit/test.h>
#include <linux/bitfield.h>
#include <linux/string.h>
#include "event_policy.h"
#include "fake_mailbox.h"

#define FW	CXL_LEO_EVT_INT_FW
#define MSI	CXL_LEO_EVT_INT_MSI
#define NONE	CXL_LEO_EVT_INT_NONE
#define DEVICE_MSGNUM	3

struct fake_dev {
	struct fake_mbox *mbox;
	struct cxl_leo_cmd_sender sender;
	u16 ops[16];
	u8 set_payload[16][CXL_LEO_EVT_POLICY_MAX];
	size_t set_len[16];
	unsigned int nr_ops;
	int refuse_msi_log;		/* -1: accepts MSI on every log */
	int fail_request_log;		/* -1: every vector can be requested */
	unsigned int requested;		/* bitmap of logs with a handler attached */
	unsigned int nr_requests;
	unsigned int msgnum[CXL_LEO_EVENT_LOGS];
};

static int fake_dev_send(void *ctx, u16 opcode, const void *in, size_t in_len,
			 void *out, size_t out_max, size_t *out_len, unsigned int bg_budget_ms)
{
	struct fake_dev *d = ctx;
	unsigned int n = d->nr_ops;
	int rc;

	if (n < ARRAY_SIZE(d->ops))
		d->ops[d->nr_ops++] = opcode;
	rc = cxl_leo_cmd(&d->mbox->sender, opcode, in, in_len, out, out_max, out_len);
	if (rc || opcode != CXL_LEO_OP_SET_EVT_INT_POLICY)
		return rc;
	if (n < ARRAY_SIZE(d->ops)) {
		memcpy(d->set_payload[n], in, min_t(size_t, in_len, CXL_LEO_EVT_POLICY_MAX));
		d->set_len[n] = in_len;
	}
	/* The device now reports what was set, as it applies it. */
	{
		u8 now[CXL_LEO_EVT_POLICY_MAX] = {};
		unsigned int log;

		memcpy(now, in, min_t(size_t, in_len, sizeof(now)));
		for (log = 0; log < CXL_LEO_EVENT_LOGS; log++) {
			if (FIELD_GET(CXL_LEO_EVT_INT_MODE, now[log]) != MSI)
				continue;
			if ((int)log == d->refuse_msi_log)
				now[log] = NONE;
			else
				now[log] = MSI | FIELD_PREP(CXL_LEO_EVT_INT_MSGNUM, DEVICE_MSGNUM);
		}
		fake_mbox_answer(d->mbox, CXL_LEO_OP_GET_EVT_INT_POLICY, now, in_len, 0);
	}
	return 0;
}

static int fake_request(void *ctx, unsigned int log, unsigned int msgnum)
{
	struct fake_dev *d = ctx;

	d->nr_requests++;
	if ((int)log == d->fail_request_log)
		return -EBUSY;
	d->requested |= BIT(log);
	d->msgnum[log] = msgnum;
	return 0;
}

static void fake_release(void *ctx, unsigned int log)
{
	struct fake_dev *d = ctx;

	d->requested &= ~BIT(log);
}

static struct fake_dev *fake_dev_new(struct kunit *test, const u8 *policy, size_t len)
{
	struct fake_dev *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, d);
	d->mbox = fake_mbox_new(test);
	d->sender = (struct cxl_leo_cmd_sender){ .send = fake_dev_send, .ctx = d };
	d->refuse_msi_log = -1;
	d->fail_request_log = -1;
	fake_mbox_answer(d->mbox, CXL_LEO_OP_GET_EVT_INT_POLICY, policy, len, 0);
	fake_mbox_answer(d->mbox, CXL_LEO_OP_SET_EVT_INT_POLICY, NULL, 0, 0);
	return d;
}

static int configure(struct fake_dev *d, bool irq_avail, struct cxl_leo_event_config *cfg)
{
	struct cxl_leo_event_irqs irqs = { fake_request, fake_release, d };

	return cxl_leo_event_configure(&d->sender, irq_avail, &irqs, cfg);
}

static void policy_is_read_before_it_is_changed(struct kunit *test)
{
	static const u8 found[] = { NONE, NONE, NONE, NONE };
	struct fake_dev *d = fake_dev_new(test, found, sizeof(found));
	struct cxl_leo_event_config cfg;

	KUNIT_ASSERT_EQ(test, configure(d, true, &cfg), 0);
	KUNIT_ASSERT_GE(test, d->nr_ops, 2);
	KUNIT_EXPECT_EQ(test, d->ops[0], CXL_LEO_OP_GET_EVT_INT_POLICY);
	KUNIT_EXPECT_EQ(test, d->ops[1], CXL_LEO_OP_SET_EVT_INT_POLICY);
	KUNIT_EXPECT_EQ(test, cfg.owner, CXL_LEO_EVENT_OWNER_IRQ);
	KUNIT_EXPECT_EQ(test, d->requested, 0xf);
	/* Handlers go on the vector the device reports after the Set. */
	KUNIT_EXPECT_EQ(test, d->msgnum[0], DEVICE_MSGNUM);
	KUNIT_EXPECT_EQ(test, d->msgnum[3], DEVICE_MSGNUM);
}

/* One log in firmware mode: firmware owns the logs; nothing is sent but the Get. */
static void firmware_mode_is_left_to_firmware(struct kunit *test)
{
	static const u8 found[] = { MSI, FW, MSI, MSI };
	struct fake_dev *d = fake_dev_new(test, found, sizeof(found));
	struct cxl_leo_event_config cfg;

	KUNIT_ASSERT_EQ(test, configure(d, true, &cfg), 0);
	KUNIT_EXPECT_EQ(test, cfg.owner, CXL_LEO_EVENT_OWNER_FIRMWARE);
	KUNIT_EXPECT_EQ(test, d->nr_ops, 1);
	KUNIT_EXPECT_EQ(test, d->ops[0], CXL_LEO_OP_GET_EVT_INT_POLICY);
	KUNIT_EXPECT_EQ(test, d->nr_requests, 0);
}

/* Without vectors, a firmware-mode device is still not polled. */
static void firmware_mode_without_vectors_is_not_polled(struct kunit *test)
{
	static const u8 found[] = { FW, FW, FW, FW };
	struct fake_dev *d = fake_dev_new(test, found, sizeof(found));
	struct cxl_leo_event_config cfg;

	KUNIT_ASSERT_EQ(test, configure(d, false, &cfg), 0);
	KUNIT_EXPECT_EQ(test, cfg.owner, CXL_LEO_EVENT_OWNER_FIRMWARE);
	KUNIT_EXPECT_EQ(test, d->nr_ops, 1);
}

static void no_vectors_polls_without_changing_policy(struct kunit *test)
{
	static const u8 found[] = { NONE, NONE, NONE, NONE };
	struct fake_dev *d = fake_dev_new(test, found, sizeof(found));
	struct cxl_leo_event_config cfg;

	KUNIT_ASSERT_EQ(test, configure(d, false, &cfg), 0);
	KUNIT_EXPECT_EQ(test, cfg.owner, CXL_LEO_EVENT_OWNER_POLL);
	KUNIT_EXPECT_EQ(test, d->nr_ops, 1);
}

/* The third vector cannot be had: the first two are released, the policy restored. */
static void partial_irq_setup_is_undone(struct kunit *test)
{
	static const u8 found[] = { NONE, NONE, NONE, NONE };
	struct fake_dev *d = fake_dev_new(test, found, sizeof(found));
	struct cxl_leo_event_config cfg;
	unsigned int last;

	d->fail_request_log = 2;
	KUNIT_ASSERT_EQ(test, configure(d, true, &cfg), 0);
	KUNIT_EXPECT_EQ(test, cfg.owner, CXL_LEO_EVENT_OWNER_POLL);
	KUNIT_EXPECT_EQ(test, cfg.irq_rc, -EBUSY);
	KUNIT_EXPECT_EQ(test, d->nr_requests, 3);
	KUNIT_EXPECT_EQ(test, d->requested, 0);
	last = d->nr_ops - 1;
	KUNIT_EXPECT_EQ(test, d->ops[last], CXL_LEO_OP_SET_EVT_INT_POLICY);
	KUNIT_EXPECT_EQ(test, d->set_len[last], sizeof(found));
	KUNIT_EXPECT_MEMEQ(test, d->set_payload[last], found, sizeof(found));
	KUNIT_EXPECT_EQ(test, cfg.restore_rc, 0);
}

/* A device that keeps one log off MSI: nothing stays half routed. */
static void device_refusing_msi_is_restored_and_polled(struct kunit *test)
{
	static const u8 found[] = { NONE, NONE, NONE, NONE };
	struct fake_dev *d = fake_dev_new(test, found, sizeof(found));
	struct cxl_leo_event_config cfg;

	d->refuse_msi_log = 3;
	KUNIT_ASSERT_EQ(test, configure(d, true, &cfg), 0);
	KUNIT_EXPECT_EQ(test, cfg.owner, CXL_LEO_EVENT_OWNER_POLL);
	KUNIT_EXPECT_EQ(test, cfg.irq_rc, -ENXIO);
	KUNIT_EXPECT_EQ(test, d->requested, 0);
	KUNIT_EXPECT_EQ(test, d->ops[d->nr_ops - 1], CXL_LEO_OP_SET_EVT_INT_POLICY);
	KUNIT_EXPECT_MEMEQ(test, d->set_payload[d->nr_ops - 1], found, sizeof(found));
}

/* A CXL r3.0 device's fifth (Dynamic Capacity) byte is sent back as found. */
static void set_keeps_the_length_and_dcd_byte_found(struct kunit *test)
{
	static const u8 found[] = { NONE, NONE, NONE, NONE, 0x21 };
	struct fake_dev *d = fake_dev_new(test, found, sizeof(found));
	struct cxl_leo_event_config cfg;

	KUNIT_ASSERT_EQ(test, configure(d, true, &cfg), 0);
	KUNIT_EXPECT_EQ(test, cfg.owner, CXL_LEO_EVENT_OWNER_IRQ);
	KUNIT_EXPECT_EQ(test, d->set_len[1], 5);
	KUNIT_EXPECT_EQ(test, d->set_payload[1][4], 0x21);
	KUNIT_EXPECT_EQ(test, d->set_payload[1][0], MSI);
}

/* Unreadable or short policy: the owner is unknown, nothing is changed. */
static void unreadable_policy_changes_nothing(struct kunit *test)
{
	static const u8 shortp[] = { NONE, NONE, NONE };
	struct fake_dev *d = fake_dev_new(test, shortp, sizeof(shortp));
	struct cxl_leo_event_config cfg;

	KUNIT_EXPECT_EQ(test, configure(d, true, &cfg), -EPROTO);
	KUNIT_EXPECT_EQ(test, d->nr_ops, 1);
	fake_mbox_answer(d->mbox, CXL_LEO_OP_GET_EVT_INT_POLICY, NULL, 0, -ENXIO);
	KUNIT_EXPECT_EQ(test, configure(d, true, &cfg), -ENXIO);
	KUNIT_EXPECT_EQ(test, d->nr_ops, 2);
	KUNIT_EXPECT_EQ(test, d->nr_requests, 0);
}

static struct kunit_case event_policy_cases[] = {
	KUNIT_CASE(policy_is_read_before_it_is_changed),
	KUNIT_CASE(firmware_mode_is_left_to_firmware),
	KUNIT_CASE(firmware_mode_without_vectors_is_not_polled),
	KUNIT_CASE(no_vectors_polls_without_changing_policy),
	KUNIT_CASE(partial_irq_setup_is_undone),
	KUNIT_CASE(device_refusing_msi_is_restored_and_polled),
	KUNIT_CASE(set_keeps_the_length_and_dcd_byte_found),
	KUNIT_CASE(unreadable_policy_changes_nothing),
	{}
};

static struct kunit_suite event_policy_suite = {
	.name = "cxl_leo_event_policy",
	.test_cases = event_policy_cases,
};

kunit_test_suite(event_policy_suite);
