#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The harness proven on the upstream path: cxl_pci brings the device up and a
# RAM region becomes a NUMA node that a numactl workload lands on.
# topology: single
# timeout: 240
. /e2e/lib.sh

check "cxl core modules load" load_cxl_core
check "cxl_pci loads" load_pci_driver cxl_pci
wait_for 10 test -e /sys/bus/cxl/devices/mem0
check "cxl list -M shows mem0" sh -c 'cxl list -M | grep -q "\"memdev\":\"mem0\""'
region_journey upstream -m -d decoder0.0 -t ram mem0 &&
	region_teardown upstream region0
check "NUMA node gone after destroy" sh -c "! test -d /sys/devices/system/node/node$REGION_NODE || test \$(awk '/MemTotal/ {print \$4}' /sys/devices/system/node/node$REGION_NODE/meminfo) -eq 0"
finish
