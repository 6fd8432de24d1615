// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keeping cxl_leo loaded while its memory is online.
 *
 * Tearing a memdev down under online memory resets the HDM decoders behind
 * that memory: kmem cannot remove it (it was never offlined) and every read
 * of it afterwards returns whatever the bus answers, not the data. So
 * cxl_leo offers no sysfs unbind, and holds a module reference while any
 * memory block decoded by one of its devices is online: "rmmod cxl_leo"
 * then fails with "in use" until that memory is offlined (cxl-leo offline,
 * daxctl offline-memory, cxl disable-region).
 *
 * What a device decodes is read from the device itself: the HDM decoder
 * registers it commits (CXL r3.1 8.2.4.20), not the core's endpoint port,
 * decoder and DPA objects. Those are protected by cxl_region_rwsem and
 * cxl_dpa_rwsem, which the core does not export, and by the endpoint's
 * lifetime, which the core ends under locks a memory notifier cannot take:
 * memory comes online nested inside cxl_mem's probe of this very memdev
 * (decoders committed by firmware, region auto-assembled, kmem onlining),
 * with the memdev's device lock held. The registers exist from the moment
 * the device is mapped, so the guard is in place before the memdev is
 * registered, firmware-committed decoders included, and reading them needs
 * no lock and cannot touch freed memory. The core owns (has requested) the
 * register block; the guard only maps it to read.
 *
 * Which blocks were counted is recorded per device, so going offline is
 * matched against the record, not against decoders that may have been reset
 * meanwhile, and a device that goes away (PCI hot-remove) with blocks online
 * drops its module reference instead of pinning the module forever.
 *
 * All of it is serialized by one mutex, which the memory notifier takes
 * under the memory hotplug lock; nothing holding the mutex waits for the
 * hotplug lock or a device lock. A block's sections are marked online
 * before MEM_ONLINE is sent and offline before MEM_OFFLINE, so a walk of
 * the online blocks under the mutex, followed by the notifications still
 * waiting for it, leaves the record exact.
 */
#include <linux/bitfield.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/math64.h>
#include <linux/memory.h>
#include <linux/memory_hotplug.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/pfn.h>
#include <linux/range.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <cxlmem.h>
#include <cxl.h>
#include "cxl_leo.h"

struct guarded_dev {
	struct list_head node;
	struct device *dev;
	struct cxl_dev_state *cxlds;
	void __iomem *hdm;		/* HDM decoder capability, read only */
	int nr_decoders;
	struct xarray online;		/* ids of the memory blocks counted online */
	unsigned long nr_online;	/* holds a module reference while > 0 */
};

static LIST_HEAD(guarded);
static DEFINE_MUTEX(guard_lock);

/* What one committed HDM decoder maps: host range, and device range. */
struct hdm_map {
	struct range hpa;
	u64 dpa_start;
	u64 dpa_len;
};

static u64 hdm_read64(void __iomem *lo, void __iomem *hi)
{
	/* The low words hold address bits 31:28 only (256 MiB units). */
	return ((u64)readl(hi) << 32) | (readl(lo) & GENMASK(31, 28));
}

/*
 * The committed decoders of a device, in order. Decoders commit in order
 * and each one's device range starts after the previous one's (plus its DPA
 * skip), so the walk starts at decoder 0, carries the DPA base, and stops at
 * the first decoder that is not committed.
 */
struct hdm_walk {
	struct guarded_dev *g;
	int next;
	u64 dpa_base;
	struct hdm_map m;	/* the current decoder's */
};

