// SPDX-License-Identifier: GPL-2.0-only
/*
 * Wiping a DPA range through Media Operations (CXL r3.2 8.2.10.9.5.3), for
 * devices whose Command Effects Log lists the command and whose Discovery
 * reply offers Sanitize or Zero: the capacity one tenant used goes back
 * clean without erasing the rest of the device. Attributes in media_ops/
 * follow mem_repairN/: stage "dpa" and "length", then write 1 to "zero" or
 * "sanitize"; "status" tells how the last wipe ended. The payload rules are
 * in media_ops_policy.c; whether the range is online is the online guard's
 * answer (online_guard.c).
 *
 * A wipe the device still runs when the wait ends is followed through the
 * Background Command Status register, as sanitize is: cxl_leo/background_*
 * and "status" show it until the device reports its outcome.
 */
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/sysfs.h>
#include <cxlmem.h>
#include "cxl_leo.h"
#include "media_ops_policy.h"

/* Long enough for a small range; a longer wipe is followed, not waited for. */
#define MEDIA_OPS_WAIT_MS	1000

enum wipe_state { WIPE_NONE, WIPE_RUNNING, WIPE_DONE, WIPE_FAILED, WIPE_REFUSED };

static const char *const wipe_state_names[] = {
	[WIPE_NONE] = "none",
	[WIPE_RUNNING] = "running",
	[WIPE_DONE] = "done",
	[WIPE_FAILED] = "failed",
	[WIPE_REFUSED] = "refused",
};

/**
 * struct cxl_leo_media_ops - Media Operations state of a device
 * @lock: one wipe, or one change of the staged range, at a time
 * @caps: what Discovery reported at probe
 * @leo: the device
 * @dpa: staged start of the range
 * @length: staged length of the range
 * @state: how the last wipe went
 * @in_flight: the last wipe was still running when the wait ended
 */
struct cxl_leo_media_ops {
	struct mutex lock;	/* see @lock */
	struct cxl_leo_media_ops_caps caps;
	struct cxl_leo *leo;
	u64 dpa;
	u64 length;
	enum wipe_state state;
	bool in_flight;
};

static u64 dpa_capacity(struct cxl_leo *leo)
{
	return resource_size(&leo->mds->cxlds.dpa_res);
}

/* A wipe left running on the device: settle its outcome once it is done. */
static void wipe_settle(struct cxl_leo_media_ops *mo)
{
	struct cxl_leo_bg_snap snap;

	lockdep_assert_held(&mo->lock);
	if (!mo->in_flight)
		return;
	cxl_leo_bg_snapshot(mo->leo, &snap);
	if (snap.running && snap.opcode == CXL_LEO_OP_MEDIA_OPERATIONS)
		return;
	mo->in_flight = false;
	/* Another command ran since: the wipe's outcome is gone, claim nothing. */
	mo->state = snap.opcode == CXL_LEO_OP_MEDIA_OPERATIONS && !snap.return_code ?
		    WIPE_DONE : WIPE_FAILED;
}

static int wipe_refuse(struct cxl_leo_media_ops *mo, enum cxl_leo_media_op op, int rc,
		       const char *why)
{
	dev_err_ratelimited(&mo->leo->pdev->dev,
			    "%s of DPA %#llx length %#llx refused: %s; nothing was changed\n",
			    cxl_leo_media_op_name(op), mo->dpa, mo->length, why);
	/* A refusal does not hide the outcome of a wipe still running. */
	if (!mo->in_flight)
		mo->state = WIPE_REFUSED;
	return rc;
}

