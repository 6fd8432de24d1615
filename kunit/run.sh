#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run cxl-leo's KUnit suites on UML with the kernel's own kunit.py.
#
# Debian's kernel has no KUnit, so the checkout is linked into the cached
# linux-source tree as drivers/cxl_leo (see ../Kbuild and ../Kconfig) and built
# there with a per-checkout build directory, also in the cache. Runs are
# serialised because the link is shared. Extra arguments go to kunit.py
# (e.g. a suite filter glob: kunit/run.sh 'cxl_leo_mbox*').
#
# The UML kernel is built with KASAN and UBSAN (kunit/.kunitconfig). Both mark
# the running test failed, but a report outside a test, or one kunit.py's
# parser drops, would not be seen: any sanitizer or kernel error report in the
# raw kernel log fails the run and is printed.
#
# KSERIES=7.3 builds the suites against Linux 7.3.4's source; Debian 12
# does that inside the cached Debian 13 root (its gcc-12 cannot build 7.3).
set -euo pipefail
top=$(dirname "$(readlink -f "$0")")/..
top=$(readlink -f "$top")
. "$top/tools/build/common.sh"
if [ "$HOST_CODENAME/$KSERIES" = bookworm/7.3 ]; then
	export KSERIES
	exec "$top/tools/build/debian13-root.sh" run "$top/kunit/run.sh" "$@"
fi

ksrc=$("$top/tools/build/kernel-source.sh")
builds=$CXL_LEO_CACHE/kunit-build
build=$builds/$(echo "$top" | md5sum | cut -c1-12)

exec 9>"$CXL_LEO_CACHE/kunit.lock"
flock 9

ln -sfn "$top" "$ksrc/drivers/cxl_leo"
grep -q 'drivers/cxl_leo/Kconfig' "$ksrc/drivers/Kconfig" ||
	sed -i '$ i source "drivers/cxl_leo/Kconfig"' "$ksrc/drivers/Kconfig"
grep -q 'cxl_leo/' "$ksrc/drivers/Makefile" ||
	echo 'obj-y += cxl_leo/' >> "$ksrc/drivers/Makefile"

# A new checkout starts from another checkout's UML build (minutes on two
# cores) minus our own objects, which are rebuilt from this checkout's sources:
# the newest one configured as kunit/.kunitconfig asks (a sanitized and a plain
# build differ in every object), else the newest.
config_matches() {
	local want
	while read -r want; do
		grep -qxF -- "$want" "$1/.config" 2>/dev/null || return 1
	done < <(grep -E '^(CONFIG_[A-Z0-9_]+=|# CONFIG_[A-Z0-9_]+ is not set)' \
		"$top/kunit/.kunitconfig")
}
if [ ! -d "$build" ]; then
	seed=
	for d in $(ls -td "$builds"/*/ 2>/dev/null); do
		if config_matches "$d"; then
			seed=$d
			break
		fi
	done
	[ -n "$seed" ] || seed=$(ls -td "$builds"/*/ 2>/dev/null | head -n1 || true)
	mkdir -p "$builds"
	if [ -n "$seed" ] && [ -f "$seed/.config" ]; then
		cp -a "$seed" "$build.tmp"
		rm -rf "$build.tmp/drivers/cxl_leo" "$build.tmp/kunit.log"
		mv "$build.tmp" "$build"
	else
		mkdir -p "$build"
	fi
fi

cd "$ksrc"
log=$build/kunit.log
set +e
rm -f "$build/test.log"
# kasan_multi_shot: every KASAN report, not only the first of the boot.
python3 tools/testing/kunit/kunit.py run --kunitconfig="$top/kunit/.kunitconfig" \
	--build_dir="$build" --jobs="$(nproc)" --kernel_args=kasan_multi_shot "$@" 2>&1 |
	tee "$log"
rc=${PIPESTATUS[0]}
set -e

# KASAN and other "BUG:" reports, UBSAN, SLUB debug, FORTIFY_SOURCE, WARN,
# BUG(), Oops, panics, RCU stalls. The one WARN every UML boot prints (its
# PCI emulation, enabled by kunit.py's arch_uml.config, has no device) is not
# a finding.
reports='BUG: |BUG [^ ]+ \((Not tainted|Tainted:[^)]*)\)|UBSAN:|detected buffer overflow|WARNING: CPU|kernel BUG at|Oops|general protection fault|Kernel panic|INFO: rcu'
benign='WARNING: CPU: [0-9]+ PID: [0-9]+ at arch/um/drivers/virt-pci.c:[0-9]+ um_pci_init'
sanitizer_reports() {
	awk -v re="$reports" -v ok="$benign" '
		$0 ~ re && $0 !~ ok { n++; left = 30 }
		left > 0 && n <= 5 { print; left-- }
		END { exit n == 0 }' "$1"
}
nreports=0
if [ -f "$build/test.log" ]; then
	nreports=$(awk -v re="$reports" -v ok="$benign" '$0 ~ re && $0 !~ ok' \
		"$build/test.log" | wc -l)
fi
if [ "$nreports" != 0 ]; then
	echo "kunit: $nreports sanitizer or kernel error report(s) in the kernel log ($build/test.log):"
	sanitizer_reports "$build/test.log" || true
	rc=1
fi

# One closing line in the project's format, from kunit.py's own summary.
summary=$(grep -a 'Testing complete. Ran' "$log" | tail -n1 || true)
if [ -z "$summary" ]; then
	echo "kunit: build or boot failed (log: $log)"
	echo "0 passed, 1 failed"
	exit 1
fi
p=$(echo "$summary" | sed -n 's/.*passed: \([0-9]*\).*/\1/p')
f=$(echo "$summary" | sed -n 's/.*failed: \([0-9]*\).*/\1/p')
s=$(echo "$summary" | sed -n 's/.*skipped: \([0-9]*\).*/\1/p')
[ -n "$p" ] || p=0
[ -n "$f" ] || f=0
[ "$rc" = 0 ] || [ "$f" != 0 ] || f=1
f=$((f + nreports))
echo "${p} passed, ${f} failed${s:+, $s skipped}"
exit "$rc"
