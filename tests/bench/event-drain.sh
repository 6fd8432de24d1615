#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make bench`: event drain, cxl-leo monitor against upstream's cxl monitor,
# both listening in the same VM to the same cxl_leo device. Rounds of 8 DRAM
# events (under the emulated device's event log capacity) are injected back
# to back over QMP; for each tool: injection -> JSON line latency per round,
# records per second over all rounds, and records lost.
# topology: single
# timeout: 600
. /e2e/lib.sh

ROUNDS=25 BURST=8
dev=/machine/peripheral/cxl-vmem0
now_us() { awk '/^now at/ {printf "%d\n", $3 / 1000; exit}' /proc/timer_list; }
lines() { grep -c cxl_dram "$1" 2>/dev/null || echo 0; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
# Both write their lines to a log file they flush per event (cxl monitor's
# standard output would be block-buffered into a file).
cxl-leo monitor -m mem0 --log /tmp/leo.json &
leo=$!
cxl monitor --log=/tmp/upstream.json &
up=$!
sleep 2

leo_sum=0 up_sum=0 r=1
while [ $r -le $ROUNDS ]; do
	want=$((r * BURST)) leo_t= up_t=
	t0=$(now_us)
	qmp_burst $BURST '{"execute":"cxl-inject-dram-event","arguments":{"sub-type":0,"path":"'$dev'","log":"informational","flags":0,"dpa":8192,"descriptor":0,"type":0,"transaction-type":1}}' || break
	n=0
	while [ -z "$leo_t" ] || [ -z "$up_t" ]; do
		[ -z "$leo_t" ] && [ "$(lines /tmp/leo.json)" -ge $want ] && leo_t=$(($(now_us) - t0))
		[ -z "$up_t" ] && [ "$(lines /tmp/upstream.json)" -ge $want ] && up_t=$(($(now_us) - t0))
		n=$((n + 1))
		[ $n -gt 2000 ] && break
	done
	leo_sum=$((leo_sum + ${leo_t:-10000000})) up_sum=$((up_sum + ${up_t:-10000000}))
	r=$((r + 1))
done
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
leo_ticks=$(ticks $leo) up_ticks=$(ticks $up)
kill $leo $up
total=$((ROUNDS * BURST))
leo_n=$(lines /tmp/leo.json) up_n=$(lines /tmp/upstream.json)
leo_rate=$(awk -v n="$leo_n" -v us="$leo_sum" 'BEGIN { printf "%d", n * 1000000 / us }')
up_rate=$(awk -v n="$up_n" -v us="$up_sum" 'BEGIN { printf "%d", n * 1000000 / us }')
info "event drain ($total events): cxl-leo monitor $leo_n seen, $((total - leo_n)) lost, $leo_rate records/s, $((leo_sum / ROUNDS)) us per burst; cxl monitor $up_n seen, $((total - up_n)) lost, $up_rate records/s, $((up_sum / ROUNDS)) us per burst"
info "CPU used over the run (1/100 s): cxl-leo monitor $leo_ticks, cxl monitor $up_ticks"
info "ratio records/s cxl-leo/cxl-monitor $(ratio "$leo_rate" "$up_rate"), latency cxl-monitor/cxl-leo $(ratio "$up_sum" "$leo_sum")"
check "event drain benchmark ran" test "$leo_n" -gt 0 -a "$up_n" -gt 0
finish
