#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The Debian 13 host path, inside the cached Debian 13 root: from a copy of
# the tracked sources (so the checkout's own build is untouched), build the
# module for each of Debian 13's kernels, `make install` into a DESTDIR,
# and check that the tool there links the system libcxl/libdaxctl 81, has
# no RUNPATH and runs; then the tool's unit tests. The root itself was
# provisioned by prereqs.sh --build running as on a Debian 13 host.
set -uo pipefail
top=$(readlink -f "$(dirname "$0")/../..")
cd "$top"

if [ "${1:-}" != --inside ]; then
	out=$(tools/build/debian13-root.sh run "$top/tests/build/debian13-host.sh" --inside 2>&1)
	rc=$?
	echo "$out" | grep -v -E '^[0-9]+ passed, [0-9]+ failed$'
	line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n1)
	p=$(echo "$line" | sed -nE 's/^([0-9]+) passed.*/\1/p') f=$(echo "$line" | sed -nE 's/.* ([0-9]+) failed/\1/p')
	p=${p:-0} f=${f:-1}
	[ "$rc" = 0 ] || [ "$f" != 0 ] || f=1
	# The root's mounts lived in a private namespace: none may be left behind.
	root=$(. tools/build/common.sh; . tools/build/debian13.sh; echo "$DEBIAN13_ROOT")
	if grep -qF " $root/" /proc/mounts; then
		echo "FAIL debian13: mounts left under $root: $(grep -cF " $root/" /proc/mounts)"
		f=$((f + 1))
	else
		echo "PASS debian13: nothing left mounted under $root"
		p=$((p + 1))
	fi
	echo "$p passed, $f failed"
	[ "$f" = 0 ]
	exit
fi

. tools/build/common.sh
pass=0 fail=0
t() {	# t NAME CMD...
	local name=$1; shift
	if "$@"; then echo "PASS debian13: $name"; pass=$((pass + 1));
	else echo "FAIL debian13: $name"; fail=$((fail + 1)); fi
}
quiet() {	# quiet CMD...: its output only when it fails
	local out
	out=$("$@" 2>&1) && return 0
	echo "$out" | tail -n 30
	return 1
}

. /etc/os-release
t "runs on Debian 13 ($PRETTY_NAME)" test "$VERSION_CODENAME" = trixie
tree=$(mktemp -d /tmp/cxl-leo-deb13.XXXXXX)
git ls-files -z | xargs -0 cp --parents -t "$tree" || { echo "0 passed, 1 failed"; exit 1; }
cd "$tree"

for series in 6.12 7.3; do
	kver=$(KSERIES=$series; . tools/build/common.sh; kernel_release)
	dest=$tree/dest-$series
	mkdir -p "$dest/lib/modules/$kver/kernel"
	t "cxl_leo builds for $kver (W=1 -Werror)" quiet make --no-print-directory KSERIES=$series modules
	t "make install KSERIES=$series into DESTDIR" \
		quiet make --no-print-directory KSERIES=$series install DESTDIR="$dest" PREFIX=/usr
	ko=$dest/lib/modules/$kver/updates/cxl_leo.ko
	t "installed module is for $kver" sh -c "modinfo -F vermagic '$ko' | grep -q '^$kver '"
	t "depmod indexed it for $kver" grep -q "updates/cxl_leo.ko" "$dest/lib/modules/$kver/modules.dep"
done

tool=$tree/dest-7.3/usr/bin/cxl-leo
t "tool links the system libcxl 81 (pkg-config $(pkg-config --modversion libcxl))" \
	sh -c "ldd '$tool' | grep -q 'libcxl.so.1 => /lib/x86_64-linux-gnu/\|libcxl.so.1 => /usr/lib/x86_64-linux-gnu/'"
t "tool links the system libdaxctl" \
	sh -c "ldd '$tool' | grep -q 'libdaxctl.so.1 => /lib/x86_64-linux-gnu/\|libdaxctl.so.1 => /usr/lib/x86_64-linux-gnu/'"
t "installed tool has no RUNPATH" sh -c "! readelf -d '$tool' | grep -qE 'R(UN)?PATH'"
t "no private libcxl installed beside it" test ! -e "$tree/dest-7.3/usr/lib/cxl-leo"
t "installed tool runs (--version)" sh -c "'$tool' --version | grep -qx '$(sed -n 's/^VERSION := //p' Makefile)'"

# The tool's own suites (cmocka under valgrind, CLI checks) on Debian 13.
out=$(make --no-print-directory -C tools/cxl-leo test 2>&1)
rc=$?
line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n1)
tp=$(echo "$line" | sed -nE 's/^([0-9]+) passed.*/\1/p') tf=$(echo "$line" | sed -nE 's/.* ([0-9]+) failed.*/\1/p')
if [ -z "$line" ] || [ "$rc" != 0 ]; then
	echo "$out" | grep -E '^FAIL|error' | head -n 20
	echo "FAIL debian13: tool tests (rc=$rc${line:+, $line})"
	fail=$((fail + ${tf:-0} + 1)) pass=$((pass + ${tp:-0}))
else
	echo "PASS debian13: tool tests ($line)"
	pass=$((pass + tp))
fi

cd / && rm -rf "$tree"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
