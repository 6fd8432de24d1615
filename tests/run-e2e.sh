#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run the QEMU end-to-end scenarios (all of tests/e2e/*.sh except lib.sh, or
# those named), one VM at a time, and sum their checks. A scenario that
# cannot boot counts as a failure, never as a skip.
set -uo pipefail
top=$(readlink -f "$(dirname "$0")/..")
cd "$top"

if [ $# -gt 0 ]; then
	scenarios=("$@")
else
	mapfile -t scenarios < <(ls tests/e2e/*.sh | grep -v '/lib\.sh$')
fi

p=0 f=0
declare -a lines
for s in "${scenarios[@]}"; do
	echo "=== e2e: $s"
	out=$(python3 tests/vm/run-vm.py "$s" 2>&1 | tee -a /dev/stderr | tail -n1)
	sp=$(echo "$out" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed.*/\1/p')
	sf=$(echo "$out" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed.*/\2/p')
	[ -n "$sp" ] || { sp=0; sf=1; }
	p=$((p + sp)) f=$((f + sf))
	lines+=("$(printf '%-28s %3d passed, %3d failed' "$(basename "$s" .sh)" "$sp" "$sf")")
done
echo
printf '%s\n' "${lines[@]}"
echo "$p passed, $f failed"
[ "$f" = 0 ]
