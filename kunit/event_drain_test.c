// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: a drain pass over the event logs ends, whatever the device does.
 * The logs are a fake device behind the fake mailbox: each round sends one
 * Get Event Records (CXL r3.1 8.2.9.2.2) per pending log and clears what
 * the reply carried, as the core's cxl_mem_get_event_records() does.
 */
#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/minmax.h>
#include <linux/unaligned.h>
#include "event_drain.h"
#include "fake_mailbox.h"

#define GET_EVENT_RECORDS	0x0100
#define REPLY_FLAG_MORE		BIT(1)
#define REPLY_COUNT_OFFSET	0x14
#define REPLY_RECORDS_OFFSET	0x20
/* Far past any bound: a drain still reading here would never have stopped. */
#define WATCHDOG_READS		100000

struct fake_logs {
	struct fake_mbox *mbox;
	unsigned int pending[4];	/* records per log: info, warn, failure, fatal */
	u32 stuck;			/* status bits the device never clears */
	unsigned int status_reads;
	bool watchdog;
};

static u32 fake_status(void *ctx)
{
	struct fake_logs *l = ctx;
	u32 status = l->stuck;
	int i;

	if (++l->status_reads > WATCHDOG_READS) {
		l->watchdog = true;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(l->pending); i++)
		if (l->pending[i])
			status |= BIT(i);
	return status;
}

static void fake_fetch(void *ctx, u32 status)
{
	struct fake_logs *l = ctx;
	u8 reply[REPLY_RECORDS_OFFSET];
	size_t got;
	u8 log;

	for (log = 0; log < ARRAY_SIZE(l->pending); log++) {
		if (!(status & BIT(log)))
			continue;
		if (cxl_leo_cmd(&l->mbox->sender, GET_EVENT_RECORDS, &log, 1,
				reply, sizeof(reply), &got))
			continue;	/* the core logs it and moves on */
		if (got < REPLY_COUNT_OFFSET + 2)
			continue;
		l->pending[log] -= min_t(unsigned int, l->pending[log],
					 get_unaligned_le16(reply + REPLY_COUNT_OFFSET));
	}
}

static struct fake_logs *fake_logs_new(struct kunit *test)
{
	struct fake_logs *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, l);
	l->mbox = fake_mbox_new(test);
	return l;
}

static void answer_records(struct fake_logs *l, u16 count, u8 flags)
{
	u8 reply[REPLY_RECORDS_OFFSET] = { [0] = flags };

	put_unaligned_le16(count, reply + REPLY_COUNT_OFFSET);
	fake_mbox_answer(l->mbox, GET_EVENT_RECORDS, reply, sizeof(reply), 0);
}

static u32 drain(struct fake_logs *l, unsigned int *rounds)
{
	struct cxl_leo_event_source src = { fake_status, fake_fetch, l };

	return cxl_leo_events_drain(&src, CXL_LEO_DRAIN_MAX_ROUNDS, rounds);
}

/* During sanitize every Get Event Records fails and the status stays set. */
static void drain_ends_when_get_records_keeps_failing(struct kunit *test)
{
	struct fake_logs *l = fake_logs_new(test);
	unsigned int rounds;
	u32 left;

	l->stuck = BIT(2);
	fake_mbox_answer(l->mbox, GET_EVENT_RECORDS, NULL, 0, -EBUSY);
	left = drain(l, &rounds);
	KUNIT_EXPECT_FALSE(test, l->watchdog);
	KUNIT_EXPECT_EQ(test, left, BIT(2));
	KUNIT_EXPECT_EQ(test, rounds, CXL_LEO_DRAIN_MAX_ROUNDS);
	KUNIT_EXPECT_EQ(test, l->mbox->calls, CXL_LEO_DRAIN_MAX_ROUNDS);
}

/* A device that answers "no records, more to come" and keeps its status set. */
static void drain_ends_on_empty_replies_with_status_set(struct kunit *test)
{
	struct fake_logs *l = fake_logs_new(test);
	unsigned int rounds;
	u32 left;

	l->stuck = BIT(0) | BIT(3);
	answer_records(l, 0, REPLY_FLAG_MORE);
	left = drain(l, &rounds);
	KUNIT_EXPECT_FALSE(test, l->watchdog);
	KUNIT_EXPECT_EQ(test, left, BIT(0) | BIT(3));
	KUNIT_EXPECT_EQ(test, rounds, CXL_LEO_DRAIN_MAX_ROUNDS);
	/* Both logs asked each round: the bound is per pass, not per log. */
	KUNIT_EXPECT_EQ(test, l->mbox->calls, 2 * CXL_LEO_DRAIN_MAX_ROUNDS);
}

