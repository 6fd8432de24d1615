#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The install path on the kernel the harness boots (6.12, or 7.3 with
# CXL_LEO_KSERIES=7.3): a disk image with `make install` applied (modprobe.d
# softdep, udev rule, tool), the module DKMS built for this kernel at
# DKMS's place (updates/dkms/), and the operator's opt-in for the emulated
# device, booted twice. On each boot udev alone loads the drivers: cxl_pci's
# modalias pulls cxl_leo in first (softdep) and cxl_leo takes the device;
# the installed online policy makes its region, a NUMA node. No insmod, no
# paths, no command. The image is a host after a kernel update: make
# install's kernel-independent files, and for the new kernel only the module
# DKMS built (make's own copy in updates/ would win over DKMS's). The module that runs must be that one: its GNU
# build-id (/sys/module/cxl_leo/notes) is the one mkdisk.sh recorded from
# DKMS's output, not that of the checkout's `make` build.
# DKMS builds on the host (7.3: in the Debian 13 root), not in the guest:
# the same `dkms build` an operator's kernel update runs, against the same
# Debian headers and source, in ~40 s, where compiling under TCG would take
# many minutes per boot; the guest proves what booted, which is the claim.
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
dkms_ko=/lib/modules/$kver/updates/dkms/cxl_leo.ko
record() { sed -n "s/^$1=//p" $state/dkms-build; }
build_id=$(record build_id) make_build_id=$(record make_build_id)
check "boot $boot: DKMS built the module for the kernel that booted ($kver)" test "$(record kver)" = "$kver"
check "boot $boot: DKMS's build is identified (build-id ${build_id:-none})" test -n "$build_id"
check "boot $boot: DKMS's module installed in updates/dkms/" test -f $dkms_ko
check "boot $boot: its vermagic is this kernel's" grep -aq "vermagic=$kver " $dkms_ko
others=$(find /lib/modules/$kver -name 'cxl_leo.ko*' ! -path $dkms_ko)
check "boot $boot: no other cxl_leo.ko for $kver (${others:-none})" test -z "$others"
check "boot $boot: depmod knows it" grep -q "^updates/dkms/cxl_leo.ko:" /lib/modules/$kver/modules.dep
check "boot $boot: DKMS's build differs from make's (build-id $build_id, make's $make_build_id)" \
	test "$build_id" != "$make_build_id"
check "boot $boot: modprobe.d softdep installed" grep -q "^softdep cxl_pci pre: cxl_leo" /etc/modprobe.d/cxl_leo.conf
check "boot $boot: udev rule installed" grep -q 'driver_override}="cxl_leo"' /lib/udev/rules.d/80-cxl-leo.rules
check "boot $boot: cxl-leo installed with its man page" sh -c "test -x /usr/bin/cxl-leo && test -f /usr/share/man/man1/cxl-leo.1"

udev_coldplug
check "boot $boot: udev loaded cxl_leo" grep -q "^cxl_leo " /proc/modules
# The build-id note: 12 bytes of header and "GNU\0", then the id.
loaded_id=$(od -An -v -tx1 /sys/module/cxl_leo/notes/.note.gnu.build-id 2>/dev/null | tr -d ' \n' | cut -c33-)
check "boot $boot: the loaded cxl_leo is DKMS's build (build-id ${loaded_id:-unreadable})" \
	test "$loaded_id" = "$build_id"
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
