// SPDX-License-Identifier: GPL-2.0-only
/* KUnit: which PCI functions cxl_leo binds, and why. */
#include <kunit/test.h>
#include <cxl_leo/leo_ids.h>
#include "bind_policy.h"
#include "compat_ns.h"

struct bind_case {
	const char *name;
	u16 vendor, device;
	u32 class;
	bool bind_any, dynamic_id;
	enum cxl_leo_bind_reason want;
};

#define CXL_MEM CXL_LEO_PCI_CLASS_CXL_MEM

static const struct bind_case bind_cases[] = {
	{ "leo_always_bound",
	  0x1dfa, 0x01e2, CXL_MEM, false, false, CXL_LEO_BIND_LEO },
	{ "leo_bound_whatever_class",
	  0x1dfa, 0x01e2, 0x058000, false, false, CXL_LEO_BIND_LEO },
	{ "qemu_type3_left_to_cxl_pci",
	  0x8086, 0x0d93, CXL_MEM, false, false, CXL_LEO_BIND_NOT_OPTED_IN },
	{ "qemu_type3_opted_in_by_param",
	  0x8086, 0x0d93, CXL_MEM, true, false, CXL_LEO_BIND_OPTED_IN },
	{ "qemu_type3_opted_in_by_new_id",
	  0x8086, 0x0d93, CXL_MEM, false, true, CXL_LEO_BIND_OPTED_IN },
	{ "other_astera_device_not_leo",
	  0x1dfa, 0x01e3, 0x020000, true, true, CXL_LEO_BIND_NOT_CXL_MEM },
	{ "nvme_never_bound_even_with_new_id",
	  0x144d, 0xa808, 0x010802, true, true, CXL_LEO_BIND_NOT_CXL_MEM },
	{ "cxl_mem_wrong_progif",
	  0x8086, 0x0d93, 0x050200, true, true, CXL_LEO_BIND_NOT_CXL_MEM },
};

static void bind_case_desc(const struct bind_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bind, bind_cases, bind_case_desc);

static void bind_policy_classifies(struct kunit *test)
{
	const struct bind_case *c = test->param_value;
	enum cxl_leo_bind_reason got;

	got = cxl_leo_bind_policy(c->vendor, c->device, c->class, c->bind_any, c->dynamic_id);
	KUNIT_EXPECT_EQ(test, got, c->want);
	KUNIT_EXPECT_EQ(test, cxl_leo_bind_allowed(got),
			c->want == CXL_LEO_BIND_LEO || c->want == CXL_LEO_BIND_OPTED_IN);
}

static void bind_reason_strings_are_distinct(struct kunit *test)
{
	int a, b;

	for (a = CXL_LEO_BIND_LEO; a <= CXL_LEO_BIND_NOT_CXL_MEM; a++) {
		KUNIT_EXPECT_STRNEQ(test, cxl_leo_bind_reason_str(a), "unknown");
		for (b = a + 1; b <= CXL_LEO_BIND_NOT_CXL_MEM; b++)
			KUNIT_EXPECT_STRNEQ(test, cxl_leo_bind_reason_str(a),
					    cxl_leo_bind_reason_str(b));
	}
	KUNIT_EXPECT_STREQ(test, cxl_leo_bind_reason_str(42), "unknown");
}

static struct kunit_case bind_policy_cases[] = {
	KUNIT_CASE_PARAM(bind_policy_classifies, bind_gen_params),
	KUNIT_CASE(bind_reason_strings_are_distinct),
	{}
};

static struct kunit_suite bind_policy_suite = {
	.name = "cxl_leo_bind_policy",
	.test_cases = bind_policy_cases,
};

kunit_test_suite(bind_policy_suite);

MODULE_DESCRIPTION("KUnit tests for cxl_leo binding policy");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(CXL_LEO_KUNIT_NS);
