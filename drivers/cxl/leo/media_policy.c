// SPDX-License-Identifier: GPL-2.0-only
/*
 * Deciding what to do about a media error: which pages to take offline and
 * how, how much to do during an error storm, and where a device address
 * lands in host physical memory.
 */
#include <linux/array_size.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <kunit/visibility.h>
#include "media_policy.h"

/**
 * cxl_leo_media_action() - what to do with the page holding a media error
 * @ev: the error
 * @policy: the device's offline policy
 *
 * Uncorrectable errors and poison mean the data is gone: the page is
 * hard-offlined so nothing reads it again. A correctable error that crossed
 * the device's threshold means the cells are wearing out: the page is
 * soft-offlined (its contents migrate) under the "all" policy. Errors
 * outside any region's HPA range touch no online memory.
 *
 * Return: the page action.
 */
enum cxl_leo_page_action cxl_leo_media_action(const struct cxl_leo_media_event *ev,
					      enum cxl_leo_offline_policy policy)
{
	bool uncorrectable;

	if (policy == CXL_LEO_OFFLINE_NONE || ev->hpa == U64_MAX)
		return CXL_LEO_PAGE_KEEP;

	uncorrectable = ev->source == CXL_LEO_MEDIA_POISON_LIST ||
			(ev->descriptor & CXL_LEO_GMER_DESC_UNCORRECTABLE);
	if (uncorrectable)
		return CXL_LEO_PAGE_HARD_OFFLINE;
	if (policy == CXL_LEO_OFFLINE_ALL && (ev->descriptor & CXL_LEO_GMER_DESC_THRESHOLD))
		return CXL_LEO_PAGE_SOFT_OFFLINE;
	return CXL_LEO_PAGE_KEEP;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_media_action);

static const char * const offline_policy_names[] = {
	[CXL_LEO_OFFLINE_NONE] = "none",
	[CXL_LEO_OFFLINE_UNCORRECTABLE] = "uncorrectable",
	[CXL_LEO_OFFLINE_ALL] = "all",
};

/**
 * cxl_leo_offline_policy_parse() - parse a policy name written to sysfs
 * @buf: "none", "uncorrectable" or "all", optionally newline-terminated
 * @policy: result
 *
 * Return: 0, or -EINVAL for anything else (@policy untouched).
 */
int cxl_leo_offline_policy_parse(const char *buf, enum cxl_leo_offline_policy *policy)
{
	int i = sysfs_match_string(offline_policy_names, buf);

	if (i < 0)
		return -EINVAL;
	*policy = i;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_offline_policy_parse);

/**
 * cxl_leo_offline_policy_name() - policy name for sysfs
 * @policy: the policy
 *
 * Return: a static string, "invalid" outside the enum.
 */
const char *cxl_leo_offline_policy_name(enum cxl_leo_offline_policy policy)
{
	if (policy < 0 || policy >= ARRAY_SIZE(offline_policy_names))
		return "invalid";
	return offline_policy_names[policy];
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_offline_policy_name);

/**
 * cxl_leo_storm_init() - set up an error-storm limiter
 * @storm: the limiter
 * @window_ns: window length
 * @limit: actions admitted per window
 */
void cxl_leo_storm_init(struct cxl_leo_storm *storm, u64 window_ns, u32 limit)
{
	memset(storm, 0, sizeof(*storm));
	storm->window_ns = window_ns;
	storm->limit = limit;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_storm_init);

/**
 * cxl_leo_storm_admit() - may one more action run now?
 * @storm: the limiter (caller serialises)
 * @now_ns: monotonic time
 *
 * A storm of correctable errors must not turn into a storm of log lines and
 * page migrations; the refused actions are counted, never silently lost.
 *
 * Return: true if the action is admitted.
 */
bool cxl_leo_storm_admit(struct cxl_leo_storm *storm, u64 now_ns)
{
	if (now_ns - storm->window_start >= storm->window_ns || now_ns < storm->window_start) {
		storm->window_start = now_ns;
		storm->admitted = 0;
	}
	if (storm->admitted < storm->limit) {
		storm->admitted++;
		return true;
	}
	storm->suppressed++;
	return false;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_storm_admit);