static int do_wipe(struct cxl_leo_media_ops *mo, enum cxl_leo_media_op op)
{
	struct cxl_leo *leo = mo->leo;
	struct device *dev = &leo->pdev->dev;
	const char *why = NULL;
	int rc;

	lockdep_assert_held(&mo->lock);
	wipe_settle(mo);
	if (mo->in_flight)
		return wipe_refuse(mo, op, -EBUSY,
				   "the previous wipe is still running on the device");
	rc = cxl_leo_media_ops_check(&mo->caps, op, dpa_capacity(leo), mo->dpa, mo->length, &why);
	if (rc)
		return wipe_refuse(mo, op, rc, why);
	if (cxl_leo_dpa_range_online(leo->cxlmd, mo->dpa, mo->length))
		return wipe_refuse(mo, op, -EBUSY,
				   "a committed decoder maps part of it to online memory");
	rc = cxl_leo_media_ops_wipe(&leo->sender, &mo->caps, op, dpa_capacity(leo), mo->dpa,
				    mo->length, MEDIA_OPS_WAIT_MS, &why);
	if (rc == -EINPROGRESS) {
		mo->in_flight = true;
		mo->state = WIPE_RUNNING;
		dev_info(dev, "%s of DPA %#llx length %#llx running on the device; media_ops/status follows it\n",
			 cxl_leo_media_op_name(op), mo->dpa, mo->length);
		return rc;
	}
	if (why)
		return wipe_refuse(mo, op, rc, why);
	if (rc) {
		mo->state = WIPE_FAILED;
		dev_err_ratelimited(dev, "%s of DPA %#llx length %#llx failed: %d\n",
				    cxl_leo_media_op_name(op), mo->dpa, mo->length, rc);
		return rc;
	}
	mo->state = WIPE_DONE;
	dev_notice(dev, "%s of DPA %#llx length %#llx done\n", cxl_leo_media_op_name(op),
		   mo->dpa, mo->length);
	return 0;
}

static struct cxl_leo_media_ops *media_ops_of(struct device *dev)
{
	struct cxl_leo *leo = cxl_leo_from_dev(dev);

	return leo ? leo->media_ops : NULL;
}

static ssize_t granularity_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct cxl_leo_media_ops *mo = media_ops_of(dev);

	if (!mo)
		return -ENODEV;
	return sysfs_emit(buf, "%llu\n", mo->caps.granularity);
}
static DEVICE_ATTR_RO(granularity);

static ssize_t operations_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct cxl_leo_media_ops *mo = media_ops_of(dev);
	int op, len = 0;

	if (!mo)
		return -ENODEV;
	for (op = 0; op < CXL_LEO_NR_MEDIA_OPS; op++)
		if (mo->caps.supported & BIT(op))
			len += sysfs_emit_at(buf, len, "%s%s", len ? " " : "",
					     cxl_leo_media_op_name(op));
	return len + sysfs_emit_at(buf, len, "\n");
}
static DEVICE_ATTR_RO(operations);

static ssize_t status_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct cxl_leo_media_ops *mo = media_ops_of(dev);

	if (!mo)
		return -ENODEV;
	guard(mutex)(&mo->lock);
	wipe_settle(mo);
	return sysfs_emit(buf, "%s\n", wipe_state_names[mo->state]);
}
static DEVICE_ATTR_RO(status);

static ssize_t range_show(struct device *dev, char *buf, bool length)
{
	struct cxl_leo_media_ops *mo = media_ops_of(dev);

	if (!mo)
		return -ENODEV;
	guard(mutex)(&mo->lock);
	return sysfs_emit(buf, "%#llx\n", length ? mo->length : mo->dpa);
}

/* What a write sets: the range, or (>= 0) the enum cxl_leo_media_op to run. */
#define STAGE_DPA	(-1)
#define STAGE_LENGTH	(-2)

/* Staged values and wipes do not wait for a wipe in progress: they fail. */
static ssize_t media_ops_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t len, int field)
{
	struct cxl_leo_media_ops *mo = media_ops_of(dev);
	u64 val;
	int rc;

	rc = cxl_leo_may_change(dev, attr);
	if (rc)
		return rc;
	if (!mo)
		return -ENODEV;
	rc = kstrtou64(buf, 0, &val);
	if (rc)
		return rc;
	if (field >= 0 && val != 1)
		return -EINVAL;
	if (!mutex_trylock(&mo->lock)) {
		dev_err_ratelimited(dev, "media_ops/%s: refused: a wipe is in progress\n",
				    attr->attr.name);
		return -EBUSY;
	}
	switch (field) {
	case STAGE_DPA:
		mo->dpa = val;
		break;
	case STAGE_LENGTH:
		mo->length = val;
		break;
	default:
		rc = do_wipe(mo, field);
		break;
	}
	mutex_unlock(&mo->lock);
	return rc ? rc : len;
}

