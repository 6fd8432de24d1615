// SPDX-License-Identifier: GPL-2.0-only
/*
 * Moving a leaving device's memory out before its decoders go.
 *
 * Whatever takes a cxl_leo device away - PCI hot-remove (attention button,
 * QEMU's device_del, sysfs "remove"), "cxl disable-memdev --force", an
 * unbind of cxl_mem - ends in the memdev being unbound from cxl_mem, whose
 * teardown resets the HDM decoders. The driver core announces that unbind
 * (BUS_NOTIFY_UNBIND_DRIVER) before it calls cxl_mem's remove, with the
 * device still answering: the one point where online memory can still be
 * saved. There the memory blocks this device holds online are offlined, so
 * the kernel migrates their pages to other nodes; kmem can then remove the
 * memory when the region goes, and nothing reads the vanished device.
 *
 * Neither 6.12 nor 7.3 exports lock_device_hotplug(), device_offline() or
 * walk_memory_blocks() (only offline_and_remove_memory(), which would also
 * remove memory kmem still owns, and remove it a second time when kmem
 * lets go). So each block is offlined through its own "online" attribute,
 * the operator's interface: that store takes the device hotplug lock the
 * core's way (a trylock; a busy lock asks the caller to restart, here a
 * retry) and offlines the block under the core's locks. It runs in a
 * kernel thread (no user's signals; /sys found from init's root); each
 * block is bounded by evacuate_timeout: when its pages cannot be migrated
 * in time (pinned pages are retried for ever) a timer sends the thread a
 * SIGKILL, which offline_pages() honours, and the next block is tried.
 * offline_pages() fails at once on unmovable pages.
 *
 * What cannot be moved must never be read back as wrong data: the pages of
 * a block that stays online are hardware-poisoned (memory_failure()), so
 * a user that maps one gets SIGBUS, a read() of a file page gets EIO, and
 * the free ones leave the page allocator. Kernel pages (slab, page tables,
 * pipe buffers) cannot be taken from their owner: they are counted and
 * logged as such. A device that is already gone (surprise link-down,
 * pci_dev_is_disconnected()) gets no migration - it would copy whatever
 * the bus answers - only the poisoning.
 *
 * The thread needs none of the locks the unbinding context holds (the
 * memdev's and the PCI device's device locks, PCI rescan/remove): memory
 * offlining takes the device hotplug lock, the block's device lock and the
 * memory hotplug lock, and the online guard's mutex in its notifier.
 */
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/memory.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/pfn.h>
#include <linux/pid_namespace.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <cxlmem.h>
#include <cxl.h>
#include "cxl_leo.h"

static unsigned int evacuate_timeout = 60;
module_param(evacuate_timeout, uint, 0644);
MODULE_PARM_DESC(evacuate_timeout,
		 "Seconds a leaving device's online memory may take to migrate (default 60)");

enum block_fate {
	BLOCK_MOVED,		/* offlined: its pages were migrated */
	BLOCK_LOST,		/* still online when the decoders go */
};

struct evacuation {
	struct timer_list deadline;	/* of the block being offlined */
	struct task_struct *task;
	struct cxl_leo_leaving l;
	u8 *fate;		/* enum block_fate per l.blocks entry */
	int *err;		/* why a block stayed online */
	unsigned long *poisoned;	/* pages of a lost block taken out of service */
	bool gone;		/* the device no longer answers: nothing to migrate */
	struct completion done;
	bool expired;		/* this block's time is up, SIGKILL on its way */
};

/*
 * A block's "online" attribute, found from init's root: the /sys the
 * operator sees. A kernel thread's own root is not that on 7.x (nor is
 * a containerised caller's).
 */
static struct file *open_block_online(unsigned long id)
{
	struct task_struct *init;
	struct path root = { };
	char path[64];
	struct file *f;

	snprintf(path, sizeof(path), "/sys/devices/system/memory/memory%lu/online", id);
	rcu_read_lock();
	init = READ_ONCE(init_pid_ns.child_reaper);
	if (init)
		get_task_struct(init);
	rcu_read_unlock();
	if (!init)
		return ERR_PTR(-ESRCH);
	task_lock(init);
	if (init->fs)
		get_fs_root(init->fs, &root);
	task_unlock(init);
	put_task_struct(init);
	if (!root.mnt)
		return ERR_PTR(-ESRCH);
	f = file_open_root(&root, path, O_WRONLY, 0);
	path_put(&root);
	return f;
}

