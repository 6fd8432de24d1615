#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Booted with memory_hotplug.memmap_on_memory=1: cxl-leo online reports the
# memmap on the expander (the node holds 1/64 less than the region), the
# DRAM the onlining took stays under 0.2 % of what it onlined (1.56 % with
# the memmap in DRAM), no warning; offline gives the memory back.
# topology: single
# cmdline: memory_hotplug.memmap_on_memory=1
# timeout: 300
. /e2e/lib.sh

json_num() {	# json_num KEY JSON
	echo "$2" | sed -n "s/.*\"$1\": \([0-9-]*\).*/\1/p" | head -n 1
}

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
check "booted with memmap on memory" test "$(cat /sys/module/memory_hotplug/parameters/memmap_on_memory)" = Y

out=$(cxl-leo online mem0 2>/tmp/err)
rc=$?
echo "$out"; cat /tmp/err
node=$(json_num numa_node "$out")
check "online mem0" test "$rc" = 0
check "the JSON puts the memmap on the expander, as the kernel and dax0.0 allow" \
	sh -c "echo '$out' | grep -q '\"placement\": \"expander\"' && echo '$out' | grep -q '\"memmap_on_memory_kernel\": true' && echo '$out' | grep -q '\"memmap_on_memory_dax\": true'"
check "8 MiB of memmap for 512 MiB, none of it in DRAM" \
	sh -c "test '$(json_num expander_bytes "$out")' = 8388608 && test '$(json_num dram_bytes "$out")' = 0"
check "node $node holds the region less its memmap (516096 kB)" test "$(node_meminfo "$node" MemTotal)" = 516096
used=$(json_num dram_used_bytes "$out")
info "DRAM used by onlining 512 MiB: $used bytes ($((used * 2 / 1024)) KiB per GiB), memmap on the expander"
check "DRAM used ($used bytes) under 0.2 % of 512 MiB" test "$used" -lt 1073741
check "no memmap warning" sh -c "! grep -q memmap /tmp/err"
check "the zone balance did not count a memmap in DRAM" sh -c "echo '$out' | grep -q '\"memmap_dram_bytes\": 0'"

yes CXLLEO-MOM | head -c 2097152 > /tmp/src
check "a workload on node $node" numactl --membind="$node" cp /tmp/src /dev/shm/w
check "offline: region0 gone" sh -c "cxl-leo offline region0 && ! test -e /sys/bus/cxl/devices/region0"
check "offline: the workload moved to DRAM intact" cmp /tmp/src /dev/shm/w
finish
