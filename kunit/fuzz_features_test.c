// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit fuzzing: the Features list, Supported Logs, the Command Effects Log,
 * patrol scrub and ECS attributes, FW Info and Health Info, each checked
 * against what the specification lets the decoded values be.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include "feature_parse.h"
#include "fuzz.h"

static const u8 known_uuids[][CXL_LEO_UUID_LEN] = {
	CXL_LEO_PATROL_SCRUB_UUID, CXL_LEO_ECS_UUID, CXL_LEO_SPPR_UUID, CXL_LEO_HPPR_UUID,
	CXL_LEO_CEL_UUID,
};

static const u8 cel_uuid[] = CXL_LEO_CEL_UUID;

#define FEAT_HDR	sizeof(struct cxl_leo_supported_features)
#define FEAT_ENTRY	sizeof(struct cxl_leo_feature_entry)
#define FEAT_MAX_OUT	10
/* A 2 KiB mailbox (QEMU's) holds 42 entries; go past it. */
#define FEAT_MAX_ENTRIES 44

static void fuzz_uuid(struct fuzz *fz, u8 *uuid)
{
	if (fuzz_chance(fz, 3))
		fuzz_bytes(fz, uuid, CXL_LEO_UUID_LEN);
	else
		memcpy(uuid, known_uuids[fuzz_below(fz, ARRAY_SIZE(known_uuids))],
		       CXL_LEO_UUID_LEN);
}

static size_t build_features(struct fuzz *fz, u8 *buf)
{
	struct cxl_leo_supported_features *sf = (void *)buf;
	unsigned int n = fuzz_chance(fz, 8) ? fuzz_below(fz, FEAT_MAX_ENTRIES + 1) :
					       fuzz_below(fz, 6);
	unsigned int i;

	memset(buf, 0, FEAT_HDR + n * FEAT_ENTRY);
	put_unaligned_le16(n, &sf->entries);
	put_unaligned_le16(n + fuzz_below(fz, 3), &sf->supported);
	for (i = 0; i < n; i++) {
		struct cxl_leo_feature_entry *e = &sf->entry[i];
		bool changeable = fuzz_chance(fz, 2);

		fuzz_uuid(fz, e->uuid);
		put_unaligned_le16(i, &e->index);
		put_unaligned_le16(fuzz_boundary(fz, 2), &e->get_size);
		put_unaligned_le16(changeable ? 1 + fuzz_below(fz, U16_MAX) : fuzz_boundary(fz, 2),
				   &e->set_size);
		put_unaligned_le32((fuzz_u32(fz) & ~CXL_LEO_FEAT_ATTR_CHANGEABLE) |
				   (changeable ? CXL_LEO_FEAT_ATTR_CHANGEABLE : 0), &e->attr_flags);
		e->get_version = fuzz_u32(fz);
		e->set_version = fuzz_u32(fz);
	}
	return FEAT_HDR + n * FEAT_ENTRY;
}

static const struct fuzz_field feature_fields[] = {
	FUZZ_COUNT(0, 2, FEAT_HDR, FEAT_ENTRY),
	FUZZ_FIELD(2, 2),
	FUZZ_FIELD(FEAT_HDR + 18, 2), FUZZ_FIELD(FEAT_HDR + 20, 2), FUZZ_FIELD(FEAT_HDR + 22, 4),
	FUZZ_FIELD(FEAT_HDR + FEAT_ENTRY + 20, 2), FUZZ_FIELD(FEAT_HDR + FEAT_ENTRY + 22, 4),
	FUZZ_FIELD(FEAT_HDR + 2 * FEAT_ENTRY + 20, 2),
};

/* CXL r3.1 8.2.9.6.1 as the parser documents it. */
static int features_expected(const u8 *b, size_t len, unsigned int max, unsigned int *nr)
{
	unsigned int n, i;

	*nr = 0;
	if (len < FEAT_HDR)
		return -EIO;
	n = get_unaligned_le16(b);
	if (n > (len - FEAT_HDR) / FEAT_ENTRY)
		return -EIO;
	for (i = 0; i < n && *nr < max; i++) {
		const u8 *e = b + FEAT_HDR + i * FEAT_ENTRY;

		if ((get_unaligned_le32(e + 22) & CXL_LEO_FEAT_ATTR_CHANGEABLE) &&
		    !get_unaligned_le16(e + 20))
			return -EIO;
		(*nr)++;
	}
	return 0;
}

