#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# What onlining costs the kernel, on the distribution's defaults (memmap in
# DRAM): cxl-leo online reports where the memmap went and the DRAM it took,
# warns with the boot parameter to set, and weighs movable memory against
# the kernel zones. In a 1 GiB guest the 1 GiB device onlines within the
# limit; the 4 GiB device is refused with the numbers and the choices, and
# goes online only with --force. Both go offline again.
# topology: capacity
# memory: 1G
# timeout: 420
. /e2e/lib.sh

json_num() {	# json_num KEY JSON
	echo "$2" | sed -n "s/.*\"$1\": \([0-9-]*\).*/\1/p" | head -n 1
}
json_str() {	# json_str KEY JSON
	echo "$2" | sed -n "s/.*\"$1\": \"\([^\"]*\)\".*/\1/p" | head -n 1
}
region_count() {
	ls -d /sys/bus/cxl/devices/region* 2>/dev/null | wc -l
}
memdev_of_size() {	# memdev_of_size BYTES: memdev numbering does not follow the ports
	local m
	for m in /sys/bus/cxl/devices/mem*; do
		[ "$(($(cat "$m/ram/size")))" = "$1" ] && echo "${m##*/}"
	done
}

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 sh -c 'test -e /sys/bus/cxl/devices/mem0 && test -e /sys/bus/cxl/devices/mem1'
small=$(memdev_of_size 1073741824) large=$(memdev_of_size 4294967296)
check "the 1 GiB ($small) and 4 GiB ($large) devices are there" test -n "$small" -a -n "$large"
check "booted without memmap on memory" test "$(cat /sys/module/memory_hotplug/parameters/memmap_on_memory)" = N
info "kernel zones: $(awk '/^Node/ {z=$2$4} /managed/ {print z, $2}' /proc/zoneinfo | tr '\n' ' ')"

out=$(cxl-leo online "$small" 2>/tmp/err)
rc=$?
echo "$out"; cat /tmp/err
check "1 GiB next to ~0.9 GiB of kernel zones: online within the limit" sh -c "test $rc = 0 && echo '$out' | grep -q '\"over_limit\": false'"
node=$(json_num numa_node "$out")
check "the memmap went to DRAM, and the JSON says so" test "$(json_str placement "$out")" = dram
check "its memmap is 1/64 of the memory: 16 MiB ($(json_num bytes "$out") bytes), all of it DRAM" \
	sh -c "test '$(json_num bytes "$out")' = 16777216 && test '$(json_num dram_bytes "$out")' = 16777216 && test '$(json_num expander_bytes "$out")' = 0"
used=$(json_num dram_used_bytes "$out")
info "DRAM used by onlining 1 GiB: $used bytes ($((used / 1024)) KiB per GiB), memmap in DRAM"
check "DRAM used ($used bytes) covers the memmap, and the memmap is most of it" sh -c "test $used -ge 16777216 && test $used -lt 33554432"
check "the warning names the exact boot parameter" grep -q "its memmap (16.0 MiB) was taken from DRAM; boot with memory_hotplug.memmap_on_memory=1" /tmp/err
check "node $node holds all of the 1 GiB (memmap elsewhere)" test "$(node_meminfo "$node" MemTotal)" = 1048576

regions=$(region_count)
out=$(cxl-leo online "$large" 2>/tmp/err)
rc=$?
cat /tmp/err
check "4 GiB more movable: refused (exit 1)" test "$rc" = 1
check "the refusal gives the ratio past the limit of 301 %" grep -q "refused: a 1-way region on decoder0.0: 4.00 GiB more movable memory would make ZONE_MOVABLE : kernel zones 5.00 : .* past the limit of 301%" /tmp/err
check "the refusal counts the memmap (64 MiB) and page tables (8 MiB)" grep -q "less 64.0 MiB for its memmap in DRAM and 8.0 MiB for the page tables" /tmp/err
check "the refusal offers --no-movable, memmap on memory and --force" sh -c "grep -q -- '--no-movable ' /tmp/err && grep -q 'boot with memory_hotplug.memmap_on_memory=1' /tmp/err && grep -q -- '--force ' /tmp/err"
check "the refused online made no region" test "$(region_count)" = "$regions"

out=$(cxl-leo online --force "$large" 2>/tmp/err)
rc=$?
echo "$out"
check "--force onlines it past the limit, and says so" sh -c "test $rc = 0 && echo '$out' | grep -q '\"forced\": true' && grep -q 'forced past the zone balance limit' /tmp/err"
check "4 GiB more on node $node (one window, one node), its memmap 64 MiB in DRAM" sh -c "test '$(json_num numa_node "$out")' = $node && test '$(node_meminfo "$node" MemTotal)' = 5242880 && test '$(json_num dram_bytes "$out")' = 67108864"

yes CXLLEO-CAPACITY | head -c 2097152 > /tmp/src
check "a workload on node $node" numactl --membind="$node" cp /tmp/src /dev/shm/w
off=$(cxl-leo offline --node "$node" 2>&1)
echo "$off"
check "offline --node $node: both regions gone" test "$(region_count)" = 0
check "offline: the workload moved to DRAM intact" cmp /tmp/src /dev/shm/w
finish
