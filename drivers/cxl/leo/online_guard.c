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
 * registers it commits (hdm_decode.c), not the core's endpoint port,
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
 * A device that is leaving (its memdev about to be unbound from cxl_mem,
 * see evacuate.c) is sealed: its blocks may go offline but not come online
 * again until the unbind is over, so what was moved off stays off.
 *
 * All of it is serialized by one mutex, which the memory notifier takes
 * under the memory hotplug lock; nothing holding the mutex waits for the
 * hotplug lock or a device lock. A block's sections are marked online
 * before MEM_ONLINE is sent and offline before MEM_OFFLINE, so a walk of
 * the online blocks under the mutex, followed by the notifications still
 * waiting for it, leaves the record exact.
 */
#include <linux/device.h>
#include <linux/io.h>
#include <linux/math64.h>
#include <linux/memory.h>
#include <linux/memory_hotplug.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pfn.h>
#include <linux/range.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <cxlmem.h>
#include <cxl.h>
#include "cxl_leo.h"
#include "hdm_decode.h"

struct guarded_dev {
	struct list_head node;
	struct device *dev;
	struct cxl_dev_state *cxlds;
	void __iomem *hdm;		/* HDM decoder capability, read only */
	struct cxl_leo_hdm_regs regs;	/* reads @hdm */
	struct xarray online;		/* ids of the memory blocks counted online */
	unsigned long nr_online;	/* holds a module reference while > 0 */
	bool sealed;			/* leaving: no block of it may come online */
};

static LIST_HEAD(guarded);
static DEFINE_MUTEX(guard_lock);

static u32 hdm_read(const void *ctx, unsigned int offset)
{
	const struct guarded_dev *g = ctx;

	return readl(g->hdm + offset);
}

static bool decodes(struct guarded_dev *g, const struct range *r)
{
	struct cxl_leo_hdm_walk w = { .regs = &g->regs };

	while (cxl_leo_hdm_walk_next(&w))
		if (w.m.hpa_start <= r->end && r->start <= w.m.hpa_end)
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
	int rc = NOTIFY_OK;
	const struct memory_notify *mn = arg;
	struct range r = {
		.start = PFN_PHYS(mn->start_pfn),
		.end = PFN_PHYS(mn->start_pfn + mn->nr_pages) - 1,
	};
	/* One notification per block; its first pages may be its memmap. */
	unsigned long id = div_u64(r.start, memory_block_size_bytes());
	struct guarded_dev *g;

	if (action != MEM_ONLINE && action != MEM_OFFLINE && action != MEM_GOING_ONLINE)
		return NOTIFY_OK;
	guard(mutex)(&guard_lock);
	list_for_each_entry(g, &guarded, node) {
		if (action == MEM_OFFLINE)
			uncount_block(g, id);
		else if (!decodes(g, &r))
			continue;
		else if (action == MEM_ONLINE)
			count_block(g, id);
		else if (g->sealed)
			rc = notifier_from_errno(-EBUSY);
	}
	return rc;
}

static struct notifier_block online_guard_nb = {
	.notifier_call = online_guard_notify,
};

/* Count the blocks @g decodes that are online already (under guard_lock). */
static void count_online_blocks(struct guarded_dev *g)
{
	struct cxl_leo_hdm_walk w = { .regs = &g->regs };
	u64 block = memory_block_size_bytes(), addr;

	while (cxl_leo_hdm_walk_next(&w))
		for (addr = ALIGN_DOWN(w.m.hpa_start, block); addr <= w.m.hpa_end; addr += block)
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
	struct cxl_leo_hdm_map m;
	struct guarded_dev *g;
	unsigned long id;

	guard(mutex)(&guard_lock);
	g = guarded_find(cxlmd->cxlds);
	if (!g || !cxl_leo_hdm_find_dpa(&g->regs, dpa, &m))
		return false;
	id = div_u64(m.hpa_start, block);
	return xa_find(&g->online, &id, div_u64(m.hpa_end, block), XA_PRESENT);
}

