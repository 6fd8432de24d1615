// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Supported Features list comes in pages: a reply holds as many entries
 * as the output payload fits, and the host asks again from the next index
 * (CXL r3.1 8.2.9.6.1, Table 8-95). A device that answers a page with no
 * entries, or with more than it claims to have, ends the walk: no loop
 * depends on the device telling the truth.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <kunit/visibility.h>
#include "feature_directory.h"

/**
 * cxl_leo_features_read() - every Feature the device supports, up to @max
 * @s: the mailbox
 * @payload_max: the mailbox's payload size
 * @out: decoded entries
 * @max: room in @out
 * @nr: entries decoded
 * @supported: Features the device says it supports (may exceed @max)
 *
 * Return: 0 (with *@nr possibly below *@supported when @max is smaller or
 * the device stopped answering), -ENOMEM, the mailbox's errno for the
 * first page, or -EIO for a reply that does not decode.
 */
int cxl_leo_features_read(const struct cxl_leo_cmd_sender *s, size_t payload_max,
			  struct cxl_leo_feature *out, unsigned int max, unsigned int *nr,
			  unsigned int *supported)
{
	const size_t hdr = sizeof(struct cxl_leo_supported_features);
	size_t len = min(payload_max, hdr + max * sizeof(struct cxl_leo_feature_entry));
	struct cxl_leo_get_supported_features_in in = {};
	unsigned int got, total = 0;
	size_t out_len;
	int rc = 0;
	struct cxl_leo_supported_features *page __free(kfree) = NULL;

	*nr = 0;
	*supported = 0;
	if (len <= hdr)
		return -EINVAL;
	page = kzalloc(len, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	put_unaligned_le32(len, &in.count);
	do {
		put_unaligned_le16(*nr, &in.start_index);
		rc = cxl_leo_cmd(s, CXL_LEO_OP_GET_SUPPORTED_FEATURES, &in, sizeof(in), page,
				 len, &out_len);
		if (rc)
			break;
		rc = cxl_leo_features_parse(page, out_len, out + *nr, max - *nr, &got);
		if (rc)
			break;
		if (!*nr)
			total = get_unaligned_le16(&page->supported);
		*nr += got;
	} while (got && *nr < min(total, max));
	*supported = max(total, *nr);
	/* Later pages failing still leaves the first ones usable. */
	return *nr ? 0 : rc;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_features_read);

/**
 * cxl_leo_feature_write() - replace a Feature's writable attributes
 * @s: the mailbox
 * @feat: the Feature, as the device listed it
 * @data: its new writable attributes
 * @len: their length, which must be the Feature's Set size
 *
 * One full transfer, marked to persist across a reset (Set Feature flags,
 * CXL r3.1 Table 8-101), as upstream's RAS controls do: a setting an
 * operator chose must not silently revert at the next reset.
 *
 * Return: 0, -EOPNOTSUPP for a Feature that cannot be set this way,
 * -ENOMEM, or the mailbox's errno.
 */
int cxl_leo_feature_write(const struct cxl_leo_cmd_sender *s, const struct cxl_leo_feature *feat,
			  const void *data, size_t len)
{
	struct cxl_leo_set_feature_hdr *hdr __free(kfree) = NULL;

	if (!feat->changeable || !len || len != feat->set_size)
		return -EOPNOTSUPP;
	hdr = kzalloc(sizeof(*hdr) + len, GFP_KERNEL);
	if (!hdr)
		return -ENOMEM;
	memcpy(hdr->uuid, feat->uuid, sizeof(hdr->uuid));
	put_unaligned_le32(CXL_LEO_SET_FEAT_FULL_TRANSFER | CXL_LEO_SET_FEAT_SAVED_ACROSS_RESET,
			   &hdr->flags);
	hdr->version = feat->set_version;
	memcpy(hdr + 1, data, len);
	return cxl_leo_cmd(s, CXL_LEO_OP_SET_FEATURE, hdr, sizeof(*hdr) + len, NULL, 0, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_feature_write);
