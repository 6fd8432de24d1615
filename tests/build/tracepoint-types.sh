#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# cxl_leo attaches its error probes to the CXL core's tracepoints by name,
# which the compiler cannot check; media_errors.c therefore passes each probe
# to the core header's typed checker. This proves that checker turns a
# prototype mismatch into a build error against the matching source, and
# that every probe the driver registers goes through it.
set -uo pipefail
top=$(readlink -f "$(dirname "$0")/../..")
cd "$top"
kdir=${KDIR:-$(ls -d /usr/src/linux-headers-6.12.*-amd64 2>/dev/null | sort -V | tail -n1)}
ksrc=$(tools/build/check-kernel.sh "$kdir") || { echo "0 passed, 1 failed"; exit 1; }
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

result() {
	if [ "$1" = 0 ]; then echo "PASS tracepoint-types: $2"; pass=$((pass + 1))
	else echo "FAIL tracepoint-types: $2"; fail=$((fail + 1)); fi
}

# probe_module NAME TYPE: a module whose cxl_poison probe takes TYPE last.
probe_module() {
	mkdir -p "$tmp/$1"
	cat > "$tmp/$1/tp.c" <<C
#include <linux/module.h>
#include <cxlmem.h>
#include <core/trace.h>
static void probe(void *data, struct cxl_memdev *cxlmd, struct cxl_region *cxlr,
		  const struct cxl_poison_record *record, u8 flags, __le64 ts, $2 t) { }
static int __init tp_init(void) { check_trace_callback_type_cxl_poison(probe); return 0; }
module_init(tp_init);
MODULE_LICENSE("GPL");
C
	echo "obj-m := tp.o" > "$tmp/$1/Kbuild"
	echo "ccflags-y += -I$ksrc/drivers/cxl" >> "$tmp/$1/Kbuild"
	make -C "$kdir" M="$tmp/$1" modules > "$tmp/$1.log" 2>&1
}

probe_module matching "enum cxl_poison_trace_type"
result $? "a probe of the core's prototype builds"
probe_module mismatched "int"
rc=$?
[ $rc != 0 ] && grep -q "incompatible-pointer-types\|incompatible pointer type" "$tmp/mismatched.log"
result $? "a probe with a wrong argument type is a build error"

registered=$(sed -n '/errors_probes\[\] = {/,/^};/p' drivers/cxl/leo/media_errors.c |
	sed -n 's/.*{ "\([a-z_]*\)", \(probe_[a-z_]*\) }.*/\1 \2/p' | sort)
checked=$(sed -n 's/.*check_trace_callback_type_\([a-z_]*\)(\(probe_[a-z_]*\));.*/\1 \2/p' \
	drivers/cxl/leo/media_errors.c | sort)
[ -n "$registered" ] && [ "$registered" = "$checked" ]
result $? "every registered probe is type-checked against its tracepoint"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
