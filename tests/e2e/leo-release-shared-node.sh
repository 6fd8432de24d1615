#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Two devices in one CXL window share a NUMA node; releasing one (cxl-leo
# release) takes only that device's region: the other's memory stays
# online and in use, and a tenant's data on the node stays intact (issue 18).
# topology: interleave2
# timeout: 300
. /e2e/lib.sh

# region_of_memdev MEMDEV: the region whose target0 is MEMDEV's endpoint decoder.
region_of_memdev() {
	local r d
	for r in /sys/bus/cxl/devices/region*; do
		d=$(cat "$r/target0" 2>/dev/null) || continue
		[ -n "$d" ] || continue
		case "$(readlink -f "/sys/bus/cxl/devices/$d/../uport")" in
		*/"$1") echo "${r##*/}"; return 0 ;;
		esac
	done
	return 1
}

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem1
check "a region on mem0" cxl create-region -m -d decoder0.0 -t ram mem0
wait_for 30 test -n "$(cpuless_nodes)"
check "a region on mem1, same window" cxl create-region -m -d decoder0.0 -t ram mem1
node=$(cpuless_nodes | tail -n 1)
wait_for 30 sh -c "test \$(awk '/MemTotal/ {print \$4}' /sys/devices/system/node/node$node/meminfo) -ge 1048576"
check "both regions on one NUMA node $node ($(node_meminfo "$node" MemTotal) kB)" \
	test "$(cpuless_nodes | wc -l)" = 1 -a "$(node_meminfo "$node" MemTotal)" -ge 1048576
keep=$(region_of_memdev mem1)
check "mem1's region is $keep" test -n "$keep"
bdf=$(memdev_bdf mem0)
dd if=/dev/urandom of=/tmp/src bs=64k count=64 2>/dev/null
check "tenant data placed on node $node" numactl --membind="$node" cp /tmp/src /dev/shm/tenant

out=$(cxl-leo release mem0 2>&1)
rc=$?
echo "$out"
check "cxl-leo release mem0: exit 0" test "$rc" = 0
check "release took mem0's region only" sh -c "echo '$out' | tr -d ' \n' | grep -q '\"step\":\"destroy-region\"' && test \$(echo '$out' | grep -c '\"destroy-region\"') = 1"
# pciehp removes the device of a powered-off slot from its own work item.
wait_for 60 sh -c "! test -e /sys/bus/pci/devices/$bdf"
# mem0 is not always the first slot's device (memdev numbers follow probe order).
slot=$(for s in /sys/bus/pci/slots/*; do [ "$(cat "$s/address")" = "${bdf%.*}" ] && basename "$s"; done)
check "release named mem0's slot ($slot)" sh -c "test -n '$slot' && echo '$out' | tr -d ' \n' | grep -q '\"step\":\"power-off\",\"slot\":\"$slot\"'"
check "slot $slot off, $bdf gone" sh -c "test \"\$(cat /sys/bus/pci/slots/$slot/power)\" = 0 && ! test -e /sys/bus/pci/devices/$bdf"
check "$keep still there, committed" test "$(cat /sys/bus/cxl/devices/$keep/commit)" = 1
check "node $node keeps mem1's 512 MiB online ($(node_meminfo "$node" MemTotal) kB)" \
	test "$(node_meminfo "$node" MemTotal)" -eq 524288
check "tenant data intact" test "$(md5sum < /tmp/src)" = "$(md5sum < /dev/shm/tenant)"
check "nothing was left for the kernel to move at the removal" sh -c "! dmesg | grep -q 'leaving with'"
finish
