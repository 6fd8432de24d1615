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

# count_stage NAME LOG RC SECONDS: add a finished stage to the totals.
count_stage() {
	local name=$1 log=$2 rc=$3 secs=$4 line p f s
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
	report+=("$(printf '%-14s %4d passed, %4d failed, %4d skipped  (%ds, log: %s)' \
		"$name" "$p" "$f" "$s" "$secs" "${log#"$top"/}")")
}

run_stage() {
	local name=$1; shift
	local log=$logs/$name.log rc t0=$SECONDS
	echo "=== $name: $*"
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	count_stage "$name" "$log" "$rc" $((SECONDS - t0))
}

# background_stages NAME CMD [-- NAME CMD ...]: run stages one after another
# in the background, each into its own log (plus .rc and .secs files);
# join_background prints and counts them. For provisioning that is mostly
# download and unpacking, which can overlap the compiling stages.
background_pid=
background_names=()
background_stages() {
	local name_cmd
	background_names=()
	for name_cmd in "$@"; do
		background_names+=("${name_cmd%% *}")
		rm -f "$logs/${name_cmd%% *}".{rc,secs}
	done
	echo "=== in the background: ${background_names[*]} (shown when joined)"
	(
		for name_cmd in "$@"; do
			name=${name_cmd%% *} cmd=${name_cmd#* }
			t0=$SECONDS
			echo "=== $name: $cmd" >"$logs/$name.log"
			$cmd >>"$logs/$name.log" 2>&1
			echo $? >"$logs/$name.rc"
			echo $((SECONDS - t0)) >"$logs/$name.secs"
			[ "$(cat "$logs/$name.rc")" = 0 ] || break
		done
	) </dev/null &
	background_pid=$!
	# Interrupted or timed out: take the background stages down too.
	trap 'kill -- -$background_pid 2>/dev/null || kill $background_pid 2>/dev/null' EXIT
}
join_background() {
	local name rc
	wait "$background_pid"
	for name in "${background_names[@]}"; do
		if [ ! -f "$logs/$name.rc" ]; then
			echo "=== $name: not run (an earlier background stage failed)" |
				tee "$logs/$name.log"
			count_stage "$name" "$logs/$name.log" 1 0
			continue
		fi
		cat "$logs/$name.log"
		rc=$(cat "$logs/$name.rc")
		count_stage "$name" "$logs/$name.log" "$rc" "$(cat "$logs/$name.secs")"
	done
}

run_stage prereqs tools/build/prereqs.sh
# Linux 7.3.4 (Debian 13 backports): the cached Debian 13 root builds for it,
# the harness boots its unpacked image, and QEMU 11.1.3 runs inside the root.
# On a fresh machine that is minutes of download and unpacking (debootstrap
# most of it): it runs while the 6.12 stages compile.
background_stages "prereqs-7.3 tools/build/prereqs-7.3.sh" "qemu tools/build/qemu.sh"
run_stage build make --no-print-directory all
run_stage checkpatch make --no-print-directory checkpatch
run_stage sparse make --no-print-directory sparse
run_stage tracepoints tests/build/tracepoint-types.sh
# DKMS: install-reboot (stages e2e, e2e-7.3) builds its module with DKMS
# (tools/build/dkms.sh, as make dkms-test does) and boots it on each kernel.
run_stage install tests/build/install.sh
run_stage docs tests/build/docs.sh
run_stage kunit kunit/run.sh
run_stage tool-test make --no-print-directory -C tools/cxl-leo test
join_background
run_stage build-7.3 make --no-print-directory modules KSERIES=7.3
run_stage checkpatch-7.3 make --no-print-directory checkpatch KSERIES=7.3
run_stage sparse-7.3 make --no-print-directory sparse KSERIES=7.3
run_stage kernel-matrix tests/build/kernel-matrix.sh
# Debian 13 as the host: build, install and the tool on the system libcxl 81.
run_stage debian13-host tests/build/debian13-host.sh
# The same suites built against Linux 7.3.4's source (in the Debian 13 root).
run_stage kunit-7.3 env KSERIES=7.3 kunit/run.sh
run_stage e2e tests/run-e2e.sh
# The host's QEMU 10.0, whose device lacks alert configuration and PPR: the
# driver hides what the device does not have (as on Leo firmware without them).
run_stage e2e-qemu10 env CXL_LEO_QEMU=host tests/run-e2e.sh tests/e2e/leo-features.sh
# The core subset on Linux 7.3.4 (tests/e2e-7.3.list says what and why).
run_stage e2e-7.3 env CXL_LEO_KSERIES=7.3 tests/run-e2e.sh \
	$(sed -e 's/#.*//' tests/e2e-7.3.list | awk 'NF {print "tests/e2e/" $1}')

echo
echo "=== summary (wall clock $((SECONDS / 60)) min $((SECONDS % 60)) s)"
printf '%s\n' "${report[@]}"
echo "${total_p} passed, ${total_f} failed$([ "$total_s" != 0 ] && echo ", ${total_s} skipped")"
[ "$total_f" = 0 ]