static bool hdm_walk_next(struct hdm_walk *w)
{
	void __iomem *hdm = w->g->hdm;
	int i = w->next;
	unsigned int ways;
	u64 base, size, skip;
	u32 ctrl;

	if (i >= w->g->nr_decoders)
		return false;
	ctrl = readl(hdm + CXL_HDM_DECODER0_CTRL_OFFSET(i));
	if (PCI_POSSIBLE_ERROR(ctrl) || !(ctrl & CXL_HDM_DECODER0_CTRL_COMMITTED))
		return false;
	if (eiw_to_ways(FIELD_GET(CXL_HDM_DECODER0_CTRL_IW_MASK, ctrl), &ways))
		return false;
	base = hdm_read64(hdm + CXL_HDM_DECODER0_BASE_LOW_OFFSET(i),
			  hdm + CXL_HDM_DECODER0_BASE_HIGH_OFFSET(i));
	size = hdm_read64(hdm + CXL_HDM_DECODER0_SIZE_LOW_OFFSET(i),
			  hdm + CXL_HDM_DECODER0_SIZE_HIGH_OFFSET(i));
	skip = hdm_read64(hdm + CXL_HDM_DECODER0_SKIP_LOW(i),
			  hdm + CXL_HDM_DECODER0_SKIP_HIGH(i));
	if (!size || base + size < base)
		return false;
	w->m.hpa = (struct range) { .start = base, .end = base + size - 1 };
	w->m.dpa_start = w->dpa_base + skip;
	w->m.dpa_len = div_u64(size, ways);
	w->dpa_base = w->m.dpa_start + w->m.dpa_len;
	w->next = i + 1;
	return true;
}

static bool ranges_overlap(const struct range *a, const struct range *b)
{
	return a->start <= b->end && b->start <= a->end;
}

static bool decodes(struct guarded_dev *g, const struct range *r)
{
	struct hdm_walk w = { .g = g };

	while (hdm_walk_next(&w))
		if (ranges_overlap(&w.m.hpa, r))
			return true;
	return false;
}

static void count_block(struct guarded_dev *g, unsigned long id)
{
	int rc = xa_insert(&g->online, id, xa_mk_value(id), GFP_KERNEL);

	if (rc == -EBUSY)
		return;		/* counted already (walk, then notification) */
	if (rc) {
		dev_warn(g->dev, "memory block %lu online but not counted (%d): rmmod is not prevented\n",
			 id, rc);
		return;
	}
	if (g->nr_online++ == 0)
		__module_get(THIS_MODULE);
}

static void uncount_block(struct guarded_dev *g, unsigned long id)
{
	if (xa_erase(&g->online, id) && --g->nr_online == 0)
		module_put(THIS_MODULE);
}

static int online_guard_notify(struct notifier_block *nb, unsigned long action, void *arg)
{
	const struct memory_notify *mn = arg;
	struct range r = {
		.start = PFN_PHYS(mn->start_pfn),
		.end = PFN_PHYS(mn->start_pfn + mn->nr_pages) - 1,
	};
	/* One notification per block; its first pages may be its memmap. */
	unsigned long id = div_u64(r.start, memory_block_size_bytes());
	struct guarded_dev *g;

	if (action != MEM_ONLINE && action != MEM_OFFLINE)
		return NOTIFY_OK;
	guard(mutex)(&guard_lock);
	list_for_each_entry(g, &guarded, node) {
		if (action == MEM_OFFLINE)
			uncount_block(g, id);
		else if (decodes(g, &r))
			count_block(g, id);
	}
	return NOTIFY_OK;
}

static struct notifier_block online_guard_nb = {
	.notifier_call = online_guard_notify,
};

/* Count the blocks @g decodes that are online already (under guard_lock). */
static void count_online_blocks(struct guarded_dev *g)
{
	struct hdm_walk w = { .g = g };
	u64 block = memory_block_size_bytes(), addr;

	while (hdm_walk_next(&w))
		for (addr = ALIGN_DOWN(w.m.hpa.start, block); addr <= w.m.hpa.end; addr += block)
			if (pfn_to_online_page(PHYS_PFN(addr)))
				count_block(g, div_u64(addr, block));
}

static struct guarded_dev *guarded_find(struct cxl_dev_state *cxlds)
{
	struct guarded_dev *g;

	lockdep_assert_held(&guard_lock);
	list_for_each_entry(g, &guarded, node)
		if (g->cxlds == cxlds)
			return g;
	return NULL;
}

