// SPDX-License-Identifier: GPL-2.0-only
/*
 * CXL RAS Features the 6.12 core does not offer: device patrol scrub and
 * DDR5 ECS control (CXL r3.1 8.2.9.9.11), through Get/Set Feature
 * (8.2.9.6). What a device supports is read from its Command Effects Log
 * and its Supported Features list at probe, never assumed. Attribute names,
 * formats and modes are upstream's EDAC scrub/ECS ABI (scrub0/, ecs_fruN/,
 * Linux 6.15+); the groups hang off the EDAC bus device (edac.c) and, for
 * one release, the PCI device.
 */
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/unaligned.h>
#include <cxl/mailbox.h>
#include <cxlmem.h>
#include "cxl_leo.h"
#include "feature_directory.h"
#include "feature_parse.h"

#define FEATURES_MAX	64
#define CEL_MAX_BYTES	SZ_64K
#define SCRUB_MAX_HOURS	255

static const u8 cel_uuid[] = CXL_LEO_CEL_UUID;
static const u8 scrub_uuid[] = CXL_LEO_PATROL_SCRUB_UUID;
static const u8 ecs_uuid[] = CXL_LEO_ECS_UUID;

/**
 * struct cxl_leo_features - what the device supports, and a lock for changes
 * @lock: serialises read-modify-write of a Feature
 * @cel: the Command Effects Log
 * @cel_len: its length in bytes
 * @feat: supported Features
 * @nr_feat: how many
 * @scrub: the patrol scrub Feature, if supported
 * @ecs: the ECS Feature, if supported
 * @ecs_frus: media FRUs the ECS Feature reports
 */
struct cxl_leo_features {
	struct mutex lock;	/* see @lock */
	void *cel;
	size_t cel_len;
	struct cxl_leo_feature feat[FEATURES_MAX];
	unsigned int nr_feat;
	const struct cxl_leo_feature *scrub;
	const struct cxl_leo_feature *ecs;
	unsigned int ecs_frus;
};

static struct cxl_mailbox *leo_mbox(struct cxl_leo *leo)
{
	return &leo->mds->cxlds.cxl_mbox;
}

static bool cel_size_ok(u32 size)
{
	return size && size <= CEL_MAX_BYTES && !(size % sizeof(struct cxl_leo_cel_entry));
}

/**
 * cxl_leo_cel_observe() - keep the CEL the core reads through the mailbox
 * @leo: the device
 * @cmd: a command the transport completed successfully
 *
 * The core reads the Command Effects Log at probe (cxl_enumerate_cmds())
 * but keeps only the commands it drives itself; cxl_leo needs the others
 * (Features, maintenance, media operations). While @leo->cel.tap is set,
 * the Get Supported Logs reply gives the CEL's size and the Get Log replies
 * for the CEL, taken in order, its contents, so features.c does not read
 * the log from the device a second time. Anything unexpected stops the
 * copy; cel_read() then reads the log itself.
 *
 * Context: the mailbox mutex is held; process context.
 */
void cxl_leo_cel_observe(struct cxl_leo *leo, const struct cxl_mbox_cmd *cmd)
{
	struct cxl_leo_cel_copy *c = &leo->cel;
	const struct cxl_leo_get_log_in *in = cmd->payload_in;
	u32 size, n;

	if (!c->tap || cmd->return_code != CXL_MBOX_CMD_RC_SUCCESS)
		return;
	switch (cmd->opcode) {
	case CXL_LEO_OP_GET_SUPPORTED_LOGS:
		if (c->buf || cxl_leo_logs_find(cmd->payload_out, cmd->size_out, cel_uuid, &size) ||
		    !cel_size_ok(size))
			break;
		c->buf = devm_kzalloc(&leo->pdev->dev, size, GFP_KERNEL);
		c->size = c->buf ? size : 0;
		c->got = 0;
		return;
	case CXL_LEO_OP_GET_LOG:
		if (!c->buf || cmd->size_in < sizeof(*in) ||
		    memcmp(in->uuid, cel_uuid, sizeof(cel_uuid)))
			return;
		n = min_t(u32, cmd->size_out, c->size - c->got);
		if (get_unaligned_le32(&in->offset) != c->got || !n)
			break;
		memcpy(c->buf + c->got, cmd->payload_out, n);
		c->got += n;
		return;
	default:
		return;
	}
	c->tap = false;
}

