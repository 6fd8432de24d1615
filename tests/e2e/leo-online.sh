#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cxl-leo online/offline on a cxl_leo device: dry run, one-step online to a
# movable NUMA node in a lower memory tier, idempotence, a tenant's workload
# billed by cxl-leo usage, offline under that running workload (pages move,
# data intact), and offline --sanitize: what the tenant wrote is in the
# device before and gone after (read by QEMU from the device itself).
# topology: single
# timeout: 420
. /e2e/lib.sh

SECRET=CXLLEO-TENANT-A-SECRET
json_num() {	# json_num KEY JSON
	echo "$2" | sed -n "s/.*\"$1\": \([0-9-]*\).*/\1/p" | head -n 1
}
region_count() {
	ls -d /sys/bus/cxl/devices/region* 2>/dev/null | wc -l
}

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
check "cgroup v2 mounted" mount -t cgroup2 none /sys/fs/cgroup
echo +memory > /sys/fs/cgroup/cgroup.subtree_control
mkdir -p /sys/fs/cgroup/tenant-a

plan=$(cxl-leo online -n mem0)
echo "$plan"
check "dry run: the plan names root decoder and size" sh -c "echo '$plan' | grep -q '\"root_decoder\": \"decoder0.0\"' && echo '$plan' | grep -q '\"size\": 536870912'"
check "dry run: nothing created" test "$(region_count)" -eq 0
check "online without a memdev is a usage error" sh -c "cxl-leo online; test \$? = 2"
check "online of an unknown memdev fails, named" sh -c "cxl-leo online mem7 2>&1 | grep -q \"no memdev matches 'mem7'\""
check "online '' (an unset variable) is refused, nothing created" sh -c "cxl-leo online ''; test \$? = 2 && test \$(ls -d /sys/bus/cxl/devices/region* 2>/dev/null | wc -l) -eq 0"
check "online -s 0 (QEMU's sn=0x1234 device) matches nothing" sh -c "! cxl-leo online -s 0"
printf 'root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/sh\n' > /etc/passwd
printf 'root:x:0:\nnogroup:x:65534:\n' > /etc/group
check "online without privileges refused, saying why, nothing created" sh -c "! su nobody -s /bin/sh -c 'cxl-leo online mem0' 2>/tmp/err && grep -q 'online needs CAP_SYS_ADMIN' /tmp/err && test \$(ls -d /sys/bus/cxl/devices/region* 2>/dev/null | wc -l) -eq 0"

nodes_before="$(ls -d /sys/devices/system/node/node* | tr '\n' ' ')"
out=$(cxl-leo online mem0)
echo "$out"
node=$(json_num numa_node "$out")
check "online: region0 created, state online" sh -c "echo '$out' | grep -q '\"region\": \"region0\"' && echo '$out' | grep -q '\"state\": \"online\"'"
check "online: NUMA node $node populated" test "$(node_meminfo "${node:-0}" MemTotal)" -gt 0
check "online: memory movable" sh -c "echo '$out' | grep -q '\"movable\": true'"
tier=$(json_num memory_tier "$out")
check "online: node $node in a lower memory tier ($tier) than DRAM ($(node_tier 0))" test "${tier:-0}" -gt "$(node_tier 0)"
# libnuma's node list parser would not know this node: it reads the nodes once, at start.
check "online: node $node came up during the online (before: $nodes_before), its tier reported" sh -c "test -n '$tier' && ! echo '$nodes_before' | grep -q '/node$node '"
again=$(cxl-leo online mem0)
check "online again: reports the same region, already online" sh -c "echo '$again' | grep -q '\"state\": \"already online\"' && echo '$again' | grep -q '\"region\": \"region0\"'"
check "online again: still one region" test "$(region_count)" -eq 1

base=$(cat /sys/bus/cxl/devices/region0/resource)
size=$(cat /sys/bus/cxl/devices/region0/size)
yes "$SECRET" | head -c 4194304 > /tmp/src
sum=$(md5sum < /tmp/src)
check "tenant-a's workload writes 4 MiB to node $node" sh -c "echo \$\$ > /sys/fs/cgroup/tenant-a/cgroup.procs && numactl --membind=$node cp /tmp/src /dev/shm/tenant-a"
a=$(cxl-leo usage | awk '/"cgroup": "\/tenant-a"/ {f=1} f && /"cxl_bytes"/ {gsub(/[^0-9]/, ""); print; exit}')
check "usage: tenant-a holds >= 4 MiB of CXL memory ($a bytes)" test "${a:-0}" -ge 4194304
seen=$(pmem_count "$base" "$size" "$SECRET")
check "the tenant's data is in the device ($seen copies)" test "${seen:-0}" -gt 1000

