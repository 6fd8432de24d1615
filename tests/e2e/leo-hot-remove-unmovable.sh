#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# What cannot be moved off a leaving device must never read back as wrong
# data (issue 18). Memory onlined into the kernel's zone (cxl-leo online
# --no-movable); a reader's buffer there, and kernel pages (pipe buffers)
# right after it in the same memory block, so that block cannot be
# offlined. At the PCI remove the other blocks are saved; the pages of the
# lost one are poisoned, so the reader gets SIGBUS, never zeros, and the
# kernel log counts saved, poisoned and kernel-held pages.
# topology: single
# timeout: 360
. /e2e/lib.sh

reader_state() {	# reader_state FILE: what a lost-reader last wrote
	cat "$1" 2>/dev/null
}

load_cxl_core
check "cxl_leo loads (evacuate_timeout=10)" load_pci_driver cxl_leo bind_any_cxl_mem=1 evacuate_timeout=10
wait_for 10 test -e /sys/bus/cxl/devices/mem0
check "cxl-leo online --no-movable mem0" cxl-leo online --no-movable mem0
wait_for 30 test -n "$(cpuless_nodes)"
node=$(cpuless_nodes | tail -n 1)
check "node $node online in the kernel's zone" sh -c "grep -q 'Node $node, zone *Normal' /proc/zoneinfo"
bdf=$(memdev_bdf mem0)

lost-reader "$node" 4 /tmp/lost.status pipes &
lost=$!
wait_for 120 grep -q passes /tmp/lost.status
check "the reader reads its data on node $node ($(reader_state /tmp/lost.status)), pipe buffers beside it" \
	grep -q passes /tmp/lost.status

# memory_failure() logs every page it takes (32768 per lost block): keep
# that in the kernel log, off the slow serial console.
dmesg -n 1
t0=$(cut -d. -f1 /proc/uptime)
check "sysfs remove of $bdf" sh -c "echo 1 > /sys/bus/pci/devices/$bdf/remove"
check "$bdf gone ($(($(cut -d. -f1 /proc/uptime) - t0)) s)" sh -c "! test -e /sys/bus/pci/devices/$bdf"
wait_for 60 sh -c "! kill -0 $lost"
check "the reader of the lost block got SIGBUS, never wrong data ($(reader_state /tmp/lost.status))" \
	grep -q SIGBUS /tmp/lost.status
kill "$lost" 2>/dev/null
line=$(dmesg | grep 'leaving: HPA' | tail -n 1)
info "${line#*leaving: }"
check "per-region report: blocks saved, the lost one refused at once (-EBUSY)" \
	sh -c "echo '$line' | grep -E -q ': [1-9][0-9]* pages saved, [1-9][0-9]* pages lost \(offline: -16\)'"
lost_pages=$(echo "$line" | sed -nE 's/.* ([0-9]+) pages lost .*/\1/p')
poisoned=$(echo "$line" | sed -nE 's/.*: ([0-9]+) poisoned .*/\1/p')
kept=$(echo "$line" | sed -nE 's/.* ([0-9]+) kernel pages kept in use.*/\1/p')
check "per-region report: every lost page poisoned or counted as the kernel's ($lost_pages = $poisoned + $kept)" \
	test -n "$kept" -a "${poisoned:-0}" -gt 0 -a "$((poisoned + kept))" = "${lost_pages:-x}"
range=$(echo "$line" | sed -nE 's/.*; 1 blocks lost, the first PFNs (0x[0-9a-f]+-0x[0-9a-f]+)$/\1/p')
check "per-region report: one line for the region, naming the lost block's PFNs (${range:-none}), and memory_failure()'s own line for its last page" \
	sh -c "test -n '$range' && test \"\$(dmesg | grep -c 'leaving: HPA')\" = 1 && dmesg | grep -q 'Memory failure: ${range#*-}:'"
check "the kernel says how many blocks stayed online" sh -c "dmesg | grep -q 'removed with 1 memory blocks online'"
check "the module reference is dropped with the device (refcnt $(cat /sys/module/cxl_leo/refcnt))" \
	test "$(cat /sys/module/cxl_leo/refcnt)" -eq 0
check "the kernel still runs: a new process on DRAM" sh -c "echo alive | md5sum"
dmesg | grep -E 'cxl_leo|kmem' | tail -n 8
info "memory_failure lines in the kernel log: $(dmesg | grep -c 'recovery action')"
finish