static struct guarded_dev *guarded_find_dev(struct device *dev)
{
	struct guarded_dev *g;

	lockdep_assert_held(&guard_lock);
	list_for_each_entry(g, &guarded, node)
		if (g->dev == dev)
			return g;
	return NULL;
}

/**
 * cxl_leo_online_guard_seal() - what a leaving device holds online
 * @dev: the PCI device
 * @l: filled: the ranges its committed decoders map, the online blocks
 *
 * From now until cxl_leo_online_guard_unseal() no memory block @dev
 * decodes may come online. The blocks are the ones counted online (exact
 * even when the device no longer answers); the ranges are read from the
 * decoder registers and are empty when the device is gone.
 *
 * Return: 0, -ENODEV when cxl_leo does not guard @dev, -ENOMEM.
 */
int cxl_leo_online_guard_seal(struct device *dev, struct cxl_leo_leaving *l)
{
	struct cxl_leo_hdm_walk w = { };
	struct guarded_dev *g;
	unsigned long id, n = 0;
	void *entry;

	guard(mutex)(&guard_lock);
	g = guarded_find_dev(dev);
	if (!g)
		return -ENODEV;
	g->sealed = true;
	l->nr_ranges = 0;
	w.regs = &g->regs;
	while (l->nr_ranges < ARRAY_SIZE(l->ranges) && cxl_leo_hdm_walk_next(&w))
		l->ranges[l->nr_ranges++] = (struct range) {
			.start = w.m.hpa_start, .end = w.m.hpa_end,
		};
	l->nr_blocks = 0;
	l->blocks = g->nr_online ? kcalloc(g->nr_online, sizeof(*l->blocks), GFP_KERNEL) : NULL;
	if (g->nr_online && !l->blocks)
		return -ENOMEM;
	xa_for_each(&g->online, id, entry)
		if (n < g->nr_online)
			l->blocks[n++] = id;
	l->nr_blocks = n;
	return 0;
}

/**
 * cxl_leo_online_guard_unseal() - a device's memory may come online again
 * @dev: the PCI device
 */
void cxl_leo_online_guard_unseal(struct device *dev)
{
	struct guarded_dev *g;

	guard(mutex)(&guard_lock);
	g = guarded_find_dev(dev);
	if (g)
		g->sealed = false;
}

/**
 * cxl_leo_dpa_range_online() - does a device address range overlap online memory?
 * @cxlmd: the memdev
 * @dpa: first device physical address of the range
 * @len: its length
 *
 * Conservative, like cxl_leo_dpa_online(): true when any committed HDM
 * decoder that maps part of the range has any of its memory blocks online.
 *
 * Return: true when changing the range would disturb online memory.
 */
bool cxl_leo_dpa_range_online(struct cxl_memdev *cxlmd, u64 dpa, u64 len)
{
	u64 block = memory_block_size_bytes();
	struct cxl_leo_hdm_walk w = { };
	struct guarded_dev *g;
	unsigned long id;

	guard(mutex)(&guard_lock);
	g = guarded_find(cxlmd->cxlds);
	if (!g)
		return false;
	w.regs = &g->regs;
	while (cxl_leo_hdm_walk_next(&w)) {
		/* The caller checked dpa + len against the capacity. */
		if (w.m.dpa_start >= dpa + len || dpa >= w.m.dpa_start + w.m.dpa_len)
			continue;
		id = div_u64(w.m.hpa_start, block);
		if (xa_find(&g->online, &id, div_u64(w.m.hpa_end, block), XA_PRESENT))
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
		/* Only a removal whose memory could not all move gets here with memory online. */
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
	*nr = cxl_leo_hdm_decoder_count(readl(base + CXL_LEO_HDM_CAP), hdm->size);
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
	g->regs = (struct cxl_leo_hdm_regs) { .read = hdm_read, .ctx = g, .nr_decoders = nr };
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
