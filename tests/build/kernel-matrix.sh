#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build-time kernel support: the supported kernel builds (the `build` stage
# proves that), anything else is refused with a message that says why, before
# the compiler runs.
set -uo pipefail
top=$(readlink -f "$(dirname "$0")/../..")
cd "$top"
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect_refusal NAME PATTERN KDIR: `make modules` fails, says PATTERN, compiles nothing.
expect_refusal() {
	local name=$1 pattern=$2 kdir=$3 out rc
	out=$(make --no-print-directory modules KDIR="$kdir" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] && grep -q -- "$pattern" <<<"$out" && ! grep -q ' CC \[M\]' <<<"$out"; then
		echo "PASS kernel-matrix: $name"
		pass=$((pass + 1))
	else
		echo "FAIL kernel-matrix: $name (rc=$rc, expected '$pattern'):"
		sed 's/^/    /' <<<"$out" | tail -n 10
		fail=$((fail + 1))
	fi
}

debian61=$(ls -d /usr/src/linux-headers-6.1.*-amd64 2>/dev/null | sort -V | tail -n1)
if [ -n "$debian61" ]; then
	expect_refusal "debian 6.1 headers refused as unsupported" "unsupported kernel 6\.1\." "$debian61"
else
	echo "FAIL kernel-matrix: Debian 6.1 headers (linux-headers-amd64) not installed"
	fail=$((fail + 1))
fi

mkdir -p "$tmp/fake/include/config"
echo "6.12.999-custom" > "$tmp/fake/include/config/kernel.release"
expect_refusal "6.12 tree without matching CXL headers refused" \
	"cannot be matched to it" "$tmp/fake"
expect_refusal "missing KDIR refused with the package to install" \
	"install linux-headers-6.12-amd64" "$tmp/nonexistent"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
