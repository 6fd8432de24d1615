/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CXL_LEO_MEDIA_POLICY_H
#define CXL_LEO_MEDIA_POLICY_H

#include <linux/types.h>

/* Memory Event Descriptor bits, General Media / DRAM records (CXL r3.1 Table 8-45) */
#define CXL_LEO_GMER_DESC_UNCORRECTABLE		BIT(0)
#define CXL_LEO_GMER_DESC_THRESHOLD		BIT(1)
#define CXL_LEO_GMER_DESC_POISON_OVERFLOW	BIT(2)

/**
 * enum cxl_leo_offline_policy - what cxl_leo does with a bad page in online memory
 * @CXL_LEO_OFFLINE_NONE: report only
 * @CXL_LEO_OFFLINE_UNCORRECTABLE: hard-offline pages with uncorrectable
 *	errors or poison (memory_failure(); the data is already lost)
 * @CXL_LEO_OFFLINE_ALL: also soft-offline pages whose correctable errors
 *	crossed the device's threshold (data migrated while still good)
 */
enum cxl_leo_offline_policy {
	CXL_LEO_OFFLINE_NONE,
	CXL_LEO_OFFLINE_UNCORRECTABLE,
	CXL_LEO_OFFLINE_ALL,
};

enum cxl_leo_page_action {
	CXL_LEO_PAGE_KEEP,
	CXL_LEO_PAGE_SOFT_OFFLINE,
	CXL_LEO_PAGE_HARD_OFFLINE,
};

enum cxl_leo_media_source {
	CXL_LEO_MEDIA_GENERAL_MEDIA,
	CXL_LEO_MEDIA_DRAM,
	CXL_LEO_MEDIA_POISON_LIST,
};

/**
 * struct cxl_leo_media_event - the fields of a media error that drive policy
 * @source: which record reported it
 * @descriptor: Memory Event Descriptor (event records only)
 * @hpa: host physical address, or U64_MAX when not mapped by a region
 */
struct cxl_leo_media_event {
	enum cxl_leo_media_source source;
	u8 descriptor;
	u64 hpa;
};

enum cxl_leo_page_action cxl_leo_media_action(const struct cxl_leo_media_event *ev,
					      enum cxl_leo_offline_policy policy);
int cxl_leo_offline_policy_parse(const char *buf, enum cxl_leo_offline_policy *policy);
const char *cxl_leo_offline_policy_name(enum cxl_leo_offline_policy policy);

/**
 * struct cxl_leo_storm - admits at most @limit actions per @window_ns
 * @window_ns: length of a window
 * @limit: actions admitted per window
 * @window_start: start of the current window
 * @admitted: actions admitted in the current window
 * @suppressed: actions refused since creation
 */
struct cxl_leo_storm {
	u64 window_ns;
	u32 limit;
	u64 window_start;
	u32 admitted;
	u64 suppressed;
};

void cxl_leo_storm_init(struct cxl_leo_storm *storm, u64 window_ns, u32 limit);
bool cxl_leo_storm_admit(struct cxl_leo_storm *storm, u64 now_ns);

int cxl_leo_dpa_to_hpa(u64 dpa, u64 dpa_base, u64 dpa_size, u64 hpa_base,
		       unsigned int ways, unsigned int granularity, unsigned int pos,
		       u64 *hpa);

/**
 * struct cxl_leo_hpa_map - how one endpoint's DPA range lands in a region
 * @dpa_base: start of the endpoint decoder's DPA range
 * @dpa_size: size of that range
 * @region_start: start of the region's HPA range
 * @region_size: size of the region
 * @ways: region interleave ways
 * @granularity: region interleave granularity in bytes
 * @pos: the endpoint's position in the region
 * @hpa_to_spa: the root decoder's translation of a modulo-decoded address
 *	(XOR interleave windows), NULL for plain modulo windows
 * @ctx: argument for @hpa_to_spa (the root decoder)
 */
struct cxl_leo_hpa_map {
	u64 dpa_base;
	u64 dpa_size;
	u64 region_start;
	u64 region_size;
	unsigned int ways;
	unsigned int granularity;
	unsigned int pos;
	u64 (*hpa_to_spa)(void *ctx, u64 hpa);
	void *ctx;
};

int cxl_leo_region_dpa_to_hpa(const struct cxl_leo_hpa_map *m, u64 dpa, u64 *hpa);

#endif /* CXL_LEO_MEDIA_POLICY_H */
