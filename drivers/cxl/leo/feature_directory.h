/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device's Features over the mailbox seam: its Supported Features list
 * (CXL r3.1 8.2.9.6.1), read a page at a time, and Set Feature (8.2.9.6.3).
 */
#ifndef CXL_LEO_FEATURE_DIRECTORY_H
#define CXL_LEO_FEATURE_DIRECTORY_H

#include <linux/types.h>
#include "cmd_sender.h"
#include "feature_parse.h"

int cxl_leo_features_read(const struct cxl_leo_cmd_sender *s, size_t payload_max,
			  struct cxl_leo_feature *out, unsigned int max, unsigned int *nr,
			  unsigned int *supported);

int cxl_leo_feature_write(const struct cxl_leo_cmd_sender *s, const struct cxl_leo_feature *feat,
			  const void *data, size_t len);

#endif /* CXL_LEO_FEATURE_DIRECTORY_H */
