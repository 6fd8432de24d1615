// SPDX-License-Identifier: GPL-2.0-only
/*
 * Acting on errors the core reports for cxl_leo devices.
 *
 * The core drains event logs, reads poison lists and handles AER, and emits
 * the standard cxl: tracepoints for each record; cxl_leo attaches probes to
 * those tracepoints instead of decoding the records a second time. For our
 * memdevs it counts RAS errors per status bit, counts lost event records,
 * and takes pages with uncorrectable errors or poison out of service
 * (memory_failure(), or soft offline for worn pages), rate-limited so an
 * error storm cannot become a log or migration storm.
 */
#include <linux/device.h>
#include <linux/ktime.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/rculist.h>
#include <linux/sysfs.h>
#include <linux/tracepoint.h>
#include <cxlmem.h>
#include <cxl.h>
/* Declarations only (no CREATE_TRACE_POINTS): the probes' types are checked below. */
#include <core/trace.h>
#include <linux/unaligned.h>
#include "cxl_leo.h"
#include "compat.h"
#include "media_errors.h"
#include "media_policy.h"
#include "ras_decode.h"

/* Page actions (and their log lines) admitted per second per device. */
#define OFFLINE_STORM_LIMIT	16
#define OFFLINE_PENDING_MAX	64
/* Pages examined for one poison record: a record may cover a long range. */
#define POISON_PAGES_MAX	512

static char *page_offline_policy = "uncorrectable";
module_param(page_offline_policy, charp, 0444);
MODULE_PARM_DESC(page_offline_policy,
		 "Initial per-device policy for bad pages in online memory: none, uncorrectable (default), all");

struct offline_request {
	unsigned long pfn;
	enum cxl_leo_page_action action;
};

struct cxl_leo_errors {
	struct list_head node;
	struct device *dev;
	const struct cxl_memdev *cxlmd;
	struct cxl_leo_ras_counts ras;
	atomic64_t media_uncorrectable;
	atomic64_t media_correctable;
	atomic64_t poison_records;
	atomic64_t events_lost;
	atomic64_t pages_offlined;
	atomic64_t pages_soft_offlined;
	atomic64_t offline_failed;
	atomic64_t offline_not_online;
	atomic64_t offline_suppressed;
	atomic64_t address_uncertain;
	enum cxl_leo_offline_policy policy;

	spinlock_t lock;	/* storm, pending, npending */
	struct cxl_leo_storm storm;
	struct offline_request pending[OFFLINE_PENDING_MAX];
	unsigned int npending;
	struct work_struct offline_work;
};

static LIST_HEAD(errors_list);
static DEFINE_MUTEX(errors_lock);	/* writers of errors_list */

static struct cxl_leo_errors *errors_find_memdev(const struct cxl_memdev *cxlmd)
{
	struct cxl_leo_errors *e;

	list_for_each_entry_rcu(e, &errors_list, node)
		if (e->cxlmd == cxlmd)
			return e;
	return NULL;
}

static void offline_work_fn(struct work_struct *work)
{
	struct cxl_leo_errors *e = container_of(work, struct cxl_leo_errors, offline_work);
	struct offline_request batch[OFFLINE_PENDING_MAX];
	unsigned int i, n;
	int rc;

	scoped_guard(spinlock_irqsave, &e->lock) {
		n = e->npending;
		memcpy(batch, e->pending, n * sizeof(batch[0]));
		e->npending = 0;
	}

	for (i = 0; i < n; i++) {
		unsigned long pfn = batch[i].pfn;
		struct page *page = pfn_to_online_page(pfn);

		if (!page) {
			atomic64_inc(&e->offline_not_online);
			continue;
		}
		/* Every poison-list read repeats old records: already out of service. */
		if (PageHWPoison(page))
			continue;
		if (batch[i].action == CXL_LEO_PAGE_SOFT_OFFLINE) {
			/* Migrates the contents; the memory-failure worker runs it. */
			memory_failure_queue(pfn, MF_SOFT_OFFLINE);
			atomic64_inc(&e->pages_soft_offlined);
			continue;
		}
		rc = memory_failure(pfn, 0);
		if (rc == 0 || rc == -EHWPOISON) {
			atomic64_inc(&e->pages_offlined);
		} else {
			atomic64_inc(&e->offline_failed);
			dev_warn_ratelimited(e->dev, "%s: could not offline pfn %#lx: %d\n",
					     dev_name(&e->cxlmd->dev), pfn, rc);
		}
	}
}

