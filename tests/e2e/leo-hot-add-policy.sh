#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Pooled capacity arriving and leaving by policy (issue 18): a cxl-type3
# hot-added into an empty pciehp slot (QMP device_add on a cxl-rp) has no
# decoders committed; with the installed udev rule, systemd-udevd running
# and /etc/cxl-leo/online.conf at "online = movable", its memory comes
# online in ZONE_MOVABLE on a new NUMA node with no cxl-leo command typed
# (the kernel is told to leave new memory offline: the policy onlines it).
# cxl-leo monitor reports memdev_added. A tenant's checksummed data goes
# on it; cxl-leo release moves it to DRAM and powers the slot off, the
# fabric manager's device_del finds the slot empty, the data is intact,
# and cxl-leo monitor reports memdev_removed.
# topology: hotplug
# udev: installed
# cmdline: memhp_default_state=offline
# timeout: 420
. /e2e/lib.sh
export PATH=/usr/bin:$PATH	# the installed tool


load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
check "the policy rule, unit and file are installed (online = movable)" \
	sh -c "grep -q 'SUBSYSTEM==\"cxl\", KERNEL==\"mem\[0-9\]\*\", DRIVER==\"cxl_mem\"' /lib/udev/rules.d/81-cxl-leo-online.rules && test -s /lib/systemd/system/cxl-leo-policy@.service && grep -q '^online = movable' /etc/cxl-leo/online.conf"
check "the kernel leaves new memory offline (auto_online_blocks $(cat /sys/devices/system/memory/auto_online_blocks))" \
	test "$(cat /sys/devices/system/memory/auto_online_blocks)" = offline
mkdir -p /run/udev
check "systemd-udevd runs" /lib/systemd/systemd-udevd --daemon
udevadm settle --timeout=60
check "slot 3 (rp1) is empty" sh -c "! ls /sys/bus/pci/slots/3/address >/dev/null 2>&1 || test \"\$(cat /sys/bus/pci/slots/3/power)\" = 0"

cxl-leo monitor --timeout 300 > /tmp/monitor.json 2>/tmp/monitor.err &
monitor=$!
# Its uevent socket is open once its trace instance exists.
wait_for 30 test -d /sys/kernel/tracing/instances/cxl_leo_$monitor
nodes_before=$(cpuless_nodes | wc -l)

# The fabric manager hands this host a device: nothing typed here after it.
t0=$(cut -d. -f1 /proc/uptime)
check "object-add vmem1 (memory-backend-file)" qmp '{"execute": "object-add", "arguments": {"qom-type": "memory-backend-file", "id": "vmem1", "share": true, "size": 536870912, "mem-path": "@MEM_DIR@/vmem1"}}'
check "device_add cxl-vmem1 into rp1" qmp '{"execute": "device_add", "arguments": {"driver": "cxl-type3", "bus": "rp1", "volatile-memdev": "vmem1", "id": "cxl-vmem1", "sn": 4661}}'
check "QEMU lists cxl-vmem1" qemu_has cxl-vmem1
wait_for 60 memdev_by_serial 0x1235
mem=$(memdev_by_serial 0x1235)
check "hot-add: memdev ${mem:-none} appears" test -n "$mem" || { finish; exit 0; }
bdf=$(memdev_bdf "$mem")
check "hot-add: $bdf driven by cxl_leo" test "$(pci_driver_of "$bdf")" = cxl_leo
wait_for 120 cpuless_count_above "$nodes_before"
node=$(cpuless_nodes | tail -n 1)
wait_for 60 zone_pages_are "$node" Movable 131072
check "hot-add: by policy alone, 512 MiB online in ZONE_MOVABLE on new node ${node:-none} ($(($(cut -d. -f1 /proc/uptime) - t0)) s after device_add)" \
	test "$(zone_present "$node" Movable)" = 131072 || { dmesg | grep 'cxl-leo'; finish; exit 0; }
check "hot-add: nothing of node $node in a kernel zone" test "$(zone_present "$node" Normal)" = 0
region=$(ls /sys/bus/cxl/devices | grep '^region' | head -n 1)
check "hot-add: one region ($region), made by apply-policy on $mem" \
	sh -c "test -n '$region' && test \"\$(ls /sys/bus/cxl/devices | grep -c '^region')\" = 1"
cxl list -R -T -r "$region" | tr -d ' \n' > /tmp/region.json
check "hot-add: the region is $mem's alone; mem0, there before udevd ran, is in none: $(cat /tmp/region.json)" \
	sh -c "grep -q '\"memdev\":\"$mem\"' /tmp/region.json && ! grep -q '\"memdev\":\"mem0\"' /tmp/region.json"
wait_for 60 no_policy_running
check "hot-add: the policy runs (the memdev's, then its dax device's) are done" no_policy_running
out=$(cxl-leo apply-policy "$region")
check "hot-add: apply-policy by hand changes nothing" sh -c "echo '$out' | grep -q '\"action\": \"unchanged\"'"
check "hot-add: apply-policy by memdev finds its region now" sh -c "cxl-leo apply-policy -n $mem | grep -q '\"region\": \"$region\"'"
dmesg | grep 'cxl-leo' | tail -n 5
check "hot-add: no apply-policy failure in the kernel log" sh -c "! dmesg | grep 'cxl-leo' | grep -q -E 'failed|refused|not touching'"

# A tenant's checksummed data on the new node, a reader checking it.
tenant_on "hot-add" "$node"

# Planned release, then the fabric manager's device_del.
release_checked "$mem" "$bdf" 3
reply=$(qmp '{"execute": "device_del", "arguments": {"id": "cxl-vmem1"}}' 2>&1)
case "$reply" in
'{}' | *"not found"*) pass "release: the fabric manager's device_del: ${reply#QMPERROR }" ;;
*) fail "release: the fabric manager's device_del: $reply" ;;
esac
wait_for 30 qemu_dropped cxl-vmem1
check "release: slot 3 empty (QEMU dropped cxl-vmem1)" qemu_dropped cxl-vmem1
dram=$(node_meminfo 0 Shmem)
check "release: the tenant's data is in DRAM (node 0 Shmem $dram kB)" test "${dram:-0}" -ge 4096
tenant_check "release" "$node"
check "release: nothing left for the kernel to move at the removal (offline already)" \
	sh -c "! dmesg | grep -q 'leaving with'"

# What cxl-leo monitor saw: the memdev arriving and leaving.
wait_for 30 grep -q memdev_removed /tmp/monitor.json
kill "$monitor" 2>/dev/null
wait "$monitor" 2>/dev/null
cat /tmp/monitor.json /tmp/monitor.err
check "cxl-leo monitor reported memdev_added for $mem at $bdf" \
	grep -q "\"event\":\"memdev_added\".*\"memdev\":\"$mem\",\"host\":\"$bdf\"" /tmp/monitor.json
check "cxl-leo monitor reported memdev_removed for $mem" \
	grep -q "\"event\":\"memdev_removed\".*\"memdev\":\"$mem\"" /tmp/monitor.json
check "rmmod cxl_leo after the release" rmmod cxl_leo
finish
