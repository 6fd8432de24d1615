// SPDX-License-Identifier: GPL-2.0-only
/*
 * Post Package Repair (soft and hard) through Perform Maintenance, for
 * devices whose Command Effects Log lists the command and whose Supported
 * Features list the sPPR/hPPR Feature. Attributes follow upstream's EDAC
 * memory repair ABI (mem_repairN/, Linux 6.15+), on the EDAC bus device
 * (edac.c) and, for one release, the PCI device; the safety rules are in
 * repair_policy.c. mem_repair0 is soft PPR, mem_repair1 hard PPR.
 *
 * Here: the error records the rules consult (fed from media_errors.c's
 * tracepoint probes), the hard-repair confirmation, waiting for a repair
 * the device runs in the background, and closing the window in which
 * memory could come online under a repair that is unsafe in use: the
 * memory hotplug notifier runs under the hotplug lock of the online path,
 * and while such a repair runs it refuses to online CXL memory.
 */
#include <linux/capability.h>
#include <linux/device.h>
#include <linux/ioport.h>
#include <linux/kstrtox.h>
#include <linux/memory.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/pfn.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>
#include <cxlmem.h>
#include "cxl_leo.h"
#include "repair_policy.h"

#define REPAIR_INSTANCES	2

static const u8 sppr_uuid[] = CXL_LEO_SPPR_UUID;
static const u8 hppr_uuid[] = CXL_LEO_HPPR_UUID;

/**
 * struct repair_instance - one PPR kind and the repair being prepared
 * @supported: the device offers this kind
 * @caps: its restriction flags, read at probe
 * @dpa: address written to "dpa"
 * @nibble_mask: mask written to "nibble_mask"
 * @allow_data_loss: consent for the next repair only
 * @confirm_dpa: hard PPR: the address the operator confirmed
 * @confirmed: @confirm_dpa was written since the last attempt
 */
struct repair_instance {
	bool supported;
	struct cxl_leo_ppr_caps caps;
	u64 dpa;
	u32 nibble_mask;
	bool allow_data_loss;
	u64 confirm_dpa;
	bool confirmed;
};

/**
 * struct cxl_leo_repair - Post Package Repair state of a device
 * @lock: one repair, or one change of the staged values, at a time
 * @inst: soft and hard PPR
 * @leo: the device
 * @node: in repair_list, found by the tracepoint probes
 * @rec_lock: protects @records (taken in the probes' atomic context)
 * @records: media errors reported this boot
 * @gate_lock: protects @gate
 * @gate: onlining against repairs unsafe in use (repair_policy.c)
 * @in_flight: the last repair was still running when the wait ended
 * @hotplug_nb: the memory hotplug notifier
 */
struct cxl_leo_repair {
	struct mutex lock;	/* see @lock */
	struct repair_instance inst[REPAIR_INSTANCES];
	struct cxl_leo *leo;
	struct list_head node;
	spinlock_t rec_lock;	/* see @rec_lock */
	struct cxl_leo_err_records records;
	spinlock_t gate_lock;	/* see @gate_lock */
	struct cxl_leo_ppr_gate gate;
	bool in_flight;
	struct notifier_block hotplug_nb;
};

static LIST_HEAD(repair_list);
static DEFINE_MUTEX(repair_list_lock);	/* writers of repair_list */

/**
 * cxl_leo_repair_note_error() - remember a media error for the repair rules
 * @cxlmd: the memdev the record came from
 * @dpa: the record's Physical Address field
 * @nibble_mask: its nibble mask (DRAM records)
 * @nibble_valid: @nibble_mask is valid
 *
 * Context: any; called from tracepoint probes.
 */
void cxl_leo_repair_note_error(const struct cxl_memdev *cxlmd, u64 dpa, u32 nibble_mask,
			       bool nibble_valid)
{
	struct cxl_leo_repair *r;
	unsigned long flags;

	guard(rcu)();
	list_for_each_entry_rcu(r, &repair_list, node) {
		if (r->leo->cxlmd != cxlmd)
			continue;
		spin_lock_irqsave(&r->rec_lock, flags);
		cxl_leo_err_record_add(&r->records, dpa, nibble_mask, nibble_valid);
		spin_unlock_irqrestore(&r->rec_lock, flags);
		return;
	}
}

static bool repair_record_seen(struct cxl_leo_repair *r, const struct repair_instance *ri)
{
	unsigned long flags;
	bool seen;

	spin_lock_irqsave(&r->rec_lock, flags);
	seen = cxl_leo_err_record_match(&r->records, ri->dpa, ri->nibble_mask,
					!ri->caps.nibble_support);
	spin_unlock_irqrestore(&r->rec_lock, flags);
	return seen;
}

