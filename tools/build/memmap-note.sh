#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# What make install tells the admin about the memmap of CXL memory: where
# the running kernel puts it, and how to change that (admin guide,
# "Capacity at terabyte scale"). Prints only; nothing is changed.
p=/sys/module/memory_hotplug/parameters/memmap_on_memory
v=$(cat "$p" 2>/dev/null || echo unknown)
case "$v" in
Y|force)
	echo "note: memory_hotplug.memmap_on_memory=$v: the memmap of onlined CXL memory goes on the expander (no 1 GiB huge pages there)." ;;
*)
	echo "note: memory_hotplug.memmap_on_memory is $v on this kernel: onlining CXL memory takes its memmap"
	echo "      from DRAM, 16 MiB per GiB (32 GiB for a 2 TiB Leo). To keep it on the expander, add"
	echo "      memory_hotplug.memmap_on_memory=1 to GRUB_CMDLINE_LINUX in /etc/default/grub, run"
	echo "      update-grub and reboot. Trade-off: 1 GiB huge pages cannot form on the expander and it"
	echo "      gives 1.56 % less memory (admin guide, 'Capacity at terabyte scale')." ;;
esac
