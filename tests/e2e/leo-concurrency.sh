#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Offline and teardown racing everything else, on both devices of a 2-way
# interleave set: event storms and poison injected into both devices,
# poison list reads and sysfs readers on both, and a tenant checksumming its data
# the whole time. Every step is bounded; the tenant never reads a wrong
# byte; the kernel log stays free of WARN/BUG/lockdep/stall reports.
# topology: interleave2
# timeout: 420
. /e2e/lib.sh

PATTERN=CXLLEO-INTERLEAVED-STRIPE-LINES	# 32-byte lines: none straddles a stripe
json_num() {	# json_num KEY JSON
	echo "$2" | sed -n "s/.*\"$1\": \([0-9-]*\).*/\1/p" | head -n 1
}
now() {	# seconds since boot, without a fork
	local up idle
	read -r up idle < /proc/uptime
	echo "${up%.*}"
}
# timed LOG CMD...: run CMD; note it in LOG when it takes 5 s or more.
timed() {
	local log=$1 t0 rc
	shift
	t0=$(now)
	"$@" > /dev/null 2>&1
	rc=$?
	[ $(($(now) - t0)) -lt 5 ] || echo "$* took $(($(now) - t0)) s (exit $rc)" >> "$log"
	return $rc
}
node_empty() {
	! [ "$(node_meminfo "$1" MemTotal 2>/dev/null || echo 0)" -gt 0 ]
}

load_cxl_core
trace_enable_cxl
echo 8192 > /sys/kernel/tracing/buffer_size_kb
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem1
out=$(timeout 120 cxl-leo online mem0 mem1)
node=$(json_num numa_node "$out")
check "online mem0 mem1: 2-way region0, node $node" sh -c "grep -qx 2 /sys/bus/cxl/devices/region0/interleave_ways && [ $(node_meminfo "${node:-0}" MemTotal) -gt 0 ]"
bdfs="$(memdev_bdf mem0) $(memdev_bdf mem1)"

yes "$PATTERN" | head -c 1048576 > /tmp/pattern
numactl --membind="$node" cp /tmp/pattern /dev/shm/pattern
seen=$(pmem_count "$(cat /sys/bus/cxl/devices/region0/resource)" "$(cat /sys/bus/cxl/devices/region0/size)" "$PATTERN")
check "the pattern is in the two devices, read through the interleave ($seen of 32768 copies)" test "${seen:-0}" -eq 32768
dd if=/dev/urandom of=/tmp/src bs=64k count=64 2>/dev/null
sum=$(md5sum < /tmp/src)
check "tenant writes 4 MiB to node $node" numactl --membind="$node" cp /tmp/src /dev/shm/tenant

# The tenant: appends to reads every pass, to bad only on a mismatch.
( while :; do r=$(md5sum < /dev/shm/tenant); [ "$r" = "$sum" ] || echo "$r" >> /tmp/tenant.bad; echo . >> /tmp/tenant.reads; done ) &
tenant=$!
# Sysfs readers on what both devices show: driver, memdev, endpoint
# decoders, region (read with the shell's read: no fork, so many passes);
# and cxl-leo poison list on both (the core's poison list, its records
# reaching cxl_leo too), each run's seconds noted, its last list kept.
( while :; do
	for f in /sys/bus/pci/devices/*/cxl_leo/* /sys/bus/pci/devices/*/ras/* \
		 /sys/bus/pci/devices/*/scrub/* /sys/bus/cxl/devices/mem*/* \
		 /sys/bus/cxl/devices/endpoint*/decoder*.0/* /sys/bus/cxl/devices/region*/*; do
		[ -f "$f" ] && [ -r "$f" ] && read -r _ < "$f" 2> /dev/null
	done
	echo . >> /tmp/sysfs.passes
done ) &
readers=$!
( while :; do
	for m in mem0 mem1; do
		t0=$(now)
		timeout 120 cxl-leo poison list -m $m > /tmp/list.$m.new 2> /tmp/list.$m.err
		rc=$?
		if [ $rc = 0 ]; then
			mv /tmp/list.$m.new /tmp/list.$m
		elif ! [ -e /tmp/rmmod.started ]; then
			echo "$m: exit $rc $(cat /tmp/list.$m.err)" >> /tmp/list.failed
		fi
		echo $(($(now) - t0)) >> /tmp/list.seconds
	done
	echo . >> /tmp/poison.passes
done ) &
lister=$!
# The storm: the only user of the control channel while it runs.
gm='"sub-type":0,"log":"informational","flags":0,"descriptor":0,"type":0,"transaction-type":1'
( i=0; while [ $i -lt 6 ]; do
	for d in 0 1; do
		qmp_burst 150 '{"execute":"cxl-inject-general-media-event","arguments":{"sub-type":0,"path":"/machine/peripheral/cxl-vmem'$d'",'"$gm"',"dpa":'$((i * 4096))'}}' || echo "burst $i on $d" >> /tmp/storm.err
		qmp '{"execute":"cxl-inject-poison","arguments":{"path":"/machine/peripheral/cxl-vmem'$d'","start":'$((512 * 1024 * 1024 - (i + 1) * 4096))',"length":64}}' > /dev/null || echo "poison $i on $d" >> /tmp/storm.err
	done
	echo . >> /tmp/storm.rounds
	i=$((i + 1))
done ) &
storm=$!

