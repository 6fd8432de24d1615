/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The part of compat.h that needs no CXL core: symbol namespace names, which
 * the KUnit suites (built on UML, where there is no CXL core) import too.
 * Linux 6.13 made namespaces string literals (MODULE_IMPORT_NS("NS")); 6.12
 * takes the bare name. Of the two supported kernels only 7.3 has that, and
 * only 7.3 has <cxl/cxl.h> (6.14 on, where compat.h's CXL_NR_PARTITIONS_MAX
 * lives): the header's presence picks the branch without the core.
 */
#ifndef CXL_LEO_COMPAT_NS_H
#define CXL_LEO_COMPAT_NS_H

#if __has_include("cxl/cxl.h")
#define CXL_LEO_KUNIT_NS	"EXPORTED_FOR_KUNIT_TESTING"
#else
#define CXL_LEO_KUNIT_NS	EXPORTED_FOR_KUNIT_TESTING
#endif

#endif /* CXL_LEO_COMPAT_NS_H */
