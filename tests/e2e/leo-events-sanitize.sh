#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# An event record arrives while a sanitize runs: the device refuses Get
# Event Records (busy) and its event status stays set. A drain pass gives
# up after its bound instead of spinning in the worker that runs it and
# retries with a growing delay; the sanitize deletes the logs, the
# retries stop, later events arrive as usual, and rmmod finishes.
# topology: single
# timeout: 240
. /e2e/lib.sh

dev=/machine/peripheral/cxl-vmem0
load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
sec=/sys/bus/cxl/devices/mem0/security
trace_enable_cxl

# The drain runs in a workqueue worker (an event interrupt queues a pass):
# the CPU time, in clock ticks, of every kworker and interrupt thread, as
# "PID TICKS" lines, read before and after (a /proc walk is slow under TCG).
drain_thread_ticks() {
	local f pid
	for f in /proc/[0-9]*/comm; do
		case "$(cat "$f" 2>/dev/null)" in
		kworker/*|irq/*)
			pid=${f#/proc/} pid=${pid%/comm}
			set -- $(cut -d')' -f2 "/proc/$pid/stat" 2>/dev/null)
			echo "$pid $((${12:-0} + ${13:-0}))" ;;
		esac
	done
}
ticks_since() {	# ticks_since BEFORE: ticks spent since, threads new since included
	{ echo "$1" | sed 's/^/B /'; drain_thread_ticks | sed 's/^/A /'; } |
		awk '$1 == "B" { b[$2] = $3 } $1 == "A" { s += $3 - ($2 in b ? b[$2] : 0) } END { print s + 0 }'
}
sanitizing() { grep -q sanitize "$sec/state"; }
pending_logged() { dmesg | grep -q "still pending after"; }

# The record must land while the sanitize runs (about 4 s for 512 MiB).
before=$(drain_thread_ticks)
check "sanitize started" sh -c "echo 1 > $sec/sanitize"
check "inject general media event during sanitize" qmp '{"execute":"cxl-inject-general-media-event","arguments":{"sub-type":0,"path":"'$dev'","log":"warning","flags":0,"dpa":4096,"descriptor":0,"type":0,"transaction-type":1}}'
check "sanitize still running after the injection" sanitizing
if wait_for 10 pending_logged; then pass "drain pass bounded while Get Event Records fails"; else fail "no bounded pass: $(dmesg | grep -E 'cxl_leo|Event log' | tail -n 1)"; fi
spent=$(ticks_since "$before")
# A drain that spun would have burnt the whole sanitize window (>= 400
# ticks of one CPU); every other worker's housekeeping counts too (24 seen
# on a loaded host).
check "drain workers idle while the status stayed set ($spent ticks)" test "$spent" -lt 100
if wait_for 120 sh -c "! grep -q sanitize $sec/state"; then pass "sanitize completed"; else fail "sanitize still running"; fi
# Sanitize deletes the event logs (CXL r3.1 8.2.9.9.5.1): the record is gone
# and the status clear, so the retries must stop.
pending_count() { dmesg | grep -c "still pending after"; }
n1=$(pending_count)
sleep 6	# past the 5 s printk rate-limit window: a retry still running would log again
n2=$(pending_count)
check "retries stop once the logs are empty ($n1 -> $n2 bounded passes)" test "$n1" -eq "$n2"
check "no record survives the sanitize" sh -c '! grep -q cxl_general_media /sys/kernel/tracing/trace'
check "inject general media event after sanitize" qmp '{"execute":"cxl-inject-general-media-event","arguments":{"sub-type":0,"path":"'$dev'","log":"warning","flags":0,"dpa":8192,"descriptor":0,"type":0,"transaction-type":1}}'
if wait_for 20 trace_has cxl_general_media; then pass "events delivered again after the sanitize"; else fail "no event after the sanitize"; fi
check "rmmod cxl_leo finishes" rmmod cxl_leo
finish
