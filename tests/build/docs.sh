#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Every reStructuredText document builds with no warnings; every sysfs ABI
# file has the kernel's ABI fields.
set -uo pipefail
top=$(readlink -f "$(dirname "$0")/../..")
cd "$top"
pass=0 fail=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for doc in $(git ls-files 'Documentation/*.rst'); do
	if msg=$(rst2html --halt=warning --report=warning "$doc" "$out/x.html" 2>&1); then
		echo "PASS docs: $doc"
		pass=$((pass + 1))
	else
		echo "FAIL docs: $doc: $msg"
		fail=$((fail + 1))
	fi
done
for abi in $(git ls-files 'Documentation/ABI/testing/*'); do
	if grep -q '^What:' "$abi" && grep -q '^Description:' "$abi" &&
	   [ "$(grep -c '^What:' "$abi")" -le "$(grep -c '^Description:' "$abi")" ]; then
		echo "PASS docs: $abi"
		pass=$((pass + 1))
	else
		echo "FAIL docs: $abi: every What: needs a Description:"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