static int cel_read(struct cxl_leo *leo, struct cxl_leo_features *f)
{
	struct cxl_mailbox *mbox = leo_mbox(leo);
	size_t chunk = mbox->payload_size;
	struct cxl_mbox_cmd cmd;
	u32 size, off;
	int rc;

	void *logs __free(kvfree) = NULL;

	/* Whole, as the core read it: not asked of the device again. */
	if (leo->cel.buf && leo->cel.got == leo->cel.size) {
		f->cel = leo->cel.buf;
		f->cel_len = leo->cel.size;
		return 0;
	}
	logs = kvzalloc(chunk, GFP_KERNEL);
	if (!logs)
		return -ENOMEM;
	cmd = (struct cxl_mbox_cmd) {
		.opcode = CXL_LEO_OP_GET_SUPPORTED_LOGS,
		.payload_out = logs,
		.size_out = chunk,
		.min_out = sizeof(struct cxl_leo_supported_logs),
	};
	rc = cxl_internal_send_cmd(mbox, &cmd);
	if (rc)
		return rc;
	rc = cxl_leo_logs_find(logs, cmd.size_out, cel_uuid, &size);
	if (rc)
		return rc;
	if (!cel_size_ok(size))
		return -ENXIO;
	f->cel = devm_kzalloc(&leo->pdev->dev, size, GFP_KERNEL);
	if (!f->cel)
		return -ENOMEM;
	for (off = 0; off < size; off += cmd.size_out) {
		struct cxl_leo_get_log_in in = {};
		u32 len = min_t(u32, size - off, chunk);

		memcpy(in.uuid, cel_uuid, sizeof(in.uuid));
		put_unaligned_le32(off, &in.offset);
		put_unaligned_le32(len, &in.length);
		cmd = (struct cxl_mbox_cmd) {
			.opcode = CXL_LEO_OP_GET_LOG,
			.payload_in = &in,
			.size_in = sizeof(in),
			.payload_out = f->cel + off,
			.size_out = len,
		};
		rc = cxl_internal_send_cmd(mbox, &cmd);
		if (rc)
			return rc;
	}
	f->cel_len = size;
	return 0;
}

static int features_list(struct cxl_leo *leo, struct cxl_leo_features *f)
{
	unsigned int supported;
	int rc;

	rc = cxl_leo_features_read(&leo->sender, leo_mbox(leo)->payload_size, f->feat,
				   FEATURES_MAX, &f->nr_feat, &supported);
	if (!rc && supported > f->nr_feat)
		dev_info(&leo->pdev->dev, "device lists %u Features; %u read\n", supported,
			 f->nr_feat);
	return rc;
}

static int feature_get(struct cxl_leo *leo, const struct cxl_leo_feature *feat,
		       void *buf, size_t len)
{
	struct cxl_leo_get_feature_in in = { .selection = CXL_LEO_FEAT_SELECT_CURRENT };
	struct cxl_mbox_cmd cmd = {
		.opcode = CXL_LEO_OP_GET_FEATURE,
		.payload_in = &in,
		.size_in = sizeof(in),
		.payload_out = buf,
		.size_out = min_t(size_t, len, feat->get_size),
	};
	int rc;

	memcpy(in.uuid, feat->uuid, sizeof(in.uuid));
	put_unaligned_le16(cmd.size_out, &in.count);
	rc = cxl_internal_send_cmd(leo_mbox(leo), &cmd);
	return rc ? rc : cmd.size_out;
}

