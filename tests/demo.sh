#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make demo`: install what is needed, build, and boot an emulated CXL host
# that shows the main job (tests/demo/main-job.sh) on the terminal.
set -euo pipefail
top=$(readlink -f "$(dirname "$0")/..")
cd "$top"
tools/build/prereqs.sh
tools/build/qemu.sh
make --no-print-directory all
exec python3 tests/vm/run-vm.py --stream tests/demo/main-job.sh
