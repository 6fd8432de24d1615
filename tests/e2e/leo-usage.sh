#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cxl-leo usage: the CXL node and how much of it a tenant's cgroup holds,
# from memory.numa_stat, after the tenant's workload wrote to the node.
# topology: single
# timeout: 240
. /e2e/lib.sh

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
check "cgroup v2 mounted" mount -t cgroup2 none /sys/fs/cgroup
echo +memory > /sys/fs/cgroup/cgroup.subtree_control
mkdir -p /sys/fs/cgroup/tenant-a /sys/fs/cgroup/tenant-b
cxl create-region -m -d decoder0.0 -t ram mem0 >/dev/null 2>&1
wait_for 10 test -n "$(cpuless_nodes)"
node=$(cpuless_nodes | tail -n 1)
dd if=/dev/urandom of=/tmp/src bs=64k count=64 2>/dev/null
check "tenant-a's workload writes 4 MiB to node $node" sh -c "echo \$\$ > /sys/fs/cgroup/tenant-a/cgroup.procs && numactl --membind=$node cp /tmp/src /dev/shm/tenant-a"
check "tenant-b's workload stays on DRAM" sh -c "echo \$\$ > /sys/fs/cgroup/tenant-b/cgroup.procs && numactl --membind=0 cp /tmp/src /dev/shm/tenant-b"
out=$(cxl-leo usage)
echo "$out"
check "usage: node $node listed with its region" sh -c "echo '$out' | grep -q '\"numa_node\": $node' && echo '$out' | grep -q '\"region\": \"region0\"'"
a=$(echo "$out" | awk '/"cgroup": "\/tenant-a"/ {f=1} f && /"cxl_bytes"/ {gsub(/[^0-9]/, ""); print; exit}')
check "usage: tenant-a holds at least 4 MiB of CXL memory ($a bytes)" test "${a:-0}" -ge 4194304
check "usage: tenant-b holds none" sh -c "! echo '$out' | grep -q '\"/tenant-b\"'"
total=$(echo "$out" | sed -n 's/.*"total_bytes": \([0-9]*\).*/\1/p' | head -n 1)
used=$(echo "$out" | sed -n 's/.*"used_bytes": \([0-9]*\).*/\1/p' | head -n 1)
check "usage: node $node's total_bytes is its MemTotal ($total bytes, libnuma)" test "${total:-0}" -eq "$(($(node_meminfo "$node" MemTotal) * 1024))"
check "usage: node $node's used_bytes holds tenant-a's 4 MiB, at most the total ($used bytes)" sh -c "test ${used:-0} -ge 4194304 && test ${used:-0} -le ${total:-0}"
finish
