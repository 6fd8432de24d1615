#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Soft and hard Post Package Repair on a live device (QEMU 11.1's Perform
# Maintenance): the safeguards refusing, then allowing once the device has
# reported an error at the address this boot (injected over QMP with
# "maintenance needed"); hard PPR only with the confirmation step; memory in
# use only with such a record; the outcome as the tool, sysfs and the
# kernel log report it; and what the device did, seen in the Memory Sparing
# Event Record (uuid e71f3a40-...) QEMU emits, as cxl_generic_event, only
# for an address it had flagged for maintenance.
# topology: single
# timeout: 300
. /e2e/lib.sh

dev=/machine/peripheral/cxl-vmem0
SPARING=e71f3a40-2d29-4092-8a39-4d1c966c7c65

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
d=/sys/bus/pci/devices/$(memdev_bdf mem0)
trace_enable_cxl
# QEMU 11.1's Mailbox Status reads "background operation" until the
# device's first background command; no command means none running.
check "fresh device: no background command reported" grep -qx none "$d/cxl_leo/background_name"

# inject_gm DPA: a General Media record that asks for maintenance (flags
# bit 3); QEMU 11.1 also notes the address as needing repair.
inject_gm() {
	qmp '{"execute":"cxl-inject-general-media-event","arguments":{"path":"'$dev'","log":"warning","flags":8,"dpa":'$(($1))',"descriptor":0,"type":0,"sub-type":0,"transaction-type":1}}'
}
inject_dram_nibble() {	# inject_dram_nibble DPA MASK
	qmp '{"execute":"cxl-inject-dram-event","arguments":{"path":"'$dev'","log":"warning","flags":8,"dpa":'$(($1))',"descriptor":0,"type":0,"sub-type":0,"transaction-type":1,"nibble-mask":'$2'}}'
}
record_traced() {	# record_traced HEXDPA: the driver saw the record
	grep -qE "cxl_(general_media|dram):.*MAINTENANCE_NEEDED.*: dpa=$1 " /sys/kernel/tracing/trace
}
sparing_records() {
	grep -c "cxl_generic_event:.*uuid=$SPARING" /sys/kernel/tracing/trace
}
# sparing_count_is N: after the device had time to emit, exactly N.
sparing_count_is() {
	wait_for 5 test "$(sparing_records)" -ge "$1"
	sleep 2
	n=$(sparing_records)
	[ "$n" = "$1" ] || { echo "$n sparing records, want $1"; return 1; }
}

check "soft PPR offered: mem_repair0, persist_mode 0" sh -c "grep -qx 0 $d/mem_repair0/persist_mode && grep -qx ppr $d/mem_repair0/repair_type"
check "hard PPR offered: mem_repair1, persist_mode 1, with confirm_dpa" sh -c "grep -qx 1 $d/mem_repair1/persist_mode && test -e $d/mem_repair1/confirm_dpa && ! test -e $d/mem_repair0/confirm_dpa"
check "QEMU's repairs are safe in use (no restriction flags)" sh -c "grep -qx 1 $d/mem_repair0/repair_safe_when_in_use && grep -qx 1 $d/mem_repair1/repair_safe_when_in_use"

# Soft PPR, memory offline: allowed anywhere; the device emits its record
# only for an address it flagged.
check "soft PPR of an unreported address, memory offline: done, exit 0" sh -c \
	"cxl-leo repair -m mem0 --dpa 0x40000 > /tmp/r.json && dmesg | grep -q 'soft PPR of DPA 0x40000 done' && grep -q '\"repaired\": \"0x40000\"' /tmp/r.json"
# QEMU 11.1 lists Perform Maintenance as background-capable in its CEL but
# completes it before answering; the background path (wait up to the
# Feature's maximum latency, -EINPROGRESS, outcome logged later) is KUnit's.
check "... the device finished it in the foreground: nothing running, never started in the background" sh -c \
	"grep -qx none $d/cxl_leo/background_name && grep -qx 0 $d/cxl_leo/background_started"
check "... no Memory Sparing record: the device had not flagged it" sparing_count_is 0

cxl-leo monitor -m mem0 --count 2 --timeout 120 > /tmp/monitor.json 2>/tmp/monitor.err &
mon=$!
sleep 3
check "inject General Media 'maintenance needed' at DPA 0x1000" inject_gm 0x1000
check "driver traced the record" wait_for 10 record_traced 1000
check "soft PPR of DPA 0x1000: done, exit 0, JSON says soft 0x1000" sh -c \
	"cxl-leo repair -m mem0 --dpa 0x1000 > /tmp/r.json && dmesg | grep -q 'soft PPR of DPA 0x1000 done' && grep -q '\"repaired\": \"0x1000\"' /tmp/r.json && grep -q '\"persist_mode\": \"soft\"' /tmp/r.json"
check "device emitted a Memory Sparing Event Record (Informational log, maintenance class 2)" wait_for 10 sh -c \
	"grep 'uuid=$SPARING' /sys/kernel/tracing/trace | grep -q 'log=Informational.*maint_op_class=2'"
