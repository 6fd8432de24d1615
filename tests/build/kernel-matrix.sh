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

# expect_refusal NAME PATTERN KDIR [KSERIES]: `make modules` fails, says
# PATTERN, compiles nothing.
expect_refusal() {
	local name=$1 pattern=$2 kdir=$3 series=${4:-6.12} out rc
	out=$(make --no-print-directory modules KDIR="$kdir" KSERIES="$series" 2>&1)
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

# fake_kdir NAME RELEASE: a headers tree that claims RELEASE and nothing else.
fake_kdir() {
	mkdir -p "$tmp/$1/include/config"
	echo "$2" > "$tmp/$1/include/config/kernel.release"
	echo "$tmp/$1"
}

supported_list="supports Debian's 6\.12\.\*+deb12-amd64, 6\.12\.\*+deb13-amd64, 7\.3\.4+deb13-amd64"
expect_refusal "6.12 tree without matching CXL headers refused" \
	"cannot be matched to it" "$(fake_kdir fake 6.12.999+deb12-amd64)"
expect_refusal "custom 6.12 kernel refused with the supported list" \
	"unsupported kernel 6\.12\.999-custom: cxl_leo $supported_list" \
	"$(fake_kdir custom 6.12.999-custom)"
expect_refusal "other 7.3 release refused with the supported list" \
	"unsupported kernel 7\.3\.5+deb13-amd64: cxl_leo $supported_list" \
	"$(fake_kdir k735 7.3.5+deb13-amd64)"
expect_refusal "7.3 headers with KSERIES=6.12 refused, naming the series" \
	"build with KSERIES=7\.3" "$(fake_kdir k734 7.3.4+deb13-amd64)"
expect_refusal "missing KDIR refused with the package to install" \
	"install linux-headers-6.12-amd64" "$tmp/nonexistent"

# DKMS passes KDIR alone, from an environment that may carry a KSERIES
# (this Makefile exports its own, so `make dkms-install` does): the KDIR's
# own series wins.
k734=$(fake_kdir k734env 7.3.4+deb13-amd64)
if KSERIES=6.12 make --no-print-directory -p -n kernel-check KDIR="$k734" 2>/dev/null |
	grep -x 'KSERIES := 7\.3' >/dev/null; then
	echo "PASS kernel-matrix: an explicit KDIR names its series over KSERIES=6.12 in the environment"
	pass=$((pass + 1))
else
	echo "FAIL kernel-matrix: an explicit KDIR names its series over KSERIES=6.12 in the environment"
	fail=$((fail + 1))
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