/* Called from tracepoint probes: atomic context. */
static void errors_queue_page(struct cxl_leo_errors *e, u64 hpa,
			      enum cxl_leo_page_action action, const char *why)
{
	unsigned long pfn = PHYS_PFN(hpa), flags;
	bool admitted, queued = false;
	unsigned int i;

	spin_lock_irqsave(&e->lock, flags);
	for (i = 0; i < e->npending; i++) {
		if (e->pending[i].pfn == pfn) {
			/* A hard offline wins over a soft one for the same page. */
			if (action == CXL_LEO_PAGE_HARD_OFFLINE)
				e->pending[i].action = action;
			spin_unlock_irqrestore(&e->lock, flags);
			return;
		}
	}
	admitted = cxl_leo_storm_admit(&e->storm, ktime_get_ns()) &&
		   e->npending < OFFLINE_PENDING_MAX;
	if (admitted) {
		e->pending[e->npending++] = (struct offline_request){ pfn, action };
		queued = true;
	}
	spin_unlock_irqrestore(&e->lock, flags);

	if (!queued) {
		atomic64_inc(&e->offline_suppressed);
		return;
	}
	dev_warn(e->dev, "%s: %s at HPA %#llx: %s page (policy %s)\n",
		 dev_name(&e->cxlmd->dev), why, hpa,
		 action == CXL_LEO_PAGE_HARD_OFFLINE ? "offlining" : "soft-offlining",
		 cxl_leo_offline_policy_name(READ_ONCE(e->policy)));
	schedule_work(&e->offline_work);
}

static void errors_media_event(const struct cxl_memdev *cxlmd,
			       enum cxl_leo_media_source source, u8 descriptor, u64 hpa)
{
	struct cxl_leo_media_event ev = { source, descriptor, hpa };
	enum cxl_leo_page_action action;
	struct cxl_leo_errors *e;
	const char *why;

	guard(rcu)();
	e = errors_find_memdev(cxlmd);
	if (!e)
		return;
	if (source == CXL_LEO_MEDIA_POISON_LIST)
		atomic64_inc(&e->poison_records);
	else if (descriptor & CXL_LEO_GMER_DESC_UNCORRECTABLE)
		atomic64_inc(&e->media_uncorrectable);
	else
		atomic64_inc(&e->media_correctable);

	action = cxl_leo_media_action(&ev, READ_ONCE(e->policy));
	if (action == CXL_LEO_PAGE_KEEP)
		return;
	if (source == CXL_LEO_MEDIA_POISON_LIST)
		why = "poison";
	else if (descriptor & CXL_LEO_GMER_DESC_UNCORRECTABLE)
		why = "uncorrectable media error";
	else
		why = "correctable errors over threshold";
	errors_queue_page(e, hpa, action, why);
}

/*
 * A record in a region whose host address cannot be established with the
 * core's arithmetic: counted and logged, and no page is touched, because
 * offlining a guess would take a healthy page and leave the bad one in use.
 */
static void errors_address_uncertain(const struct cxl_memdev *cxlmd, u64 dpa, int why)
{
	struct cxl_leo_errors *e;

	guard(rcu)();
	e = errors_find_memdev(cxlmd);
	if (!e)
		return;
	atomic64_inc(&e->address_uncertain);
	dev_warn_ratelimited(e->dev, "%s: DPA %#llx: no certain host address (%d): no page offlined\n",
			     dev_name(&cxlmd->dev), dpa, why);
}

/*
 * The core has translated the DPA of an event record already (with the root
 * decoder's translation and its bounds checks); ULLONG_MAX inside a region
 * means it could not, and the record must not move any page.
 */
