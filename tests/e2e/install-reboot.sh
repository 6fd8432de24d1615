#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The install path: a disk image with `make install` applied (module in
# updates/, modprobe.d softdep, udev rule, tool) and the operator's opt-in
# for the emulated device, booted twice. On each boot udev alone loads the
# drivers: cxl_pci's modalias pulls cxl_leo in first (softdep) and cxl_leo
# takes the device; the installed online policy makes its region, a NUMA
# node. No insmod, no paths, no command.
# topology: single
# disk: install
# boots: 2
# timeout: 300
. /e2e/lib.sh

state=/var/lib/cxl-leo-test
mkdir -p $state
boot=$(($(cat $state/boots 2>/dev/null || echo 0) + 1))
echo $boot > $state/boots
sync
kver=$(uname -r)
info "boot $boot of the installed disk image"
if [ "$boot" = 2 ]; then
	check "boot 2: same disk as boot 1 (its marker survived)" test -f $state/boot1-done
fi
check "boot $boot: module installed in updates/" test -f /lib/modules/$kver/updates/cxl_leo.ko
check "boot $boot: depmod knows it" grep -q "updates/cxl_leo.ko" /lib/modules/$kver/modules.dep
check "boot $boot: modprobe.d softdep installed" grep -q "^softdep cxl_pci pre: cxl_leo" /etc/modprobe.d/cxl_leo.conf
check "boot $boot: udev rule installed" grep -q 'driver_override}="cxl_leo"' /lib/udev/rules.d/80-cxl-leo.rules
check "boot $boot: cxl-leo installed with its man page" sh -c "test -x /usr/bin/cxl-leo && test -f /usr/share/man/man1/cxl-leo.1"

mkdir -p /run/udev
/lib/systemd/systemd-udevd --daemon
udevadm trigger --type=subsystems --action=add
udevadm trigger --type=devices --action=add
udevadm settle --timeout=120
wait_for 30 test -e /sys/bus/cxl/devices/mem0
check "boot $boot: udev loaded cxl_leo" grep -q "^cxl_leo " /proc/modules
check "boot $boot: cxl_pci loaded too (the softdep came from it)" grep -q "^cxl_pci " /proc/modules
bdf=$(memdev_bdf mem0)
check "boot $boot: mem0 driven by cxl_leo, not cxl_pci" test "$(pci_driver_of "$bdf")" = cxl_leo
check "boot $boot: installed cxl-leo sees it" sh -c "/usr/bin/cxl-leo list -m mem0 | grep -q '\"driver\": \"cxl_leo\"'"
# QEMU commits no decoders: mem0 binds in no region, and the installed
# online policy (/etc/cxl-leo/online.conf: movable) makes its region.
if wait_for 60 cpuless_count_above 0; then
	node=$(cpuless_nodes | tail -n 1)
	pass "boot $boot: the installed online policy made mem0's region: NUMA node $node with $(node_meminfo "$node" MemTotal) kB"
else
	fail "boot $boot: no NUMA node from the online policy ($(lsmod | grep -E 'kmem|dax' | tr '\n' ' '); $(dmesg | grep cxl-leo | tail -n 2 | tr '\n' ' '))"
fi
check "boot $boot: its region is mem0's" sh -c "cxl list -R -T | tr -d ' \n' | grep -q '\"memdev\":\"mem0\"'"
touch $state/boot$boot-done
sync
finish
