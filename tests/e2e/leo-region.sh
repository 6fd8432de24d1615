#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The main job on cxl_leo: modprobe, memN on the cxl bus driven by cxl_leo,
# a RAM region as a NUMA node, a numactl workload on it, clean teardown and
# module unload.
# topology: single
# timeout: 240
. /e2e/lib.sh

check "cxl core modules load" load_cxl_core
check "cxl_leo loads (bind_any_cxl_mem=1)" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
check "cxl list -M shows mem0" sh -c 'cxl list -M | grep -q "\"memdev\":\"mem0\""'
bdf=$(memdev_bdf mem0)
check "mem0 ($bdf) is driven by cxl_leo" test "$(pci_driver_of "$bdf")" = cxl_leo
check "bind reason says opted in" grep -q "opted in" "/sys/bus/pci/devices/$bdf/cxl_leo/bind_reason"
check "event records delivered by interrupt" grep -qx interrupt "/sys/bus/pci/devices/$bdf/cxl_leo/event_delivery"
check "mailbox answers through cxl_leo (firmware version)" sh -c "cxl list -M | grep -q firmware_version"
check "cxl_pci was not loaded" sh -c '! grep -q "^cxl_pci " /proc/modules'
check "cxl list -D shows mem0's endpoint decoders" sh -c 'cxl list -D -i -m mem0 | grep -q "\"decoder\":\"decoder2.0\""'
region_journey leo -m -d decoder0.0 -t ram mem0
dram_tier=$(node_tier 0) cxl_tier=$(node_tier "$REGION_NODE")
if [ -n "$cxl_tier" ] && [ -n "$dram_tier" ] && [ "$cxl_tier" -gt "$dram_tier" ]; then
	pass "CXL node $REGION_NODE in a lower memory tier ($cxl_tier) than DRAM ($dram_tier)"
else
	fail "memory tiers: CXL node $REGION_NODE tier '$cxl_tier', DRAM tier '$dram_tier'"
fi
region_teardown leo region0
check "rmmod cxl_leo once no memory is online" rmmod cxl_leo
check "mem0 gone after rmmod" sh -c "! test -e /sys/bus/cxl/devices/mem0"
finish
