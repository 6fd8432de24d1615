/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Firmware-first event records: what a CXL CPER section (UEFI 2.10 N.2.14,
 * CXL Component Events) says about the device and log it came from, checked
 * before the record is handed to the core's tracing (see cper.c).
 */
#ifndef CXL_LEO_CPER_DECODE_H
#define CXL_LEO_CPER_DECODE_H

#include <linux/types.h>
#include <cxl/event.h>

/* Common Event Record Flags bits 1:0, Event Record Severity (CXL r3.1 Table 8-42) */
#define CXL_LEO_EVENT_SEVERITY		GENMASK(1, 0)

/**
 * struct cxl_leo_cper_origin - the device and log a CPER record names
 * @segment: PCI segment
 * @bus: bus number
 * @devfn: PCI_DEVFN() of the device and function
 * @serial: the device serial number, valid when @serial_valid
 * @serial_valid: firmware filled in @serial
 * @log: the event log the record would have been read from: its severity
 *	(0 informational .. 3 fatal, the core's enum cxl_event_log_type)
 */
struct cxl_leo_cper_origin {
	u16 segment;
	u8 bus;
	u8 devfn;
	u64 serial;
	bool serial_valid;
	u8 log;
};

int cxl_leo_cper_decode(enum cxl_event_type type, const struct cxl_cper_event_rec *rec,
			struct cxl_leo_cper_origin *origin);
bool cxl_leo_cper_serial_matches(const struct cxl_leo_cper_origin *origin, u64 serial);

#endif /* CXL_LEO_CPER_DECODE_H */