static void media_record(const struct cxl_memdev *cxlmd, enum cxl_leo_media_source source,
			 struct cxl_region *cxlr, u64 hpa, const struct cxl_event_media_hdr *hdr)
{
	if (cxlr && hpa == ULLONG_MAX)
		errors_address_uncertain(cxlmd, le64_to_cpu(hdr->phys_addr) & CXL_DPA_MASK,
					 -ERANGE);
	errors_media_event(cxlmd, source, hdr->descriptor, hpa);
}

static CXL_LEO_COMPAT_GEN_MEDIA_PROBE(probe_general_media)
{
	cxl_leo_repair_note_error(cxlmd, le64_to_cpu(rec->media_hdr.phys_addr), 0, false);
	media_record(cxlmd, CXL_LEO_MEDIA_GENERAL_MEDIA, cxlr, hpa, &rec->media_hdr);
}

static CXL_LEO_COMPAT_DRAM_PROBE(probe_dram)
{
	/* DRAM Event Record validity flag bit 2: nibble mask (CXL r3.1 Table 8-46) */
	cxl_leo_repair_note_error(cxlmd, le64_to_cpu(rec->media_hdr.phys_addr),
				  get_unaligned_le24(rec->nibble_mask),
				  get_unaligned_le16(rec->media_hdr.validity_flags) & BIT(2));
	media_record(cxlmd, CXL_LEO_MEDIA_DRAM, cxlr, hpa, &rec->media_hdr);
}

/* The endpoint decoder of @cxlmd in @cxlr; the tracing caller holds cxl_region_rwsem. */
static struct cxl_endpoint_decoder *region_endpoint(struct cxl_region *cxlr,
						    const struct cxl_memdev *cxlmd)
{
	struct cxl_region_params *p = &cxlr->params;
	int i;

	for (i = 0; i < p->nr_targets; i++)
		if (p->targets[i] && cxled_to_memdev(p->targets[i]) == cxlmd)
			return p->targets[i];
	return NULL;
}

/* The root decoder's own translation (XOR windows); the caller holds cxl_region_rwsem. */
static u64 root_hpa_to_spa(void *ctx, u64 hpa)
{
	struct cxl_root_decoder *cxlrd = ctx;

	return cxl_leo_compat_root_hpa_to_spa(cxlrd)(cxlrd, hpa);
}

/* Where @cxled's DPA range lands in @cxlr, as the core would translate it. */
static void region_hpa_map(struct cxl_region *cxlr, struct cxl_endpoint_decoder *cxled,
			   struct cxl_leo_hpa_map *m)
{
	struct cxl_root_decoder *cxlrd = to_cxl_root_decoder(cxlr->dev.parent);
	struct cxl_region_params *p = &cxlr->params;

	*m = (struct cxl_leo_hpa_map) {
		.dpa_base = cxled->dpa_res->start,
		.dpa_size = resource_size(cxled->dpa_res),
		.region_start = p->res->start,
		.region_size = resource_size(p->res),
		.ways = p->interleave_ways,
		.granularity = p->interleave_granularity,
		.pos = cxled->pos,
	};
	if (cxlrd && cxl_leo_compat_root_hpa_to_spa(cxlrd)) {
		m->hpa_to_spa = root_hpa_to_spa;
		m->ctx = cxlrd;
	}
}

