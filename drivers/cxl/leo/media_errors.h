/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CXL_LEO_MEDIA_ERRORS_H
#define CXL_LEO_MEDIA_ERRORS_H

struct cxl_memdev;
struct device;
struct attribute_group;

int cxl_leo_errors_init(void);
int cxl_leo_errors_attach(void);
void cxl_leo_errors_exit(void);
int devm_cxl_leo_errors_add(struct device *dev, const struct cxl_memdev *cxlmd);

extern const struct attribute_group cxl_leo_ras_group;

#endif /* CXL_LEO_MEDIA_ERRORS_H */