check "... exactly one" sparing_count_is 1
wait $mon
check "cxl-leo monitor showed the error record and the sparing record" sh -c \
	"grep -q cxl_general_media /tmp/monitor.json && grep cxl_generic_event /tmp/monitor.json | grep -q $SPARING"
check "soft PPR of 0x1000 again: done, but no new record (the device cleared its flag)" sh -c \
	"cxl-leo repair -m mem0 --dpa 0x1000 > /dev/null"
check "... still one sparing record" sparing_count_is 1

# Hard PPR: an error record this boot and the confirmation step.
check "hard PPR of an unreported address refused, exit 1" sh -c \
	"! cxl-leo repair -m mem0 --hard --dpa 0x80000 --force 2>/tmp/r.err && grep -q 'refused by cxl_leo' /tmp/r.err"
check "... kernel log says why" sh -c "dmesg | grep -q 'hard PPR of DPA 0x80000 refused: hard PPR is permanent: only where the device reported an error this boot'"
check "inject General Media 'maintenance needed' at DPA 0x2000" inject_gm 0x2000
check "driver traced it" wait_for 10 record_traced 2000
check "hard PPR through sysfs without confirm_dpa refused (EPERM)" sh -c \
	"echo 0x2000 > $d/mem_repair1/dpa && echo 0 > $d/mem_repair1/nibble_mask && ! echo 1 2>/tmp/w.err > $d/mem_repair1/repair && grep -q 'not permitted' /tmp/w.err"
check "... kernel log says why" sh -c "dmesg | grep -q 'hard PPR of DPA 0x2000 refused: hard PPR is permanent: write the same DPA to confirm_dpa first'"
check "hard PPR with another DPA confirmed refused (EPERM)" sh -c \
	"echo 0x3000 > $d/mem_repair1/confirm_dpa && ! echo 1 2>/tmp/w.err > $d/mem_repair1/repair && grep -q 'not permitted' /tmp/w.err"
check "... the confirmation covered that one attempt" grep -qx none "$d/mem_repair1/confirm_dpa"
check "cxl-leo repair --hard on a pipe without --force refused, nothing sent" sh -c \
	"! echo yes | cxl-leo repair -m mem0 --hard --dpa 0x2000 2>/tmp/r.err && grep -qx none $d/mem_repair1/confirm_dpa"
check "... no repair reached the device" sparing_count_is 1
check "cxl-leo repair --hard --force of DPA 0x2000: done, exit 0, JSON says hard" sh -c \
	"cxl-leo repair -m mem0 --hard --dpa 0x2000 --force > /tmp/r.json && dmesg | grep -q 'hard PPR of DPA 0x2000 done' && grep -q '\"repaired\": \"0x2000\"' /tmp/r.json && grep -q '\"persist_mode\": \"hard\"' /tmp/r.json"
check "... the device emitted its sparing record" sparing_count_is 2
check "... confirm_dpa consumed" grep -qx none "$d/mem_repair1/confirm_dpa"
check "inject DRAM 'maintenance needed' at 0x5000, nibble mask 5" inject_dram_nibble 0x5000 5
check "driver traced it" wait_for 10 record_traced 5000
check "hard PPR with that nibble mask refused: QEMU's hPPR lacks nibble support" sh -c \
	"! cxl-leo repair -m mem0 --hard --dpa 0x5000 --nibble-mask 5 --force 2>/dev/null && dmesg | grep -q 'hard PPR of DPA 0x5000 refused: the device does not take a nibble mask'"
check "... nothing reached the device" sparing_count_is 2
# The device repairs whole rows: its repair covers the record's nibbles.
check "hard PPR of 0x5000 without a mask: done (the whole row holds nibbles 5)" sh -c \
	"cxl-leo repair -m mem0 --hard --dpa 0x5000 --force > /dev/null && dmesg | grep -q 'hard PPR of DPA 0x5000 done'"
check "... the device emitted its sparing record" sparing_count_is 3

# Memory in use: a region online over the device.
check "ram region created" cxl create-region -m -d decoder0.0 -t ram mem0
check "its memory online" wait_for 30 cpuless_count_above 0
check "soft PPR in online memory, no record: refused, exit 1" sh -c \
	"! cxl-leo repair -m mem0 --dpa 0x100000 2>/dev/null && dmesg | grep -q 'soft PPR of DPA 0x100000 refused: memory in use is repaired only where the device reported an error'"
check "... nothing reached the device" sparing_count_is 3
check "inject General Media 'maintenance needed' at DPA 0x100000" inject_gm 0x100000
check "driver traced it, in its region" wait_for 10 sh -c "grep -q 'cxl_general_media:.*dpa=100000 .*region=region' /sys/kernel/tracing/trace"
check "soft PPR in online memory at the reported address: done, exit 0" sh -c \
	"cxl-leo repair -m mem0 --dpa 0x100000 > /tmp/r.json && dmesg | grep -q 'soft PPR of DPA 0x100000 done'"
check "... the device emitted its sparing record" sparing_count_is 4
check "memory still online after the repair" cpuless_count_above 0
finish
