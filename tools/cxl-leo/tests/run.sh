#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run the tool's cmocka suites and CLI checks under valgrind; the last line
# is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
vg=(valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99)
p=0 f=0
for t in "$@"; do
	out=$("${vg[@]}" "$t" 2>&1)
	rc=$?
	echo "$out"
	tp=$(echo "$out" | sed -nE 's/^\[  PASSED  \] ([0-9]+) test.*/\1/p' | tail -n1)
	tf=$(echo "$out" | sed -nE 's/^\[  FAILED  \] ([0-9]+) test.*/\1/p' | tail -n1)
	tp=${tp:-0} tf=${tf:-0}
	if [ "$rc" = 99 ]; then
		echo "FAIL $t: valgrind reported errors or leaks"
		tf=$((tf + 1))
	elif [ "$rc" != 0 ] && [ "$tf" = 0 ]; then
		echo "FAIL $t: exit $rc"
		tf=1
	fi
	p=$((p + tp)) f=$((f + tf))
done
out=$(tests/cli.sh 2>&1; tests/cli-fake.sh 2>&1)
echo "$out"
p=$((p + $(echo "$out" | grep -c '^PASS'))) f=$((f + $(echo "$out" | grep -c '^FAIL')))
echo "$p passed, $f failed"
[ "$f" = 0 ]
