#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A device that goes away while its memory is online and holds a tenant's
# data, with a reader running: before the decoders go, cxl_leo offlines the
# device's memory blocks, the kernel migrates the pages to DRAM, and the
# data stays intact (issue 18). Removal by the attention button (QMP
# device_del on a pciehp slot), then a hot-added device (QMP device_add
# into the empty slot, driven by cxl_leo without a manual bind) removed
# through sysfs; cxl disable-memdev --force first; and last the planned
# path: cxl-leo release, then the fabric manager's device_del.
# topology: hotplug
# timeout: 480
. /e2e/lib.sh

# region_on TAG MEMDEV: a RAM region on MEMDEV, onlined movable by kmem; sets NODE.
region_on() {
	local before
	before=$(cpuless_nodes | wc -l)
	check "$1: cxl create-region on $2" cxl create-region -m -d decoder0.0 -t ram "$2" || return 1
	wait_for 30 cpuless_count_above "$before"
	NODE=$(cpuless_nodes | tail -n 1)
	check "$1: node $NODE online ($(node_meminfo "$NODE" MemTotal) kB)" \
		test "$(node_meminfo "$NODE" MemTotal)" -gt 0
}

# The kernel log since the last phase (never cleared: finish checks it all).
MARK=0
log_since_mark() {
	dmesg | tail -n +$((MARK + 1))
}

# removal_reported TAG: the kernel log says what was saved and that nothing was lost.
removal_reported() {
	local line
	line=$(log_since_mark | grep 'leaving: HPA' | tail -n 1)
	check "$1: per-region report: ${line#*leaving: }" sh -c "echo '$line' | grep -q 'pages saved (moved to other memory), 0 pages lost'"
	check "$1: no memory left online to be lost" sh -c "! dmesg | grep -q 'their contents are lost'"
	check "$1: the module reference for online memory is dropped (refcnt $(cat /sys/module/cxl_leo/refcnt))" \
		test "$(cat /sys/module/cxl_leo/refcnt)" -eq 0
}

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
check "slot 2 is a pciehp slot, powered" test "$(cat /sys/bus/pci/slots/2/power)" = 1

# 1. The cxl bus path: cxl_mem unbound from the memdev with the data online.
region_on "disable-memdev" mem0 || { finish; exit 0; }
node=$NODE
region=$(ls /sys/bus/cxl/devices/ | grep '^region' | head -n 1)
tenant_on "disable-memdev" "$node"
check "cxl disable-memdev --force mem0" cxl disable-memdev --force mem0
tenant_check "disable-memdev" "$node"
removal_reported "disable-memdev"
check "disable-memdev: the device stays, mem0 can be enabled again" cxl enable-memdev mem0
cxl destroy-region -f "$region" >/dev/null 2>&1
MARK=$(dmesg | wc -l)

# 2. Attention button: QMP device_del with the tenant's data online (the
# memory may come online again after the unbind).
region_on "device_del" mem0 || { finish; exit 0; }
node=$NODE
bdf=$(memdev_bdf mem0)
tenant_on "device_del" "$node"
t0=$(cut -d. -f1 /proc/uptime)
check "QEMU lists cxl-vmem0 before its device_del" qemu_has cxl-vmem0
check "device_del cxl-vmem0 accepted" qmp '{"execute": "device_del", "arguments": {"id": "cxl-vmem0"}}'
wait_for 120 sh -c "! test -e /sys/bus/pci/devices/$bdf"
check "device_del: $bdf removed by pciehp ($(($(cut -d. -f1 /proc/uptime) - t0)) s)" \
	sh -c "! test -e /sys/bus/pci/devices/$bdf"
tenant_check "device_del" "$node"
removal_reported "device_del"
wait_for 30 qemu_dropped cxl-vmem0
check "device_del: QEMU dropped cxl-vmem0" qemu_dropped cxl-vmem0
check "device_del: slot 2 empty, powered off" test "$(cat /sys/bus/pci/slots/2/power)" = 0
MARK=$(dmesg | wc -l)