/* A repair left running on the device: is it still? Reading clears it when done. */
static bool repair_still_running(struct cxl_leo_repair *r)
{
	struct cxl_leo_bg_snap snap;

	if (!READ_ONCE(r->in_flight))
		return false;
	cxl_leo_bg_snapshot(r->leo, &snap);
	if (snap.running && snap.opcode == CXL_LEO_OP_PERFORM_MAINTENANCE)
		return true;
	WRITE_ONCE(r->in_flight, false);
	return false;
}

/*
 * Runs under the memory hotplug lock the online path holds (online_pages()),
 * so a block is either counted as onlining before a repair starts or
 * refused while it runs: the in-use check cannot miss memory coming online.
 */
static int repair_hotplug_notify(struct notifier_block *nb, unsigned long action, void *arg)
{
	struct cxl_leo_repair *r = container_of(nb, struct cxl_leo_repair, hotplug_nb);
	struct memory_notify *mn = arg;
	bool cxl;

	switch (action) {
	case MEM_GOING_ONLINE:
		cxl = region_intersects(PFN_PHYS(mn->start_pfn), PFN_PHYS(mn->nr_pages),
					IORESOURCE_MEM, IORES_DESC_CXL) != REGION_DISJOINT;
		if (!cxl)
			return NOTIFY_OK;
		scoped_guard(spinlock, &r->gate_lock) {
			/* A repair the device still runs after the wait keeps it shut. */
			if (cxl_leo_ppr_gate_going_online(&r->gate, mn->start_pfn,
							  !repair_still_running(r))) {
				dev_warn_ratelimited(&r->leo->pdev->dev,
						     "memory at %#llx not onlined: a repair that needs it offline is running\n",
						     (u64)PFN_PHYS(mn->start_pfn));
				return notifier_from_errno(-EBUSY);
			}
		}
		return NOTIFY_OK;
	case MEM_ONLINE:
	case MEM_CANCEL_ONLINE:
		scoped_guard(spinlock, &r->gate_lock)
			cxl_leo_ppr_gate_online_end(&r->gate, mn->start_pfn);
		return NOTIFY_OK;
	}
	return NOTIFY_OK;
}

/* Shut the gate for a repair unsafe in use; -EBUSY while a block is onlining. */
static int repair_gate_close(struct cxl_leo_repair *r)
{
	int rc;

	spin_lock(&r->gate_lock);
	rc = cxl_leo_ppr_gate_close(&r->gate);
	spin_unlock(&r->gate_lock);
	return rc;
}

/* @still_running: the device carries on; keep the gate shut until it is done. */
static void repair_gate_open(struct cxl_leo_repair *r, bool still_running)
{
	spin_lock(&r->gate_lock);
	cxl_leo_ppr_gate_open(&r->gate, still_running);
	spin_unlock(&r->gate_lock);
}

static u64 dpa_capacity(struct cxl_leo *leo)
{
	return resource_size(&leo->mds->cxlds.dpa_res);
}

enum repair_field {
	REPAIR_TYPE, PERSIST_MODE, SAFE_IN_USE, MIN_DPA, MAX_DPA, DPA, NIBBLE_MASK,
	ALLOW_DATA_LOSS, CONFIRM_DPA, DO_REPAIR,
};

struct repair_attr {
	struct device_attribute attr;
	unsigned int inst;
	enum repair_field field;
};

static ssize_t repair_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct repair_attr *ra = container_of(attr, struct repair_attr, attr);
	struct cxl_leo *leo = cxl_leo_from_ras_dev(dev);
	struct repair_instance *ri;

	if (!leo || !leo->repair)
		return -ENODEV;
	ri = &leo->repair->inst[ra->inst];
	guard(mutex)(&leo->repair->lock);
	switch (ra->field) {
	case REPAIR_TYPE:
		return sysfs_emit(buf, "ppr\n");
	case PERSIST_MODE:
		return sysfs_emit(buf, "%d\n", ri->caps.hard);
	case SAFE_IN_USE:
		return sysfs_emit(buf, "%d\n", cxl_leo_ppr_safe_in_use(&ri->caps));
	/* Upstream's formats: 0x-hex even for zero ("%#x" prints a bare 0). */
	case MIN_DPA:
		return sysfs_emit(buf, "0x%llx\n", (u64)leo->mds->cxlds.dpa_res.start);
	case MAX_DPA:
		return sysfs_emit(buf, "0x%llx\n", (u64)leo->mds->cxlds.dpa_res.end);
	case DPA:
		return sysfs_emit(buf, "0x%llx\n", ri->dpa);
	case NIBBLE_MASK:
		return sysfs_emit(buf, "0x%x\n", ri->nibble_mask);
	case ALLOW_DATA_LOSS:
		return sysfs_emit(buf, "%d\n", ri->allow_data_loss);
	case CONFIRM_DPA:
		return ri->confirmed ? sysfs_emit(buf, "0x%llx\n", ri->confirm_dpa) :
				       sysfs_emit(buf, "none\n");
	case DO_REPAIR:
		break;
	}
	return -EINVAL;
}

