#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make bench`: benchmarks against the upstream path, measured in the same
# VM run and printed as ratios. Not a test: nothing here has a time limit.
set -euo pipefail
top=$(readlink -f "$(dirname "$0")/..")
cd "$top"
tools/build/prereqs.sh
make --no-print-directory all
python3 tests/vm/run-vm.py tests/bench/probe-and-online.sh | grep -E 'probe-and-online: (probe|online|ratio)|passed'
python3 tests/vm/run-vm.py tests/bench/event-drain.sh | grep -E 'event-drain: (event|CPU|ratio)|passed'
python3 tests/vm/run-vm.py tests/bench/capacity-curve.sh | grep -E 'capacity-curve: (curve|slope|DRAM)|passed'
python3 tests/vm/run-vm.py tests/bench/capacity-curve-mom.sh | grep -E 'capacity-curve-mom: (curve|slope|DRAM)|passed'
