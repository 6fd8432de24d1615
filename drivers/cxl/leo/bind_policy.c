// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which devices cxl_leo drives. Leo parts always; any other CXL memory-class
 * device only when the administrator opted it in (module parameter, or an ID
 * added through new_id / driver_override), so cxl_leo never silently steals
 * devices from cxl_pci.
 */
#include <linux/export.h>
#include <kunit/visibility.h>
#include <cxl_leo/leo_ids.h>
#include "bind_policy.h"

/**
 * cxl_leo_bind_policy() - classify a PCI function for binding
 * @vendor: PCI vendor ID
 * @device: PCI device ID
 * @class: 24-bit PCI class code (class, subclass, prog-if)
 * @bind_any: the bind_any_cxl_mem module parameter
 * @dynamic_id: the match came from new_id or driver_override
 *
 * Return: the reason cxl_leo takes or declines the device; see
 * cxl_leo_bind_allowed().
 */
enum cxl_leo_bind_reason cxl_leo_bind_policy(u16 vendor, u16 device, u32 class,
					     bool bind_any, bool dynamic_id)
{
	if (vendor == CXL_LEO_PCI_VENDOR_ASTERA && device == CXL_LEO_PCI_DEVICE_LEO)
		return CXL_LEO_BIND_LEO;
	/* Only the CXL memory-device register interface is understood here. */
	if (class != CXL_LEO_PCI_CLASS_CXL_MEM)
		return CXL_LEO_BIND_NOT_CXL_MEM;
	if (bind_any || dynamic_id)
		return CXL_LEO_BIND_OPTED_IN;
	return CXL_LEO_BIND_NOT_OPTED_IN;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_bind_policy);

/**
 * cxl_leo_bind_allowed() - whether probe should proceed
 * @reason: result of cxl_leo_bind_policy()
 *
 * Return: true for Leo devices and opted-in CXL memory devices.
 */
bool cxl_leo_bind_allowed(enum cxl_leo_bind_reason reason)
{
	return reason == CXL_LEO_BIND_LEO || reason == CXL_LEO_BIND_OPTED_IN;
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_bind_allowed);

/**
 * cxl_leo_bind_reason_str() - the reason in words, for the probe's dmesg line
 * @reason: result of cxl_leo_bind_policy()
 *
 * Return: a static string; "unknown" for values outside the enum.
 */
const char *cxl_leo_bind_reason_str(enum cxl_leo_bind_reason reason)
{
	switch (reason) {
	case CXL_LEO_BIND_LEO:
		return "Astera Labs Leo";
	case CXL_LEO_BIND_OPTED_IN:
		return "CXL memory device opted in";
	case CXL_LEO_BIND_NOT_OPTED_IN:
		return "CXL memory device not opted in (cxl_leo.bind_any_cxl_mem=1 or new_id)";
	case CXL_LEO_BIND_NOT_CXL_MEM:
		return "not a CXL memory device (class 050210)";
	}
	return "unknown";
}
EXPORT_SYMBOL_IF_KUNIT(cxl_leo_bind_reason_str);