static int do_repair(struct cxl_leo *leo, struct repair_instance *ri)
{
	struct cxl_leo_repair *r = leo->repair;
	struct cxl_leo_ppr_request req = {
		.dpa = ri->dpa,
		.nibble_mask = ri->nibble_mask,
		.capacity = dpa_capacity(leo),
		.allow_data_loss = ri->allow_data_loss,
		.record_seen = repair_record_seen(r, ri),
		.confirmed = ri->confirmed && ri->confirm_dpa == ri->dpa,
	};
	bool gated = !cxl_leo_ppr_safe_in_use(&ri->caps);
	const char *kind = ri->caps.hard ? "hard" : "soft";
	const char *why = NULL;
	int rc;

	/* Consent and confirmation cover one attempt, whatever its outcome. */
	ri->allow_data_loss = false;
	ri->confirmed = false;
	if (repair_still_running(r)) {
		dev_info_ratelimited(&leo->pdev->dev,
				     "%s PPR of DPA %#llx refused: the previous repair is still running on the device\n",
				     kind, req.dpa);
		return -EBUSY;
	}
	if (gated) {
		rc = repair_gate_close(r);
		if (rc) {
			dev_info_ratelimited(&leo->pdev->dev,
					     "%s PPR of DPA %#llx refused: memory is coming online\n",
					     kind, req.dpa);
			return rc;
		}
	}
	/* With the gate shut no block of ours can come online from here on. */
	req.in_use = cxl_leo_dpa_online(leo->cxlmd, ri->dpa);
	rc = cxl_leo_ppr_perform(&leo->sender, &ri->caps, &req, &why);
	if (rc == -EINPROGRESS) {
		WRITE_ONCE(r->in_flight, true);
		if (gated)
			repair_gate_open(r, true);
		dev_warn(&leo->pdev->dev,
			 "%s PPR of DPA %#llx still running after %u ms: not failed, do not repeat it; cxl_leo/background_percent follows it\n",
			 kind, req.dpa, ri->caps.budget_ms);
		return rc;
	}
	if (gated)
		repair_gate_open(r, false);
	if (why)
		dev_info_ratelimited(&leo->pdev->dev, "%s PPR of DPA %#llx refused: %s\n",
				     kind, req.dpa, why);
	else if (rc)
		dev_warn_ratelimited(&leo->pdev->dev, "%s PPR of DPA %#llx failed: %d\n",
				     kind, req.dpa, rc);
	else
		dev_notice(&leo->pdev->dev, "%s PPR of DPA %#llx done\n", kind, req.dpa);
	return rc;
}

static ssize_t repair_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t len)
{
	struct repair_attr *ra = container_of(attr, struct repair_attr, attr);
	struct cxl_leo *leo = cxl_leo_from_ras_dev(dev);
	struct repair_instance *ri;
	u64 val;
	int rc;

	rc = cxl_leo_may_change(dev, attr);
	if (rc)
		return rc;
	if (!leo || !leo->repair)
		return -ENODEV;
	rc = kstrtou64(buf, 0, &val);
	if (rc)
		return rc;
	ri = &leo->repair->inst[ra->inst];
	guard(mutex)(&leo->repair->lock);
	switch (ra->field) {
	case DPA:
		if (val >= dpa_capacity(leo))
			return -EINVAL;
		ri->dpa = val;
		break;
	case NIBBLE_MASK:
		if (val > 0xffffff)
			return -EINVAL;
		ri->nibble_mask = val;
		break;
	case ALLOW_DATA_LOSS:
		if (val > 1)
			return -EINVAL;
		ri->allow_data_loss = val;
		break;
	case CONFIRM_DPA:
		ri->confirm_dpa = val;
		ri->confirmed = true;
		break;
	case DO_REPAIR:
		/* 1 is EDAC_DO_MEM_REPAIR in the later upstream ABI */
		if (val != 1)
			return -EINVAL;
		rc = do_repair(leo, ri);
		if (rc)
			return rc;
		break;
	default:
		return -EINVAL;
	}
	return len;
}

static umode_t repair_attr_visible(struct kobject *kobj, struct attribute *a, int n)
{
	struct cxl_leo *leo = cxl_leo_from_ras_dev(kobj_to_dev(kobj));
	struct device_attribute *da = container_of(a, struct device_attribute, attr);
	struct repair_attr *ra = container_of(da, struct repair_attr, attr);

	if (!leo || !leo->repair || !leo->repair->inst[ra->inst].supported)
		return n == 0 ? SYSFS_GROUP_INVISIBLE : 0;
	/* The confirmation step belongs to permanent repairs. */
	if (ra->field == CONFIRM_DPA && !leo->repair->inst[ra->inst].caps.hard)
		return 0;
	return a->mode;
}