/* Logs that empty within the budget are drained completely. */
static void drain_empties_logs_that_make_progress(struct kunit *test)
{
	struct fake_logs *l = fake_logs_new(test);
	unsigned int rounds;

	l->pending[2] = 5;
	l->pending[1] = 1;
	answer_records(l, 2, REPLY_FLAG_MORE);
	KUNIT_EXPECT_EQ(test, drain(l, &rounds), 0);
	KUNIT_EXPECT_EQ(test, rounds, 3);
	KUNIT_EXPECT_EQ(test, l->pending[2], 0);
	KUNIT_EXPECT_EQ(test, l->pending[1], 0);
	/* failure log 3 times, warning log once */
	KUNIT_EXPECT_EQ(test, l->mbox->calls, 4);
}

static void drain_sends_nothing_when_no_log_is_pending(struct kunit *test)
{
	struct fake_logs *l = fake_logs_new(test);
	unsigned int rounds = 99;

	answer_records(l, 1, 0);
	KUNIT_EXPECT_EQ(test, drain(l, &rounds), 0);
	KUNIT_EXPECT_EQ(test, rounds, 0);
	KUNIT_EXPECT_EQ(test, l->mbox->calls, 0);
}

/* A zero budget still reads once: a caller cannot turn draining off by mistake. */
static void drain_with_zero_budget_reads_once(struct kunit *test)
{
	struct cxl_leo_event_source src;
	struct fake_logs *l = fake_logs_new(test);
	unsigned int rounds;

	l->stuck = BIT(1);
	answer_records(l, 0, 0);
	src = (struct cxl_leo_event_source){ fake_status, fake_fetch, l };
	KUNIT_EXPECT_EQ(test, cxl_leo_events_drain(&src, 0, &rounds), BIT(1));
	KUNIT_EXPECT_EQ(test, rounds, 1);
}

static void drain_retry_doubles_up_to_the_poll_period(struct kunit *test)
{
	unsigned int ms = 0, steps = 0;

	ms = cxl_leo_drain_retry_ms(ms, 1000);
	KUNIT_EXPECT_EQ(test, ms, CXL_LEO_DRAIN_RETRY_MIN_MS);
	while (ms < 1000 && steps++ < 32) {
		unsigned int next = cxl_leo_drain_retry_ms(ms, 1000);

		KUNIT_EXPECT_EQ(test, next, min(2 * ms, 1000U));
		ms = next;
	}
	KUNIT_EXPECT_EQ(test, ms, 1000);
	KUNIT_EXPECT_EQ(test, cxl_leo_drain_retry_ms(1000, 1000), 1000);
	/* A poll period below the minimum never makes a busy loop. */
	KUNIT_EXPECT_EQ(test, cxl_leo_drain_retry_ms(0, 0), CXL_LEO_DRAIN_RETRY_MIN_MS);
	KUNIT_EXPECT_EQ(test, cxl_leo_drain_retry_ms(10, 1), CXL_LEO_DRAIN_RETRY_MIN_MS);
	KUNIT_EXPECT_EQ(test, cxl_leo_drain_retry_ms(UINT_MAX, 1000), 1000);
}

static struct kunit_case event_drain_cases[] = {
	KUNIT_CASE(drain_ends_when_get_records_keeps_failing),
	KUNIT_CASE(drain_ends_on_empty_replies_with_status_set),
	KUNIT_CASE(drain_empties_logs_that_make_progress),
	KUNIT_CASE(drain_sends_nothing_when_no_log_is_pending),
	KUNIT_CASE(drain_with_zero_budget_reads_once),
	KUNIT_CASE(drain_retry_doubles_up_to_the_poll_period),
	{}
};

static struct kunit_suite event_drain_suite = {
	.name = "cxl_leo_event_drain",
	.test_cases = event_drain_cases,
};

kunit_test_suite(event_drain_suite);
