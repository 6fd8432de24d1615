#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A 4-way set: two host bridges with two root ports and a Leo each. cxl-leo
# online puts the four memdevs (named in reverse bus order) in the window's
# order, the region interleaves all four into one 2 GiB NUMA node, a
# checksummed workload is spread over all four devices, and offline moves
# its pages back to DRAM intact.
# topology: fourway
# timeout: 420
. /e2e/lib.sh

json_num() {	# json_num KEY JSON
	echo "$2" | sed -n "s/.*\"$1\": \([0-9-]*\).*/\1/p" | head -n 1
}

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 20 test -e /sys/bus/cxl/devices/mem3
reversed=$(for m in /sys/bus/cxl/devices/mem*; do echo "$(memdev_bdf "${m##*/}") ${m##*/}"; done |
	sort -r | awk '{print $2}' | tr '\n' ' ')
info "memdevs in reverse bus order: $reversed"
out=$(cxl-leo online $reversed 2>/tmp/err)
rc=$?
echo "$out"; cat /tmp/err
node=$(json_num numa_node "$out")
check "online $reversed: one 4-way region" sh -c "test $rc = 0 && echo '$out' | grep -q '\"interleave_ways\": 4' && grep -qx 4 /sys/bus/cxl/devices/region0/interleave_ways"
check "online: 2 GiB NUMA node $node, movable" sh -c "test '$(node_meminfo "${node:-0}" MemTotal)' = 2097152 && echo '$out' | grep -q '\"movable\": true'"
check "four distinct endpoint decoders as targets" test "$(cat /sys/bus/cxl/devices/region0/target[0-3] | sort -u | wc -l)" = 4

yes CXLLEO-FOURWAY | head -c 4194304 > /tmp/src
check "a 4 MiB workload on node $node" numactl --membind="$node" cp /tmp/src /dev/shm/w
check "its data reads back intact" cmp /tmp/src /dev/shm/w
# Every device holds a share of it, as QEMU reads from its backend file.
dev_count() {	# dev_count DEVICE TEXT: copies of TEXT in the whole device
	local reply
	echo "DEVCOUNT $1 0 0x20000000 $2" >&3
	read -r reply <&3
	echo "${reply#DEVREPLY }"
}
n=0
while [ $n -lt 4 ]; do
	seen=$(dev_count $n CXLLEO-FOURWAY)
	check "device $n holds a share of the workload ($seen copies)" test "${seen:-0}" -gt 10000
	n=$((n + 1))
done
off=$(cxl-leo offline --node "$node" 2>&1)
echo "$off"
check "offline --node $node: region0 gone" sh -c "! test -e /sys/bus/cxl/devices/region0"
check "offline: the workload's pages moved to DRAM intact" cmp /tmp/src /dev/shm/w
check "offline: node $node has no memory left" sh -c "test \"\$(node_meminfo $node MemTotal 2>/dev/null || echo 0)\" = 0 || ! test -e /sys/devices/system/node/node$node/meminfo"
finish