static const struct {
	const char *name;
	enum repair_field field;
	umode_t mode;
} repair_fields[] = {
	{ "repair_type", REPAIR_TYPE, 0444 },
	{ "persist_mode", PERSIST_MODE, 0444 },
	{ "repair_safe_when_in_use", SAFE_IN_USE, 0444 },
	{ "min_dpa", MIN_DPA, 0444 },
	{ "max_dpa", MAX_DPA, 0444 },
	{ "dpa", DPA, 0644 },
	{ "nibble_mask", NIBBLE_MASK, 0644 },
	{ "allow_data_loss", ALLOW_DATA_LOSS, 0644 },
	{ "confirm_dpa", CONFIRM_DPA, 0644 },
	{ "repair", DO_REPAIR, 0200 },
};

static const char *const repair_group_names[REPAIR_INSTANCES] = {
	"mem_repair0", "mem_repair1",
};

static struct repair_attr repair_attrs[REPAIR_INSTANCES][ARRAY_SIZE(repair_fields)];
static struct attribute *repair_attr_list[REPAIR_INSTANCES][ARRAY_SIZE(repair_fields) + 1];
struct attribute_group cxl_leo_repair_groups[REPAIR_INSTANCES];

/**
 * cxl_leo_repair_init() - build the mem_repairN attribute groups
 *
 * Called once from module init, before the driver registers.
 */
void cxl_leo_repair_init(void)
{
	unsigned int inst, i;

	for (inst = 0; inst < REPAIR_INSTANCES; inst++) {
		for (i = 0; i < ARRAY_SIZE(repair_fields); i++) {
			struct repair_attr *ra = &repair_attrs[inst][i];

			sysfs_attr_init(&ra->attr.attr);
			ra->attr.attr.name = repair_fields[i].name;
			ra->attr.attr.mode = repair_fields[i].mode;
			ra->attr.show = repair_show;
			ra->attr.store = repair_store;
			ra->inst = inst;
			ra->field = repair_fields[i].field;
			repair_attr_list[inst][i] = &ra->attr.attr;
		}
		cxl_leo_repair_groups[inst] = (struct attribute_group) {
			.name = repair_group_names[inst],
			.attrs = repair_attr_list[inst],
			.is_visible = repair_attr_visible,
		};
	}
}

static void repair_remove(void *data)
{
	struct cxl_leo_repair *r = data;

	unregister_memory_notifier(&r->hotplug_nb);
	scoped_guard(mutex, &repair_list_lock)
		list_del_rcu(&r->node);
	synchronize_rcu();
}

/**
 * cxl_leo_repair_probe() - find the PPR kinds the device offers
 * @leo: the device, after cxl_leo_features_probe()
 *
 * A kind is offered when the CEL lists Perform Maintenance and the device
 * lists its Feature with readable attributes that make sense. Starts
 * collecting the device's media error records and watching memory come
 * online (see repair_hotplug_notify()).
 *
 * Return: 0 or a negative errno.
 */
int cxl_leo_repair_probe(struct cxl_leo *leo)
{
	static const u8 *const uuids[REPAIR_INSTANCES] = { sppr_uuid, hppr_uuid };
	struct device *dev = &leo->pdev->dev;
	struct cxl_leo_repair *r;
	bool any = false;
	unsigned int i;

	int rc;

	if (!cxl_leo_cel_has(leo, CXL_LEO_OP_PERFORM_MAINTENANCE))
		return 0;
	r = devm_kzalloc(dev, sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	mutex_init(&r->lock);
	spin_lock_init(&r->rec_lock);
	spin_lock_init(&r->gate_lock);
	r->leo = leo;
	for (i = 0; i < REPAIR_INSTANCES; i++) {
		struct cxl_leo_ppr_rd rd;
		int len = cxl_leo_feature_read(leo, uuids[i], &rd, sizeof(rd));

		if (len == -EOPNOTSUPP)
			continue;
		if (len < 0 || cxl_leo_ppr_decode(&rd, len, i == 1, &r->inst[i].caps)) {
			dev_warn(dev, "%s PPR Feature unreadable: not exposed\n",
				 i ? "hard" : "soft");
			continue;
		}
		r->inst[i].supported = true;
		any = true;
	}
	if (!any)
		return 0;
	r->hotplug_nb.notifier_call = repair_hotplug_notify;
	rc = register_memory_notifier(&r->hotplug_nb);
	if (rc)
		return rc;
	scoped_guard(mutex, &repair_list_lock)
		list_add_tail_rcu(&r->node, &repair_list);
	rc = devm_add_action_or_reset(dev, repair_remove, r);
	if (rc)
		return rc;
	leo->repair = r;
	return 0;
}
