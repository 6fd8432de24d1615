#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make bench`: online time and DRAM used for 0.5, 2 and 8 GiB (16x) with
# cxl-leo online, against pc-dimm hotplug of the same sizes, on the kernel's
# default memmap placement; capacity-curve-mom.sh boots with
# memory_hotplug.memmap_on_memory=1 for the same curve.
# topology: curve
# maxmem: 24G
# timeout: 1500
. /e2e/lib.sh

now_us() { awk '/^now at/ {printf "%d\n", $3 / 1000; exit}' /proc/timer_list; }
json_num() { echo "$2" | sed -n "s/.*\"$1\": \([0-9-]*\).*/\1/p" | head -n 1; }
free_kb() { echo 1 > /proc/sys/vm/stat_refresh; awk '/^MemFree/ {print $2}' /proc/meminfo; }
total_kb() { awk '/^MemTotal/ {print $2}' /proc/meminfo; }
reached() { [ "$(total_kb)" -ge "$1" ]; }
memdev_of_size() {
	local m
	for m in /sys/bus/cxl/devices/mem*; do
		[ "$(($(cat "$m/ram/size")))" = "$1" ] && echo "${m##*/}"
	done
}
MODE=${MODE:-memmap in DRAM}

load_cxl_core
load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 20 test -e /sys/bus/cxl/devices/mem2
info "curve ($MODE): memmap_on_memory=$(cat /sys/module/memory_hotplug/parameters/memmap_on_memory)"
line=""
for mib in 512 2048 8192; do
	bytes=$((mib * 1048576))
	m=$(memdev_of_size $bytes)
	t0=$(now_us)
	out=$(cxl-leo online --force "$m" 2>/dev/null)
	t1=$(now_us)
	used=$(json_num dram_used_bytes "$out")
	mm=$(json_num dram_bytes "$out")
	info "curve ($MODE): cxl-leo online $mib MiB: $(((t1 - t0) / 1000)) ms, memmap in DRAM $mm B, DRAM used $used B = $((used * 1024 / mib)) B per GiB"
	line="$line $mib:$((t1 - t0)):$used"
done
for mib in 512 2048 8192; do
	before=$(free_kb) want=$(($(total_kb) + mib * 1024 - mib * 16 - 1024))
	t0=$(now_us)
	qmp "{\"execute\":\"object-add\",\"arguments\":{\"qom-type\":\"memory-backend-ram\",\"id\":\"hp$mib\",\"size\":$((mib * 1048576))}}" >/dev/null
	qmp "{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"pc-dimm\",\"id\":\"dimm$mib\",\"memdev\":\"hp$mib\"}}" >/dev/null
	wait_for 300 reached "$want"
	t1=$(now_us)
	sleep 1
	# DRAM used: what was added less what became free
	used=$(( (mib * 1024 - ($(free_kb) - before)) * 1024 ))
	info "curve ($MODE): pc-dimm $mib MiB: $(((t1 - t0) / 1000)) ms, DRAM used $used B = $((used * 1024 / mib)) B per GiB"
	line="$line dimm$mib:$((t1 - t0)):$used"
done
# least-squares slope of time over size, per path; DRAM per GiB at 8 GiB
echo "$line" | tr ' ' '\n' | awk -F: -v mode="$MODE" '
	NF == 3 {
		p = ($1 ~ /^dimm/) ? "dimm" : "leo"; x = substr($1, p == "dimm" ? 5 : 1) / 1024; y = $2 / 1000
		n[p]++; sx[p] += x; sy[p] += y; sxx[p] += x * x; sxy[p] += x * y
		if (x == 8) used[p] = $3 / 8
	}
	function slope(p) { return (n[p] * sxy[p] - sx[p] * sy[p]) / (n[p] * sxx[p] - sx[p] * sx[p]) }
	END {
		printf "slope (%s): cxl-leo online %.1f ms per GiB, pc-dimm %.1f ms per GiB, ratio %.2f\n", mode, slope("leo"), slope("dimm"), slope("leo") / slope("dimm")
		printf "DRAM per GiB (%s): cxl-leo online %d B (%.3f %%), pc-dimm %d B (%.3f %%)\n", mode, used["leo"], used["leo"] / 10737418.24, used["dimm"], used["dimm"] / 10737418.24
	}' | while read -r l; do info "$l"; done
done_
