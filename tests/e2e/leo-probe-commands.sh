#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The mailbox commands of one probe, seen by a kprobe on the core's
# cxl_internal_send_cmd() (every command, the core's and cxl_leo's, goes
# through it): none is sent twice with the same input (the CEL the core
# reads is kept, the firmware slots are read once, not per attribute),
# except Get Event Interrupt Policy, read before and after it is set (CXL
# r3.1 8.2.9.2.5); no more than 16 in all. What the probe learnt that way
# still answers: the Features found in the kept CEL, one slotN_revision per
# slot. Not a timing test: make bench times the probe.
# topology: single
# timeout: 240
. /e2e/lib.sh

T=/sys/kernel/tracing
load_cxl_core
# cmd is the second argument; struct cxl_mbox_cmd starts with the opcode,
# then payload_in, payload_out and size_in. The first 24 input bytes tell
# apart what the probe sends (a Get Log's UUID, offset and length).
check "kprobe on cxl_internal_send_cmd" sh -c "echo 'p:leo_probe_cmd cxl_internal_send_cmd op=+0(%si):x16 len=+24(%si):u64 in0=+0(+8(%si)):x64 in1=+8(+8(%si)):x64 in2=+16(+8(%si)):x64' > $T/kprobe_events"
echo 1 > $T/events/kprobes/leo_probe_cmd/enable
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
echo 0 > $T/events/kprobes/leo_probe_cmd/enable
# modprobe returns after the (asynchronous) probe: the trace holds all of it.
check "memdev registered when modprobe returned" test -e /sys/bus/cxl/devices/mem0
cmds=$(grep -o 'leo_probe_cmd: .*' $T/trace | sed 's/^leo_probe_cmd: ([^)]*) //')
echo "$cmds"
n=$(echo "$cmds" | grep -c 'op=')
info "probe sent $n mailbox commands"
check "the probe sent commands the kprobe saw (Identify among them)" sh -c "echo \"\$1\" | grep -q 'op=0x4000'" _ "$cmds"
dups=$(echo "$cmds" | grep -v 'op=0x102 ' | sort | uniq -d | tr '\n' ';')
check "no command sent twice with the same input${dups:+: $dups}" test -z "$dups"
check "Get Event Interrupt Policy at most twice" test "$(echo "$cmds" | grep -c 'op=0x102 ')" -le 2
check "the CEL read once (one Get Supported Logs)" test "$(echo "$cmds" | grep -c 'op=0x400 ')" -eq 1
check "Get FW Info at most once" test "$(echo "$cmds" | grep -c 'op=0x200 ')" -le 1
check "no more than 16 commands ($n)" test "$n" -le 16
echo 0 > $T/events/kprobes/enable 2>/dev/null
echo > $T/kprobe_events

d=/sys/bus/pci/devices/$(memdev_bdf mem0)
check "Features found in the kept CEL: scrub0" test -d "$d/scrub0"
check "scrub0 answers on first read" sh -c "grep -qE '^[0-9]+$' $d/scrub0/current_cycle_duration"
slots=$(cat "$d/firmware/slot_count")
check "firmware: $slots slots" test "${slots:-0}" -ge 1
i=1
while [ "$i" -le 4 ]; do
	if [ "$i" -le "${slots:-0}" ]; then
		check "slot${i}_revision shown and readable" sh -c "cat $d/firmware/slot${i}_revision >/dev/null"
	else
		check "slot${i}_revision hidden (no slot $i)" test ! -e "$d/firmware/slot${i}_revision"
	fi
	i=$((i + 1))
done
check "rmmod cxl_leo" rmmod cxl_leo
finish
