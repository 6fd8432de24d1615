// SPDX-License-Identifier: GPL-2.0-only
/* Decoding of firmware-first (CPER) CXL event records (see cper_decode.h). */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/pci.h>
#include <kunit/visibility.h>
#include "cper_decode.h"

/**
 * cxl_leo_cper_decode() - where a firmware-first record came from
 * @type: the section type GHES found (General Media, DRAM, Memory Module)
 * @rec: the section
 * @origin: filled on success
 *
 * Return: 0; -EINVAL for a record type the event tracepoints do not carry;
 * -EPROTO when firmware did not mark the event record valid; -ENODEV when
 * it did not name the device (the record cannot be attributed: upstream's
 * consumer would look up whatever the zeroed fields name).
 */
int cxl_leo_cper_decode(enum cxl_event_type type, const struct cxl_cper_event_rec *rec,
			struct cxl_leo_cper_origin *origin)
{
	const struct cper_cxl_event_devid *id = &rec->hdr.device_id;
	u64 valid = rec->hdr.validation_bits;

	switch (type) {
	case CXL_CPER_EVENT_GEN_MEDIA:
	case CXL_CPER_EVENT_DRAM:
	case CXL_CPER_EVENT_MEM_MODULE:
		break;
	default:
		return -EINVAL;
	}
	if (!(valid & CPER_CXL_COMP_EVENT_LOG_VALID))
		return -EPROTO;
	if (!(valid & CPER_CXL_DEVICE_ID_VALID))
		return -ENODEV;

	*origin = (struct cxl_leo_cper_origin) {
		.segment = id->segment_num,
		.bus = id->bus_num,
		.devfn = PCI_DEVFN(id->device_num, id->func_num),
		.serial_valid = !!(valid & CPER_CXL_DEVICE_SN_VALID),
		.serial = (u64)rec->hdr.dev_serial_num.upper_dw << 32 |
			  rec->hdr.dev_serial_num.lower_dw,
		/* No log in a CPER record: its severity picks the one it would be in. */
		.log = FIELD_GET(CXL_LEO_EVENT_SEVERITY, rec->event.generic.hdr.flags[0]),
	};
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_cper_decode);

/**
 * cxl_leo_cper_serial_matches() - is the device at the record's address the one it names?
 * @origin: a decoded record
 * @serial: the serial number of the device now at that address
 *
 * Return: false only when firmware gave a serial number and it differs
 * (the slot was re-populated since); true when it matches or is absent.
 */
bool cxl_leo_cper_serial_matches(const struct cxl_leo_cper_origin *origin, u64 serial)
{
	return !origin->serial_valid || origin->serial == serial;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_cper_serial_matches);
