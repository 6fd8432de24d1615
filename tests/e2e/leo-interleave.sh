#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Two cxl_leo devices under one host bridge, one 2-way interleaved region
# across both: twice the capacity in one NUMA node.
# topology: interleave2
# timeout: 240
. /e2e/lib.sh

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem1
check "both memdevs driven by cxl_leo" sh -c "test \$(ls /sys/bus/pci/drivers/cxl_leo | grep -c '^0000:') -eq 2"
region_journey leo-x2 -m -d decoder0.0 -t ram -w 2 -g 256 mem0 mem1
check "region interleaves 2 ways" grep -qx 2 /sys/bus/cxl/devices/region0/interleave_ways
check "1 GiB NUMA node from two 512 MiB devices" test "$(node_meminfo "$REGION_NODE" MemTotal)" -eq 1048576
region_teardown leo-x2 region0
finish