# 3. Hot-add into the empty slot 3: the loaded driver takes the device,
# and cxl-leo monitor reports the memdev's arrival.
cxl-leo monitor --count 1 --timeout 90 > /tmp/monitor.json 2>/tmp/monitor.err &
monitor=$!
# Its uevent socket is open once its trace instance exists.
wait_for 30 test -d /sys/kernel/tracing/instances/cxl_leo_$monitor
check "object-add vmem1 (memory-backend-file)" qmp '{"execute": "object-add", "arguments": {"qom-type": "memory-backend-file", "id": "vmem1", "share": true, "size": 536870912, "mem-path": "@MEM_DIR@/vmem1"}}'
check "device_add cxl-vmem1 into rp1" qmp '{"execute": "device_add", "arguments": {"driver": "cxl-type3", "bus": "rp1", "volatile-memdev": "vmem1", "id": "cxl-vmem1", "sn": 4661}}'
wait_for 60 memdev_by_serial 0x1235
mem=$(memdev_by_serial 0x1235)
check "hot-add: memdev ${mem:-none} appears" test -n "$mem" || { finish; exit 0; }
bdf=$(memdev_bdf "$mem")
check "hot-add: $bdf driven by cxl_leo" test "$(pci_driver_of "$bdf")" = cxl_leo
wait_for 30 sh -c "! kill -0 $monitor"
check "hot-add: cxl-leo monitor shows it: $(cat /tmp/monitor.json /tmp/monitor.err | tr -d '\n')" \
	grep -q "\"event\":\"memdev_added\".*\"memdev\":\"$mem\",\"host\":\"$bdf\"" /tmp/monitor.json
sleep 2
check "hot-add: its capacity stays offline until the operator asks (default policy)" \
	test -z "$(cpuless_nodes)"

# 4. sysfs remove of the hot-added device with the tenant's data online.
region_on "sysfs remove" "$mem" || { finish; exit 0; }
node=$NODE
tenant_on "sysfs remove" "$node"
t0=$(cut -d. -f1 /proc/uptime)
check "sysfs remove of $bdf" sh -c "echo 1 > /sys/bus/pci/devices/$bdf/remove"
check "sysfs remove: $bdf gone ($(($(cut -d. -f1 /proc/uptime) - t0)) s)" \
	sh -c "! test -e /sys/bus/pci/devices/$bdf"
tenant_check "sysfs remove" "$node"
removal_reported "sysfs remove"
MARK=$(dmesg | wc -l)

# 5. Planned release (cxl-leo release), then the fabric manager's device_del.
echo 1 > /sys/bus/pci/rescan
wait_for 30 memdev_by_serial 0x1235
mem=$(memdev_by_serial 0x1235)
check "rescan: the removed device is back as ${mem:-nothing}" test -n "$mem" || { finish; exit 0; }
bdf=$(memdev_bdf "$mem")
region_on "release" "$mem" || { finish; exit 0; }
node=$NODE
tenant_on "release" "$node"
release_checked "$mem" "$bdf" 3
tenant_check "release" "$node"
check "release: nothing left for the kernel to move at the removal (offline already)" \
	test "$(log_since_mark | grep -c 'leaving with')" = 0
# QEMU unplugs a device whose slot the guest powers off: the fabric
# manager's device_del then finds nothing left to delete.
reply=$(qmp '{"execute": "device_del", "arguments": {"id": "cxl-vmem1"}}' 2>&1)
case "$reply" in
'{}' | *"not found"*) pass "release: the fabric manager's device_del: ${reply#QMPERROR }" ;;
*) fail "release: the fabric manager's device_del: $reply" ;;
esac
wait_for 30 qemu_dropped cxl-vmem1
check "release: slot 3 empty (QEMU dropped cxl-vmem1)" qemu_dropped cxl-vmem1
check "rmmod cxl_leo after every removal" rmmod cxl_leo
dmesg | grep -E 'cxl_leo|pciehp|kmem|dax'
finish