static void probe_poison(void *data, struct cxl_memdev *cxlmd, struct cxl_region *cxlr,
			 const struct cxl_poison_record *record, u8 flags,
			 __le64 overflow_ts, enum cxl_poison_trace_type trace_type)
{
	struct cxl_endpoint_decoder *cxled;
	struct cxl_leo_hpa_map map;
	u64 dpa, len, step, off, hpa, last_pfn = U64_MAX;
	unsigned int pages = 0;
	int rc;

	if (trace_type == CXL_POISON_TRACE_CLEAR)
		return;
	dpa = le64_to_cpu(record->address) & CXL_POISON_START_MASK;
	len = (u64)le32_to_cpu(record->length) * CXL_POISON_LEN_MULT;

	cxled = cxlr ? region_endpoint(cxlr, cxlmd) : NULL;
	if (!cxled || !cxled->dpa_res || !cxlr->params.res) {
		/* Not mapped by a region: count it, nothing to offline. */
		errors_media_event(cxlmd, CXL_LEO_MEDIA_POISON_LIST, 0, U64_MAX);
		return;
	}
	if (!cxl_leo_compat_region_plain_decode(cxlr)) {
		/* An arithmetic only the core has: report, touch nothing. */
		errors_address_uncertain(cxlmd, dpa, -EOPNOTSUPP);
		errors_media_event(cxlmd, CXL_LEO_MEDIA_POISON_LIST, 0, U64_MAX);
		return;
	}
	region_hpa_map(cxlr, cxled, &map);
	/* Walk the range in interleave granules: each may land on another page. */
	step = min_t(u64, map.granularity, PAGE_SIZE);
	for (off = 0; off < max_t(u64, len, 1) && pages < POISON_PAGES_MAX; off += step) {
		rc = cxl_leo_region_dpa_to_hpa(&map, dpa + off, &hpa);
		if (rc) {
			errors_address_uncertain(cxlmd, dpa + off, rc);
			break;
		}
		if (PHYS_PFN(hpa) == last_pfn)
			continue;
		last_pfn = PHYS_PFN(hpa);
		pages++;
		errors_media_event(cxlmd, CXL_LEO_MEDIA_POISON_LIST, 0, hpa);
	}
}

static void probe_overflow(void *data, const struct cxl_memdev *cxlmd,
			   enum cxl_event_log_type log, struct cxl_get_event_payload *payload)
{
	struct cxl_leo_errors *e;

	guard(rcu)();
	e = errors_find_memdev(cxlmd);
	if (e)
		atomic64_add(le16_to_cpu(payload->overflow_err_count), &e->events_lost);
}

static void ras_event(const struct cxl_memdev *cxlmd, bool uncorrectable, u32 status)
{
	struct cxl_leo_errors *e;

	guard(rcu)();
	e = errors_find_memdev(cxlmd);
	if (e)
		cxl_leo_ras_count(&e->ras, uncorrectable, status);
}

static void probe_aer_cor(void *data, const struct cxl_memdev *cxlmd, u32 status)
{
	ras_event(cxlmd, false, status);
}

static void probe_aer_uncor(void *data, const struct cxl_memdev *cxlmd, u32 status,
			    u32 fe, u32 *hl)
{
	ras_event(cxlmd, true, status);
}

/*
 * The probes are attached by name through tracepoint_probe_register(), which
 * takes any function: a core whose tracepoint arguments changed would call
 * them with the wrong arguments. The core's own header declares a typed
 * checker per tracepoint; with -Werror=incompatible-pointer-types (always on
 * in kernel builds) a mismatch is a build error against that source.
 */
static void __maybe_unused probes_match_core_tracepoints(void)
{
	check_trace_callback_type_cxl_general_media(probe_general_media);
	check_trace_callback_type_cxl_dram(probe_dram);
	check_trace_callback_type_cxl_poison(probe_poison);
	check_trace_callback_type_cxl_overflow(probe_overflow);
	check_trace_callback_type_cxl_aer_correctable_error(probe_aer_cor);
	check_trace_callback_type_cxl_aer_uncorrectable_error(probe_aer_uncor);
}

static struct errors_probe {
	const char *name;
	void *probe;
	struct tracepoint *tp;
} errors_probes[] = {
	{ "cxl_general_media", probe_general_media },
	{ "cxl_dram", probe_dram },
	{ "cxl_poison", probe_poison },
	{ "cxl_overflow", probe_overflow },
	{ "cxl_aer_correctable_error", probe_aer_cor },
	{ "cxl_aer_uncorrectable_error", probe_aer_uncor },
};

