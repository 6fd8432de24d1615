/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The part of compat.h that needs no CXL core: symbol namespace names, which
 * the KUnit suites (built on UML, where there is no CXL core) import too.
 * Linux 6.13 made namespaces string literals (MODULE_IMPORT_NS("NS")); 6.12
 * takes the bare name. Unlike compat.h's core branch, this follows kbuild,
 * so the kernel version is the honest test.
 */
#ifndef CXL_LEO_COMPAT_NS_H
#define CXL_LEO_COMPAT_NS_H

#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#define CXL_LEO_KUNIT_NS	"EXPORTED_FOR_KUNIT_TESTING"
#else
#define CXL_LEO_KUNIT_NS	EXPORTED_FOR_KUNIT_TESTING
#endif

#endif /* CXL_LEO_COMPAT_NS_H */