static void fuzz_features_list(struct kunit *test)
{
	struct fuzz *fz = fuzz_start(test);
	u8 *valid = kunit_kzalloc(test, FEAT_HDR + FEAT_MAX_ENTRIES * FEAT_ENTRY, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, valid);
	while (fuzz_next(fz)) {
		size_t vlen = build_features(fz, valid);
		const u8 *in = fuzz_input(fz, valid, vlen, FEAT_HDR + FEAT_MAX_ENTRIES * FEAT_ENTRY,
					  feature_fields, ARRAY_SIZE(feature_fields));
		unsigned int max = fuzz_below(fz, FEAT_MAX_OUT + 1), nr = U32_MAX, want_nr, j;
		struct cxl_leo_feature *out = fuzz_alloc(fz, max * sizeof(*out));
		int rc = cxl_leo_features_parse(in, fz->len, out, max, &nr);
		int want = features_expected(in, fz->len, max, &want_nr);

		KUNIT_ASSERT_EQ(test, rc, want);
		KUNIT_ASSERT_EQ(test, nr, want_nr);
		KUNIT_ASSERT_LE(test, nr, max);
		for (j = 0; j < nr; j++) {
			const u8 *e = in + FEAT_HDR + j * FEAT_ENTRY;
			const struct cxl_leo_feature *found;

			KUNIT_ASSERT_EQ(test, memcmp(out[j].uuid, e, CXL_LEO_UUID_LEN), 0);
			KUNIT_ASSERT_EQ(test, out[j].get_size, get_unaligned_le16(e + 18));
			KUNIT_ASSERT_EQ(test, out[j].set_size, get_unaligned_le16(e + 20));
			KUNIT_ASSERT_EQ(test, out[j].changeable, !!(e[22] & 1));
			KUNIT_ASSERT_EQ(test, out[j].set_version, e[27]);
			KUNIT_ASSERT_TRUE(test, !out[j].changeable || out[j].set_size);
			/* The first entry of a UUID is the one found. */
			found = cxl_leo_feature_find(out, nr, out[j].uuid);
			KUNIT_ASSERT_NOT_NULL(test, found);
			KUNIT_ASSERT_LE(test, found - out, j);
			KUNIT_ASSERT_EQ(test,
					memcmp(found->uuid, out[j].uuid, CXL_LEO_UUID_LEN), 0);
		}
		if (!rc && nr)
			fuzz_accepted(fz);
	}
	fuzz_finish(fz, 100);
}

#define LOGS_HDR	sizeof(struct cxl_leo_supported_logs)
#define LOGS_ENTRY	(CXL_LEO_UUID_LEN + 4)
#define LOGS_MAX_ENTRIES 100

static size_t build_logs(struct fuzz *fz, u8 *buf)
{
	unsigned int n = fuzz_chance(fz, 8) ? fuzz_below(fz, LOGS_MAX_ENTRIES + 1) :
					       fuzz_below(fz, 6);
	unsigned int i;

	memset(buf, 0, LOGS_HDR);
	put_unaligned_le16(n, buf);
	for (i = 0; i < n; i++) {
		u8 *e = buf + LOGS_HDR + i * LOGS_ENTRY;

		fuzz_uuid(fz, e);
		put_unaligned_le32(fuzz_boundary(fz, 4), e + CXL_LEO_UUID_LEN);
	}
	return LOGS_HDR + n * LOGS_ENTRY;
}

static const struct fuzz_field logs_fields[] = {
	FUZZ_COUNT(0, 2, LOGS_HDR, LOGS_ENTRY),
	FUZZ_FIELD(LOGS_HDR + 16, 4), FUZZ_FIELD(LOGS_HDR + LOGS_ENTRY + 16, 4),
	FUZZ_FIELD(LOGS_HDR, 8),
};