static int scrub_read(struct cxl_leo *leo, struct cxl_leo_scrub *s)
{
	struct cxl_leo_scrub_rd rd;
	int len = feature_get(leo, leo->features->scrub, &rd, sizeof(rd));

	return len < 0 ? len : cxl_leo_scrub_decode(&rd, len, s);
}

static int ecs_read(struct cxl_leo *leo, struct cxl_leo_ecs *e)
{
	const struct cxl_leo_feature *ecs = leo->features->ecs;
	u8 buf[5 * CXL_LEO_ECS_MAX_FRUS];
	int len = feature_get(leo, ecs, buf, sizeof(buf));

	if (len < 0)
		return len;
	/* Both sizes tell the layout: see cxl_leo_ecs_layout(). */
	return cxl_leo_ecs_decode(buf, len, ecs->changeable ? ecs->set_size : 0, e);
}

/**
 * cxl_leo_feature_read() - read a supported Feature's current attributes
 * @leo: the device
 * @uuid: the Feature
 * @buf: where the attributes land
 * @len: size of @buf
 *
 * Return: bytes read, -EOPNOTSUPP when the device does not list the
 * Feature, or the mailbox's errno.
 */
int cxl_leo_feature_read(struct cxl_leo *leo, const u8 *uuid, void *buf, size_t len)
{
	struct cxl_leo_features *f = leo->features;
	const struct cxl_leo_feature *feat;

	feat = f ? cxl_leo_feature_find(f->feat, f->nr_feat, uuid) : NULL;
	if (!feat)
		return -EOPNOTSUPP;
	guard(mutex)(&f->lock);
	return feature_get(leo, feat, buf, len);
}

/**
 * cxl_leo_cel_has() - whether the device implements a command
 * @leo: the device
 * @opcode: the command
 *
 * Return: true when @opcode is in the device's Command Effects Log.
 */
bool cxl_leo_cel_has(struct cxl_leo *leo, u16 opcode)
{
	struct cxl_leo_features *f = leo->features;

	return f && f->cel && cxl_leo_cel_find(f->cel, f->cel_len, opcode) >= 0;
}

/**
 * cxl_leo_features_ras_controls() - whether scrub0 or ecs_fruN have a Feature
 * @leo: the device, after cxl_leo_features_probe()
 *
 * Return: true when the device offers patrol scrub or DDR5 ECS.
 */
bool cxl_leo_features_ras_controls(struct cxl_leo *leo)
{
	struct cxl_leo_features *f = leo->features;

	return f && (f->scrub || f->ecs);
}

/**
 * cxl_leo_features_probe() - learn the device's commands and Features
 * @leo: the device, its mailbox working
 *
 * A device without a readable CEL or Features support is not an error: the
 * attributes that depend on them stay hidden.
 *
 * Return: 0 or -ENOMEM.
 */
