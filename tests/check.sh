#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make check`: install prerequisites, build, and run every test suite.
# Each stage ends its output with "N passed, N failed[, N skipped]"; a stage
# that exits non-zero without such a line counts as one failure. The last line
# printed is the sum over all stages, and the exit status is non-zero if
# anything failed.
set -uo pipefail
top=$(readlink -f "$(dirname "$0")/..")
cd "$top"
logs=${CHECK_LOG_DIR:-$top/tests/logs}
mkdir -p "$logs"

total_p=0 total_f=0 total_s=0
declare -a report

run_stage() {
	local name=$1; shift
	local log=$logs/$name.log rc line p f s
	echo "=== $name: $*"
	local t0=$SECONDS
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	line=$(grep -aE '^([A-Za-z0-9_-]+: )?[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$log" | tail -n1)
	if [ -n "$line" ]; then
		p=$(echo "$line" | sed -E 's/.*\b([0-9]+) passed.*/\1/')
		f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
		s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
		s=${s:-0}
		[ "$rc" = 0 ] || [ "$f" != 0 ] || f=$((f + 1))
	else
		# A stage without its own count is one check.
		if [ "$rc" = 0 ]; then p=1 f=0; else p=0 f=1; fi
		s=0
	fi
	total_p=$((total_p + p)) total_f=$((total_f + f)) total_s=$((total_s + s))
	report+=("$(printf '%-12s %4d passed, %4d failed, %4d skipped  (%ds, log: %s)' \
		"$name" "$p" "$f" "$s" $((SECONDS - t0)) "${log#"$top"/}")")
}

run_stage prereqs tools/build/prereqs.sh
run_stage build make --no-print-directory all
run_stage checkpatch make --no-print-directory checkpatch
run_stage sparse make --no-print-directory sparse
# Linux 7.3.4 (Debian 13 backports): the cached Debian 13 root builds it, the
# harness boots its unpacked image.
run_stage prereqs-7.3 tools/build/prereqs-7.3.sh
# The QEMU the e2e harness runs (11.1.3, inside the Debian 13 root).
run_stage qemu tools/build/qemu.sh
run_stage build-7.3 make --no-print-directory modules KSERIES=7.3
run_stage checkpatch-7.3 make --no-print-directory checkpatch KSERIES=7.3
run_stage sparse-7.3 make --no-print-directory sparse KSERIES=7.3
run_stage kernel-matrix tests/build/kernel-matrix.sh
run_stage tracepoints tests/build/tracepoint-types.sh
# DKMS: install-reboot (stages e2e, e2e-7.3) builds its module with DKMS
# (tools/build/dkms.sh, as make dkms-test does) and boots it on each kernel.
run_stage install tests/build/install.sh
# Debian 13 as the host: build, install and the tool on the system libcxl 81.
run_stage debian13-host tests/build/debian13-host.sh
run_stage docs tests/build/docs.sh
run_stage kunit kunit/run.sh
# The same suites built against Linux 7.3.4's source (in the Debian 13 root).
run_stage kunit-7.3 env KSERIES=7.3 kunit/run.sh
run_stage tool-test make --no-print-directory -C tools/cxl-leo test
run_stage e2e tests/run-e2e.sh
# The host's QEMU 10.0, whose device lacks alert configuration and PPR: the
# driver hides what the device does not have (as on Leo firmware without them).
run_stage e2e-qemu10 env CXL_LEO_QEMU=host tests/run-e2e.sh tests/e2e/leo-features.sh
# The core subset on Linux 7.3.4 (tests/e2e-7.3.list says what and why).
run_stage e2e-7.3 env CXL_LEO_KSERIES=7.3 tests/run-e2e.sh \
	$(sed -e 's/#.*//' tests/e2e-7.3.list | awk 'NF {print "tests/e2e/" $1}')

echo
echo "=== summary"
printf '%s\n' "${report[@]}"
echo "${total_p} passed, ${total_f} failed$([ "$total_s" != 0 ] && echo ", ${total_s} skipped")"
[ "$total_f" = 0 ]
