/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PCI identity of Astera Labs Leo CXL memory controllers, shared by the
 * driver, its tests and the cxl-leo tool.
 */
#ifndef CXL_LEO_IDS_H
#define CXL_LEO_IDS_H

#define CXL_LEO_PCI_VENDOR_ASTERA	0x1dfa
#define CXL_LEO_PCI_DEVICE_LEO		0x01e2

/* PCI class code of a CXL memory device: 05h/02h, prog-if 10h (CXL 2.0 8.1.12.2) */
#define CXL_LEO_PCI_CLASS_CXL_MEM	0x050210

#define CXL_LEO_DRIVER_NAME		"cxl_leo"

#endif /* CXL_LEO_IDS_H */
