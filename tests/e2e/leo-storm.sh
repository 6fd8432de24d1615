#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# An event storm on cxl_leo: 10000 records pile up in the device while no
# driver drains them (as during boot). When cxl_leo binds, the log's
# overflow is reported with the number of records lost, every record is
# either traced or counted lost, and the system stays responsive with a
# clean kernel log.
# topology: single
# timeout: 300
. /e2e/lib.sh

dev=/machine/peripheral/cxl-vmem0
load_cxl_core
trace_enable_cxl
echo 8192 > /sys/kernel/tracing/buffer_size_kb
check "10000 general media events injected" qmp_burst 10000 '{"execute":"cxl-inject-general-media-event","arguments":{"sub-type":0,"path":"'$dev'","log":"informational","flags":0,"dpa":4096,"descriptor":0,"type":0,"transaction-type":1}}'
quiet_for_2s() {
	local a b
	a=$(grep -c cxl_general_media /sys/kernel/tracing/trace)
	sleep 2
	b=$(grep -c cxl_general_media /sys/kernel/tracing/trace)
	[ "$a" = "$b" ]
}
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
ras=/sys/bus/pci/devices/$(memdev_bdf mem0)/ras
wait_for 60 quiet_for_2s
traced=$(grep -c cxl_general_media /sys/kernel/tracing/trace)
lost=$(cat $ras/events_lost)
info "storm: $traced records traced, $lost reported lost"
if trace_has cxl_overflow; then pass "overflow reported (cxl_overflow trace event)"; else fail "overflow not reported"; fi
check "lost records counted" test "$lost" -gt 0
if [ $((traced + lost)) -eq 10000 ]; then
	pass "every record traced or counted lost ($traced + $lost = 10000)"
else
	fail "records unaccounted for: $traced traced + $lost lost != 10000"
fi
check "system responsive after the storm" cxl list -M
finish