static void find_tracepoint(struct tracepoint *tp, void *unused)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(errors_probes); i++)
		if (!strcmp(tp->name, errors_probes[i].name))
			errors_probes[i].tp = tp;
}

/*
 * Attaching a probe patches the kernel's text twice per tracepoint (its
 * static call and its static key), each patch synchronising every CPU: 5-10
 * ms for the six in TCG on an idle host, far more on a loaded one, as long
 * as the rest of module init. Module init attaches them after registering
 * the driver (cxl_leo_errors_attach()), while the first (asynchronous)
 * probes bring their devices up on the other CPUs; a probe waits for it
 * only where it starts acting on errors (devm_cxl_leo_errors_add()).
 */
static DECLARE_COMPLETION(errors_attached);
static int errors_attach_rc = -ENODEV;

/**
 * cxl_leo_errors_init() - find the CXL core's error tracepoints
 *
 * The core is built into the kernel (CONFIG_CXL_BUS=y), so its tracepoints
 * are kernel tracepoints. A missing one means a core this driver was not
 * written for: refuse to load rather than silently not act on errors.
 *
 * Return: 0 or -ENOENT.
 */
int cxl_leo_errors_init(void)
{
	int i;

	for_each_kernel_tracepoint(find_tracepoint, NULL);
	for (i = 0; i < ARRAY_SIZE(errors_probes); i++) {
		if (!errors_probes[i].tp) {
			pr_err("cxl_leo: CXL core tracepoint %s not found\n",
			       errors_probes[i].name);
			return -ENOENT;
		}
	}
	return 0;
}

/**
 * cxl_leo_errors_attach() - attach the probes to the tracepoints found
 *
 * Called once, from module init after cxl_leo_errors_init(); probes waiting
 * in devm_cxl_leo_errors_add() go on (or fail) when it is done.
 *
 * Return: 0 or the errno of attaching.
 */
int cxl_leo_errors_attach(void)
{
	int i, rc = 0;

	for (i = 0; i < ARRAY_SIZE(errors_probes); i++) {
		rc = tracepoint_probe_register(errors_probes[i].tp, errors_probes[i].probe, NULL);
		if (rc)
			break;
	}
	if (rc) {
		while (--i >= 0)
			tracepoint_probe_unregister(errors_probes[i].tp, errors_probes[i].probe,
						    NULL);
		tracepoint_synchronize_unregister();
	}
	errors_attach_rc = rc;
	complete_all(&errors_attached);
	return rc;
}

/**
 * cxl_leo_errors_exit() - detach from the tracepoints at module unload
 */
void cxl_leo_errors_exit(void)
{
	int i;

	if (errors_attach_rc)
		return;
	for (i = 0; i < ARRAY_SIZE(errors_probes); i++)
		tracepoint_probe_unregister(errors_probes[i].tp, errors_probes[i].probe, NULL);
	tracepoint_synchronize_unregister();
}

static void errors_remove(void *data)
{
	struct cxl_leo_errors *e = data;

	scoped_guard(mutex, &errors_lock)
		list_del_rcu(&e->node);
	synchronize_rcu();
	cancel_work_sync(&e->offline_work);
	kfree(e);
}

/**
 * devm_cxl_leo_errors_add() - start acting on errors of a registered memdev
 * @dev: the PCI device (owner of the devm action)
 * @cxlmd: its memdev
 *
 * Context: sleeps until the module's tracepoint probes are attached.
 * Return: 0, or a negative errno (that of attaching them, if it failed).
 */
int devm_cxl_leo_errors_add(struct device *dev, const struct cxl_memdev *cxlmd)
{
	struct cxl_leo_errors *e;

	/* Records drained from here on must reach the probes. */
	wait_for_completion(&errors_attached);
	if (errors_attach_rc)
		return errors_attach_rc;
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->dev = dev;
	e->cxlmd = cxlmd;
	spin_lock_init(&e->lock);
	INIT_WORK(&e->offline_work, offline_work_fn);
	cxl_leo_storm_init(&e->storm, NSEC_PER_SEC, OFFLINE_STORM_LIMIT);
	if (cxl_leo_offline_policy_parse(page_offline_policy, &e->policy)) {
		dev_warn(dev, "page_offline_policy=%s is not none|uncorrectable|all; using uncorrectable\n",
			 page_offline_policy);
		e->policy = CXL_LEO_OFFLINE_UNCORRECTABLE;
	}
	scoped_guard(mutex, &errors_lock)
		list_add_tail_rcu(&e->node, &errors_list);
	return devm_add_action_or_reset(dev, errors_remove, e);
}

