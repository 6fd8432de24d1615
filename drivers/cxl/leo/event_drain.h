/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How long one pass over the event logs may run. The Event Status register
 * (CXL r3.1 8.2.8.3.1) says which logs hold records; reading them (Get Event
 * Records, 8.2.9.2.2) clears nothing when the command fails, e.g. while a
 * sanitize runs, or when a device reports records it never returns. A loop
 * that waits for the status to clear then never ends: a SCHED_FIFO interrupt
 * thread spins, and unbind waits forever for a poll work item. Each pass is
 * bounded here and what is left is retried later with a growing delay.
 */
#ifndef CXL_LEO_EVENT_DRAIN_H
#define CXL_LEO_EVENT_DRAIN_H

#include <linux/types.h>

/* Reads of all pending logs per pass; a healthy device needs one or two. */
#define CXL_LEO_DRAIN_MAX_ROUNDS	8
/* First retry of a pass that ended with records left, in ms; doubles. */
#define CXL_LEO_DRAIN_RETRY_MIN_MS	10

/**
 * struct cxl_leo_event_source - the event logs as a drain pass sees them
 * @status: the log bits of the Event Status register
 * @fetch: read, report and clear the records of the logs in @status; the
 *	driver's is the core's cxl_mem_get_event_records(), which reports no
 *	failure, so only @status tells whether it made progress
 * @ctx: passed back to both
 */
struct cxl_leo_event_source {
	u32 (*status)(void *ctx);
	void (*fetch)(void *ctx, u32 status);
	void *ctx;
};

u32 cxl_leo_events_drain(const struct cxl_leo_event_source *src, unsigned int max_rounds,
			 unsigned int *rounds);
unsigned int cxl_leo_drain_retry_ms(unsigned int prev_ms, unsigned int max_ms);

#endif /* CXL_LEO_EVENT_DRAIN_H */
