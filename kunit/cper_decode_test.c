// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: firmware-first (CPER) CXL event records, from the bytes firmware
 * writes (UEFI 2.10 N.2.14: length, validation bits, device id at 0x0c,
 * serial number at 0x18, the event record without its UUID at 0x20) to the
 * device, log and media fields cxl_leo's event handling keys on.
 */
#include <kunit/test.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include "cper_decode.h"
#include "media_policy.h"

#define SEC_VALID	0x04
#define SEC_DEVID	0x0c
#define SEC_SERIAL	0x18
#define SEC_EVENT	0x20
/* In the event record (CXL r3.1 Table 8-42 less the UUID, Table 8-43) */
#define EV_FLAGS	0x01
#define EV_PHYS_ADDR	0x20
#define EV_DESCRIPTOR	0x28

static struct cxl_cper_event_rec *gm_record(struct kunit *test, u64 valid, u8 severity,
					    u8 descriptor)
{
	struct cxl_cper_event_rec *rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	u8 *b = (u8 *)rec;

	KUNIT_ASSERT_NOT_NULL(test, rec);
	put_unaligned_le32(sizeof(*rec), b);
	put_unaligned_le64(valid, b + SEC_VALID);
	put_unaligned_le16(0x1dfa, b + SEC_DEVID);	/* vendor */
	put_unaligned_le16(0x01e2, b + SEC_DEVID + 2);	/* device */
	b[SEC_DEVID + 4] = 1;				/* function */
	b[SEC_DEVID + 5] = 2;				/* device number */
	b[SEC_DEVID + 6] = 0x0d;			/* bus */
	put_unaligned_le16(3, b + SEC_DEVID + 7);	/* segment */
	put_unaligned_le32(0x5678, b + SEC_SERIAL);
	put_unaligned_le32(0x1234, b + SEC_SERIAL + 4);
	b[SEC_EVENT] = 0x80;				/* record length */
	b[SEC_EVENT + EV_FLAGS] = severity;
	put_unaligned_le64(0x40001000, b + SEC_EVENT + EV_PHYS_ADDR);
	b[SEC_EVENT + EV_DESCRIPTOR] = descriptor;
	return rec;
}

#define ALL_VALID (CPER_CXL_DEVICE_ID_VALID | CPER_CXL_DEVICE_SN_VALID | \
		   CPER_CXL_COMP_EVENT_LOG_VALID)

static void cper_names_device_and_log(struct kunit *test)
{
	struct cxl_cper_event_rec *rec = gm_record(test, ALL_VALID, 2, 0);
	struct cxl_leo_cper_origin o;

	KUNIT_ASSERT_EQ(test, cxl_leo_cper_decode(CXL_CPER_EVENT_GEN_MEDIA, rec, &o), 0);
	KUNIT_EXPECT_EQ(test, o.segment, 3);
	KUNIT_EXPECT_EQ(test, o.bus, 0x0d);
	KUNIT_EXPECT_EQ(test, o.devfn, PCI_DEVFN(2, 1));
	KUNIT_EXPECT_TRUE(test, o.serial_valid);
	KUNIT_EXPECT_EQ(test, o.serial, 0x123400005678ULL);
	KUNIT_EXPECT_EQ(test, o.log, 2);	/* failure */
}

/* Severity bits 1:0 choose the log; the other flag bits do not leak into it. */
static void cper_severity_is_the_log(struct kunit *test)
{
	struct cxl_leo_cper_origin o;
	u8 sev;

	for (sev = 0; sev < 4; sev++) {
		struct cxl_cper_event_rec *rec = gm_record(test, ALL_VALID, sev | 0xfc, 0);

		KUNIT_ASSERT_EQ(test, cxl_leo_cper_decode(CXL_CPER_EVENT_DRAM, rec, &o), 0);
		KUNIT_EXPECT_EQ(test, o.log, sev);
	}
}

