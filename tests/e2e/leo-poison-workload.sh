#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Poison in online memory under a running workload: a numactl-bound tenant
# keeps checksumming its data on the CXL node while the device reports
# poison in that node; the poison is listed with its HPA and node, the page
# is taken out of service, the tenant keeps running and its data does not
# change.
# topology: single
# timeout: 300
. /e2e/lib.sh

dev=/machine/peripheral/cxl-vmem0
json_num() {	# json_num KEY JSON
	echo "$2" | sed -n "s/.*\"$1\": \([0-9-]*\).*/\1/p" | head -n 1
}

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
ras=/sys/bus/pci/devices/$(memdev_bdf mem0)/ras
out=$(cxl-leo online mem0)
node=$(json_num numa_node "$out")
check "online: node $node" test "$(node_meminfo "${node:-0}" MemTotal)" -gt 0
base=$(cat /sys/bus/cxl/devices/region0/resource)

dd if=/dev/urandom of=/tmp/src bs=64k count=64 2>/dev/null
sum=$(md5sum < /tmp/src)
check "tenant writes 4 MiB to node $node" numactl --membind="$node" cp /tmp/src /dev/shm/tenant
( while :; do md5sum < /dev/shm/tenant > /tmp/tenant.sum.new && mv /tmp/tenant.sum.new /tmp/tenant.sum; done ) &
tenant=$!
corrupted_before=$(awk '/HardwareCorrupted/ {print $2}' /proc/meminfo)

# The last page of the device: free memory of the node, not the tenant's.
dpa=$((512 * 1024 * 1024 - 4096))
hpa=$((base + dpa))
check "inject poison at DPA $(printf %#x $dpa)" qmp '{"execute":"cxl-inject-poison","arguments":{"path":"'$dev'","start":'$dpa',"length":64}}'
list=$(cxl-leo poison list -m mem0)
echo "$list"
check "poison listed at DPA $(printf %#x $dpa)" sh -c "echo '$list' | tr -d ' \n' | grep -q '\"dpa\":$dpa'"
check "poison listed at HPA $(printf %#x $hpa) in region0" sh -c "echo '$list' | tr -d ' \n' | grep -q '\"hpa\":$hpa' && echo '$list' | grep -q region0"
check "poison listed on NUMA node $node" sh -c "echo '$list' | tr -d ' \n' | grep -q '\"numa_node\":$node'"
offlined() { [ "$(cat $ras/pages_offlined)" -ge 1 ]; }
check "the poisoned page is taken out of service" wait_for 20 offlined
check "the kernel counts it as hardware corrupted" test "$(awk '/HardwareCorrupted/ {print $2}' /proc/meminfo)" -gt "$corrupted_before"
sleep 2
check "the tenant is still running" kill -0 $tenant
kill $tenant
wait $tenant 2>/dev/null
check "the tenant's data did not change (last checksum it took)" test "$(cat /tmp/tenant.sum)" = "$sum"
check "and it reads back intact now" test "$(md5sum < /dev/shm/tenant)" = "$sum"
check "listing the poison again offlines nothing more" sh -c "n=\$(cat $ras/pages_offlined); cxl-leo poison list -m mem0 >/dev/null; sleep 1; test \$(cat $ras/pages_offlined) = \$n"
finish
