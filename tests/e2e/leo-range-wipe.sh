#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Wiping exactly what one tenant used: two 256 MiB regions on one 512 MiB
# device (one per CXL window, so each is its own NUMA node), a known pattern
# in each, then cxl-leo offline --sanitize of the one tenant A leaves.
# cxl_leo's range wipe (Media Operations, QEMU 11.1) must leave A's DPA
# range all zero and tenant B's pattern untouched, read from the host side
# of the device's backend, not through the guest. Before that, the driver
# refuses wipes that overlap online memory, are off the device's
# granularity or beyond its capacity, and they change nothing.
# A leaves the upper region: the core frees an endpoint's DPA only from the
# last allocated decoder down, so the lower region cannot be torn down
# while the upper one exists ("freeing endpoint capacity failed: Device or
# resource busy"), sanitize or not.
# topology: single-2win
# timeout: 420
. /e2e/lib.sh

PAT_A=CXLLEO-TENANT-A-IS-LEAVING-NOW.	# 32-byte lines: none straddles a page
PAT_B=CXLLEO-TENANT-B-KEEPS-ITS-DATA.
COPIES=131072				# 4 MiB of each

# dev_read DEVCOUNT|DEVNONZERO DPA SIZE [TEXT]: device 0's bytes, host side.
dev_read() {
	local reply
	echo "$1 0 $2 $3${4:+ $4}" >&3
	read -r reply <&3
	case "$reply" in
	DEVREPLY*) echo "${reply#DEVREPLY }" ;;
	*) echo "$reply" >&2; return 1 ;;
	esac
}

region_of_root() {	# region_of_root DECODER: the region made through it
	basename "$(ls -d /sys/bus/cxl/devices/"$1"/region* 2>/dev/null | head -n 1)"
}

region_node() {
	cat /sys/bus/cxl/devices/"$1"/dax_"$1"/dax*/target_node 2>/dev/null | head -n 1
}

# staged_wipe OP DPA LENGTH: the driver's interface, as the tool drives it.
staged_wipe() {
	echo "$2" > "$mo/dpa" && echo "$3" > "$mo/length" && echo 1 > "$mo/$1"
}

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
d=/sys/bus/pci/devices/$(memdev_bdf mem0)
mo=$d/media_ops
check "QEMU 11.1 lists Media Operations (0x4402): media_ops/ is there" test -d "$mo"
check "Discovery: 64-byte granularity" grep -qx 64 "$mo/granularity"
check "Discovery: sanitize and zero" grep -qx "sanitize zero" "$mo/operations"
check "nothing wiped yet" grep -qx none "$mo/status"

check "region B: 256 MiB of mem0 through decoder0.0" cxl create-region -m -d decoder0.0 -t ram -s 256M mem0
check "region A: the other 256 MiB through decoder0.1" cxl create-region -m -d decoder0.1 -t ram -s 256M mem0
rb=$(region_of_root decoder0.0)
ra=$(region_of_root decoder0.1)
wait_for 20 sh -c "test -n \"\$(cat /sys/bus/cxl/devices/$ra/dax_$ra/dax*/target_node 2>/dev/null)\""
wait_for 20 sh -c "test -n \"\$(cat /sys/bus/cxl/devices/$rb/dax_$rb/dax*/target_node 2>/dev/null)\""
na=$(region_node "$ra")
nb=$(region_node "$rb")
check "$ra and $rb are nodes ${na:-none} and ${nb:-none}" test -n "$na" -a -n "$nb" -a "$na" != "$nb"
set -- $(pmem_targets "$(cat /sys/bus/cxl/devices/$ra/resource)" "$(cat /sys/bus/cxl/devices/$ra/size)")
dpa_a=$2 len_a=$3
set -- $(pmem_targets "$(cat /sys/bus/cxl/devices/$rb/resource)" "$(cat /sys/bus/cxl/devices/$rb/size)")
dpa_b=$2 len_b=$3
info "$ra: DPA $dpa_a +$len_a, $rb: DPA $dpa_b +$len_b"
check "the regions split the device: B below A, 256 MiB each" test "$dpa_b" = 0 -a "$dpa_a" = $((256 << 20)) -a "$len_a" = $((256 << 20)) -a "$len_b" = $((256 << 20))

yes "$PAT_A" | head -c 4194304 > /tmp/a
yes "$PAT_B" | head -c 4194304 > /tmp/b
check "tenant A writes 4 MiB to node $na" numactl --membind="$na" cp /tmp/a /dev/shm/a
check "tenant B writes 4 MiB to node $nb" numactl --membind="$nb" cp /tmp/b /dev/shm/b
rm -f /tmp/a
a0=$(dev_read DEVCOUNT "$dpa_a" "$len_a" "$PAT_A")
b0=$(dev_read DEVCOUNT "$dpa_b" "$len_b" "$PAT_B")
check "A's pattern is in A's range ($a0 copies)" test "${a0:-0}" -eq "$COPIES"
check "B's pattern is in B's range ($b0 copies)" test "${b0:-0}" -eq "$COPIES"

