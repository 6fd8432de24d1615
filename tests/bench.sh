#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make bench`: benchmarks against the upstream path, measured in the same
# VM run and printed as ratios. Not a test: nothing here has a time limit.
set -euo pipefail
top=$(readlink -f "$(dirname "$0")/..")
cd "$top"
tools/build/prereqs.sh
tools/build/qemu.sh
tools/build/prereqs-7.3.sh
make --no-print-directory all
make --no-print-directory modules KSERIES=7.3
# Each kernel the driver supports, cxl_leo against its own cxl_pci.
for k in 6.12 7.3; do
	echo "=== Linux $k"
	CXL_LEO_KSERIES=$k python3 tests/vm/run-vm.py tests/bench/probe-and-online.sh |
		grep -E 'probe-and-online: (probe|device|module|online|ratio)|passed'
	CXL_LEO_KSERIES=$k python3 tests/vm/run-vm.py tests/bench/event-drain.sh |
		grep -E 'event-drain: (event|CPU|ratio)|passed'
done
# Online time and DRAM per GiB over 16x of sizes, memmap in DRAM and on the
# expander, against pc-dimm (Linux 6.12).
python3 tests/vm/run-vm.py tests/bench/capacity-curve.sh | grep -E 'capacity-curve: (curve|slope|DRAM)|passed'
python3 tests/vm/run-vm.py tests/bench/capacity-curve-mom.sh | grep -E 'capacity-curve-mom: (curve|slope|DRAM)|passed'