static ssize_t dpa_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return range_show(dev, buf, false);
}

static ssize_t dpa_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t len)
{
	return media_ops_store(dev, attr, buf, len, STAGE_DPA);
}
static DEVICE_ATTR_RW(dpa);

static ssize_t length_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return range_show(dev, buf, true);
}

static ssize_t length_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t len)
{
	return media_ops_store(dev, attr, buf, len, STAGE_LENGTH);
}
static DEVICE_ATTR_RW(length);

static ssize_t zero_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t len)
{
	return media_ops_store(dev, attr, buf, len, CXL_LEO_MEDIA_OP_ZERO);
}
static DEVICE_ATTR_WO(zero);

static ssize_t sanitize_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t len)
{
	return media_ops_store(dev, attr, buf, len, CXL_LEO_MEDIA_OP_SANITIZE);
}
static DEVICE_ATTR_WO(sanitize);

static struct attribute *media_ops_attrs[] = {
	&dev_attr_granularity.attr,
	&dev_attr_operations.attr,
	&dev_attr_dpa.attr,
	&dev_attr_length.attr,
	&dev_attr_zero.attr,
	&dev_attr_sanitize.attr,
	&dev_attr_status.attr,
	NULL
};

static umode_t media_ops_visible(struct kobject *kobj, struct attribute *a, int n)
{
	struct cxl_leo_media_ops *mo = media_ops_of(kobj_to_dev(kobj));

	if (!mo)
		return n == 0 ? SYSFS_GROUP_INVISIBLE : 0;
	if (a == &dev_attr_zero.attr && !(mo->caps.supported & BIT(CXL_LEO_MEDIA_OP_ZERO)))
		return 0;
	if (a == &dev_attr_sanitize.attr &&
	    !(mo->caps.supported & BIT(CXL_LEO_MEDIA_OP_SANITIZE)))
		return 0;
	return a->mode;
}

const struct attribute_group cxl_leo_media_ops_group = {
	.name = "media_ops",
	.attrs = media_ops_attrs,
	.is_visible = media_ops_visible,
};

/**
 * cxl_leo_media_ops_probe() - find the range wipes the device offers
 * @leo: the device, after cxl_leo_features_probe() (which reads the CEL)
 *
 * A device without the command, or whose Discovery reply is unusable, is
 * not an error: media_ops/ stays hidden and cxl-leo falls back to
 * sanitizing the whole device.
 *
 * Return: 0 or -ENOMEM.
 */
int cxl_leo_media_ops_probe(struct cxl_leo *leo)
{
	struct device *dev = &leo->pdev->dev;
	struct cxl_leo_media_ops_caps caps;
	struct cxl_leo_media_ops *mo;
	int rc;

	if (!cxl_leo_cel_has(leo, CXL_LEO_OP_MEDIA_OPERATIONS))
		return 0;
	rc = cxl_leo_media_ops_discover(&leo->sender, &caps);
	if (rc) {
		dev_warn(dev, "Media Operations Discovery failed (%d): no range wipes\n", rc);
		return 0;
	}
	if (!caps.supported) {
		dev_dbg(dev, "Media Operations offer no range wipe (%u other entries)\n",
			caps.unknown);
		return 0;
	}
	mo = devm_kzalloc(dev, sizeof(*mo), GFP_KERNEL);
	if (!mo)
		return -ENOMEM;
	mutex_init(&mo->lock);
	mo->caps = caps;
	mo->leo = leo;
	leo->media_ops = mo;
	dev_dbg(dev, "Media Operations: range wipes at %llu-byte granularity (ops %#x)\n",
		caps.granularity, caps.supported);
	return 0;
}