# --- the driver's safeguards, each refusing with nothing changed
dmesg -c > /dev/null
check "wipe of B's range while online: refused (EBUSY)" sh -c "echo $dpa_b > $mo/dpa && echo $len_b > $mo/length && ! echo 1 > $mo/zero 2>/tmp/e; grep -q 'busy' /tmp/e"
check "the refusal is logged with its reason" sh -c "dmesg | grep -q 'zero of DPA $(printf 0x%x "$dpa_b") length $(printf 0x%x "$len_b") refused: a committed decoder maps part of it to online memory; nothing was changed'"
check "a range straddling B and A while both online: refused" sh -c "! (echo $((dpa_a - 4096)) > $mo/dpa && echo 8192 > $mo/length && echo 1 > $mo/zero)"
check "a range off the 64-byte granularity: refused (EINVAL)" sh -c "echo 0x10000020 > $mo/dpa && echo 4096 > $mo/length && ! echo 1 > $mo/zero 2>/tmp/e; grep -q 'Invalid argument' /tmp/e"
check "a range beyond the device: refused (ERANGE)" sh -c "echo 0x20000000 > $mo/dpa && echo 4096 > $mo/length && ! echo 1 > $mo/zero 2>/tmp/e; grep -q 'result not representable\|Numerical result out of range' /tmp/e"
check "status says refused" grep -qx refused "$mo/status"
b1=$(dev_read DEVCOUNT "$dpa_b" "$len_b" "$PAT_B")
a1=$(dev_read DEVCOUNT "$dpa_a" "$len_a" "$PAT_A")
check "refused wipes changed nothing: B $b1 copies, A $a1 copies" test "$b1" = "$b0" -a "$a1" = "$a0"

# --- tenant A leaves: offline, destroy, then wipe exactly its range
rm -f /dev/shm/a
t0=$(cut -d' ' -f1 /proc/uptime)
cxl-leo offline --sanitize --force "$ra" > /tmp/off.json 2> /tmp/off.err
rc=$?
t1=$(cut -d' ' -f1 /proc/uptime)
info "cxl-leo offline --sanitize $ra took $(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }') s (QEMU runs each media operation for 4 s)"
check "cxl-leo offline --sanitize --force $ra: exit 0" test "$rc" = 0 ||
	info "its stderr: $(tail -n 4 /tmp/off.err | tr '\n' ' ')"
check "stderr says range wipe and names the range" sh -c "grep -q 'range wipe (Media Operations)' /tmp/off.err && grep -q 'mem0 (serial 4660, PCI .*): DPA 0x10000000-0x1fffffff, 256.00 MiB .*: sanitize, then zero' /tmp/off.err"
check "stderr does not claim the whole device" sh -c "! grep -q 'erases ALL data' /tmp/off.err"
check "JSON: erase range, the range and both operations" sh -c "tr -d ' \n' < /tmp/off.json | grep -q '\"sanitized\":true,\"erase\":\"range\",\"erased\":\[{\"memdev\":\"mem0\",\"dpa_resource\":268435456,\"dpa_size\":268435456,\"operations\":\[\"sanitize\",\"zero\"\]}\]'"
check "$ra is gone" test ! -e /sys/bus/cxl/devices/"$ra"
check "the driver reports the last wipe done" grep -qx done "$mo/status"
nz=$(dev_read DEVNONZERO "$dpa_a" "$len_a")
check "A's DPA range is all zero on the device ($nz non-zero bytes)" test "$nz" = 0
b2=$(dev_read DEVCOUNT "$dpa_b" "$len_b" "$PAT_B")
check "B's pattern is untouched ($b2 of $b0 copies)" test "$b2" = "$b0"
check "B's data reads back in the guest" sh -c "yes '$PAT_B' | head -c 4194304 | cmp -s - /dev/shm/b"
check "$rb stays online on node $nb" test "$(node_meminfo "$nb" MemTotal)" -gt 0
check "the device log tells both operations ran" sh -c "dmesg | grep -q 'sanitize of DPA 0x10000000 length 0x10000000 running on the device' && dmesg | grep -q 'zero of DPA 0x10000000 length 0x10000000 running on the device'"

# --- one wipe at a time: a second while the first runs is refused
staged_wipe zero "$dpa_a" $((1 << 20)) 2>/dev/null &
sleep 0.3
check "a wipe while one runs: refused (EBUSY)" sh -c "! echo 1 > $mo/zero"
wait
check "the first wipe still completes" wait_for 20 grep -qx done "$mo/status"

# --- what the two operations write on QEMU: Sanitize fills, Zero zeroes
staged_wipe sanitize "$dpa_a" $((1 << 20)) 2>/dev/null
check "sanitize of 1 MiB completes" wait_for 20 grep -qx done "$mo/status"
nz=$(dev_read DEVNONZERO "$dpa_a" $((1 << 20)))
info "QEMU's Sanitize left $nz of 1048576 bytes non-zero (it fills with 0x0f)"
check "sanitize wrote the whole 1 MiB, nothing beyond it" test "$nz" = 1048576 -a "$(dev_read DEVNONZERO $((dpa_a + (1 << 20))) $((1 << 20)))" = 0
staged_wipe zero "$dpa_a" $((1 << 20)) 2>/dev/null
check "zero after it completes" wait_for 20 grep -qx done "$mo/status"
check "and the range reads zero again" test "$(dev_read DEVNONZERO "$dpa_a" $((1 << 20)))" = 0

rm -f /dev/shm/b
check "cxl-leo offline $rb (no --sanitize): exit 0" sh -c "cxl-leo offline $rb > /dev/null"
b3=$(dev_read DEVCOUNT "$dpa_b" "$len_b" "$PAT_B")
check "without --sanitize B's data stays on the device ($b3 copies)" test "${b3:-0}" -gt 0
finish
