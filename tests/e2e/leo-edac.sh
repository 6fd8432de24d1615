#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The RAS controls where upstream (6.15+) puts them: cxl_mem0 on the EDAC
# bus, child of the memdev, with scrub0, ecs_fruN and mem_repairN as the
# device supports them and upstream's modes and formats; the same state as
# the deprecated copies on the PCI device, both ways; CAP_SYS_RAWIO for
# every write; gone, with no sysfs left behind, after rmmod and after the
# PCI device is removed (a reader running through the rmmod included).
# topology: single
# timeout: 240
. /e2e/lib.sh

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
bdf=$(memdev_bdf mem0)
d=/sys/bus/pci/devices/$bdf
e=/sys/bus/edac/devices/cxl_mem0

check "cxl_mem0 on the EDAC bus" test -d $e
check "its parent is the memdev mem0" test "$(basename "$(dirname "$(readlink -f $e)")")" = mem0
check "DEVTYPE edac_dev, as upstream's" grep -qx DEVTYPE=edac_dev $e/uevent

groups() {	# groups DIR: the RAS control groups under DIR
	for g in "$1"/scrub0 "$1"/ecs_fru* "$1"/mem_repair*; do
		[ -d "$g" ] && printf '%s ' "${g##*/}"
	done
}
check "scrub0 and ecs_fru0..2 (QEMU's three FRUs), no ecs_fru3" \
	sh -c "test -d $e/scrub0 && test -d $e/ecs_fru2 && ! test -e $e/ecs_fru3"
check "soft PPR as mem_repair0 (QEMU 11.1's Perform Maintenance)" test -d $e/mem_repair0
check "the same groups as the PCI device's: $(groups $e)" test "$(groups $e)" = "$(groups $d)"

modes() {	# modes GROUP FILE...: "FILE MODE" for each, on one line
	g=$1
	shift
	for f in "$@"; do printf '%s %s ' "$f" "$(stat -c %a $e/$g/$f)"; done
}
check "scrub0 modes as upstream's" test "$(modes scrub0 enable_background current_cycle_duration min_cycle_duration max_cycle_duration)" = \
	"enable_background 644 current_cycle_duration 644 min_cycle_duration 444 max_cycle_duration 444 "
check "ecs_fru1 modes as upstream's" test "$(modes ecs_fru1 log_entry_type mode threshold reset)" = \
	"log_entry_type 644 mode 644 threshold 644 reset 200 "
check "mem_repair0 modes as upstream's" test "$(modes mem_repair0 repair_type persist_mode repair_safe_when_in_use min_dpa max_dpa dpa nibble_mask repair)" = \
	"repair_type 444 persist_mode 444 repair_safe_when_in_use 444 min_dpa 444 max_dpa 444 dpa 644 nibble_mask 644 repair 200 "

same_values() {	# every readable file reads the same at both places
	n=0
	for f in $(cd $e && find scrub0 ecs_fru* mem_repair* -type f -perm -400); do
		a=$(cat $e/$f) b=$(cat $d/$f)
		[ "$a" = "$b" ] || { echo "$f: '$a' here, '$b' on the PCI device"; return 1; }
		n=$((n + 1))
	done
	echo "$n files"
	test $n -ge 20
}
check "every value matches the PCI device's" same_values
ram=$(($(cat /sys/bus/cxl/devices/mem0/ram/size)))
check "mem_repair0 formats as upstream's: dpa 0x0, nibble_mask 0x0, min_dpa 0x0, max_dpa 0x-hex" \
	sh -c "grep -qx 0x0 $e/mem_repair0/dpa && grep -qx 0x0 $e/mem_repair0/nibble_mask &&
	       grep -qx 0x0 $e/mem_repair0/min_dpa && grep -qx $(printf 0x%x $((ram - 1))) $e/mem_repair0/max_dpa"
check "repair_type ppr, persist_mode 0 (soft)" sh -c "grep -qx ppr $e/mem_repair0/repair_type && grep -qx 0 $e/mem_repair0/persist_mode"

check "scrub cycle written here (48 h) is seen on the PCI device" \
	sh -c "echo 172800 > $e/scrub0/current_cycle_duration && grep -qx 172800 $d/scrub0/current_cycle_duration"