/**
 * cxl_leo_dpa_online() - is a device address part of online memory?
 * @cxlmd: the memdev
 * @dpa: device physical address
 *
 * Conservative: true when @dpa is mapped by a committed HDM decoder any of
 * whose memory blocks is online.
 *
 * Return: true when taking @dpa away would disturb online memory.
 */
bool cxl_leo_dpa_online(struct cxl_memdev *cxlmd, u64 dpa)
{
	u64 block = memory_block_size_bytes();
	struct hdm_walk w = {};

	guard(mutex)(&guard_lock);
	w.g = guarded_find(cxlmd->cxlds);
	if (!w.g)
		return false;
	while (hdm_walk_next(&w)) {
		unsigned long id = div_u64(w.m.hpa.start, block);

		if (dpa < w.m.dpa_start || dpa - w.m.dpa_start >= w.m.dpa_len)
			continue;
		if (xa_find(&w.g->online, &id, div_u64(w.m.hpa.end, block), XA_PRESENT))
			return true;
	}
	return false;
}

/**
 * cxl_leo_online_guard_init() - watch memory blocks coming online
 *
 * Return: 0 or a negative errno.
 */
int cxl_leo_online_guard_init(void)
{
	return register_memory_notifier(&online_guard_nb);
}

/**
 * cxl_leo_online_guard_exit() - stop watching
 */
void cxl_leo_online_guard_exit(void)
{
	unregister_memory_notifier(&online_guard_nb);
}

static void online_guard_remove(void *data)
{
	struct guarded_dev *g = data;

	scoped_guard(mutex, &guard_lock) {
		list_del(&g->node);
		/* Only a PCI hot-remove gets here with memory online. */
		if (g->nr_online) {
			dev_crit(g->dev, "removed with %lu memory blocks online: their contents are lost\n",
				 g->nr_online);
			module_put(THIS_MODULE);
		}
	}
	xa_destroy(&g->online);
	kfree(g);
}

static void __iomem *map_hdm_decoders(struct device *dev, struct cxl_dev_state *cxlds, int *nr)
{
	const struct cxl_register_map *map = &cxlds->reg_map;
	const struct cxl_reg_map *hdm = &map->component_map.hdm_decoder;
	void __iomem *base;

	*nr = 0;
	if (map->resource == CXL_RESOURCE_NONE || !hdm->valid)
		return NULL;	/* no decoders: the device decodes no memory */
	/* Not requested: the endpoint port's HDM setup requests this block. */
	base = devm_ioremap(dev, map->resource + hdm->offset, hdm->size);
	if (!base)
		return IOMEM_ERR_PTR(-ENOMEM);
	*nr = min_t(int, cxl_hdm_decoder_count(readl(base + CXL_HDM_DECODER_CAP_OFFSET)),
		    (hdm->size - CXL_HDM_DECODER0_BASE_LOW_OFFSET(0)) / 0x20);
	return base;
}

/**
 * devm_cxl_leo_online_guard_add() - count online memory a device decodes
 * @dev: the PCI device (owner of the devm action)
 * @cxlds: its state, registers mapped
 *
 * Call before devm_cxl_add_memdev(): with decoders committed by firmware,
 * the core assembles the region and kmem onlines it while the memdev
 * registers. Blocks online already are counted here.
 *
 * Return: 0 or a negative errno.
 */
int devm_cxl_leo_online_guard_add(struct device *dev, struct cxl_dev_state *cxlds)
{
	struct guarded_dev *g;
	void __iomem *hdm;
	int nr;

	hdm = map_hdm_decoders(dev, cxlds, &nr);
	if (IS_ERR(hdm))
		return PTR_ERR(hdm);
	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g)
		return -ENOMEM;
	g->dev = dev;
	g->cxlds = cxlds;
	g->hdm = hdm;
	g->nr_decoders = nr;
	xa_init(&g->online);
	scoped_guard(mutex, &guard_lock) {
		list_add_tail(&g->node, &guarded);
		count_online_blocks(g);
		if (g->nr_online)
			dev_info(dev, "%lu memory blocks online already (decoders committed before probe)\n",
				 g->nr_online);
	}
	return devm_add_action_or_reset(dev, online_guard_remove, g);
}