static int offline_block(struct evacuation *ev, unsigned long id)
{
	struct file *f;
	ssize_t rc;

	f = open_block_online(id);
	if (IS_ERR(f))
		return PTR_ERR(f);
	for (;;) {
		loff_t pos = 0;

		rc = kernel_write(f, "0", 1, &pos);
		if (rc != -ERESTARTNOINTR)
			break;
		/* lock_device_hotplug_sysfs() was busy: it flagged a restart. */
		flush_signals(current);
		smp_mb();	/* flush before the test; pairs with deadline_passed() */
		if (READ_ONCE(ev->expired)) {
			rc = -ETIMEDOUT;
			break;
		}
	}
	filp_close(f, NULL);
	return rc < 0 ? rc : 0;
}

static void deadline_passed(struct timer_list *t)
{
	struct evacuation *ev = container_of(t, struct evacuation, deadline);

	WRITE_ONCE(ev->expired, true);
	smp_mb();	/* the flag before the signal; pairs with offline_block() */
	send_sig(SIGKILL, ev->task, 1);
}

/* Offline one block within evacuate_timeout; 0 or why not. */
static int offline_block_bounded(struct evacuation *ev, unsigned long id)
{
	int rc;

	WRITE_ONCE(ev->expired, false);
	mod_timer(&ev->deadline, jiffies + msecs_to_jiffies(evacuate_timeout * MSEC_PER_SEC));
	rc = offline_block(ev, id);
	timer_delete_sync(&ev->deadline);
	if (READ_ONCE(ev->expired) && (rc == -EINTR || rc == -ETIMEDOUT))
		rc = -ETIMEDOUT;
	/* A SIGKILL that came after the block was done must not stop the next. */
	flush_signals(current);
	return rc;
}

static bool block_online(unsigned long id)
{
	return pfn_to_online_page(PHYS_PFN((u64)id * memory_block_size_bytes()));
}

/* Every page of block @i out of service; how many could be. */
static unsigned long poison_block(struct evacuation *ev, unsigned long i)
{
	unsigned long pages = memory_block_size_bytes() >> PAGE_SHIFT;
	unsigned long pfn = PHYS_PFN((u64)ev->l.blocks[i] * memory_block_size_bytes());
	unsigned long end = pfn + pages, n = 0;

	for (; pfn < end; pfn++) {
		int rc = memory_failure(pfn, 0);

		if (!rc || rc == -EHWPOISON)
			n++;
		cond_resched();
	}
	return n;
}

static int evacuate_thread(void *arg)
{
	struct evacuation *ev = arg;
	unsigned long i;

	allow_signal(SIGKILL);
	for (i = 0; i < ev->l.nr_blocks; i++) {
		unsigned long id = ev->l.blocks[i];

		if (ev->gone)
			ev->err[i] = -ENODEV;
		else if (block_online(id))
			ev->err[i] = offline_block_bounded(ev, id);
		ev->fate[i] = block_online(id) ? BLOCK_LOST : BLOCK_MOVED;
	}
	for (i = 0; i < ev->l.nr_blocks; i++)
		if (ev->fate[i] == BLOCK_LOST)
			ev->poisoned[i] = poison_block(ev, i);
	complete(&ev->done);
	return 0;
}

static bool block_in_range(const struct range *r, unsigned long id)
{
	u64 addr = (u64)id * memory_block_size_bytes();

	return r->start <= addr && addr <= r->end;
}

/*
 * Per region (decoder range): pages moved and lost; then what no range
 * covers. One line each, however many pages: memory_failure() itself logs
 * every page it takes; the first lost block's PFNs tie those lines to the
 * region.
 */
static void evacuation_report(struct device *dev, struct evacuation *ev)
{
	unsigned long pages = memory_block_size_bytes() >> PAGE_SHIFT;
	int r;

	for (r = 0; r <= ev->l.nr_ranges; r++) {
		unsigned long i, moved = 0, lost = 0, poisoned = 0, lost_blocks = 0, first = 0;
		int why = 0;

		for (i = 0; i < ev->l.nr_blocks; i++) {
			int k;

			/* A block belongs to the first range that holds it; the rest to none. */
			for (k = 0; k < ev->l.nr_ranges; k++)
				if (block_in_range(&ev->l.ranges[k], ev->l.blocks[i]))
					break;
			if (k != r)
				continue;
			if (ev->fate[i] == BLOCK_MOVED) {
				moved += pages;
				continue;
			}
			if (!lost_blocks++)
				first = PHYS_PFN((u64)ev->l.blocks[i] * memory_block_size_bytes());
			lost += pages;
			poisoned += ev->poisoned[i];
			why = why ?: ev->err[i];
		}
		if (!moved && !lost)
			continue;
		if (r < ev->l.nr_ranges && !lost)
			dev_info(dev, "leaving: HPA %#llx-%#llx: %lu pages saved (moved to other memory), 0 pages lost\n",
				 ev->l.ranges[r].start, ev->l.ranges[r].end, moved);
		else if (r < ev->l.nr_ranges)
			dev_crit(dev, "leaving: HPA %#llx-%#llx: %lu pages saved, %lu pages lost (offline: %d): %lu poisoned (SIGBUS/EIO to their users), %lu kernel pages kept in use; %lu blocks lost, the first PFNs %#lx-%#lx\n",
				 ev->l.ranges[r].start, ev->l.ranges[r].end, moved, lost, why,
				 poisoned, lost - poisoned, lost_blocks, first, first + pages - 1);
		else
			dev_crit(dev, "leaving: decoders unreadable: %lu pages saved, %lu pages lost (offline: %d): %lu poisoned (SIGBUS/EIO to their users), %lu kernel pages kept in use; %lu blocks lost, the first PFNs %#lx-%#lx\n",
				 moved, lost, why, poisoned, lost - poisoned, lost_blocks, first,
				 first + pages - 1);
	}
}