wait_for 60 test -s /tmp/storm.rounds
out=$(timeout 180 cxl-leo offline region0)
rc=$?
echo "$out"
check "offline region0 under the storm finishes (exit $rc)" test "$rc" = 0
check "region0 gone, node $node empty" sh -c "test ! -e /sys/bus/cxl/devices/region0 && ! [ \"\$(awk '/MemTotal/ {print \$4}' /sys/devices/system/node/node$node/meminfo 2>/dev/null || echo 0)\" -gt 0 ]"
out=$(timeout 120 cxl-leo online mem0 mem1)
node=$(json_num numa_node "$out")
check "online again under the storm: node $node" sh -c "[ $(node_meminfo "${node:-0}" MemTotal) -gt 0 ]"
out=$(timeout 180 cxl-leo offline region0)
check "and offline again (exit $?)" wait_for 10 node_empty "${node:-0}"
passes() {	# passes FILE: lines in it so far
	cat "$1" 2>/dev/null | grep -c .
}
check "sysfs readers and poison list reads ran alongside ($(passes /tmp/sysfs.passes) and $(passes /tmp/poison.passes) passes)" \
	sh -c "test $(passes /tmp/sysfs.passes) -ge 1 && test $(passes /tmp/poison.passes) -ge 1"
records=0
for b in $bdfs; do records=$((records + $(cat /sys/bus/pci/devices/$b/ras/poison_records))); done
check "poison records reached cxl_leo on both devices ($records)" sh -c "for b in $bdfs; do test \$(cat /sys/bus/pci/devices/\$b/ras/poison_records) -ge 1 || exit 1; done"
# Teardown of both devices while events, poison list reads and readers go on.
touch /tmp/rmmod.started
timeout 120 rmmod cxl_leo
rc=$?
check "rmmod cxl_leo under the storm finishes (exit $rc)" test "$rc" = 0
check "both memdevs gone" wait_for 20 sh -c '! test -e /sys/bus/cxl/devices/mem0 && ! test -e /sys/bus/cxl/devices/mem1'

waited=0
while kill -0 $storm 2>/dev/null && [ $waited -lt 120 ]; do sleep 1; waited=$((waited + 1)); done
check "the storm ran to its end ($(grep -c . /tmp/storm.rounds) rounds)" sh -c "! kill -0 $storm 2>/dev/null && test \$(grep -c . /tmp/storm.rounds) -eq 6 && ! test -s /tmp/storm.err"
kill $tenant $readers $lister 2>/dev/null
wait $tenant $readers $lister 2>/dev/null
check "both devices' events were traced (mem0 $(grep -c 'cxl_general_media:.*memdev=mem0' /sys/kernel/tracing/trace), mem1 $(grep -c 'cxl_general_media:.*memdev=mem1' /sys/kernel/tracing/trace))" \
	sh -c "grep -q 'cxl_general_media:.*memdev=mem0' /sys/kernel/tracing/trace && grep -q 'cxl_general_media:.*memdev=mem1' /sys/kernel/tracing/trace"
# The storm injected poison at these DPAs, the same on both devices.
injected=" $(i=0; while [ $i -lt 6 ]; do echo $((512 * 1024 * 1024 - (i + 1) * 4096)); i=$((i + 1)); done | tr '\n' ' ')"
listed_ok() {	# listed_ok FILE: a non-empty list of injected DPAs, each once
	local dpas v
	dpas=$(sed -n 's/.*"dpa": \([0-9]*\),*$/\1/p' "$1")
	[ -n "$dpas" ] || return 1
	[ -z "$(echo "$dpas" | sort | uniq -d)" ] || return 1
	for v in $dpas; do
		case "$injected" in *" $v "*) ;; *) return 1 ;; esac
	done
}
info "cxl-leo poison list under the storm: $(grep -c . /tmp/list.seconds) runs, longest $(sort -n /tmp/list.seconds | tail -n 1) s"
check "cxl-leo poison list succeeded on both devices while they existed$(test -e /tmp/list.failed && echo ": $(head -n 3 /tmp/list.failed | tr '\n' ';')")" \
	sh -c "! test -e /tmp/list.failed && test -s /tmp/list.mem0 && test -s /tmp/list.mem1"
for m in mem0 mem1; do
	check "$m's last list: only the injected poison, each range once ($(sed -n 's/.*"dpa": \([0-9]*\),*$/\1/p' /tmp/list.$m 2>/dev/null | tr '\n' ' '))" \
		listed_ok /tmp/list.$m
done
[ -e /tmp/slow.log ] && info "slow: $(sort /tmp/slow.log | uniq -c | sort -rn | head -n 8 | tr '\n' ';')"
check "the tenant read its data throughout, never wrong ($(grep -c . /tmp/tenant.reads) reads)" sh -c "test -s /tmp/tenant.reads && ! test -e /tmp/tenant.bad"
check "and it is intact in DRAM now" test "$(md5sum < /dev/shm/tenant)" = "$sum"
finish
