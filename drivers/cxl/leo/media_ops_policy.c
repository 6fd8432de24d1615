// SPDX-License-Identifier: GPL-2.0-only
/*
 * Media Operations, CXL r3.2 8.2.10.9.5.3: the Discovery reply (granularity
 * and the supported operations list, read a page at a time), the checks a
 * range wipe must pass before it reaches the device, and the Sanitize and
 * Zero requests. A Discovery reply is believed only when it is consistent:
 * a count larger than its payload, a zero granularity or a list that does
 * not add up turn range wipes off instead of guessing.
 */
#include <kunit/visibility.h>
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include "media_ops_policy.h"

/**
 * cxl_leo_media_op_name() - the name sysfs and the log use for an operation
 * @op: the operation
 *
 * Return: "sanitize", "zero" or "unknown".
 */
const char *cxl_leo_media_op_name(enum cxl_leo_media_op op)
{
	switch (op) {
	case CXL_LEO_MEDIA_OP_SANITIZE:
		return "sanitize";
	case CXL_LEO_MEDIA_OP_ZERO:
		return "zero";
	default:
		return "unknown";
	}
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_media_op_name);

/**
 * cxl_leo_media_ops_discovery_in() - build a Discovery request
 * @in: filled in
 * @start: index of the first supported operation to return
 * @num: how many to return at most
 *
 * Return: the request's length.
 */
size_t cxl_leo_media_ops_discovery_in(struct cxl_leo_media_op_discovery_in *in, u16 start,
				      u16 num)
{
	memset(in, 0, sizeof(*in));
	in->hdr.op_class = CXL_LEO_MEDIA_OP_CLASS_GENERAL;
	in->hdr.op_subclass = CXL_LEO_MEDIA_OP_GENERAL_DISCOVERY;
	/* A Discovery names no DPA range: dpa_range_count stays 0. */
	put_unaligned_le16(start, &in->start_index);
	put_unaligned_le16(num, &in->num_ops);
	return sizeof(*in);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_media_ops_discovery_in);

static int media_op_of(u8 op_class, u8 op_subclass)
{
	if (op_class != CXL_LEO_MEDIA_OP_CLASS_SANITIZE)
		return -1;
	switch (op_subclass) {
	case CXL_LEO_MEDIA_OP_SANITIZE_SANITIZE:
		return CXL_LEO_MEDIA_OP_SANITIZE;
	case CXL_LEO_MEDIA_OP_SANITIZE_ZERO:
		return CXL_LEO_MEDIA_OP_ZERO;
	}
	return -1;
}

/**
 * cxl_leo_media_ops_parse_page() - decode one Discovery reply
 * @buf: the reply
 * @len: its length
 * @start: the start index the request asked for
 * @page: the reply's header fields
 * @caps: the operations it lists are added; its granularity set (a later
 *	page must agree with an earlier one)
 *
 * Entries of classes cxl_leo does not issue are counted in @caps->unknown
 * and otherwise ignored; Discovery itself, if listed, is neither.
 *
 * Return: 0, or -EIO for a reply that is short, has a zero granularity,
 * counts more entries than it carries or than the list has, or changes the
 * granularity between pages.
 */
int cxl_leo_media_ops_parse_page(const void *buf, size_t len, u16 start,
				 struct cxl_leo_media_ops_page *page,
				 struct cxl_leo_media_ops_caps *caps)
{
	const struct cxl_leo_media_op_discovery_out *out = buf;
	unsigned int i;

	if (len < sizeof(*out))
		return -EIO;
	page->granularity = get_unaligned_le64(&out->dpa_range_granularity);
	page->total = get_unaligned_le16(&out->total_ops);
	page->returned = get_unaligned_le16(&out->returned_ops);
	if (!page->granularity)
		return -EIO;
	if (page->returned > (len - sizeof(*out)) / sizeof(out->entry[0]))
		return -EIO;
	if ((u32)start + page->returned > page->total)
		return -EIO;
	if (caps->granularity && caps->granularity != page->granularity)
		return -EIO;
	caps->granularity = page->granularity;
	for (i = 0; i < page->returned; i++) {
		const struct cxl_leo_media_op_entry *e = &out->entry[i];
		int op = media_op_of(e->op_class, e->op_subclass);

		if (op >= 0)
			caps->supported |= BIT(op);
		else if (e->op_class != CXL_LEO_MEDIA_OP_CLASS_GENERAL ||
			 e->op_subclass != CXL_LEO_MEDIA_OP_GENERAL_DISCOVERY)
			caps->unknown++;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_media_ops_parse_page);

/**
 * cxl_leo_media_ops_discover() - ask the device which media operations it offers
 * @s: the mailbox
 * @caps: filled in; zeroed first
 *
 * Reads the supported operations list a page at a time until it has all
 * Total Supported Operations entries. A page that brings no new entry, or
 * that changes the total, ends the discovery as a bad reply.
 *
 * Return: 0 (@caps->supported may be 0), the mailbox's errno, or -EIO for
 * a reply cxl_leo_media_ops_parse_page() rejects.
 */
int cxl_leo_media_ops_discover(const struct cxl_leo_cmd_sender *s,
			       struct cxl_leo_media_ops_caps *caps)
{
	u8 buf[sizeof(struct cxl_leo_media_op_discovery_out) +
	       CXL_LEO_MEDIA_OPS_PAGE * sizeof(struct cxl_leo_media_op_entry)];
	struct cxl_leo_media_op_discovery_in in;
	struct cxl_leo_media_ops_page page;
	u32 start = 0, total = 0;
	size_t got;
	int rc;