static void fuzz_supported_logs(struct kunit *test)
{
	struct fuzz *fz = fuzz_start(test);
	u8 *valid = kunit_kzalloc(test, LOGS_HDR + LOGS_MAX_ENTRIES * LOGS_ENTRY, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, valid);
	while (fuzz_next(fz)) {
		size_t vlen = build_logs(fz, valid);
		const u8 *in = fuzz_input(fz, valid, vlen, LOGS_HDR + LOGS_MAX_ENTRIES * LOGS_ENTRY,
					  logs_fields, ARRAY_SIZE(logs_fields));
		u32 size = 0xdeadbeef, want_size = 0xdeadbeef;
		int want = -EIO, rc;
		unsigned int n, i;

		if (fz->len >= LOGS_HDR) {
			n = get_unaligned_le16(in);
			if (n <= (fz->len - LOGS_HDR) / LOGS_ENTRY) {
				want = -ENOENT;
				for (i = 0; i < n && want; i++) {
					const u8 *e = in + LOGS_HDR + i * LOGS_ENTRY;

					if (!memcmp(e, cel_uuid, CXL_LEO_UUID_LEN)) {
						want = 0;
						want_size = get_unaligned_le32(e + 16);
					}
				}
			}
		}
		rc = cxl_leo_logs_find(in, fz->len, cel_uuid, &size);
		KUNIT_ASSERT_EQ(test, rc, want);
		/* Nothing is written unless the log is found. */
		KUNIT_ASSERT_EQ(test, size, want_size);
		if (!rc)
			fuzz_accepted(fz);
	}
	fuzz_finish(fz, 50);
}

#define CEL_MAX_ENTRIES	600

static void fuzz_cel(struct kunit *test)
{
	static const struct fuzz_field cel_fields[] = {
		FUZZ_COUNT(0, 2, 0, sizeof(struct cxl_leo_cel_entry)), FUZZ_FIELD(2, 2),
		FUZZ_FIELD(4, 2),
	};
	struct fuzz *fz = fuzz_start(test);
	u8 *valid = kunit_kzalloc(test, CEL_MAX_ENTRIES * 4, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, valid);
	while (fuzz_next(fz)) {
		unsigned int n = fuzz_chance(fz, 8) ? fuzz_below(fz, CEL_MAX_ENTRIES + 1) :
						       fuzz_below(fz, 40);
		const u8 *in;
		u16 opcode;
		int want = -ENOENT, rc;
		size_t i;

		fuzz_bytes(fz, valid, n * 4);
		in = fuzz_input(fz, valid, n * 4, CEL_MAX_ENTRIES * 4 + 8, cel_fields,
				ARRAY_SIZE(cel_fields));
		/* Mostly an opcode the log has, at a random place. */
		if (fz->len >= 4 && !fuzz_chance(fz, 4))
			opcode = get_unaligned_le16(in + 4 * fuzz_below(fz, fz->len / 4));
		else
			opcode = fuzz_boundary(fz, 2);
		if (fz->len % 4) {
			want = -EIO;
		} else {
			for (i = 0; i < fz->len && want < 0; i += 4)
				if (get_unaligned_le16(in + i) == opcode)
					want = get_unaligned_le16(in + i + 2);
		}
		rc = cxl_leo_cel_find(in, fz->len, opcode);
		KUNIT_ASSERT_EQ(test, rc, want);
		if (rc >= 0)
			fuzz_accepted(fz);
	}
	fuzz_finish(fz, 100);
}

