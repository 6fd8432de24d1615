#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cxl_leo cannot be taken away from memory that is online and holds data:
# no sysfs unbind, rmmod refused while the region's memory is online, and
# once the memory is offlined (its data migrating to DRAM) rmmod succeeds
# with the data intact. A PCI hot-remove under online memory first moves
# that memory off the device (evacuate.c; leo-hot-remove has the data
# checks) and must not pin the module forever.
# topology: single
# timeout: 240
. /e2e/lib.sh

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
cxl create-region -m -d decoder0.0 -t ram mem0 >/dev/null 2>&1
wait_for 10 test -n "$(cpuless_nodes)"
node=$(cpuless_nodes | tail -n 1)
dd if=/dev/urandom of=/tmp/src bs=64k count=64 2>/dev/null
check "tenant data placed on CXL node $node" numactl --membind="$node" cp /tmp/src /dev/shm/tenant
check "no sysfs unbind for cxl_leo" sh -c '! test -e /sys/bus/pci/drivers/cxl_leo/unbind'
check "rmmod refused while memory is online" sh -c '! rmmod cxl_leo'
check "device still bound, memory still online" sh -c "test -e /sys/bus/cxl/devices/mem0 && test \$(awk '/MemTotal/ {print \$4}' /sys/devices/system/node/node$node/meminfo) -gt 0"
check "offline the memory and disable the region" cxl disable-region region0
check "tenant data migrated intact" sh -c "test \"\$(md5sum < /tmp/src)\" = \"\$(md5sum < /dev/shm/tenant)\""
check "rmmod succeeds once the memory is offline" rmmod cxl_leo
check "tenant data still intact" sh -c "test \"\$(md5sum < /tmp/src)\" = \"\$(md5sum < /dev/shm/tenant)\""

# Hot-remove with memory online (nothing of value in it this time).
check "cxl_leo loads again" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
bdf=$(memdev_bdf mem0)
cxl create-region -m -d decoder0.0 -t ram mem0 >/dev/null 2>&1
wait_for 10 test -n "$(cpuless_nodes)"
check "memory online again: the guard holds cxl_leo (refcnt $(cat /sys/module/cxl_leo/refcnt))" test "$(cat /sys/module/cxl_leo/refcnt)" -ge 1
echo 1 > "/sys/bus/pci/devices/$bdf/remove"
wait_for 20 sh -c "! test -e /sys/bus/pci/devices/$bdf"
check "hot-remove under online memory offlines it first, nothing lost" \
	sh -c "dmesg | grep -q 'leaving: HPA .* 0 pages lost' && ! dmesg | grep -q 'their contents are lost'"
check "the device gone, the guard let go of cxl_leo (refcnt $(cat /sys/module/cxl_leo/refcnt))" test "$(cat /sys/module/cxl_leo/refcnt)" -eq 0
check "rmmod succeeds after the hot-remove" rmmod cxl_leo
finish
