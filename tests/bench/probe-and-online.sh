#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make bench`: in one VM, cxl_leo against the upstream path on twin devices.
#  (a) probe: modprobe -> memdev ready, cxl_leo vs cxl_pci, 12 rounds each,
#      alternating so a change in the host's load hits both alike; timed by
#      probe-time (tests/e2e/helpers), which reads the clock itself instead
#      of the shell's awk over /proc/timer_list (tens of ms under TCG).
#      Then the same rounds with initcall_debug on, for the kernel's own
#      clock of the device's probe alone: what every further device costs
#      (module load and init are paid once per boot).
#  (b) online: create-region -> all memory online, cxl_leo vs cxl_pci vs
#      plain memory hotplug (pc-dimm) of the same 512 MiB.
#  (c) cxl-leo online (movable NUMA node, one step) vs the same by hand:
#      cxl create-region, then daxctl offline-memory + online-memory to move
#      it to ZONE_MOVABLE; and vs the pc-dimm of (b).
# topology: interleave2
# timeout: 600
. /e2e/lib.sh

now_us() { awk '/^now at/ {printf "%d\n", $3 / 1000; exit}' /proc/timer_list; }
online_kb() { awk '/MemTotal/ {print $2}' /proc/meminfo; }
# Re-evaluated on every poll (a plain "test $(online_kb) ..." would not be).
online_reached() { [ "$(online_kb)" -ge "$1" ]; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

load_cxl_core
set -- $(for d in /sys/bus/pci/devices/*; do [ "$(cat "$d/class")" = 0x050210 ] && basename "$d"; done)
a=$1 b=$2
echo "$a: cxl_pci, $b: cxl_leo"
echo cxl_pci > /sys/bus/pci/devices/$a/driver_override
echo cxl_leo > /sys/bus/pci/devices/$b/driver_override

PROBE_ROUNDS=12
probe_once() {	# probe_once MODULE BDF -> microseconds, modprobe -> memdev
	local us
	us=$(probe-time "/sys/bus/pci/devices/$2" mem modprobe "$1" | cut -d' ' -f1) || return 1
	echo "$us"
}
# summary US...: "mean M us, median M, min M, max M" over the rounds.
summary() {
	echo "$@" | tr ' ' '\n' | grep . | sort -n |
		awk '{ v[++n] = $1; s += $1 } END { printf "mean %d us, median %d, min %d, max %d", s / n, v[int((n + 1) / 2)], v[1], v[n] }'
}
median() { echo "$@" | tr ' ' '\n' | grep . | sort -n | awk '{ v[++n] = $1 } END { print v[int((n + 1) / 2)] }'; }
mean() { echo "$@" | tr ' ' '\n' | grep . | awk '{ s += $1; n++ } END { printf "%d", s / n }'; }
# modprobe returns once the (asynchronous) probe has finished, so "ready"
# includes every step of it, those after the memdev was registered too.
# rounds TIMER: PROBE_ROUNDS rounds of "TIMER cxl_pci $a", then "TIMER
# cxl_leo $b", each module removed again; the microseconds go to
# pci_rounds and leo_rounds, failed rounds to probe_failed.
rounds() {
	local us i=1
	pci_rounds="" leo_rounds=""
	while [ $i -le $PROBE_ROUNDS ]; do
		us=$("$1" cxl_pci "$a") && pci_rounds="$pci_rounds $us" || probe_failed=$((probe_failed + 1))
		rmmod cxl_pci
		us=$("$1" cxl_leo "$b") && leo_rounds="$leo_rounds $us" || probe_failed=$((probe_failed + 1))
		rmmod cxl_leo
		i=$((i + 1))
	done
}
probe_failed=0
rounds probe_once
pci_all=$pci_rounds leo_all=$leo_rounds
pci_us=$(mean $pci_all) leo_us=$(mean $leo_all)
info "probe (modprobe -> memdev, $PROBE_ROUNDS rounds): cxl_pci $(summary $pci_all); cxl_leo $(summary $leo_all)"
info "probe ratio cxl_leo/cxl_pci: $(ratio "$leo_us" "$pci_us") of means, $(ratio "$(median $leo_all)" "$(median $pci_all)") of medians"
# probe_proper MODULE BDF -> microseconds of the device's probe as the
# kernel timed it with initcall_debug on (really_probe's own clock; 6.12
# prints "probe of BDF returned", 7.3 "probe of BDF with driver M returned").
probe_proper() {
	dmesg -c >/dev/null
	probe-time "/sys/bus/pci/devices/$2" mem modprobe "$1" >/dev/null || return 1
	dmesg | sed -En "s/.*probe of $2 (with driver [^ ]+ )?returned 0 after ([0-9]+) usecs.*/\2/p" | grep .
}
echo 1 > /sys/module/kernel/parameters/initcall_debug
rounds probe_proper
pci_probe=$pci_rounds leo_probe=$leo_rounds
echo 0 > /sys/module/kernel/parameters/initcall_debug
info "device probe alone (initcall_debug, $PROBE_ROUNDS rounds): cxl_pci $(summary $pci_probe); cxl_leo $(summary $leo_probe)"
info "device probe ratio cxl_leo/cxl_pci: $(ratio "$(mean $leo_probe)" "$(mean $pci_probe)") of means, $(ratio "$(median $leo_probe)" "$(median $pci_probe)") of medians"
info "module load and init (modprobe -> memdev less the probe, means): cxl_pci $((pci_us - $(mean $pci_probe))) us, cxl_leo $((leo_us - $(mean $leo_probe))) us"

has_memdev() { ls "/sys/bus/pci/devices/$1/" | grep -q '^mem[0-9]'; }
modprobe cxl_pci && modprobe cxl_leo && wait_for 10 has_memdev "$a" && wait_for 10 has_memdev "$b"
mem_of() { basename "$(ls -d /sys/bus/pci/devices/$1/mem[0-9]*)"; }

online_time() {	# online_time MEMDEV -> microseconds until its capacity is online
	local want=$(($(online_kb) + 524288 - 1024)) t0 t1
	t0=$(now_us)
	cxl create-region -m -d decoder0.0 -t ram "$1" >/dev/null 2>&1 || return 1
	wait_for 60 online_reached "$want" || return 1
	t1=$(now_us)
	echo $((t1 - t0))
}
# Two rounds in opposite order, so one-time costs of the first region
# do not count against either driver.
# Through cxl-leo offline: on 7.3 disabling a region whose kmem state is
# still online strands its memory, and the next region could not be made.
teardown() {
	local r
	for r in /sys/bus/cxl/devices/region*; do
		[ -e "$r" ] && cxl-leo offline "$(basename "$r")" >/dev/null 2>&1
	done
	cxl disable-region all >/dev/null 2>&1; cxl destroy-region all >/dev/null 2>&1
}
pci1=$(online_time "$(mem_of "$a")")
leo1=$(online_time "$(mem_of "$b")")
teardown
leo2=$(online_time "$(mem_of "$b")")
pci2=$(online_time "$(mem_of "$a")")
pci_on=$(((pci1 + pci2) / 2)) leo_on=$(((leo1 + leo2) / 2))

manual_time() {	# manual_time MEMDEV -> microseconds to a movable node, by hand
	local want=$(($(online_kb) + 524288 - 1024)) t0 t1 region dax
	t0=$(now_us)
	region=$(cxl create-region -m -d decoder0.0 -t ram "$1" 2>/tmp/bench-err |
		sed -n 's/.*"region":"\(region[0-9]*\)".*/\1/p')
	[ -n "$region" ] || { info "by hand: create-region: $(tail -n 1 /tmp/bench-err)"; return 1; }
	dax=$(basename "$(ls -d /sys/bus/cxl/devices/$region/dax_region*/dax*.0)")
	daxctl offline-memory "$dax" >/dev/null 2>/tmp/bench-err &&
		daxctl online-memory "$dax" >/dev/null 2>>/tmp/bench-err ||
		{ info "by hand: daxctl on $dax: $(tail -n 2 /tmp/bench-err | tr '\n' ' ')"; return 1; }
	wait_for 60 online_reached "$want" || { info "by hand: $region not online in 60 s"; return 1; }
	t1=$(now_us)
	echo $((t1 - t0))
}
tool_time() {	# tool_time MEMDEV -> microseconds for cxl-leo online
	local want=$(($(online_kb) + 524288 - 1024)) t0 t1
	t0=$(now_us)
	cxl-leo online "$1" >/dev/null || return 1
	wait_for 60 online_reached "$want" || return 1
	t1=$(now_us)
	echo $((t1 - t0))
}
offline_all() { for r in /sys/bus/cxl/devices/region*; do cxl-leo offline "${r##*/}" >/dev/null; done; }
offline_all
man1=$(manual_time "$(mem_of "$a")")
tool1=$(tool_time "$(mem_of "$b")")
offline_all
tool2=$(tool_time "$(mem_of "$a")")
man2=$(manual_time "$(mem_of "$b")")
offline_all
man_on=$(((man1 + man2) / 2)) tool_on=$(((tool1 + tool2) / 2))

want=$(($(online_kb) + 524288 - 1024))
t0=$(now_us)
qmp '{"execute":"object-add","arguments":{"qom-type":"memory-backend-ram","id":"hp0","size":536870912}}' >/dev/null
qmp '{"execute":"device_add","arguments":{"driver":"pc-dimm","id":"dimm0","memdev":"hp0"}}' >/dev/null
wait_for 60 online_reached "$want" || { echo "pc-dimm: MemTotal $(online_kb) kB, wanted $want kB"; dmesg | tail -n 5; }
t1=$(now_us)
dimm_on=$((t1 - t0))
info "online 512 MiB: cxl_pci ${pci_on} us, cxl_leo ${leo_on} us, pc-dimm ${dimm_on} us"
info "ratio cxl_leo/cxl_pci $(ratio "$leo_on" "$pci_on"), cxl_leo/pc-dimm $(ratio "$leo_on" "$dimm_on")"
info "online to a movable node: cxl-leo online ${tool_on} us, cxl create-region + daxctl ${man_on} us"
info "ratio cxl-leo-online/manual $(ratio "$tool_on" "$man_on"), cxl-leo-online/pc-dimm $(ratio "$tool_on" "$dimm_on")"
[ "$probe_failed" = 0 ] && [ -n "$pci_us" ] && [ -n "$leo_us" ] && [ -n "$pci_on" ] && [ -n "$leo_on" ] &&
	[ -n "$man1" ] && [ -n "$man2" ] && [ -n "$tool1" ] && [ -n "$tool2" ] && pass "benchmark ran"
finish