static void fuzz_scrub(struct kunit *test)
{
	static const struct fuzz_field scrub_fields[] = {
		FUZZ_FIELD(0, 1), FUZZ_FIELD(1, 2), FUZZ_FIELD(1, 1), FUZZ_FIELD(2, 1),
		FUZZ_FIELD(3, 1),
	};
	struct fuzz *fz = fuzz_start(test);

	while (fuzz_next(fz)) {
		u8 valid[4], min = fuzz_boundary(fz, 1), cur;
		struct cxl_leo_scrub s, want;
		struct cxl_leo_scrub_wr *wr;
		const u8 *in;
		u8 cycle;
		bool enable;
		int rc, want_rc;

		cur = max_t(u8, min + fuzz_below(fz, 256 - min), 1);
		valid[0] = fuzz_u32(fz);
		valid[1] = cur;
		valid[2] = min;
		valid[3] = fuzz_u32(fz);
		in = fuzz_input(fz, valid, sizeof(valid), 8, scrub_fields,
				ARRAY_SIZE(scrub_fields));
		rc = cxl_leo_scrub_decode(in, fz->len, &s);
		if (fz->len < sizeof(struct cxl_leo_scrub_rd)) {
			KUNIT_ASSERT_EQ(test, rc, -EIO);
			continue;
		}
		want = (struct cxl_leo_scrub) {
			.cycle_changeable = in[0] & 1, .realtime_report = in[0] & 2,
			.cycle_hours = in[1], .min_cycle_hours = in[2], .enabled = in[3] & 1,
		};
		want_rc = !in[1] || in[1] < in[2] ? -EIO : 0;
		KUNIT_ASSERT_EQ(test, rc, want_rc);
		if (rc)
			continue;
		KUNIT_ASSERT_EQ(test, s.cycle_changeable, want.cycle_changeable);
		KUNIT_ASSERT_EQ(test, s.realtime_report, want.realtime_report);
		KUNIT_ASSERT_EQ(test, s.cycle_hours, want.cycle_hours);
		KUNIT_ASSERT_EQ(test, s.min_cycle_hours, want.min_cycle_hours);
		KUNIT_ASSERT_EQ(test, s.enabled, want.enabled);
		fuzz_accepted(fz);

		/* What a sysfs write asks next, against the state just read. */
		cycle = fuzz_chance(fz, 4) ? s.cycle_hours : fuzz_boundary(fz, 1);
		enable = fuzz_chance(fz, 2);
		wr = fuzz_alloc(fz, sizeof(*wr));
		rc = cxl_leo_scrub_encode(&s, cycle, enable, wr);
		if (!cycle || cycle < s.min_cycle_hours)
			want_rc = -EINVAL;
		else if (cycle != s.cycle_hours && !s.cycle_changeable)
			want_rc = -EOPNOTSUPP;
		else
			want_rc = 0;
		KUNIT_ASSERT_EQ(test, rc, want_rc);
		if (!rc) {
			KUNIT_ASSERT_EQ(test, wr->cycle_hours, cycle);
			KUNIT_ASSERT_EQ(test, wr->flags, enable ? 1 : 0);
		}
	}
	fuzz_finish(fz, 100);
}

/*
 * The layout a (get, set) size pair names, from CXL r3.1 Table 8-208/8-210
 * and r3.2's shared log capability, worked out independently of the driver:
 * 0 and *nr for one layout, -EIO for none or two with different counts.
 */
static int ecs_expected_layout(size_t get, size_t set, bool *shared, unsigned int *nr)
{
	bool per = get >= 5 && get % 5 == 0 && (!set || set == get / 5 * 3);
	bool shr = get >= 5 && (get - 1) % 4 == 0 && (!set || set == 1 + (get - 1) / 4 * 2);

	if (per && shr && get != 5)
		return -EIO;
	if (!per && !shr)
		return -EIO;
	*shared = !per;
	*nr = per ? get / 5 : (get - 1) / 4;
	return *nr <= CXL_LEO_ECS_MAX_FRUS ? 0 : -EIO;
}

static size_t build_ecs(struct fuzz *fz, u8 *buf, bool shared)
{
	unsigned int n = fuzz_chance(fz, 8) ? fuzz_below(fz, 13) : 1 + fuzz_below(fz, 8);
	unsigned int stride = shared ? 4 : 5, i;
	size_t len = (shared ? 1 : 0) + n * stride;

	fuzz_bytes(fz, buf, len);
	if (shared)
		buf[0] = fuzz_chance(fz, 4) ? fuzz_u32(fz) : fuzz_below(fz, 2);
	for (i = 0; i < n; i++) {
		u8 *fru = buf + (shared ? 1 : 0) + i * stride;
		u8 *cfg = shared ? fru + 1 : fru + 2;

		if (!shared)
			fru[0] = fuzz_chance(fz, 4) ? fuzz_u32(fz) : fuzz_below(fz, 2);
		/* Mostly a valid threshold (3-5); the other bits random. */
		if (!fuzz_chance(fz, 4))
			cfg[0] = (cfg[0] & ~7) | (3 + fuzz_below(fz, 3));
	}
	return len;
}

static u16 ecs_threshold_of(u16 cfg)
{
	switch (cfg & 7) {
	case 3:
		return 256;
	case 4:
		return 1024;
	case 5:
		return 4096;
	}
	return 0;
}

/*
 * Change one setting of one FRU: the payload must carry every other FRU
 * exactly as read (threshold and mode bits of its raw configuration, no
 * counter reset) and the target FRU with only that setting changed.
 */
