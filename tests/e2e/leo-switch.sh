#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Two cxl_leo devices behind a CXL switch: the core enumerates the switch
# port and its decoders, and a 2-way region across both devices becomes one
# NUMA node.
# topology: switch
# timeout: 240
. /e2e/lib.sh

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem1
check "switch port enumerated (a port below the root port)" sh -c 'cxl list -P | grep -q "\"depth\":2"'
cxl list -P
region_journey leo-switch -m -d decoder0.0 -t ram -w 2 -g 256 mem0 mem1
check "1 GiB node from two devices behind the switch" test "$(node_meminfo "$REGION_NODE" MemTotal)" -eq 1048576
check "cxl-leo decoders shows switch decoders in the region" sh -c "cxl-leo decoders -r region0 | grep -q '\"kind\": \"switch\"'"
sw=$(cxl-leo decoders -r region0 -d switch | sed -n 's/.*"decoder": "\(decoder[0-9.]*\)".*/\1/p' | tail -n 1)
check "offline -n -d $sw (a switch decoder) selects the region through it, region0" sh -c "test -n '$sw' && cxl-leo offline -n -d '$sw' | grep -q '\"region\": \"region0\"'"
check "offline -n -d switch selects region0" sh -c "cxl-leo offline -n -d switch | grep -q '\"region\": \"region0\"'"
region_teardown leo-switch region0
finish
