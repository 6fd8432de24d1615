// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keeping cxl_leo bound while its memory is online.
 *
 * Tearing a memdev down under online memory resets the HDM decoders behind
 * that memory: kmem cannot remove it (it was never offlined) and every read
 * of it afterwards returns whatever the bus answers, not the data. So
 * cxl_leo offers no sysfs unbind, and holds a module reference while any
 * memory block decoded by one of its devices is online: "rmmod cxl_leo"
 * then fails with "in use" until that memory is offlined (cxl-leo offline,
 * daxctl offline-memory, cxl disable-region).
 */
#include <linux/device.h>
#include <linux/memory.h>
#include <linux/memory_hotplug.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pfn.h>
#include <linux/range.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <cxlmem.h>
#include <cxl.h>
#include "cxl_leo.h"

struct guarded_memdev {
	struct list_head node;
	struct cxl_memdev *cxlmd;
	atomic_t online_blocks;
};

static LIST_HEAD(guarded);
static DEFINE_MUTEX(guarded_lock);	/* writers of @guarded */
static atomic_t online_blocks_total;

struct block_match {
	struct range range;
	bool found;
};

static int decoder_decodes(struct device *dev, void *data)
{
	struct block_match *m = data;
	struct cxl_endpoint_decoder *cxled;

	if (!is_endpoint_decoder(dev))
		return 0;
	cxled = to_cxl_endpoint_decoder(dev);
	if (cxled->cxld.region && cxled->cxld.hpa_range.start <= m->range.end &&
	    m->range.start <= cxled->cxld.hpa_range.end) {
		m->found = true;
		return 1;
	}
	return 0;
}

static struct guarded_memdev *block_owner(const struct memory_notify *mn)
{
	struct block_match m = {
		.range = {
			.start = PFN_PHYS(mn->start_pfn),
			.end = PFN_PHYS(mn->start_pfn + mn->nr_pages) - 1,
		},
	};
	struct guarded_memdev *g;

	list_for_each_entry_rcu(g, &guarded, node) {
		struct cxl_port *endpoint = READ_ONCE(g->cxlmd->endpoint);

		if (endpoint && device_for_each_child(&endpoint->dev, &m, decoder_decodes))
			return g;
	}
	return NULL;
}

struct dpa_match {
	u64 dpa;
	bool online;
};

static bool hpa_range_online(const struct range *r)
{
	unsigned long block = memory_block_size_bytes();
	u64 addr;

	for (addr = ALIGN_DOWN(r->start, block); addr <= r->end; addr += block)
		if (pfn_to_online_page(PHYS_PFN(addr)))
			return true;
	return false;
}

static int decoder_maps_online_dpa(struct device *dev, void *data)
{
	struct dpa_match *m = data;
	struct cxl_endpoint_decoder *cxled;
	struct resource *res;

	if (!is_endpoint_decoder(dev))
		return 0;
	cxled = to_cxl_endpoint_decoder(dev);
	res = READ_ONCE(cxled->dpa_res);
	if (!res || !cxled->cxld.region || m->dpa < res->start || m->dpa > res->end)
		return 0;
	m->online = hpa_range_online(&cxled->cxld.hpa_range);
	return m->online;
}

/**
 * cxl_leo_dpa_online() - is a device address part of online memory?
 * @cxlmd: the memdev
 * @dpa: device physical address
 *
 * Conservative: true when @dpa is mapped by a region any of whose memory
 * blocks behind this device are online.
 *
 * Return: true when taking @dpa away would disturb online memory.
 */
bool cxl_leo_dpa_online(struct cxl_memdev *cxlmd, u64 dpa)
{
	struct cxl_port *endpoint = READ_ONCE(cxlmd->endpoint);
	struct dpa_match m = { .dpa = dpa };

	if (endpoint)
		device_for_each_child(&endpoint->dev, &m, decoder_maps_online_dpa);
	return m.online;
}

static int online_guard_notify(struct notifier_block *nb, unsigned long action, void *arg)
{
	struct guarded_memdev *g;

	if (action != MEM_ONLINE && action != MEM_OFFLINE)
		return NOTIFY_OK;
	guard(rcu)();
	g = block_owner(arg);
	if (!g)
		return NOTIFY_OK;
	if (action == MEM_ONLINE) {
		atomic_inc(&g->online_blocks);
		if (atomic_inc_return(&online_blocks_total) == 1)
			__module_get(THIS_MODULE);
	} else if (atomic_add_unless(&g->online_blocks, -1, 0)) {
		if (atomic_dec_and_test(&online_blocks_total))
			module_put(THIS_MODULE);
	}
	return NOTIFY_OK;
}

static struct notifier_block online_guard_nb = {
	.notifier_call = online_guard_notify,
};

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
	struct guarded_memdev *g = data;
	int left = atomic_read(&g->online_blocks);

	/* Only a PCI hot-remove gets here with memory online. */
	if (left)
		dev_crit(&g->cxlmd->dev, "removed with %d memory blocks online: their contents are lost\n",
			 left);
	scoped_guard(mutex, &guarded_lock)
		list_del_rcu(&g->node);
	synchronize_rcu();
	kfree(g);
}

/**
 * devm_cxl_leo_online_guard_add() - count online memory decoded by a memdev
 * @dev: the PCI device (owner of the devm action)
 * @cxlmd: its memdev
 *
 * Return: 0 or a negative errno.
 */
int devm_cxl_leo_online_guard_add(struct device *dev, struct cxl_memdev *cxlmd)
{
	struct guarded_memdev *g = kzalloc(sizeof(*g), GFP_KERNEL);

	if (!g)
		return -ENOMEM;
	g->cxlmd = cxlmd;
	scoped_guard(mutex, &guarded_lock)
		list_add_tail_rcu(&g->node, &guarded);
	return devm_add_action_or_reset(dev, online_guard_remove, g);
}