static void ecs_check_encode(struct fuzz *fz, const struct cxl_leo_ecs *e)
{
	static const unsigned int thresholds[] = { 256, 1024, 4096 };
	struct kunit *test = fz->test;
	bool shared = e->layout == CXL_LEO_ECS_SHARED_LOG_CAP;
	size_t want = shared ? 1 + 2 * e->nr_frus : 3 * e->nr_frus;
	size_t len = fuzz_chance(fz, 4) ? fuzz_around(fz, want) : want;
	unsigned int fru = fuzz_chance(fz, 8) ? fuzz_below(fz, CXL_LEO_ECS_MAX_FRUS + 2) :
			   fuzz_below(fz, e->nr_frus);
	enum cxl_leo_ecs_field field = fuzz_below(fz, 4);
	unsigned int value = fuzz_chance(fz, 4) ? fuzz_u32(fz) :
			     field == CXL_LEO_ECS_THRESHOLD ? thresholds[fuzz_below(fz, 3)] :
			     fuzz_below(fz, 2);
	bool valid_value, shared_log_changed;
	u8 *buf = fuzz_alloc(fz, len);
	ssize_t rc = cxl_leo_ecs_encode(e, fru, field, value, buf, len);
	unsigned int i;

	switch (field) {
	case CXL_LEO_ECS_THRESHOLD:
		valid_value = value == 256 || value == 1024 || value == 4096;
		break;
	case CXL_LEO_ECS_RESET:
		valid_value = value == 1;
		break;
	default:
		valid_value = value <= 1;
	}
	if (len != want || fru >= e->nr_frus || !valid_value) {
		KUNIT_ASSERT_EQ(test, rc, -EINVAL);
		return;
	}
	KUNIT_ASSERT_EQ(test, rc, (ssize_t)want);
	shared_log_changed = shared && field == CXL_LEO_ECS_LOG_ENTRY_TYPE;
	if (shared)
		KUNIT_ASSERT_EQ(test, buf[0], shared_log_changed ? value :
				e->fru[0].log_cap & 3);
	for (i = 0; i < e->nr_frus; i++) {
		const u8 *cfg = shared ? buf + 1 + 2 * i : buf + 3 * i + 1;
		u16 val = get_unaligned_le16(cfg), old = e->fru[i].config & 0xf;
		u8 log = e->fru[i].log_cap & 3;

		if (i == fru) {
			switch (field) {
			case CXL_LEO_ECS_THRESHOLD:
				old = (old & ~7) | (value == 256 ? 3 : value == 1024 ? 4 : 5);
				break;
			case CXL_LEO_ECS_MODE:
				old = (old & ~BIT(3)) | (value ? BIT(3) : 0);
				break;
			case CXL_LEO_ECS_RESET:
				old |= BIT(4);
				break;
			case CXL_LEO_ECS_LOG_ENTRY_TYPE:
				log = value;
				break;
			}
		}
		KUNIT_ASSERT_EQ(test, val, old);
		if (!shared)
			KUNIT_ASSERT_EQ(test, cfg[-1], log);
	}
}

/*
 * Decode against an independent statement of the layout rules, every field
 * against its bytes, then encode one change and check the whole payload.
 */