/* sysfs: the "ras" group on the PCI device (Documentation/ABI/testing/sysfs-driver-cxl-leo-ras) */

static struct cxl_leo_errors *errors_find_dev(struct device *dev)
{
	struct cxl_leo_errors *e;

	list_for_each_entry_rcu(e, &errors_list, node)
		if (e->dev == dev)
			return e;
	return NULL;
}

struct errors_attr {
	struct device_attribute attr;
	size_t offset;		/* of an atomic64_t in struct cxl_leo_errors */
};

static ssize_t counter_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct errors_attr *ea = container_of(attr, struct errors_attr, attr);
	struct cxl_leo_errors *e;

	guard(rcu)();
	e = errors_find_dev(dev);
	if (!e)
		return -ENODEV;
	return sysfs_emit(buf, "%lld\n", atomic64_read((atomic64_t *)((void *)e + ea->offset)));
}

#define ERRORS_COUNTER(_name, _field)						\
	static struct errors_attr errors_attr_##_name = {			\
		.attr = __ATTR(_name, 0444, counter_show, NULL),		\
		.offset = offsetof(struct cxl_leo_errors, _field),		\
	}

ERRORS_COUNTER(correctable_errors, ras.cor_total);
ERRORS_COUNTER(uncorrectable_errors, ras.uncor_total);
ERRORS_COUNTER(media_uncorrectable_events, media_uncorrectable);
ERRORS_COUNTER(media_correctable_events, media_correctable);
ERRORS_COUNTER(poison_records, poison_records);
ERRORS_COUNTER(events_lost, events_lost);
ERRORS_COUNTER(pages_offlined, pages_offlined);
ERRORS_COUNTER(pages_soft_offlined, pages_soft_offlined);
ERRORS_COUNTER(offline_failed, offline_failed);
ERRORS_COUNTER(offline_not_online, offline_not_online);
ERRORS_COUNTER(offline_suppressed, offline_suppressed);
ERRORS_COUNTER(address_uncertain, address_uncertain);