	memset(caps, 0, sizeof(*caps));
	do {
		rc = cxl_leo_cmd(s, CXL_LEO_OP_MEDIA_OPERATIONS, &in,
				 cxl_leo_media_ops_discovery_in(&in, start, CXL_LEO_MEDIA_OPS_PAGE),
				 buf, sizeof(buf), &got);
		if (rc)
			return rc;
		rc = cxl_leo_media_ops_parse_page(buf, got, start, &page, caps);
		if (rc)
			return rc;
		if (!start)
			total = page.total;
		else if (page.total != total)
			return -EIO;
		if (start < total && !page.returned)
			return -EIO;
		start += page.returned;
	} while (start < total);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_media_ops_discover);

/**
 * cxl_leo_media_ops_check() - may this range be wiped with this operation?
 * @caps: what the device offers
 * @op: the operation
 * @capacity: the device's DPA space, bytes
 * @dpa: first byte of the range
 * @len: its length, bytes
 * @why: set to the reason when refused, else NULL
 *
 * Whether the range is in use is the caller's question (it needs the core).
 *
 * Return: 0; -EOPNOTSUPP when the device does not offer @op; -EINVAL for an
 * empty range or one not on the device's granularity; -ERANGE for one that
 * ends beyond @capacity.
 */
int cxl_leo_media_ops_check(const struct cxl_leo_media_ops_caps *caps, enum cxl_leo_media_op op,
			    u64 capacity, u64 dpa, u64 len, const char **why)
{
	u64 end, rem;

	*why = NULL;
	if (op >= CXL_LEO_NR_MEDIA_OPS || !(caps->supported & BIT(op)) || !caps->granularity) {
		*why = "the device does not offer this operation";
		return -EOPNOTSUPP;
	}
	if (!len) {
		*why = "the range is empty";
		return -EINVAL;
	}
	div64_u64_rem(dpa, caps->granularity, &rem);
	if (!rem)
		div64_u64_rem(len, caps->granularity, &rem);
	if (rem) {
		*why = "the range does not start and end on the device's granularity";
		return -EINVAL;
	}
	if (check_add_overflow(dpa, len, &end) || end > capacity) {
		*why = "the range ends beyond the device's capacity";
		return -ERANGE;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_media_ops_check);

/**
 * cxl_leo_media_ops_ranges_in() - build a Sanitize or Zero request for one range
 * @buf: where
 * @max: its size
 * @op: the operation
 * @dpa: first byte of the range
 * @len: its length
 *
 * Return: the request's length, or 0 when @buf is too small or @op unknown.
 */
size_t cxl_leo_media_ops_ranges_in(void *buf, size_t max, enum cxl_leo_media_op op, u64 dpa,
				   u64 len)
{
	struct cxl_leo_media_op_ranges_in *in = buf;
	size_t size = struct_size(in, range, 1);

	if (max < size || op >= CXL_LEO_NR_MEDIA_OPS)
		return 0;
	memset(in, 0, size);
	in->hdr.op_class = CXL_LEO_MEDIA_OP_CLASS_SANITIZE;
	in->hdr.op_subclass = op == CXL_LEO_MEDIA_OP_ZERO ? CXL_LEO_MEDIA_OP_SANITIZE_ZERO :
							     CXL_LEO_MEDIA_OP_SANITIZE_SANITIZE;
	put_unaligned_le32(1, &in->hdr.dpa_range_count);
	put_unaligned_le64(dpa, &in->range[0].dpa);
	put_unaligned_le64(len, &in->range[0].length);
	return size;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_media_ops_ranges_in);

/**
 * cxl_leo_media_ops_wipe() - check a range and ask the device to wipe it
 * @s: the mailbox
 * @caps: what the device offers
 * @op: sanitize or zero
 * @capacity: the device's DPA space, bytes
 * @dpa: first byte of the range
 * @len: its length
 * @budget_ms: how long to wait for the device's background operation
 * @why: set to the reason when refused before reaching the device, else NULL
 *
 * Return: 0 once the device reports the range wiped; an error from
 * cxl_leo_media_ops_check() (nothing sent); -EINPROGRESS when the device is
 * still at it after @budget_ms (not a failure: follow it, do not repeat
 * it); or the mailbox's errno for the device's refusal.
 */
int cxl_leo_media_ops_wipe(const struct cxl_leo_cmd_sender *s,
			   const struct cxl_leo_media_ops_caps *caps, enum cxl_leo_media_op op,
			   u64 capacity, u64 dpa, u64 len, unsigned int budget_ms,
			   const char **why)
{
	u8 buf[sizeof(struct cxl_leo_media_op_ranges_in) + sizeof(struct cxl_leo_media_op_range)];
	size_t n;
	int rc;

	rc = cxl_leo_media_ops_check(caps, op, capacity, dpa, len, why);
	if (rc)
		return rc;
	n = cxl_leo_media_ops_ranges_in(buf, sizeof(buf), op, dpa, len);
	return cxl_leo_cmd_background(s, CXL_LEO_OP_MEDIA_OPERATIONS, buf, n, budget_ms);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_media_ops_wipe);