static void fuzz_ecs(struct kunit *test)
{
	static const struct fuzz_field ecs_fields[] = {
		FUZZ_FIELD(0, 1), FUZZ_FIELD(1, 1), FUZZ_FIELD(2, 2), FUZZ_FIELD(3, 2),
		FUZZ_COUNT(0, 1, 1, 4), FUZZ_COUNT(0, 1, 0, 5),
	};
	struct fuzz *fz = fuzz_start(test);

	while (fuzz_next(fz)) {
		u8 valid[1 + 12 * 5];
		bool shared = fuzz_chance(fz, 2), want_shared;
		size_t vlen = build_ecs(fz, valid, shared);
		const u8 *in = fuzz_input(fz, valid, vlen, sizeof(valid) + 4, ecs_fields,
					  ARRAY_SIZE(ecs_fields));
		size_t frus = shared ? (vlen - 1) / 4 : vlen / 5;
		size_t set = fuzz_chance(fz, 4) ? 0 :
			     fuzz_chance(fz, 4) ? fuzz_around(fz, 3 * frus + 1) :
			     shared ? 1 + 2 * frus : 3 * frus;
		struct cxl_leo_ecs e;
		unsigned int i, want_nr;
		int rc, want;

		memset(&e, 0xa5, sizeof(e));
		rc = cxl_leo_ecs_decode(in, fz->len, set, &e);
		want = ecs_expected_layout(fz->len, set, &want_shared, &want_nr);
		KUNIT_ASSERT_EQ(test, rc, want);
		if (rc)
			continue;
		fuzz_accepted(fz);
		KUNIT_ASSERT_EQ(test, e.nr_frus, want_nr);
		shared = e.layout == CXL_LEO_ECS_SHARED_LOG_CAP;
		KUNIT_ASSERT_EQ(test, shared, want_shared);
		for (i = 0; i < e.nr_frus; i++) {
			const u8 *fru = in + (shared ? 1 : 0) + i * (shared ? 4 : 5);
			const u8 *rest = shared ? fru : fru + 1;
			u16 cfg = get_unaligned_le16(rest + 1);

			KUNIT_ASSERT_EQ(test, e.fru[i].log_entry_type,
					(shared ? in[0] : fru[0]) & 3);
			KUNIT_ASSERT_EQ(test, e.fru[i].realtime_report, rest[0] & 1);
			KUNIT_ASSERT_EQ(test, e.fru[i].threshold, ecs_threshold_of(cfg));
			KUNIT_ASSERT_EQ(test, e.fru[i].codeword_mode, !!(cfg & BIT(3)));
			KUNIT_ASSERT_EQ(test, e.fru[i].config, cfg);
		}
		ecs_check_encode(fz, &e);
	}
	fuzz_finish(fz, 100);
}

#define FW_LEN	sizeof(struct cxl_leo_fw_info)

static void build_fw_info(struct fuzz *fz, struct cxl_leo_fw_info *fi)
{
	unsigned int i, j, n;

	fuzz_bytes(fz, fi, sizeof(*fi));
	fi->slots_supported = 1 + fuzz_below(fz, CXL_LEO_FW_SLOTS_MAX);
	fi->slot_info = (1 + fuzz_below(fz, fi->slots_supported)) |
			fuzz_below(fz, fi->slots_supported + 1) << 3 | (fuzz_u32(fz) & 0xc0);
	for (i = 0; i < CXL_LEO_FW_SLOTS_MAX; i++) {
		n = fuzz_below(fz, CXL_LEO_FW_REV_LEN + 1);
		for (j = 0; j < n; j++)
			if (!fuzz_chance(fz, 16))
				fi->revision[i][j] = 0x20 + fuzz_below(fz, 0x5f);
		if (n < CXL_LEO_FW_REV_LEN && !fuzz_chance(fz, 8))
			fi->revision[i][n] = 0;
	}
}

static void fuzz_fw_info(struct kunit *test)
{
	static const struct fuzz_field fw_fields[] = {
		FUZZ_FIELD(0, 1), FUZZ_FIELD(1, 1), FUZZ_FIELD(2, 1), FUZZ_FIELD(16, 8),
		FUZZ_FIELD(FW_LEN - 8, 8),
	};
	struct fuzz *fz = fuzz_start(test);

	while (fuzz_next(fz)) {
		struct cxl_leo_fw_info valid;
		const struct cxl_leo_fw_info *fi;
		struct cxl_leo_fw fw;
		u8 slots, active, staged;
		unsigned int i, j;
		int rc;

		build_fw_info(fz, &valid);
		fi = (const void *)fuzz_input(fz, &valid, sizeof(valid), FW_LEN + 8, fw_fields,
					      ARRAY_SIZE(fw_fields));
		memset(&fw, 0xa5, sizeof(fw));
		rc = cxl_leo_fw_info_decode(fi, fz->len, &fw);
		if (fz->len < FW_LEN) {
			KUNIT_ASSERT_EQ(test, rc, -EIO);
			continue;
		}
		slots = fi->slots_supported;
		active = fi->slot_info & 7;
		staged = (fi->slot_info >> 3) & 7;
		KUNIT_ASSERT_EQ(test, rc, !slots || slots > CXL_LEO_FW_SLOTS_MAX || !active ||
				active > slots || staged > slots ? -EIO : 0);
		if (rc)
			continue;
		fuzz_accepted(fz);
		KUNIT_ASSERT_EQ(test, fw.slots, slots);
		KUNIT_ASSERT_EQ(test, fw.active, active);
		KUNIT_ASSERT_EQ(test, fw.staged, staged);
		KUNIT_ASSERT_EQ(test, fw.online_activation, fi->activation_caps & 1);
		for (i = 0; i < CXL_LEO_FW_SLOTS_MAX; i++) {
			/* NUL-terminated, printable, the slot's bytes up to its NUL. */
			KUNIT_ASSERT_LE(test, strnlen(fw.revision[i], CXL_LEO_FW_REV_LEN + 1),
					CXL_LEO_FW_REV_LEN);
			for (j = 0; j < CXL_LEO_FW_REV_LEN; j++) {
				char c = i < slots ? fi->revision[i][j] : 0;

				if (!c)
					break;
				KUNIT_ASSERT_EQ(test, fw.revision[i][j],
						(u8)c >= 0x20 && (u8)c < 0x7f ? c : '?');
			}
			KUNIT_ASSERT_EQ(test, fw.revision[i][j], 0);
		}
	}
	fuzz_finish(fz, 100);
}

