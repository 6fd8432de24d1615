/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one place where cxl_leo's source differs between the kernels it
 * supports: Debian's Linux 6.12 (Debian 12 and 13) and Debian 13 backports'
 * Linux 7.3.4. Every other file calls the cxl_leo_compat_*() helpers below
 * instead of the core API that changed, so the concern files carry no
 * version tests. tools/build/check-kernel.sh refuses any other kernel, so
 * the two branches here are the only two that are ever compiled.
 *
 * What moved between the two cores, as met by this driver:
 * - enum cxl_regloc_type lives in <cxl/pci.h> (7.x);
 * - symbol namespaces are strings (MODULE_IMPORT_NS("CXL"), 6.13): the
 *   core's here, the KUnit one in compat_ns.h (the suites have no core);
 * - cxl_memdev_state_create() takes the serial number and the device DVSEC
 *   (7.x), and the DVSEC ID is PCI_DVSEC_CXL_DEVICE;
 * - cxl_dev_state.regs holds only the device registers (7.x): the RAS
 *   capability belongs to the endpoint port, which maps it when cxl_mem
 *   attaches the memdev (the AER rework);
 * - DPA partitions: cxl_mem_create_range_info() became
 *   cxl_mem_dpa_fetch() + cxl_dpa_setup() with struct cxl_dpa_info (6.14);
 * - devm_cxl_add_memdev(host, cxlds) became devm_cxl_add_classdev(cxlds),
 *   exported by cxl_mem rather than cxl_core;
 * - the cxl_general_media and cxl_dram tracepoints gained an HPA-alias
 *   argument (extended linear cache, 6.15), which probes must accept;
 * - the root decoder's HPA -> SPA translation moved into cxlrd->ops, and
 *   the core's DPA -> HPA gave up on two more kinds of region: normalized
 *   addressing and 3/6/12-way host-bridge interleaves not aligned to
 *   ways * 256 MiB (another arithmetic, private to the core);
 * - the EDAC RAS controls (6.15): cxl_mem registers cxl_memN on the EDAC
 *   bus when the core is built with CONFIG_CXL_EDAC_MEM_FEATURES and the
 *   memdev has the core's Features state; cxl_leo then registers none
 *   (cxl_leo_compat_edac_ours()). Neither Debian build does.
 */
#ifndef CXL_LEO_COMPAT_H
#define CXL_LEO_COMPAT_H

#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <cxlmem.h>
#include <cxlpci.h>
#include <cxl.h>

/*
 * The branch is chosen by what the core's headers define rather than by
 * version number: CXL_NR_PARTITIONS_MAX comes with the DPA-partition API
 * (<cxl/cxl.h>, 6.14 onwards), which only the 7.3 core of the supported two has.
 */
#ifdef CXL_NR_PARTITIONS_MAX

/* The register-locator IDs moved to a public header. */
#include <cxl/pci.h>
#include <cxl/features.h>

#define CXL_LEO_CORE_NS		"CXL"
#define CXL_LEO_DVSEC_DEVICE	PCI_DVSEC_CXL_DEVICE

static inline struct cxl_memdev_state *
cxl_leo_compat_memdev_state_create(struct pci_dev *pdev, u16 dvsec)
{
	return cxl_memdev_state_create(&pdev->dev, pci_get_dsn(pdev), dvsec);
}

static inline struct cxl_device_regs *cxl_leo_compat_device_regs(struct cxl_dev_state *cxlds)
{
	return &cxlds->regs;
}

/*
 * The endpoint port maps the RAS capability when cxl_mem attaches the
 * memdev (cxl_port's endpoint probe); a second mapping here would make its
 * request fail and leave cxl_error_detected() without registers.
 */
static inline int cxl_leo_compat_map_ras(struct cxl_dev_state *cxlds)
{
	return 0;
}

/*
 * The RAS capability as the endpoint port mapped it; NULL until cxl_mem has
 * attached the memdev. The caller holds the memdev's device lock, which
 * keeps the endpoint (and the mapping) from going away. 7.3's endpoint probe
 * means to unmask the RAS reporting itself but skips endpoints (their
 * uport is the memdev, not a PCI device), so the driver still does it.
 */
static inline void __iomem *cxl_leo_compat_ras_regs(struct cxl_dev_state *cxlds)
{
	struct cxl_memdev *cxlmd = cxlds->cxlmd;

	device_lock_assert(&cxlmd->dev);
	if (!cxlmd->dev.driver || !cxlmd->endpoint)
		return NULL;
	return cxlmd->endpoint->regs.ras;
}

static inline int cxl_leo_compat_dpa_setup(struct cxl_memdev_state *mds)
{
	struct cxl_dpa_info info = { 0 };
	int rc;

	rc = cxl_mem_dpa_fetch(mds, &info);
	if (rc)
		return rc;
	return cxl_dpa_setup(&mds->cxlds, &info);
}

static inline struct cxl_memdev *cxl_leo_compat_add_memdev(struct device *host,
							   struct cxl_dev_state *cxlds)
{
	return devm_cxl_add_classdev(cxlds);
}

/*
 * A tracepoint probe must take exactly the tracepoint's arguments (nothing
 * checks them: the core's tracepoints are found by name). 7.x's
 * cxl_general_media and cxl_dram pass the HPA's alias in an extended linear
 * cache before the record.
 */
