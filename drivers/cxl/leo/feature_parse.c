// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decoding of what a device says about its logs, Features and health, and
 * encoding of what we ask it to change. A length that does not add up or a
 * value outside the specification is -EIO (device) or -EINVAL (caller),
 * never a guess.
 */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <kunit/visibility.h>
#include "feature_parse.h"

/* ECS fields, CXL r3.1 Tables 8-208 - 8-210 */
#define ECS_LOG_ENTRY_TYPE	GENMASK(1, 0)
#define ECS_CAP_REALTIME	BIT(0)
#define ECS_CFG_THRESHOLD	GENMASK(2, 0)
#define ECS_CFG_CODEWORD_MODE	BIT(3)
#define ECS_CFG_RESET_COUNTER	BIT(4)

#define SCRUB_CAP_CYCLE_CHANGEABLE	BIT(0)
#define SCRUB_CAP_REALTIME		BIT(1)
#define SCRUB_CYCLE_CURRENT		GENMASK(7, 0)
#define SCRUB_CYCLE_MIN			GENMASK(15, 8)
#define SCRUB_FLAG_ENABLED		BIT(0)

#define HEALTH_TEMP_NOT_IMPLEMENTED	0xffff

#define FW_ACTIVE_SLOT		GENMASK(2, 0)
#define FW_STAGED_SLOT		GENMASK(5, 3)
#define FW_ONLINE_ACTIVATION	BIT(0)

/**
 * cxl_leo_fw_info_decode() - decode a Get FW Info reply
 * @buf: the reply (CXL r3.1 8.2.9.3.1)
 * @len: bytes the device returned
 * @fw: decoded state; revisions are copied NUL-terminated, non-printable
 *	bytes replaced by '?'
 *
 * Return: 0, or -EIO for a short reply, a slot count outside 1-4, or an
 * active or staged slot the device does not have.
 */