check "and by cxl-leo scrub" sh -c "cxl-leo scrub mem0 | grep -q '\"current_cycle_duration\": 172800'"
check "scrub enabled here is seen on the PCI device" \
	sh -c "echo 1 > $e/scrub0/enable_background && grep -qx 1 $d/scrub0/enable_background"
check "a change on the PCI device is seen here" \
	sh -c "echo 0 > $d/scrub0/enable_background && grep -qx 0 $e/scrub0/enable_background"
check "cxl-leo scrub --cycle-hours 24 lands on both" \
	sh -c "cxl-leo scrub mem0 --cycle-hours 24 >/dev/null && grep -qx 86400 $e/scrub0/current_cycle_duration && grep -qx 86400 $d/scrub0/current_cycle_duration"
thr=4096
[ "$(cat $e/ecs_fru1/threshold)" = 4096 ] && thr=256
check "ECS threshold written here ($thr) is seen on the PCI device" \
	sh -c "echo $thr > $e/ecs_fru1/threshold && grep -qx $thr $d/ecs_fru1/threshold"
fru1_threshold_is() {	# fru1_threshold_is N: cxl-leo ecs shows FRU 1 at N
	cxl-leo ecs mem0 | tr -d ' \n' | tr '{}' '\n\n' | grep -E '"fru":1(,|$)' |
		grep -q "\"threshold\":$1"
}
check "and by cxl-leo ecs" fru1_threshold_is $thr
check "a repair address staged here is the PCI device's too" \
	sh -c "echo 0x1000 > $e/mem_repair0/dpa && grep -qx 0x1000 $d/mem_repair0/dpa"
check "ECS threshold 512 refused here too, nothing changed" \
	sh -c "! echo 512 > $e/ecs_fru1/threshold && grep -qx $thr $e/ecs_fru1/threshold"

# CAP_SYS_RAWIO (17) for every write, at this place too: upstream's rule for
# scrub and ECS, cxl_leo's for everything that changes the device.
nocap_all_refused() {
	n=0
	for f in $(find $e/scrub0 $e/ecs_fru* $e/mem_repair* -type f -perm -200); do
		before=$(cat "$f" 2>/dev/null)
		dropcap 17 sh -c "echo 1 > $f" 2>/tmp/nocap.err && { echo "$f accepted"; return 1; }
		grep -q "Operation not permitted" /tmp/nocap.err || { echo "$f: $(cat /tmp/nocap.err)"; return 1; }
		[ "$(cat "$f" 2>/dev/null)" = "$before" ] || { echo "$f changed"; return 1; }
		n=$((n + 1))
	done
	echo "$n files"
	test $n -ge 10
}
check "without CAP_SYS_RAWIO every writable file refuses, nothing changes" nocap_all_refused
check "the refusal names the capability and the EDAC device" \
	sh -c "dmesg | grep -q 'cxl_mem0: enable_background: write refused: needs CAP_SYS_RAWIO'"

# Teardown: the device goes with the binding, a reader racing it included.
(while :; do cat $e/scrub0/current_cycle_duration $e/ecs_fru0/threshold $e/mem_repair0/dpa; done) \
	>/dev/null 2>&1 &
reader=$!
sleep 1
check "rmmod cxl_leo with a reader in the EDAC files" rmmod cxl_leo
kill $reader
wait $reader 2>/dev/null
check "cxl_mem0 gone from the EDAC bus" sh -c "! test -e $e && ! ls /sys/bus/edac/devices | grep -q cxl_"
check "no cxl_mem0 left anywhere in /sys/devices" sh -c "test -z \"\$(find /sys/devices -name 'cxl_mem*')\""
check "cxl_leo loads again" load_pci_driver cxl_leo bind_any_cxl_mem=1
check "cxl_mem0 back on the EDAC bus" wait_for 10 test -d $e/scrub0
check "PCI remove of the device" sh -c "echo 1 > $d/remove"
check "cxl_mem0 gone with it" wait_for 10 sh -c "! test -e $e && ! test -e /sys/bus/cxl/devices/mem0"
check "nothing cxl_ left on the EDAC bus" sh -c "! ls /sys/bus/edac/devices | grep -q cxl_"
finish