#define RAS_BIT_COUNTER(_kind, _name, _bit)					\
	ERRORS_COUNTER(_kind##_##_name, ras._kind[_bit])

/* Names match cxl_leo_ras_bit_name(); KUnit checks the table, this the ABI. */
RAS_BIT_COUNTER(cor, cache_data_ecc, 0);
RAS_BIT_COUNTER(cor, mem_data_ecc, 1);
RAS_BIT_COUNTER(cor, crc_threshold, 2);
RAS_BIT_COUNTER(cor, retry_threshold, 3);
RAS_BIT_COUNTER(cor, cache_poison_received, 4);
RAS_BIT_COUNTER(cor, mem_poison_received, 5);
RAS_BIT_COUNTER(cor, physical_layer_error, 6);
RAS_BIT_COUNTER(uncor, cache_data_parity, 0);
RAS_BIT_COUNTER(uncor, cache_address_parity, 1);
RAS_BIT_COUNTER(uncor, cache_be_parity, 2);
RAS_BIT_COUNTER(uncor, cache_data_ecc, 3);
RAS_BIT_COUNTER(uncor, mem_data_parity, 4);
RAS_BIT_COUNTER(uncor, mem_address_parity, 5);
RAS_BIT_COUNTER(uncor, mem_be_parity, 6);
RAS_BIT_COUNTER(uncor, mem_data_ecc, 7);
RAS_BIT_COUNTER(uncor, reinit_threshold, 8);
RAS_BIT_COUNTER(uncor, rsvd_encoding_violation, 9);
RAS_BIT_COUNTER(uncor, poison_received, 10);
RAS_BIT_COUNTER(uncor, receiver_overflow, 11);
RAS_BIT_COUNTER(uncor, internal_error, 14);
RAS_BIT_COUNTER(uncor, cxl_ide_tx_error, 15);
RAS_BIT_COUNTER(uncor, cxl_ide_rx_error, 16);

static ssize_t page_offline_policy_show(struct device *dev, struct device_attribute *attr,
					char *buf)
{
	struct cxl_leo_errors *e;

	guard(rcu)();
	e = errors_find_dev(dev);
	if (!e)
		return -ENODEV;
	return sysfs_emit(buf, "%s\n", cxl_leo_offline_policy_name(READ_ONCE(e->policy)));
}

static ssize_t page_offline_policy_store(struct device *dev, struct device_attribute *attr,
					 const char *buf, size_t len)
{
	enum cxl_leo_offline_policy policy;
	struct cxl_leo_errors *e;
	int rc = cxl_leo_may_change(dev, attr);

	if (rc)
		return rc;
	if (cxl_leo_offline_policy_parse(buf, &policy)) {
		dev_info_ratelimited(dev, "page_offline_policy: expected none, uncorrectable or all\n");
		return -EINVAL;
	}
	guard(rcu)();
	e = errors_find_dev(dev);
	if (!e)
		return -ENODEV;
	WRITE_ONCE(e->policy, policy);
	return len;
}
static DEVICE_ATTR_RW(page_offline_policy);

static struct attribute *cxl_leo_ras_attrs[] = {
	&errors_attr_correctable_errors.attr.attr,
	&errors_attr_uncorrectable_errors.attr.attr,
	&errors_attr_media_uncorrectable_events.attr.attr,
	&errors_attr_media_correctable_events.attr.attr,
	&errors_attr_poison_records.attr.attr,
	&errors_attr_events_lost.attr.attr,
	&errors_attr_pages_offlined.attr.attr,
	&errors_attr_pages_soft_offlined.attr.attr,
	&errors_attr_offline_failed.attr.attr,
	&errors_attr_offline_not_online.attr.attr,
	&errors_attr_offline_suppressed.attr.attr,
	&errors_attr_address_uncertain.attr.attr,
	&errors_attr_cor_cache_data_ecc.attr.attr,
	&errors_attr_cor_mem_data_ecc.attr.attr,
	&errors_attr_cor_crc_threshold.attr.attr,
	&errors_attr_cor_retry_threshold.attr.attr,
	&errors_attr_cor_cache_poison_received.attr.attr,
	&errors_attr_cor_mem_poison_received.attr.attr,
	&errors_attr_cor_physical_layer_error.attr.attr,
	&errors_attr_uncor_cache_data_parity.attr.attr,
	&errors_attr_uncor_cache_address_parity.attr.attr,
	&errors_attr_uncor_cache_be_parity.attr.attr,
	&errors_attr_uncor_cache_data_ecc.attr.attr,
	&errors_attr_uncor_mem_data_parity.attr.attr,
	&errors_attr_uncor_mem_address_parity.attr.attr,
	&errors_attr_uncor_mem_be_parity.attr.attr,
	&errors_attr_uncor_mem_data_ecc.attr.attr,
	&errors_attr_uncor_reinit_threshold.attr.attr,
	&errors_attr_uncor_rsvd_encoding_violation.attr.attr,
	&errors_attr_uncor_poison_received.attr.attr,
	&errors_attr_uncor_receiver_overflow.attr.attr,
	&errors_attr_uncor_internal_error.attr.attr,
	&errors_attr_uncor_cxl_ide_tx_error.attr.attr,
	&errors_attr_uncor_cxl_ide_rx_error.attr.attr,
	&dev_attr_page_offline_policy.attr,
	NULL
};

const struct attribute_group cxl_leo_ras_group = {
	.name = "ras",
	.attrs = cxl_leo_ras_attrs,
};
