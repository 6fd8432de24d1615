#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Tier-aware placement on a host whose firmware describes its memory (HMAT
# for DRAM, an ACPI generic port for the CXL host bridge): the CXL node gets
# access coordinates from the kernel, sits in a lower memory tier than DRAM,
# and cxl-leo weights turns the bandwidths (DRAM 20 GB/s, CXL 10 GB/s) into
# weighted-interleave weights 2:1, which then place pages 2:1.
# topology: tiers
# timeout: 240
. /e2e/lib.sh

json_num() {	# json_num KEY JSON
	echo "$2" | sed -n "s/.*\"$1\": \([0-9-]*\).*/\1/p" | head -n 1
}
WI=/sys/kernel/mm/mempolicy/weighted_interleave

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
check "before online: DRAM alone, weight 1" sh -c "cxl-leo weights | grep -q '\"weight\": 1'"
out=$(cxl-leo online mem0)
node=$(json_num numa_node "$out")
check "online: CXL node $node" test "$(node_meminfo "${node:-0}" MemTotal)" -gt 0
check "kernel derived the CXL node's bandwidth (10240 MB/s)" grep -qx 10240 "/sys/devices/system/node/node$node/access0/initiators/read_bandwidth"
check "CXL node $node in a lower tier ($(node_tier "$node")) than DRAM ($(node_tier 0))" test "$(node_tier "$node")" -gt "$(node_tier 0)"
w=$(cxl-leo weights)
echo "$w"
check "weights: DRAM 2, CXL 1" sh -c "echo '$w' | tr -d ' \n' | grep -q '\"numa_node\":0,[^}]*\"weight\":2' && echo '$w' | tr -d ' \n' | grep -q '\"numa_node\":$node,[^}]*\"weight\":1'"
check "weights without --set change nothing" sh -c "grep -qx 1 $WI/node0 && grep -qx 1 $WI/node$node"
check "weights --set" sh -c "cxl-leo weights --set >/dev/null"
check "kernel weights now node0=2, node$node=1" sh -c "grep -qx 2 $WI/node0 && grep -qx 1 $WI/node$node"
# Pages placed under weighted interleave follow the weights: 2 DRAM : 1 CXL.
placed=$(wi-touch 0,$node 300)
echo "$placed"
dram=$(echo "$placed" | awk '$2 == "0:" {print $3}')
cxl=$(echo "$placed" | awk -v n="$node:" '$2 == n {print $3}')
check "weighted interleave placed ${dram:-0} pages on DRAM, ${cxl:-0} on CXL (2:1 within 5%)" sh -c "test \$(( ${dram:-0} + ${cxl:-0} )) -eq 300 && test ${dram:-0} -ge 185 && test ${dram:-0} -le 215"
check "weights shows them as current" sh -c "cxl-leo weights | tr -d ' \n' | grep -q '\"weight\":2,\"current_weight\":2'"
check "offline the CXL node" sh -c "cxl-leo offline --node $node >/dev/null"
finish