/**
 * cxl_leo_dpa_to_hpa() - host physical address of a device address in a region
 * @dpa: device physical address
 * @dpa_base: start of the endpoint decoder's DPA range
 * @dpa_size: size of that range
 * @hpa_base: start of the region's HPA range
 * @ways: region interleave ways (1, 2, 4, 8, 16, 3, 6, 12)
 * @granularity: interleave granularity in bytes (256 .. 16K, power of 2)
 * @pos: the endpoint's position in the region (0 .. ways - 1)
 * @hpa: result
 *
 * Modulo interleave (CXL r3.1 8.2.4.20.13): consecutive granules of the
 * region go to consecutive positions, so granule n of this device is
 * granule n * ways + pos of the region.
 *
 * Return: 0, -ERANGE if @dpa is outside the decoder, -EINVAL for an
 * impossible interleave.
 */
int cxl_leo_dpa_to_hpa(u64 dpa, u64 dpa_base, u64 dpa_size, u64 hpa_base,
		       unsigned int ways, unsigned int granularity, unsigned int pos,
		       u64 *hpa)
{
	u64 offset, granule, within;

	switch (ways) {
	case 1: case 2: case 4: case 8: case 16: case 3: case 6: case 12:
		break;
	default:
		return -EINVAL;
	}
	if (granularity < 256 || granularity > SZ_16K || !is_power_of_2(granularity) ||
	    pos >= ways)
		return -EINVAL;
	if (dpa < dpa_base || dpa - dpa_base >= dpa_size)
		return -ERANGE;

	offset = dpa - dpa_base;
	granule = div64_u64(offset, granularity);
	within = offset & (granularity - 1);
	*hpa = hpa_base + (granule * ways + pos) * granularity + within;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_dpa_to_hpa);

/* Does @hpa fall in one of @pos's granules? Only meaningful for modulo decode. */
static bool hpa_in_position_granule(const struct cxl_leo_hpa_map *m, u64 hpa)
{
	u64 set = (u64)m->granularity * m->ways;
	u64 within_set;

	div64_u64_rem(hpa - m->region_start, set, &within_set);
	return div64_u64(within_set, m->granularity) == m->pos;
}

/**
 * cxl_leo_region_dpa_to_hpa() - where a device address is in host memory
 * @m: the endpoint's place in the region
 * @dpa: device physical address
 * @hpa: result, written only on success
 *
 * The same steps as the core's own DPA->HPA translation for trace records:
 * modulo placement (CXL r3.1 8.2.4.20.13), then the root decoder's
 * translation when the window has one (XOR interleave, CXL r3.1 9.18.1.3),
 * then the result must lie in the region and, for modulo windows, in one of
 * this position's granules. Anything that fails a step is not an address
 * to act on: the caller reports the record and touches no page.
 *
 * Return: 0; -ERANGE if @dpa is outside the decoder or the result outside
 * the region; -EADDRNOTAVAIL if the result is in another position's
 * granule; -EINVAL for an impossible interleave.
 */
int cxl_leo_region_dpa_to_hpa(const struct cxl_leo_hpa_map *m, u64 dpa, u64 *hpa)
{
	u64 addr;
	int rc;

	rc = cxl_leo_dpa_to_hpa(dpa, m->dpa_base, m->dpa_size, m->region_start, m->ways,
				m->granularity, m->pos, &addr);
	if (rc)
		return rc;
	if (m->hpa_to_spa)
		addr = m->hpa_to_spa(m->ctx, addr);
	if (addr < m->region_start || addr - m->region_start >= m->region_size)
		return -ERANGE;
	if (!m->hpa_to_spa && !hpa_in_position_granule(m, addr))
		return -EADDRNOTAVAIL;
	*hpa = addr;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_region_dpa_to_hpa);
