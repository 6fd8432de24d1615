#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run the tool's cmocka suites and CLI checks under valgrind; the last line
# is "N passed, N failed". Valgrind makes each run CPU-bound, so the suites
# and the two CLI scripts run side by side, one per CPU; their outputs are
# printed in a fixed order.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# suite T OUT: one cmocka binary under valgrind; OUT gets its output and a
# last line "COUNT passed failed".
suite() {
	local t=$1 o=$2 rc tp tf
	valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 "$t" >"$o" 2>&1
	rc=$?
	tp=$(sed -nE 's/^\[  PASSED  \] ([0-9]+) test.*/\1/p' "$o" | tail -n1)
	tf=$(sed -nE 's/^\[  FAILED  \] ([0-9]+) test.*/\1/p' "$o" | tail -n1)
	tp=${tp:-0} tf=${tf:-0}
	if [ "$rc" = 99 ]; then
		echo "FAIL $t: valgrind reported errors or leaks" >>"$o"
		tf=$((tf + 1))
	elif [ "$rc" != 0 ] && [ "$tf" = 0 ]; then
		echo "FAIL $t: exit $rc" >>"$o"
		tf=1
	fi
	echo "COUNT $tp $tf" >>"$o"
}
export -f suite

jobs=$(nproc)
# The CLI scripts are the longest runs: start them first.
(tests/cli.sh >"$out/cli" 2>&1; tests/cli-fake.sh >"$out/cli-fake" 2>&1) &
cli=$!
i=0
for t in "$@"; do
	printf '%s\0%s\0' "$t" "$out/suite.$i"
	i=$((i + 1))
done | xargs -0 -n2 -P"$jobs" bash -c 'suite "$0" "$1"'
wait "$cli"

p=0 f=0
for ((n = 0; n < $#; n++)); do
	o=$out/suite.$n
	if [ ! -f "$o" ] || ! tail -n1 "$o" | grep -q '^COUNT '; then
		echo "FAIL suite $n: no result"
		f=$((f + 1))
		continue
	fi
	sed '$d' "$o"
	read -r _ tp tf < <(tail -n1 "$o")
	p=$((p + tp)) f=$((f + tf))
done
cat "$out/cli" "$out/cli-fake"
p=$((p + $(cat "$out/cli" "$out/cli-fake" | grep -c '^PASS')))
f=$((f + $(cat "$out/cli" "$out/cli-fake" | grep -c '^FAIL')))
echo "$p passed, $f failed"
[ "$f" = 0 ]