int cxl_leo_features_probe(struct cxl_leo *leo)
{
	struct device *dev = &leo->pdev->dev;
	struct cxl_leo_features *f;
	struct cxl_leo_ecs e;
	int rc;

	f = devm_kzalloc(dev, sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	mutex_init(&f->lock);
	leo->features = f;

	rc = cel_read(leo, f);
	if (rc == -ENOMEM)
		return rc;
	if (rc) {
		dev_info(dev, "Command Effects Log unreadable (%d): optional features off\n", rc);
		return 0;
	}
	if (!cxl_leo_cel_has(leo, CXL_LEO_OP_GET_SUPPORTED_FEATURES) ||
	    !cxl_leo_cel_has(leo, CXL_LEO_OP_GET_FEATURE))
		return 0;
	rc = features_list(leo, f);
	if (rc) {
		dev_warn(dev, "Get Supported Features failed (%d)\n", rc);
		f->nr_feat = 0;
		return 0;
	}
	f->scrub = cxl_leo_feature_find(f->feat, f->nr_feat, scrub_uuid);
	f->ecs = cxl_leo_feature_find(f->feat, f->nr_feat, ecs_uuid);
	if (f->ecs) {
		if (ecs_read(leo, &e)) {
			dev_warn(dev, "ECS Feature unreadable: not exposed\n");
			f->ecs = NULL;
		} else {
			f->ecs_frus = e.nr_frus;
		}
	}
	dev_dbg(dev, "%u Features; patrol scrub %s, ECS %u FRUs\n", f->nr_feat,
		f->scrub ? "yes" : "no", f->ecs_frus);
	return 0;
}

/* A refused write says why in the kernel log; the device is not touched. */
static int refuse(struct device *dev, const struct device_attribute *attr, const char *why)
{
	dev_info_ratelimited(dev, "%s: write refused: %s\n", attr->attr.name, why);
	return -EINVAL;
}

/* scrub0/: device patrol scrub */

static ssize_t scrub_show(struct device *dev, char *buf,
			  ssize_t (*emit)(char *buf, const struct cxl_leo_scrub *s))
{
	struct cxl_leo *leo = cxl_leo_from_ras_dev(dev);
	struct cxl_leo_scrub s;
	int rc;

	if (!leo || !leo->features->scrub)
		return -ENODEV;
	scoped_guard(mutex, &leo->features->lock)
		rc = scrub_read(leo, &s);
	return rc ? rc : emit(buf, &s);
}

static int scrub_write(struct device *dev, bool set_enable, bool enable, u8 hours)
{
	struct cxl_leo *leo = cxl_leo_from_ras_dev(dev);
	struct cxl_leo_scrub s;
	struct cxl_leo_scrub_wr wr;
	int rc;

	if (!leo || !leo->features->scrub)
		return -ENODEV;
	guard(mutex)(&leo->features->lock);
	rc = scrub_read(leo, &s);
	if (rc)
		return rc;
	rc = cxl_leo_scrub_encode(&s, set_enable ? s.cycle_hours : hours,
				  set_enable ? enable : s.enabled, &wr);
	if (rc)
		return rc;
	return cxl_leo_feature_write(&leo->sender, leo->features->scrub, &wr, sizeof(wr));
}

static ssize_t emit_enable(char *buf, const struct cxl_leo_scrub *s)
{
	return sysfs_emit(buf, "%d\n", s->enabled);
}

static ssize_t emit_cycle(char *buf, const struct cxl_leo_scrub *s)
{
	return sysfs_emit(buf, "%u\n", s->cycle_hours * 3600);
}

static ssize_t emit_min_cycle(char *buf, const struct cxl_leo_scrub *s)
{
	return sysfs_emit(buf, "%u\n", max_t(u8, s->min_cycle_hours, 1) * 3600);
}

static ssize_t enable_background_show(struct device *dev, struct device_attribute *attr,
				      char *buf)
{
	return scrub_show(dev, buf, emit_enable);
}

static ssize_t enable_background_store(struct device *dev, struct device_attribute *attr,
				       const char *buf, size_t len)
{
	bool enable;
	int rc = cxl_leo_may_change(dev, attr);

	if (rc)
		return rc;
	rc = kstrtobool(buf, &enable);
	if (rc)
		return refuse(dev, attr, "not 0 or 1");
	rc = scrub_write(dev, true, enable, 0);
	return rc ? rc : len;
}
static DEVICE_ATTR_RW(enable_background);

static ssize_t current_cycle_duration_show(struct device *dev, struct device_attribute *attr,
					   char *buf)
{
	return scrub_show(dev, buf, emit_cycle);
}

static ssize_t current_cycle_duration_store(struct device *dev, struct device_attribute *attr,
					    const char *buf, size_t len)
{
	unsigned int secs;
	int rc = cxl_leo_may_change(dev, attr);

	if (rc)
		return rc;
	rc = kstrtouint(buf, 0, &secs);
	if (rc)
		return refuse(dev, attr, "not a number of seconds");
	/* The device counts whole hours, CXL r3.1 Table 8-205. */
	if (!secs || secs % 3600 || secs / 3600 > SCRUB_MAX_HOURS)
		return refuse(dev, attr, "not a whole number of hours from 1 to 255");
	rc = scrub_write(dev, false, false, secs / 3600);
	if (rc == -EINVAL)
		return refuse(dev, attr, "below the device's minimum cycle (min_cycle_duration)");
	return rc ? rc : len;
}
static DEVICE_ATTR_RW(current_cycle_duration);

static ssize_t min_cycle_duration_show(struct device *dev, struct device_attribute *attr,
				       char *buf)
{
	return scrub_show(dev, buf, emit_min_cycle);
}
static DEVICE_ATTR_RO(min_cycle_duration);

static ssize_t max_cycle_duration_show(struct device *dev, struct device_attribute *attr,
				       char *buf)
{
	return sysfs_emit(buf, "%u\n", SCRUB_MAX_HOURS * 3600);
}
static DEVICE_ATTR_RO(max_cycle_duration);

static struct attribute *scrub_attrs[] = {
	&dev_attr_enable_background.attr,
	&dev_attr_current_cycle_duration.attr,
	&dev_attr_min_cycle_duration.attr,
	&dev_attr_max_cycle_duration.attr,
	NULL
};

static bool scrub_group_visible(struct kobject *kobj)
{
	struct cxl_leo *leo = cxl_leo_from_ras_dev(kobj_to_dev(kobj));

	return leo && leo->features && leo->features->scrub;
}

DEFINE_SIMPLE_SYSFS_GROUP_VISIBLE(scrub);

const struct attribute_group cxl_leo_scrub_group = {
	.name = "scrub0",
	.attrs = scrub_attrs,
	.is_visible = SYSFS_GROUP_VISIBLE(scrub),
};

/* ecs_fruN/: DDR5 Error Check Scrub per media FRU */

static_assert(CXL_LEO_ECS_SYSFS_FRUS == CXL_LEO_ECS_MAX_FRUS);

struct ecs_attr {
	struct device_attribute attr;
	unsigned int fru;
	enum cxl_leo_ecs_field field;
};

static ssize_t ecs_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct ecs_attr *ea = container_of(attr, struct ecs_attr, attr);
	struct cxl_leo *leo = cxl_leo_from_ras_dev(dev);
	struct cxl_leo_ecs e;
	int rc;

	if (!leo || !leo->features->ecs)
		return -ENODEV;
	scoped_guard(mutex, &leo->features->lock)
		rc = ecs_read(leo, &e);
	if (rc)
		return rc;
	if (ea->fru >= e.nr_frus)
		return -ENXIO;
	switch (ea->field) {
	case CXL_LEO_ECS_LOG_ENTRY_TYPE:
		return sysfs_emit(buf, "%u\n", e.fru[ea->fru].log_entry_type);
	case CXL_LEO_ECS_THRESHOLD:
		return sysfs_emit(buf, "%u\n", e.fru[ea->fru].threshold);
	case CXL_LEO_ECS_MODE:
		return sysfs_emit(buf, "%u\n", e.fru[ea->fru].codeword_mode);
	case CXL_LEO_ECS_RESET:
		break;
	}
	return -EINVAL;
}