int cxl_leo_fw_info_decode(const void *buf, size_t len, struct cxl_leo_fw *fw)
{
	const struct cxl_leo_fw_info *fi = buf;
	unsigned int i, j;

	memset(fw, 0, sizeof(*fw));
	if (len < sizeof(*fi))
		return -EIO;
	fw->slots = fi->slots_supported;
	fw->active = FIELD_GET(FW_ACTIVE_SLOT, fi->slot_info);
	fw->staged = FIELD_GET(FW_STAGED_SLOT, fi->slot_info);
	fw->online_activation = fi->activation_caps & FW_ONLINE_ACTIVATION;
	if (!fw->slots || fw->slots > CXL_LEO_FW_SLOTS_MAX || !fw->active ||
	    fw->active > fw->slots || fw->staged > fw->slots)
		return -EIO;
	for (i = 0; i < fw->slots; i++) {
		for (j = 0; j < CXL_LEO_FW_REV_LEN && fi->revision[i][j]; j++) {
			char c = fi->revision[i][j];

			fw->revision[i][j] = c >= 0x20 && c < 0x7f ? c : '?';
		}
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_fw_info_decode);

/**
 * cxl_leo_logs_find() - size of a log in a Get Supported Logs reply
 * @buf: the reply (CXL r3.1 8.2.9.5.1)
 * @len: bytes the device returned
 * @uuid: the log wanted
 * @size: its size in bytes
 *
 * Return: 0, -ENOENT when the log is not listed, -EIO for a reply whose
 * entry count does not fit its length.
 */
int cxl_leo_logs_find(const void *buf, size_t len, const u8 *uuid, u32 *size)
{
	const struct cxl_leo_supported_logs *logs = buf;
	unsigned int i, n;

	if (len < sizeof(*logs))
		return -EIO;
	n = get_unaligned_le16(&logs->entries);
	if (n > (len - sizeof(*logs)) / sizeof(logs->entry[0]))
		return -EIO;
	for (i = 0; i < n; i++) {
		if (!memcmp(logs->entry[i].uuid, uuid, CXL_LEO_UUID_LEN)) {
			*size = get_unaligned_le32(&logs->entry[i].size);
			return 0;
		}
	}
	return -ENOENT;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_logs_find);

/**
 * cxl_leo_cel_find() - look an opcode up in the Command Effects Log
 * @cel: the log (CXL r3.1 8.2.9.5.2.1), a whole number of entries
 * @len: its length
 * @opcode: the command
 *
 * Return: the command's effects (>= 0), -ENOENT when the device does not
 * implement it, -EIO for a log that is not a whole number of entries.
 */
int cxl_leo_cel_find(const void *cel, size_t len, u16 opcode)
{
	const struct cxl_leo_cel_entry *e = cel;
	size_t i;

	if (len % sizeof(*e))
		return -EIO;
	for (i = 0; i < len / sizeof(*e); i++)
		if (get_unaligned_le16(&e[i].opcode) == opcode)
			return get_unaligned_le16(&e[i].effects);
	return -ENOENT;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_cel_find);

/**
 * cxl_leo_features_parse() - decode a Get Supported Features reply
 * @buf: the reply (CXL r3.1 8.2.9.6.1)
 * @len: bytes the device returned
 * @out: decoded entries
 * @max: room in @out
 * @nr: entries decoded
 *
 * Return: 0; -EIO when the entry count does not fit @len, or an entry
 * claims a Get/Set size larger than any mailbox (1 MiB) or a changeable
 * Feature with nothing to set.
 */
int cxl_leo_features_parse(const void *buf, size_t len, struct cxl_leo_feature *out,
			   unsigned int max, unsigned int *nr)
{
	const struct cxl_leo_supported_features *sf = buf;
	unsigned int i, n;

	*nr = 0;
	if (len < sizeof(*sf))
		return -EIO;
	n = get_unaligned_le16(&sf->entries);
	if (n > (len - sizeof(*sf)) / sizeof(sf->entry[0]))
		return -EIO;
	for (i = 0; i < n && *nr < max; i++) {
		const struct cxl_leo_feature_entry *e = &sf->entry[i];
		struct cxl_leo_feature *f = &out[*nr];

		memcpy(f->uuid, e->uuid, CXL_LEO_UUID_LEN);
		f->get_size = get_unaligned_le16(&e->get_size);
		f->set_size = get_unaligned_le16(&e->set_size);
		f->changeable = get_unaligned_le32(&e->attr_flags) & CXL_LEO_FEAT_ATTR_CHANGEABLE;
		f->set_version = e->set_version;
		if (f->changeable && !f->set_size)
			return -EIO;
		(*nr)++;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_features_parse);

/**
 * cxl_leo_feature_find() - a Feature by UUID
 * @f: decoded Features
 * @nr: how many
 * @uuid: the one wanted
 *
 * Return: the entry or NULL.
 */
const struct cxl_leo_feature *cxl_leo_feature_find(const struct cxl_leo_feature *f,
						   unsigned int nr, const u8 *uuid)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (!memcmp(f[i].uuid, uuid, CXL_LEO_UUID_LEN))
			return &f[i];
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_feature_find);

/**
 * cxl_leo_scrub_decode() - decode patrol scrub readable attributes
 * @buf: Get Feature output (CXL r3.1 Table 8-204)
 * @len: its length
 * @s: decoded state
 *
 * Return: 0, or -EIO for a short payload or a current cycle below the
 * device's own minimum or of zero hours.
 */
int cxl_leo_scrub_decode(const void *buf, size_t len, struct cxl_leo_scrub *s)
{
	const struct cxl_leo_scrub_rd *rd = buf;
	u16 cycle;

	if (len < sizeof(*rd))
		return -EIO;
	cycle = get_unaligned_le16(&rd->cycle);
	s->cycle_changeable = rd->cycle_cap & SCRUB_CAP_CYCLE_CHANGEABLE;
	s->realtime_report = rd->cycle_cap & SCRUB_CAP_REALTIME;
	s->cycle_hours = FIELD_GET(SCRUB_CYCLE_CURRENT, cycle);
	s->min_cycle_hours = FIELD_GET(SCRUB_CYCLE_MIN, cycle);
	s->enabled = rd->flags & SCRUB_FLAG_ENABLED;
	if (!s->cycle_hours || s->cycle_hours < s->min_cycle_hours)
		return -EIO;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_scrub_decode);

/**
 * cxl_leo_scrub_encode() - patrol scrub writable attributes
 * @cur: current state, as decoded
 * @cycle_hours: wanted cycle
 * @enable: run background patrol scrub
 * @wr: Set Feature data (CXL r3.1 Table 8-205)
 *
 * Return: 0, -EINVAL for a cycle outside [minimum, 255] hours, -EOPNOTSUPP
 * to change the cycle of a device that does not allow it.
 */
int cxl_leo_scrub_encode(const struct cxl_leo_scrub *cur, u8 cycle_hours, bool enable,
			 struct cxl_leo_scrub_wr *wr)
{
	if (!cycle_hours || cycle_hours < cur->min_cycle_hours)
		return -EINVAL;
	if (cycle_hours != cur->cycle_hours && !cur->cycle_changeable)
		return -EOPNOTSUPP;
	wr->cycle_hours = cycle_hours;
	wr->flags = enable ? SCRUB_FLAG_ENABLED : 0;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_scrub_encode);

static u16 ecs_threshold_decode(u16 cfg)
{
	switch (FIELD_GET(ECS_CFG_THRESHOLD, cfg)) {
	case 3:
		return 256;
	case 4:
		return 1024;
	case 5:
		return 4096;
	}
	return 0;
}

/**
 * cxl_leo_ecs_threshold_valid() - encode an ECS threshold
 * @threshold: errors per Gb: 256, 1024 or 4096
 *
 * Return: the configuration field value, or -EINVAL.
 */
int cxl_leo_ecs_threshold_valid(unsigned int threshold)
{
	switch (threshold) {
	case 256:
		return 3;
	case 1024:
		return 4;
	case 4096:
		return 5;
	}
	return -EINVAL;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ecs_threshold_valid);

/**
 * cxl_leo_ecs_layout() - which ECS payload layout a device uses
 * @get_size: the Feature's Get size (bytes of readable attributes)
 * @set_size: its Set size, 0 when the Feature is not changeable
 * @layout: result
 * @nr_frus: media FRUs the payload describes
 *
 * CXL r3.1 (Tables 8-208, 8-210) repeats the log capability in every FRU:
 * 5 bytes read and 3 written per FRU. r3.2 has one log capability for the
 * device, then 4 bytes read and 2 written per FRU. One length alone can fit
 * both (25 bytes: five r3.1 FRUs or six r3.2 FRUs), so both sizes decide.
 * For one FRU the two layouts are the same bytes.
 *
 * Return: 0, or -EIO when the sizes fit no layout, or fit both with
 * different FRU counts, or describe more than %CXL_LEO_ECS_MAX_FRUS FRUs.
 */
int cxl_leo_ecs_layout(size_t get_size, size_t set_size, enum cxl_leo_ecs_layout *layout,
		       unsigned int *nr_frus)
{
	bool per_fru, shared;
	unsigned int n;

	per_fru = get_size >= 5 && get_size % 5 == 0 &&
		  (!set_size || set_size == get_size / 5 * 3);
	shared = get_size >= 5 && (get_size - 1) % 4 == 0 &&
		 (!set_size || set_size == 1 + (get_size - 1) / 4 * 2);
	if (per_fru && shared) {
		if (get_size != 5)
			return -EIO;
		shared = false;
	}
	if (per_fru) {
		*layout = CXL_LEO_ECS_PER_FRU;
		n = get_size / 5;
	} else if (shared) {
		*layout = CXL_LEO_ECS_SHARED_LOG_CAP;
		n = (get_size - 1) / 4;
	} else {
		return -EIO;
	}
	if (n > CXL_LEO_ECS_MAX_FRUS)
		return -EIO;
	*nr_frus = n;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ecs_layout);

/**
 * cxl_leo_ecs_decode() - decode DDR5 ECS readable attributes
 * @buf: Get Feature output (CXL r3.1 Table 8-208, or r3.2 with the log
 *	 capability shared by all FRUs)
 * @len: its length
 * @set_size: the Feature's Set size (0 if not changeable), which together
 *	with @len tells the layout (cxl_leo_ecs_layout())
 * @e: decoded state
 *
 * Return: 0, or -EIO when the sizes fit no single layout.
 */
int cxl_leo_ecs_decode(const void *buf, size_t len, size_t set_size, struct cxl_leo_ecs *e)
{
	const u8 *p = buf;
	unsigned int i;
	int rc;

	memset(e, 0, sizeof(*e));
	rc = cxl_leo_ecs_layout(len, set_size, &e->layout, &e->nr_frus);
	if (rc)
		return rc;
	for (i = 0; i < e->nr_frus; i++) {
		struct cxl_leo_ecs_fru *f = &e->fru[i];
		const u8 *rest;

		if (e->layout == CXL_LEO_ECS_SHARED_LOG_CAP) {
			f->log_cap = p[0];
			rest = p + 1 + 4 * i;
		} else {
			f->log_cap = p[5 * i];
			rest = p + 5 * i + 1;
		}
		f->config = get_unaligned_le16(rest + 1);
		f->log_entry_type = FIELD_GET(ECS_LOG_ENTRY_TYPE, f->log_cap);
		f->realtime_report = rest[0] & ECS_CAP_REALTIME;
		f->threshold = ecs_threshold_decode(f->config);
		f->codeword_mode = f->config & ECS_CFG_CODEWORD_MODE;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ecs_decode);

/**
 * cxl_leo_ecs_encode() - DDR5 ECS writable attributes that change one setting
 * @cur: the device's state, as just decoded
 * @fru: the FRU whose setting changes
 * @field: which setting
 * @value: its new value
 * @buf: Set Feature data
 * @len: the Feature's Set size, which must match @cur's layout
 *
 * Set Feature replaces every FRU's settings at once, so every other FRU is
 * written back exactly as read (its threshold even when this driver does
 * not know the encoding); the counter-reset bit is only ever set for @fru.
 *
 * Return: bytes written, or -EINVAL for a @fru or @len that does not match
 * @cur, or a @value outside its setting's range.
 */
ssize_t cxl_leo_ecs_encode(const struct cxl_leo_ecs *cur, unsigned int fru,
			   enum cxl_leo_ecs_field field, unsigned int value, u8 *buf, size_t len)
{
	bool shared = cur->layout == CXL_LEO_ECS_SHARED_LOG_CAP;
	size_t want = shared ? 1 + 2 * cur->nr_frus : 3 * cur->nr_frus;
	u8 log_type;
	u16 cfg;
	unsigned int i;
	int thr = 0;

	if (!cur->nr_frus || cur->nr_frus > CXL_LEO_ECS_MAX_FRUS || fru >= cur->nr_frus ||
	    len != want)
		return -EINVAL;
	switch (field) {
	case CXL_LEO_ECS_LOG_ENTRY_TYPE:
	case CXL_LEO_ECS_MODE:
	case CXL_LEO_ECS_RESET:
		if (value > 1 || (field == CXL_LEO_ECS_RESET && !value))
			return -EINVAL;
		break;
	case CXL_LEO_ECS_THRESHOLD:
		thr = cxl_leo_ecs_threshold_valid(value);
		if (thr < 0)
			return thr;
		break;
	default:
		return -EINVAL;
	}

	memset(buf, 0, len);
	for (i = 0; i < cur->nr_frus; i++) {
		log_type = FIELD_GET(ECS_LOG_ENTRY_TYPE, cur->fru[i].log_cap);
		cfg = cur->fru[i].config & (ECS_CFG_THRESHOLD | ECS_CFG_CODEWORD_MODE);
		if (i == fru) {
			switch (field) {
			case CXL_LEO_ECS_LOG_ENTRY_TYPE:
				log_type = value;
				break;
			case CXL_LEO_ECS_THRESHOLD:
				cfg &= ~ECS_CFG_THRESHOLD;
				cfg |= FIELD_PREP(ECS_CFG_THRESHOLD, thr);
				break;
			case CXL_LEO_ECS_MODE:
				cfg = (cfg & ~ECS_CFG_CODEWORD_MODE) |
				      (value ? ECS_CFG_CODEWORD_MODE : 0);
				break;
			case CXL_LEO_ECS_RESET:
				cfg |= ECS_CFG_RESET_COUNTER;
				break;
			}
		}
		if (shared) {
			/* One log capability for the device: FRU 0's unless @fru changes it. */
			if (i == 0 || (i == fru && field == CXL_LEO_ECS_LOG_ENTRY_TYPE))
				buf[0] = log_type;
			put_unaligned_le16(cfg, buf + 1 + 2 * i);
		} else {
			buf[3 * i] = log_type;
			put_unaligned_le16(cfg, buf + 3 * i + 1);
		}
	}
	return want;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_ecs_encode);

/**
 * cxl_leo_health_decode() - decode a Get Health Info reply
 * @buf: the reply (CXL r3.1 8.2.9.9.3.1)
 * @len: bytes the device returned
 * @h: decoded state
 *
 * Return: 0, or -EIO for a short reply or a life-used above 100% that is
 * not the "not implemented" value.
 */
int cxl_leo_health_decode(const void *buf, size_t len, struct cxl_leo_health *h)
{
	const struct cxl_leo_health_info *hi = buf;
	u16 temp;

	if (len < sizeof(*hi))
		return -EIO;
	temp = get_unaligned_le16(&hi->temperature);
	h->health_status = hi->health_status;
	h->media_status = hi->media_status;
	h->additional_status = hi->additional_status;
	h->life_used = hi->life_used;
	h->temperature_valid = temp != HEALTH_TEMP_NOT_IMPLEMENTED;
	h->temperature = (s16)temp;
	h->dirty_shutdowns = get_unaligned_le32(&hi->dirty_shutdowns);
	h->corrected_volatile = get_unaligned_le32(&hi->corrected_volatile);
	h->corrected_persistent = get_unaligned_le32(&hi->corrected_persistent);
	if (h->life_used > 100 && h->life_used != 0xff)
		return -EIO;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_health_decode);
