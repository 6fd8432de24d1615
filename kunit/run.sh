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
# cores) minus our own objects, which are rebuilt from this checkout's sources.
if [ ! -d "$build" ]; then
	seed=$(ls -td "$builds"/*/ 2>/dev/null | head -n1 || true)
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
python3 tools/testing/kunit/kunit.py run --kunitconfig="$top/kunit/.kunitconfig" \
	--build_dir="$build" --jobs="$(nproc)" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

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
echo "${p} passed, ${f} failed${s:+, $s skipped}"
exit "$rc"
