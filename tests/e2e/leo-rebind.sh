#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Coexistence with cxl_pci: without the opt-in cxl_leo leaves a generic CXL
# memory device to cxl_pci; an operator moves it at runtime (unbind,
# driver_override, probe) and the region flow works on cxl_leo.
# topology: single
# timeout: 240
. /e2e/lib.sh

load_cxl_core
check "cxl_pci binds the device first" load_pci_driver cxl_pci
wait_for 10 test -e /sys/bus/cxl/devices/mem0
bdf=$(memdev_bdf mem0)
check "cxl_leo loads without the opt-in" load_pci_driver cxl_leo
check "a generic device stays with cxl_pci" test "$(pci_driver_of "$bdf")" = cxl_pci
check "unbind from cxl_pci" sh -c "echo $bdf > /sys/bus/pci/drivers/cxl_pci/unbind"
wait_for 10 sh -c '! test -e /sys/bus/cxl/devices/mem0'
check "driver_override=cxl_leo" sh -c "echo cxl_leo > /sys/bus/pci/devices/$bdf/driver_override"
check "probe binds cxl_leo" sh -c "echo $bdf > /sys/bus/pci/drivers_probe"
wait_for 10 test -e /sys/bus/cxl/devices/mem0
check "device now driven by cxl_leo" test "$(pci_driver_of "$bdf")" = cxl_leo
check "bind reason: opted in by the administrator" grep -q "opted in" "/sys/bus/pci/devices/$bdf/cxl_leo/bind_reason"
region_journey rebind -m -d decoder0.0 -t ram mem0 &&
	region_teardown rebind region0
check "and back to cxl_pci (rmmod cxl_leo, override, probe)" sh -c "rmmod cxl_leo && echo cxl_pci > /sys/bus/pci/devices/$bdf/driver_override && echo $bdf > /sys/bus/pci/drivers_probe"
wait_for 10 test -e /sys/bus/cxl/devices/mem0
check "device driven by cxl_pci again" test "$(pci_driver_of "$bdf")" = cxl_pci
finish