check "offline without privileges refused, saying why, region0 kept"  sh -c "! su nobody -s /bin/sh -c 'cxl-leo offline region0' 2>/tmp/err && grep -q 'offline needs CAP_SYS_ADMIN' /tmp/err && test -e /sys/bus/cxl/devices/region0"
# The tenant keeps reading its data while its memory goes away under it.
# Each pass appends to reads, and to bad only on a mismatch, so killing the
# reader mid-pass can't leave a half-written result behind.
( while :; do r=$(md5sum < /dev/shm/tenant-a); [ "$r" = "$sum" ] || echo "$r" >> /tmp/reader.bad; echo . >> /tmp/reader.reads; done ) &
reader=$!
off=$(cxl-leo offline --node "$node")
echo "$off"
kill $reader
wait $reader 2>/dev/null
check "offline by NUMA node: region0 gone" sh -c "echo '$off' | grep -q '\"region\": \"region0\"' && test $(region_count) -eq 0"
check "offline: node $node has no memory left" sh -c "test \"\$(node_meminfo $node MemTotal 2>/dev/null || echo 0)\" = 0 || ! test -e /sys/devices/system/node/node$node/meminfo"
check "offline: the tenant's data moved to DRAM intact" test "$(md5sum < /dev/shm/tenant-a)" = "$sum"
check "offline: the running reader saw intact data ($(grep -c . /tmp/reader.reads 2>/dev/null) reads)" sh -c "test -s /tmp/reader.reads && ! test -e /tmp/reader.bad"
check "offline of what is not a region fails, named" sh -c "cxl-leo offline region9 2>&1 | grep -q \"no CXL region matches 'region9'\""

# Without sanitize the old contents survive into the next tenant's region...
out=$(cxl-leo online mem0)
base=$(cat /sys/bus/cxl/devices/region0/resource)
seen=$(pmem_count "$base" "$size" "$SECRET")
check "without sanitize, offline/online keeps old data ($seen copies)" test "${seen:-0}" -gt 1000
# ...with it, they are gone.
node=$(json_num numa_node "$out")
check "offline --sanitize without --force (no terminal) refused, region0 kept" sh -c "! cxl-leo offline --sanitize region0 </dev/null 2>/tmp/err && grep -qE 'erases ALL data|erases the device ranges the regions used' /tmp/err && grep -q 'add --force' /tmp/err && test -e /sys/bus/cxl/devices/region0"
off=$(cxl-leo offline --sanitize --force region0)
echo "$off"
check "offline --sanitize: sanitized" sh -c "echo '$off' | grep -q '\"sanitized\": true'"
out=$(cxl-leo online mem0)
check "online after sanitize" sh -c "echo '$out' | grep -q '\"state\": \"online\"'"
base=$(cat /sys/bus/cxl/devices/region0/resource)
seen=$(pmem_count "$base" "$size" "$SECRET")
check "after sanitize the device holds none of it ($seen copies)" test "${seen:-1}" -eq 0
# 4 MiB inside the third memory block, past its memmap: free pages, untouched.
check "and the new region reads back zeros" test "$(pmem_nonzero $((base + 335544320)) 4194304)" -eq 0

# Memory the kernel cannot empty (slab in ZONE_NORMAL): offline refuses and keeps it.
node=$(json_num numa_node "$out")
off=$(cxl-leo offline --node "$node")
out=$(cxl-leo online --no-movable mem0)
node=$(json_num numa_node "$out")
check "online --no-movable: kernel zone" sh -c "echo '$out' | grep -q '\"movable\": false'"
# Files made by shell redirection (no fork): their inodes and dentries are slab.
numactl --membind="$node" sh -c 'mkdir /tmp/pinned; i=0; while [ $i -lt 2000 ]; do : > /tmp/pinned/f$i; i=$((i + 1)); done'
check "kernel objects landed on node $node" test "$(node_meminfo "$node" Slab)" -gt 0
total=$(node_meminfo "$node" MemTotal)
err=$(cxl-leo offline --node "$node" 2>&1)
rc=$?
echo "$err"
check "offline refused when pages cannot move (exit $rc)" sh -c "test $rc = 1 && echo '$err' | grep -q 'could not be moved'"
check "refused offline changed nothing: region0 and all $total kB of node $node online" sh -c "test $(region_count) -eq 1 && test $(node_meminfo "$node" MemTotal) -eq $total"
finish
