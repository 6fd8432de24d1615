#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A firmware hand-off: the HDM decoders are committed before cxl_leo probes
# (stage 1 commits a region and writes a pattern into it, then kexecs the
# same kernel with the device untouched). In stage 2 the core assembles the
# region and kmem onlines it while cxl_leo probes: the pattern is still in
# the device, the online guard counted that memory (rmmod refused, no
# unbind), and cxl-leo offline then tears it down so rmmod succeeds.
# topology: single-hdm
# kexec: yes
# timeout: 480
. /e2e/lib.sh

PATTERN=CXLLEO-FIRMWARE-HANDOFF-PATTERN	# 32-byte lines: none straddles a page
refcnt() {
	cat /sys/module/cxl_leo/refcnt
}
node_online() {	# node_online NODE: it has memory
	[ "$(node_meminfo "$1" MemTotal 2>/dev/null || echo 0)" -gt 0 ]
}
region_copies() {
	pmem_count "$(cat /sys/bus/cxl/devices/region0/resource)" "$(cat /sys/bus/cxl/devices/region0/size)" "$PATTERN"
}

if ! grep -qw stage=2 /proc/cmdline; then
	load_cxl_core
	check "stage 1: cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
	wait_for 10 test -e /sys/bus/cxl/devices/mem0
	check "stage 1: cxl-leo online mem0" cxl-leo online mem0
	node=$(cpuless_nodes | tail -n 1)
	yes "$PATTERN" | head -c 2097152 > /tmp/src
	check "stage 1: 2 MiB pattern written to node $node" numactl --membind="$node" cp /tmp/src /dev/shm/pattern
	copies=$(region_copies)
	check "stage 1: the pattern is in the device ($copies copies)" test "${copies:-0}" -eq 65536
	bad=$(dmesg_bad)
	check "stage 1: dmesg clean${bad:+: $bad}" test -z "$bad"
	info "stage 1: kexec with region0's decoders committed and its memory online"
	kexec-boot /kexec/vmlinuz /kexec/initrd.gz "$(cat /proc/cmdline) stage=2 copies=$copies"
	fail "stage 1: kexec-boot returned"
	finish
	exit 0
fi

copies=$(sed -n 's/.* copies=\([0-9]*\).*/\1/p' /proc/cmdline)
pass "stage 2: booted by kexec, device untouched"
load_cxl_core
check "stage 2: no region before cxl_leo binds" test ! -e /sys/bus/cxl/devices/region0
t0=$(cut -d' ' -f1 /proc/uptime)
check "stage 2: cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
# modprobe waits for the (asynchronous) probe: what follows happened in it.
node=$(cpuless_nodes | tail -n 1)
info "stage 2: modprobe took $(awk -v t0="$t0" '{print $1 - t0}' /proc/uptime) s; region0 $(test -e /sys/bus/cxl/devices/region0 && echo present || echo absent), node ${node:-none} $(node_meminfo "${node:-0}" MemTotal 2>/dev/null) kB when it returned"
check "stage 2: the core assembled region0 from the committed decoders" wait_for 20 test -e /sys/bus/cxl/devices/region0
node=$(cpuless_nodes | tail -n 1)
check "stage 2: and kmem onlined it: node ${node:-none}" wait_for 20 node_online "${node:-0}"
again=$(region_copies)
check "stage 2: the pattern survived the hand-off ($again of $copies copies)" test "${again:-0}" -ge $((copies - copies / 100))
check "stage 2: the online guard counted that memory (module refcnt $(refcnt))" test "$(refcnt)" -ge 1
check "stage 2: rmmod refused while it is online" sh -c '! rmmod cxl_leo'
check "stage 2: no sysfs unbind for cxl_leo" sh -c '! test -e /sys/bus/pci/drivers/cxl_leo/unbind'
check "stage 2: still bound, memory still online" sh -c "test -e /sys/bus/cxl/devices/mem0 && test -e /sys/bus/cxl/devices/region0 && [ \$(awk '/MemTotal/ {print \$4}' /sys/devices/system/node/node$node/meminfo) -gt 0 ]"
check "stage 2: cxl-leo offline region0" cxl-leo offline region0
check "stage 2: region0 torn down, node $node empty" sh -c "test ! -e /sys/bus/cxl/devices/region0 && ! [ \"\$(awk '/MemTotal/ {print \$4}' /sys/devices/system/node/node$node/meminfo 2>/dev/null || echo 0)\" -gt 0 ]"
check "stage 2: the guard let go of the module (refcnt $(refcnt))" test "$(refcnt)" -eq 0
check "stage 2: rmmod succeeds once the memory is offline" rmmod cxl_leo
finish
