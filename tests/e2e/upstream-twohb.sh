#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Two host bridges, one device each, a region interleaved across both
# bridges, on the upstream driver and then on cxl_leo. The memdevs must be
# named in the root decoder's target order, which need not be memdev order.
# topology: twohb
# timeout: 240
. /e2e/lib.sh

# Memdevs in the order of the window's targets: the topology lists the host
# bridges by ascending bus number (cxl.1 bus 12, cxl.2 bus 222), so sort the
# memdevs by PCI address.
ordered_memdevs() {
	local m
	for m in /sys/bus/cxl/devices/mem*; do
		echo "$(memdev_bdf "${m##*/}") ${m##*/}"
	done | sort | awk '{print $2}'
}

load_cxl_core
for drv in cxl_pci cxl_leo; do
	if [ $drv = cxl_leo ]; then
		check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
	else
		check "cxl_pci loads" load_pci_driver cxl_pci
	fi
	wait_for 10 test -e /sys/bus/cxl/devices/mem1
	mems=$(ordered_memdevs | tr '\n' ' ')
	info "$drv: memdevs in target order: $mems"
	region_journey "$drv x2 hosts" -m -d decoder0.0 -t ram -w 2 -g 8192 $mems
	check "$drv: 1 GiB node across two host bridges" test "$(node_meminfo "$REGION_NODE" MemTotal)" -eq 1048576
	region=$(basename "$(ls -d /sys/bus/cxl/devices/region* | head -n 1)")
	region_teardown "$drv" "$region"
	check "$drv unloads" rmmod $drv
done
finish
