#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make demo`: the main job on an emulated CXL host, narrated.
# topology: single
# timeout: 300
. /e2e/lib.sh

say() { printf '\n\033[1m### %s\033[0m\n' "$*"; }
run() { printf '\033[36m# %s\033[0m\n' "$*"; "$@"; }

say "An emulated CXL host: one CXL 2.0 Type-3 memory device (512 MiB) behind a CXL host bridge"
run cat /proc/cmdline
load_cxl_core

say "1. modprobe cxl_leo: the device comes up on the cxl bus"
run modprobe cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
dmesg | grep cxl_leo | tail -n 2
run cxl list -M -u
run cxl-leo list
pass "memdev mem0 driven by cxl_leo"

say "2. cxl-leo online: region created and committed, dax_cxl + kmem online it as a new NUMA node"
run cxl-leo online -n mem0
out=$(cxl-leo online mem0)
echo "$out"
node=$(echo "$out" | sed -n 's/.*"numa_node": \([0-9]*\).*/\1/p')
run cxl list -R -u
run numactl -H
for t in /sys/devices/virtual/memory_tiering/memory_tier*; do
	echo "$(basename "$t"): nodes $(cat "$t/nodelist")"
done
[ -n "$node" ] && [ "$(node_meminfo "$node" MemTotal)" -gt 0 ] && pass "CXL memory is NUMA node $node"

say "3. numactl --membind=$node: a workload placed on the expander"
before=$(node_meminfo "$node" Shmem)
run numactl --membind="$node" dd if=/dev/urandom of=/dev/shm/tenant-data bs=64k count=64
after=$(node_meminfo "$node" Shmem)
echo "node $node Shmem: $before kB -> $after kB"
run md5sum /dev/shm/tenant-data
[ $((after - before)) -ge 3072 ] && pass "workload memory on node $node"

say "4. An injected media error, as cxl-leo monitor reports it"
cxl-leo monitor -m mem0 --count 1 --timeout 20 &
mon=$!
sleep 1
printf '\033[36m# QMP: cxl-inject-general-media-event (uncorrectable, DPA 0x1000)\033[0m\n'
qmp '{"execute":"cxl-inject-general-media-event","arguments":{"sub-type":0,"path":"/machine/peripheral/cxl-vmem0","log":"failure","flags":1,"dpa":4096,"descriptor":1,"type":0,"transaction-type":1}}' >/dev/null
wait $mon
run cxl-leo errors -m mem0
pass "event reported"

say "5. cxl-leo usage, then cxl-leo offline: the pages move back to DRAM, the region goes"
run cxl-leo usage
sum=$(md5sum < /dev/shm/tenant-data)
run cxl-leo offline --node "$node"
[ "$(md5sum < /dev/shm/tenant-data)" = "$sum" ] && pass "the workload's data survived offline intact"
rm -f /dev/shm/tenant-data
run numactl -H
finish