/* The record as decoded carries what the page-offline policy keys on. */
static void cper_media_record_reaches_offline_policy(struct kunit *test)
{
	struct cxl_cper_event_rec *rec =
		gm_record(test, ALL_VALID, 3, CXL_LEO_GMER_DESC_UNCORRECTABLE);
	struct cxl_leo_media_event ev;
	struct cxl_leo_cper_origin o;

	KUNIT_ASSERT_EQ(test, cxl_leo_cper_decode(CXL_CPER_EVENT_GEN_MEDIA, rec, &o), 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(rec->event.media_hdr.phys_addr), 0x40001000ULL);
	ev = (struct cxl_leo_media_event){ CXL_LEO_MEDIA_GENERAL_MEDIA,
					   rec->event.gen_media.media_hdr.descriptor,
					   0x1040001000ULL };
	KUNIT_EXPECT_EQ(test, cxl_leo_media_action(&ev, CXL_LEO_OFFLINE_UNCORRECTABLE),
			CXL_LEO_PAGE_HARD_OFFLINE);
}

static void cper_without_device_id_is_not_attributed(struct kunit *test)
{
	struct cxl_cper_event_rec *rec =
		gm_record(test, CPER_CXL_COMP_EVENT_LOG_VALID | CPER_CXL_DEVICE_SN_VALID, 0, 0);
	struct cxl_leo_cper_origin o;

	KUNIT_EXPECT_EQ(test, cxl_leo_cper_decode(CXL_CPER_EVENT_GEN_MEDIA, rec, &o), -ENODEV);
}

static void cper_without_valid_event_is_rejected(struct kunit *test)
{
	struct cxl_cper_event_rec *rec = gm_record(test, CPER_CXL_DEVICE_ID_VALID, 0, 0);
	struct cxl_leo_cper_origin o;

	KUNIT_EXPECT_EQ(test, cxl_leo_cper_decode(CXL_CPER_EVENT_MEM_MODULE, rec, &o), -EPROTO);
}

static void cper_generic_type_is_rejected(struct kunit *test)
{
	struct cxl_cper_event_rec *rec = gm_record(test, ALL_VALID, 0, 0);
	struct cxl_leo_cper_origin o;

	KUNIT_EXPECT_EQ(test, cxl_leo_cper_decode(CXL_CPER_EVENT_GENERIC, rec, &o), -EINVAL);
	KUNIT_EXPECT_EQ(test, cxl_leo_cper_decode(CXL_CPER_EVENT_MEM_MODULE + 1, rec, &o),
			-EINVAL);
}

/* A record for the device that was in the slot before: not this one's. */
static void cper_serial_must_match_when_given(struct kunit *test)
{
	struct cxl_cper_event_rec *rec = gm_record(test, ALL_VALID, 0, 0);
	struct cxl_leo_cper_origin o;

	KUNIT_ASSERT_EQ(test, cxl_leo_cper_decode(CXL_CPER_EVENT_GEN_MEDIA, rec, &o), 0);
	KUNIT_EXPECT_TRUE(test, cxl_leo_cper_serial_matches(&o, 0x123400005678ULL));
	KUNIT_EXPECT_FALSE(test, cxl_leo_cper_serial_matches(&o, 0x1234));

	rec = gm_record(test, ALL_VALID & ~CPER_CXL_DEVICE_SN_VALID, 0, 0);
	KUNIT_ASSERT_EQ(test, cxl_leo_cper_decode(CXL_CPER_EVENT_GEN_MEDIA, rec, &o), 0);
	KUNIT_EXPECT_TRUE(test, cxl_leo_cper_serial_matches(&o, 0x1234));
}

static struct kunit_case cper_decode_cases[] = {
	KUNIT_CASE(cper_names_device_and_log),
	KUNIT_CASE(cper_severity_is_the_log),
	KUNIT_CASE(cper_media_record_reaches_offline_policy),
	KUNIT_CASE(cper_without_device_id_is_not_attributed),
	KUNIT_CASE(cper_without_valid_event_is_rejected),
	KUNIT_CASE(cper_generic_type_is_rejected),
	KUNIT_CASE(cper_serial_must_match_when_given),
	{}
};

static struct kunit_suite cper_decode_suite = {
	.name = "cxl_leo_cper_decode",
	.test_cases = cper_decode_cases,
};

kunit_test_suite(cper_decode_suite);