static void fuzz_health_info(struct kunit *test)
{
	static const struct fuzz_field health_fields[] = {
		FUZZ_FIELD(0, 1), FUZZ_FIELD(2, 1), FUZZ_FIELD(3, 1), FUZZ_FIELD(4, 2),
		FUZZ_FIELD(6, 4), FUZZ_FIELD(10, 4), FUZZ_FIELD(14, 4),
	};
	struct fuzz *fz = fuzz_start(test);

	while (fuzz_next(fz)) {
		struct cxl_leo_health_info valid;
		const struct cxl_leo_health_info *hi;
		struct cxl_leo_health h;
		u16 temp;
		int rc;

		fuzz_bytes(fz, &valid, sizeof(valid));
		valid.life_used = fuzz_chance(fz, 8) ? 0xff : fuzz_below(fz, 101);
		if (fuzz_chance(fz, 8))
			valid.temperature = cpu_to_le16(0xffff);
		hi = (const void *)fuzz_input(fz, &valid, sizeof(valid), sizeof(valid) + 8,
					      health_fields, ARRAY_SIZE(health_fields));
		memset(&h, 0xa5, sizeof(h));
		rc = cxl_leo_health_decode(hi, fz->len, &h);
		if (fz->len < sizeof(valid)) {
			KUNIT_ASSERT_EQ(test, rc, -EIO);
			continue;
		}
		KUNIT_ASSERT_EQ(test, rc,
				hi->life_used > 100 && hi->life_used != 0xff ? -EIO : 0);
		if (rc)
			continue;
		fuzz_accepted(fz);
		temp = get_unaligned_le16(&hi->temperature);
		KUNIT_ASSERT_EQ(test, h.health_status, hi->health_status);
		KUNIT_ASSERT_EQ(test, h.media_status, hi->media_status);
		KUNIT_ASSERT_EQ(test, h.additional_status, hi->additional_status);
		KUNIT_ASSERT_EQ(test, h.life_used, hi->life_used);
		KUNIT_ASSERT_EQ(test, h.temperature_valid, temp != 0xffff);
		KUNIT_ASSERT_EQ(test, h.temperature, (s16)temp);
		KUNIT_ASSERT_EQ(test, h.dirty_shutdowns, get_unaligned_le32(&hi->dirty_shutdowns));
		KUNIT_ASSERT_EQ(test, h.corrected_volatile,
				get_unaligned_le32(&hi->corrected_volatile));
		KUNIT_ASSERT_EQ(test, h.corrected_persistent,
				get_unaligned_le32(&hi->corrected_persistent));
	}
	fuzz_finish(fz, 100);
}

static struct kunit_case fuzz_features_cases[] = {
	KUNIT_CASE_SLOW(fuzz_features_list),
	KUNIT_CASE_SLOW(fuzz_supported_logs),
	KUNIT_CASE_SLOW(fuzz_cel),
	KUNIT_CASE_SLOW(fuzz_scrub),
	KUNIT_CASE_SLOW(fuzz_ecs),
	KUNIT_CASE_SLOW(fuzz_fw_info),
	KUNIT_CASE_SLOW(fuzz_health_info),
	{}
};

static struct kunit_suite fuzz_features_suite = {
	.name = "cxl_leo_fuzz_features",
	.test_cases = fuzz_features_cases,
};

kunit_test_suite(fuzz_features_suite);
