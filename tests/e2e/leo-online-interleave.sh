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

# cxl-cli's filters select memdevs by region, decoder and bus.
memdevs() { "$@" | grep -c '"memdev":'; }
root=$(basename "$(readlink -f /sys/bus/cxl/devices/region0/..)")
ep=$(cat /sys/bus/cxl/devices/region0/target0)
check "list -r region0: both members" test "$(memdevs cxl-leo list -r region0)" -eq 2
check "list -r 0 -m mem1: only mem1" sh -c "test \$(cxl-leo list -r 0 -m mem1 | grep -c '\"memdev\": \"mem1\"') -eq 1 && test \$(cxl-leo list -r 0 -m mem1 | grep -c '\"memdev\":') -eq 1"
check "list -d $root (root decoder): both" test "$(memdevs cxl-leo list -d "$root")" -eq 2
check "list -d $ep (endpoint decoder): one" test "$(memdevs cxl-leo list -d "$ep")" -eq 1
check "list -b root0 and -b ACPI.CXL: both" sh -c "test \$(cxl-leo list -b root0 | grep -c '\"memdev\":') -eq 2 && test \$(cxl-leo list -b ACPI.CXL | grep -c '\"memdev\":') -eq 2"
check "list -b root7: exit 1, named" sh -c "cxl-leo list -b root7 2>/tmp/err; test \$? = 1 && grep -q \"no memdev matches bus 'root7'\" /tmp/err"
check "health -r region0: one object per member" test "$(memdevs cxl-leo health -r region0)" -eq 2
check "repair (one DPA, one device) on a 2-memdev filter is refused" sh -c "cxl-leo repair -r region0 --dpa 0x1000 2>&1 | grep -q 'selects 2 memdevs'"
check "scrub -r region0 --enable: both members, as cxl-cli's memdev commands" test "$(memdevs cxl-leo scrub -r region0 --enable)" -eq 2
check "decoders -b root0 -r region0: root, switch and endpoint decoders" sh -c "cxl-leo decoders -b root0 -r region0 | grep -q '\"kind\": \"root\"' && test \$(cxl-leo decoders -b root0 -r region0 | grep -c '\"kind\": \"endpoint\"') -eq 2"

dd if=/dev/urandom of=/tmp/src bs=64k count=64 2>/dev/null
check "workload on node $node" numactl --membind="$node" cp /tmp/src /dev/shm/w
check "workload data intact across the interleave" test "$(md5sum < /tmp/src)" = "$(md5sum < /dev/shm/w)"
check "offline -m mem0: its region, region0" sh -c "cxl-leo offline -m mem0 | grep -q '\"state\": \"offline\"'"
check "region gone, data moved intact" sh -c "! test -e /sys/bus/cxl/devices/region0 && test \"\$(md5sum < /tmp/src)\" = \"\$(md5sum < /dev/shm/w)\""
check "online one memdev of two when the window needs both: refused" sh -c "cxl-leo online mem0 2>&1 | grep -q 'no CXL window fits'"
finish
