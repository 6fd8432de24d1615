#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cxl-leo online across two host bridges: the memdevs named in the "wrong"
# order are placed in the window's target order by the tool, the region
# interleaves both into one NUMA node, a workload's data survives, and
# offline takes it all back.
# topology: twohb
# timeout: 300
. /e2e/lib.sh

json_num() {	# json_num KEY JSON
	echo "$2" | sed -n "s/.*\"$1\": \([0-9-]*\).*/\1/p" | head -n 1
}

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem1
# Reverse of the window's target order (see upstream-twohb.sh).
reversed=$(for m in /sys/bus/cxl/devices/mem*; do echo "$(memdev_bdf "${m##*/}") ${m##*/}"; done |
	sort -r | awk '{print $2}' | tr '\n' ' ')
plan=$(cxl-leo online -n $reversed)
echo "$plan"
check "dry run: 2 ways, 1 GiB, at the window's granularity" sh -c "echo '$plan' | grep -q '\"interleave_ways\": 2' && echo '$plan' | grep -q '\"size\": 1073741824' && echo '$plan' | grep -q '\"interleave_granularity\": 8192'"
out=$(cxl-leo online $reversed)
echo "$out"
node=$(json_num numa_node "$out")
check "online $reversed: one region over both host bridges" sh -c "echo '$out' | grep -q '\"state\": \"online\"' && grep -qx 2 /sys/bus/cxl/devices/region0/interleave_ways"
check "online: 1 GiB NUMA node $node" test "$(node_meminfo "${node:-0}" MemTotal)" -eq 1048576
check "online all: the same region, already online" sh -c "cxl-leo online all | grep -q '\"state\": \"already online\"'"
dd if=/dev/urandom of=/tmp/src bs=64k count=64 2>/dev/null
check "workload on node $node" numactl --membind="$node" cp /tmp/src /dev/shm/w
check "workload data intact across the interleave" test "$(md5sum < /tmp/src)" = "$(md5sum < /dev/shm/w)"
check "offline region0" sh -c "cxl-leo offline region0 | grep -q '\"state\": \"offline\"'"
check "region gone, data moved intact" sh -c "! test -e /sys/bus/cxl/devices/region0 && test \"\$(md5sum < /tmp/src)\" = \"\$(md5sum < /dev/shm/w)\""
check "online one memdev of two when the window needs both: refused" sh -c "cxl-leo online mem0 2>&1 | grep -q 'no CXL window fits'"
finish