static const char *const ecs_field_range[] = {
	[CXL_LEO_ECS_LOG_ENTRY_TYPE] = "0 (per DRAM) or 1 (per memory media FRU)",
	[CXL_LEO_ECS_THRESHOLD] = "256, 1024 or 4096",
	[CXL_LEO_ECS_MODE] = "0 (rows) or 1 (codewords)",
	[CXL_LEO_ECS_RESET] = "only 1 resets the counter",
};

static ssize_t ecs_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t len)
{
	struct ecs_attr *ea = container_of(attr, struct ecs_attr, attr);
	struct cxl_leo *leo = cxl_leo_from_ras_dev(dev);
	u8 wr[3 * CXL_LEO_ECS_MAX_FRUS];
	struct cxl_leo_ecs e;
	unsigned int val;
	ssize_t n;
	int rc;

	rc = cxl_leo_may_change(dev, attr);
	if (rc)
		return rc;
	if (!leo || !leo->features->ecs)
		return -ENODEV;
	rc = kstrtouint(buf, 0, &val);
	if (rc)
		return refuse(dev, attr, "not a number");
	guard(mutex)(&leo->features->lock);
	rc = ecs_read(leo, &e);
	if (rc)
		return rc;
	if (ea->fru >= e.nr_frus)
		return -ENXIO;
	n = cxl_leo_ecs_encode(&e, ea->fru, ea->field, val, wr,
			       leo->features->ecs->set_size);
	if (n == -EINVAL)
		return refuse(dev, attr, ecs_field_range[ea->field]);
	if (n < 0)
		return n;
	rc = cxl_leo_feature_write(&leo->sender, leo->features->ecs, wr, n);
	return rc ? rc : len;
}