#define CXL_LEO_COMPAT_GEN_MEDIA_PROBE(name)						\
	void name(void *data, const struct cxl_memdev *cxlmd,				\
		  enum cxl_event_log_type log, struct cxl_region *cxlr, u64 hpa,	\
		  u64 hpa_alias0, struct cxl_event_gen_media *rec)
#define CXL_LEO_COMPAT_DRAM_PROBE(name)						\
	void name(void *data, const struct cxl_memdev *cxlmd,				\
		  enum cxl_event_log_type log, struct cxl_region *cxlr, u64 hpa,	\
		  u64 hpa_alias0, struct cxl_event_dram *rec)

static inline u64 (*cxl_leo_compat_root_hpa_to_spa(struct cxl_root_decoder *cxlrd))
	(struct cxl_root_decoder *, u64)
{
	return cxlrd->ops.hpa_to_spa;
}

/* Regions whose DPA -> HPA is modulo placement plus the root's translation. */
static inline bool cxl_leo_compat_region_plain_decode(struct cxl_region *cxlr)
{
	struct cxl_root_decoder *cxlrd = to_cxl_root_decoder(cxlr->dev.parent);
	unsigned int hbiw = cxlrd->cxlsd.cxld.interleave_ways;
	u64 rem = 0;

	if (test_bit(CXL_REGION_F_NORMALIZED_ADDRESSING, &cxlr->flags))
		return false;
	if (!is_power_of_2(hbiw))
		div64_u64_rem(cxlr->params.res->start, (u64)hbiw * SZ_256M, &rem);
	return !rem;
}

/*
 * Whether cxl_leo registers the memdev's cxl_memN on the EDAC bus
 * (edac.c). Not where the core's cxl_mem registers its own: built with the
 * EDAC memory features (CONFIG_CXL_EDAC_MEM_FEATURES) it does so for a
 * memdev with the core's Features state, which its controls read, and a
 * second device of that name would collide. Without CONFIG_EDAC, no bus.
 */
static inline bool cxl_leo_compat_edac_ours(struct cxl_dev_state *cxlds)
{
	if (IS_ENABLED(CONFIG_CXL_EDAC_MEM_FEATURES) && to_cxlfs(cxlds))
		return false;
	return IS_ENABLED(CONFIG_EDAC);
}

#else /* the Linux 6.12 core */

#define CXL_LEO_CORE_NS		CXL
#define CXL_LEO_DVSEC_DEVICE	CXL_DVSEC_PCIE_DEVICE

static inline struct cxl_memdev_state *
cxl_leo_compat_memdev_state_create(struct pci_dev *pdev, u16 dvsec)
{
	struct cxl_memdev_state *mds = cxl_memdev_state_create(&pdev->dev);

	if (!IS_ERR(mds)) {
		mds->cxlds.serial = pci_get_dsn(pdev);
		mds->cxlds.cxl_dvsec = dvsec;
	}
	return mds;
}

static inline struct cxl_device_regs *cxl_leo_compat_device_regs(struct cxl_dev_state *cxlds)
{
	return &cxlds->regs.device_regs;
}

/* 6.12's core leaves the memdev's RAS capability to the PCI driver. */
static inline int cxl_leo_compat_map_ras(struct cxl_dev_state *cxlds)
{
	return cxl_map_component_regs(&cxlds->reg_map, &cxlds->regs.component,
				      BIT(CXL_CM_CAP_CAP_ID_RAS));
}

static inline void __iomem *cxl_leo_compat_ras_regs(struct cxl_dev_state *cxlds)
{
	return cxlds->regs.ras;
}

static inline int cxl_leo_compat_dpa_setup(struct cxl_memdev_state *mds)
{
	return cxl_mem_create_range_info(mds);
}

static inline struct cxl_memdev *cxl_leo_compat_add_memdev(struct device *host,
							   struct cxl_dev_state *cxlds)
{
	return devm_cxl_add_memdev(host, cxlds);
}

/* See the 7.x definition: 6.12's media tracepoints have no HPA alias. */
#define CXL_LEO_COMPAT_GEN_MEDIA_PROBE(name)						\
	void name(void *data, const struct cxl_memdev *cxlmd,				\
		  enum cxl_event_log_type log, struct cxl_region *cxlr, u64 hpa,	\
		  struct cxl_event_gen_media *rec)
#define CXL_LEO_COMPAT_DRAM_PROBE(name)						\
	void name(void *data, const struct cxl_memdev *cxlmd,				\
		  enum cxl_event_log_type log, struct cxl_region *cxlr, u64 hpa,	\
		  struct cxl_event_dram *rec)

static inline cxl_hpa_to_spa_fn cxl_leo_compat_root_hpa_to_spa(struct cxl_root_decoder *cxlrd)
{
	return cxlrd->hpa_to_spa;
}

/* 6.12's core translates every region with modulo placement (+ the root's). */
static inline bool cxl_leo_compat_region_plain_decode(struct cxl_region *cxlr)
{
	return true;
}

/* 6.12's core has no EDAC RAS controls: cxl_leo registers cxl_memN. */
static inline bool cxl_leo_compat_edac_ours(struct cxl_dev_state *cxlds)
{
	return IS_ENABLED(CONFIG_EDAC);
}

#endif /* CXL_NR_PARTITIONS_MAX */

#endif /* CXL_LEO_COMPAT_H */