static void evacuation_free(struct evacuation *ev)
{
	kfree(ev->l.blocks);
	kfree(ev->fate);
	kfree(ev->err);
	kfree(ev->poisoned);
	kfree(ev);
}

/* Called with @memdev's device lock held, before cxl_mem's remove. */
static void evacuate(struct device *memdev)
{
	struct device *dev = memdev->parent;
	struct task_struct *task;
	struct evacuation *ev;
	int rc;

	ev = kzalloc(sizeof(*ev), GFP_KERNEL);
	if (!ev)
		goto nomem;
	init_completion(&ev->done);
	rc = cxl_leo_online_guard_seal(dev, &ev->l);
	if (rc == -ENODEV) {
		kfree(ev);
		return;		/* not a cxl_leo device: not ours to move */
	}
	if (rc)
		goto nomem;
	if (!ev->l.nr_blocks) {
		evacuation_free(ev);
		return;
	}
	ev->fate = kcalloc(ev->l.nr_blocks, sizeof(*ev->fate), GFP_KERNEL);
	ev->err = kcalloc(ev->l.nr_blocks, sizeof(*ev->err), GFP_KERNEL);
	ev->poisoned = kcalloc(ev->l.nr_blocks, sizeof(*ev->poisoned), GFP_KERNEL);
	if (!ev->fate || !ev->err || !ev->poisoned)
		goto nomem;
	ev->gone = pci_dev_is_disconnected(to_pci_dev(dev));
	if (ev->gone)
		dev_crit(dev, "%s gone with %lu memory blocks online: nothing can be moved, taking their pages out of service\n",
			 dev_name(memdev), ev->l.nr_blocks);
	else
		dev_info(dev, "%s leaving with %lu memory blocks online: moving them to other memory\n",
			 dev_name(memdev), ev->l.nr_blocks);

	task = kthread_create(evacuate_thread, ev, "cxl_leo_evac");
	if (IS_ERR(task))
		goto nomem;
	get_task_struct(task);
	ev->task = task;
	timer_setup(&ev->deadline, deadline_passed, 0);
	wake_up_process(task);
	/* Bounded: evacuate_timeout per block, then the poisoning. */
	wait_for_completion(&ev->done);
	kthread_stop(task);
	timer_shutdown_sync(&ev->deadline);
	put_task_struct(task);
	evacuation_report(dev, ev);
	evacuation_free(ev);
	return;

nomem:
	dev_crit(dev, "%s leaving: no memory to move its online memory off it\n",
		 dev_name(memdev));
	if (ev)
		evacuation_free(ev);
}

static int evacuate_notify(struct notifier_block *nb, unsigned long action, void *data)
{
	struct device *dev = data;

	if (!is_cxl_memdev(dev) || !dev->parent || !dev_is_pci(dev->parent))
		return NOTIFY_DONE;
	if (action == BUS_NOTIFY_UNBIND_DRIVER)
		evacuate(dev);
	else if (action == BUS_NOTIFY_UNBOUND_DRIVER)
		cxl_leo_online_guard_unseal(dev->parent);
	return NOTIFY_DONE;
}

static struct notifier_block evacuate_nb = {
	.notifier_call = evacuate_notify,
};

/**
 * cxl_leo_evacuate_init() - move memory off memdevs before cxl_mem lets go
 *
 * Return: 0 or a negative errno.
 */
int cxl_leo_evacuate_init(void)
{
	return bus_register_notifier(&cxl_bus_type, &evacuate_nb);
}

/**
 * cxl_leo_evacuate_exit() - stop watching unbinds
 */
void cxl_leo_evacuate_exit(void)
{
	bus_unregister_notifier(&cxl_bus_type, &evacuate_nb);
}
