// SPDX-License-Identifier: GPL-2.0-only
/* A bounded pass over the event logs (see event_drain.h). */
#include <linux/export.h>
#include <linux/minmax.h>
#include <kunit/visibility.h>
#include "event_drain.h"

/**
 * cxl_leo_events_drain() - read the pending event logs, a bounded number of times
 * @src: the device's logs
 * @max_rounds: reads of the pending logs allowed in this pass (at least one)
 * @rounds: if not NULL, the reads made
 *
 * Return: the log bits still set when the pass ended: 0 when every log was
 * emptied, otherwise the logs the caller must come back for later.
 */
u32 cxl_leo_events_drain(const struct cxl_leo_event_source *src, unsigned int max_rounds,
			 unsigned int *rounds)
{
	unsigned int n = 0;
	u32 status;

	for (status = src->status(src->ctx); status && n < max(max_rounds, 1U);
	     status = src->status(src->ctx)) {
		src->fetch(src->ctx, status);
		n++;
	}
	if (rounds)
		*rounds = n;
	return status;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_events_drain);

/**
 * cxl_leo_drain_retry_ms() - delay before retrying a pass that left records
 * @prev_ms: the previous delay, 0 after a pass that emptied the logs
 * @max_ms: the longest delay (the poll period)
 *
 * Return: CXL_LEO_DRAIN_RETRY_MIN_MS first, then double the previous delay,
 * never more than @max_ms (nor less than the minimum).
 */
unsigned int cxl_leo_drain_retry_ms(unsigned int prev_ms, unsigned int max_ms)
{
	unsigned int next;

	max_ms = max(max_ms, CXL_LEO_DRAIN_RETRY_MIN_MS);
	if (!prev_ms)
		return CXL_LEO_DRAIN_RETRY_MIN_MS;
	next = prev_ms > max_ms / 2 ? max_ms : prev_ms * 2;
	return clamp(next, CXL_LEO_DRAIN_RETRY_MIN_MS, max_ms);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_drain_retry_ms);