static umode_t ecs_fru_visible(struct kobject *kobj, struct attribute *a, int n)
{
	struct cxl_leo *leo = cxl_leo_from_ras_dev(kobj_to_dev(kobj));
	struct device_attribute *da = container_of(a, struct device_attribute, attr);
	struct ecs_attr *ea = container_of(da, struct ecs_attr, attr);

	/* Attribute 0 decides for the whole directory. */
	if (!leo || !leo->features || !leo->features->ecs || ea->fru >= leo->features->ecs_frus)
		return n == 0 ? SYSFS_GROUP_INVISIBLE : 0;
	return a->mode;
}

static const struct {
	const char *name;
	enum cxl_leo_ecs_field field;
	umode_t mode;
} ecs_fields[] = {
	{ "log_entry_type", CXL_LEO_ECS_LOG_ENTRY_TYPE, 0644 },
	{ "threshold", CXL_LEO_ECS_THRESHOLD, 0644 },
	{ "mode", CXL_LEO_ECS_MODE, 0644 },
	{ "reset", CXL_LEO_ECS_RESET, 0200 },
};

static const char *const ecs_group_names[CXL_LEO_ECS_SYSFS_FRUS] = {
	"ecs_fru0", "ecs_fru1", "ecs_fru2", "ecs_fru3",
	"ecs_fru4", "ecs_fru5", "ecs_fru6", "ecs_fru7",
};

static struct ecs_attr ecs_attrs[CXL_LEO_ECS_SYSFS_FRUS][ARRAY_SIZE(ecs_fields)];
static struct attribute *ecs_attr_list[CXL_LEO_ECS_SYSFS_FRUS][ARRAY_SIZE(ecs_fields) + 1];
struct attribute_group cxl_leo_ecs_groups[CXL_LEO_ECS_SYSFS_FRUS];

/**
 * cxl_leo_features_init() - build the ecs_fruN attribute groups
 *
 * Called once from module init, before the driver registers.
 */
void cxl_leo_features_init(void)
{
	unsigned int fru, i;

	for (fru = 0; fru < CXL_LEO_ECS_SYSFS_FRUS; fru++) {
		for (i = 0; i < ARRAY_SIZE(ecs_fields); i++) {
			struct ecs_attr *ea = &ecs_attrs[fru][i];

			sysfs_attr_init(&ea->attr.attr);
			ea->attr.attr.name = ecs_fields[i].name;
			ea->attr.attr.mode = ecs_fields[i].mode;
			ea->attr.show = ecs_show;
			ea->attr.store = ecs_store;
			ea->fru = fru;
			ea->field = ecs_fields[i].field;
			ecs_attr_list[fru][i] = &ea->attr.attr;
		}
		cxl_leo_ecs_groups[fru] = (struct attribute_group) {
			.name = ecs_group_names[fru],
			.attrs = ecs_attr_list[fru],
			.is_visible = ecs_fru_visible,
		};
	}
}
