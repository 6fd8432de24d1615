#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# RAS on cxl_leo: events injected into the device over QMP arrive through
# cxl_leo's event interrupt as cxl: trace events and in its counters; poison
# in online memory takes the page out of service.
# topology: single
# timeout: 240
. /e2e/lib.sh

dev=/machine/peripheral/cxl-vmem0
load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
bdf=$(memdev_bdf mem0)
ras=/sys/bus/pci/devices/$bdf/ras
leo=/sys/bus/pci/devices/$bdf/cxl_leo
trace_enable_cxl
# cxl-leo monitor on this kernel's cxl tracepoints (7.3's differ from 6.12's).
cxl-leo monitor -m mem0 --count 3 --timeout 120 > /tmp/monitor.json 2> /tmp/monitor.err &
monitor=$!
wait_for 30 grep -qx 1 /sys/kernel/tracing/instances/cxl_leo_$monitor/events/cxl/enable

# The device's policy is read first; QEMU leaves no log in firmware mode.
check "event logs on MSI/MSI-X" test "$(cat $leo/event_delivery)" = interrupt
# Firmware-first records: cxl_leo holds GHES's one CPER slot unless cxl_pci
# is loaded, and hands it over without breaking cxl_pci's init.
check "CPER slot held by cxl_leo" test "$(cat $leo/cper_consumer)" = cxl_leo
check "cxl_pci still loads" modprobe cxl_pci
check "CPER slot handed to cxl_pci" test "$(cat $leo/cper_consumer)" = cxl_pci
check "cxl_pci unloads" rmmod cxl_pci
check "CPER slot back with cxl_leo" test "$(cat $leo/cper_consumer)" = cxl_leo
check "no firmware-first records seen" test "$(cat $leo/firmware_first_records)" -eq 0

check "inject uncorrectable general media event" qmp '{"execute":"cxl-inject-general-media-event","arguments":{"sub-type":0,"path":"'$dev'","log":"failure","flags":1,"dpa":4096,"descriptor":1,"type":0,"transaction-type":1}}'
if wait_for 10 trace_has cxl_general_media; then pass "cxl_general_media trace event"; else fail "cxl_general_media trace event: not seen"; fi
check "media_uncorrectable_events counted" test "$(cat $ras/media_uncorrectable_events)" -ge 1

check "inject DRAM event" qmp '{"execute":"cxl-inject-dram-event","arguments":{"sub-type":0,"path":"'$dev'","log":"warning","flags":0,"dpa":8192,"descriptor":2,"type":0,"transaction-type":1}}'
if wait_for 10 trace_has cxl_dram; then pass "cxl_dram trace event"; else fail "cxl_dram trace event: not seen"; fi

check "inject memory module event" qmp '{"execute":"cxl-inject-memory-module-event","arguments":{"sub-type":0,"path":"'$dev'","log":"informational","flags":0,"type":0,"health-status":0,"media-status":0,"additional-status":0,"life-used":10,"temperature":40,"dirty-shutdown-count":0,"corrected-volatile-error-count":0,"corrected-persistent-error-count":0}}'
if wait_for 10 trace_has cxl_memory_module; then pass "cxl_memory_module trace event"; else fail "cxl_memory_module trace event: not seen"; fi
wait_for 60 sh -c "! kill -0 $monitor"
wait $monitor
rc=$?
check "cxl-leo monitor: exit $rc after its three events, instance removed $(cat /tmp/monitor.err)" \
	sh -c "test $rc = 0 && test \$(grep -c . /tmp/monitor.json) = 3 && ! test -e /sys/kernel/tracing/instances/cxl_leo_$monitor"
check "cxl-leo monitor: general media, DRAM, memory module, in order" \
	sh -c "sed -n 's/.*\"event\":\"\([a-z_]*\)\".*/\1/p' /tmp/monitor.json | tr '\n' ' ' | grep -qx 'cxl_general_media cxl_dram cxl_memory_module '"
check "cxl-leo monitor: fields typed (DPA 4096, hdr_uuid a UUID string, comp_id an array, life_used 10)" \
	sh -c "grep cxl_general_media /tmp/monitor.json | grep '\"dpa\":4096' | grep -q '\"comp_id\":\[0,' && grep -q '\"hdr_uuid\":\"fbcd0a77-c260-417f-85a9-088b1621eba6\"' /tmp/monitor.json && grep cxl_memory_module /tmp/monitor.json | grep -q '\"life_used\":10'"
cxl-leo monitor > /dev/null 2>&1 &
monitor=$!
wait_for 30 test -d /sys/kernel/tracing/instances/cxl_leo_$monitor
sleep 1
kill -INT $monitor
wait_for 20 sh -c "! kill -0 $monitor"
wait $monitor
rc=$?
check "cxl-leo monitor: SIGINT ends it with exit $rc, its instance removed" \
	sh -c "test $rc = 0 && ! test -e /sys/kernel/tracing/instances/cxl_leo_$monitor"
check "every drain pass emptied the logs" sh -c '! dmesg | grep -q "still pending after"'

# Poison inside an online region: the page behind it is taken offline.
cxl create-region -m -d decoder0.0 -t ram mem0 >/dev/null 2>&1
# A function, so wait_for re-evaluates it: 7.3's dax_cxl binds asynchronously.
cxl_node_online() { test -n "$(cpuless_nodes)"; }
wait_for 30 cxl_node_online
check "inject poison at DPA 0x10000" qmp '{"execute":"cxl-inject-poison","arguments":{"path":"'$dev'","start":65536,"length":64}}'
check "trigger poison list" sh -c "echo 1 > /sys/bus/cxl/devices/mem0/trigger_poison_list"
if wait_for 10 trace_has cxl_poison; then pass "cxl_poison trace event"; else fail "cxl_poison trace event: not seen"; fi
check "poison_records counted" test "$(cat $ras/poison_records)" -ge 1
offlined() { [ "$(cat $ras/pages_offlined)" -ge 1 ]; }
if wait_for 10 offlined; then
	pass "poisoned page offlined ($(cat $ras/pages_offlined))"
else
	fail "poisoned page offlined: pages_offlined=$(cat $ras/pages_offlined) failed=$(cat $ras/offline_failed) not_online=$(cat $ras/offline_not_online)"
fi
check "page_offline_policy rejects junk" sh -c "! echo bogus > $ras/page_offline_policy"
check "page_offline_policy accepts none" sh -c "echo none > $ras/page_offline_policy && grep -qx none $ras/page_offline_policy"
grep cxl_ /sys/kernel/tracing/trace | head -n 5
finish
