#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Uncorrectable CXL RAS errors while a region of the device is online with
# data in it. The core's recovery would release the memdev and uncommit the
# region's decoders under that memory; cxl_leo keeps them. A non-fatal
# error leaves memdev, decoders, link and data intact; a fatal one, where
# the PCI core resets the link whatever the driver answers, is reported as
# lost memory (counter, log, taint), never as a recovery.
# topology: single
# timeout: 300
. /e2e/lib.sh

dev=/machine/peripheral/cxl-vmem0
load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
bdf=$(memdev_bdf mem0)
leo=/sys/bus/pci/devices/$bdf/cxl_leo
cfg=/sys/bus/pci/devices/$bdf/config

cfg_read() {	# cfg_read OFFSET -> decimal dword
	echo $((0x$(od -An -tx4 -j "$1" -N4 "$cfg" | tr -d ' ')))
}
cfg_write() {	# cfg_write OFFSET VALUE, little endian
	# shellcheck disable=SC2059
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($2 & 255)) $((($2 >> 8) & 255)) \
		$((($2 >> 16) & 255)) $((($2 >> 24) & 255)))" |
		dd of="$cfg" bs=1 seek="$1" conv=notrunc 2>/dev/null
}
aer_offset() {	# PCIe extended capability ID 1
	local off=256 v
	while [ "$off" -ne 0 ]; do
		v=$(cfg_read "$off")
		[ $((v & 0xffff)) -eq 1 ] && { echo "$off"; return 0; }
		off=$(((v >> 20) & 0xffc))
	done
	return 1
}
counter_is() { [ "$(cat "$leo/$1")" -eq "$2" ]; }
inject_uncorrectable() {
	qmp '{"execute":"cxl-inject-uncorrectable-errors","arguments":{"path":"'$dev'","errors":[{"type":"'$1'","header":[5,6]}]}}'
}

check "region created" cxl create-region -m -d decoder0.0 -t ram mem0
wait_for 10 test -n "$(cpuless_nodes)"
node=$(cpuless_nodes | tail -n 1)
dd if=/dev/urandom of=/tmp/src bs=64k count=32 2>/dev/null
check "data placed on CXL node $node" numactl --membind="$node" cp /tmp/src /dev/shm/tenant
intact() { test "$(md5sum < /tmp/src)" = "$(md5sum < /dev/shm/tenant)"; }
check "counters start at zero" sh -c "test \$(cat $leo/aer_online_kept) -eq 0 && test \$(cat $leo/aer_online_lost) -eq 0"

# Non-fatal: Uncorrectable Internal Error severity (AER bit 22) cleared.
aer=$(aer_offset)
sev=$(cfg_read $((aer + 12)))
cfg_write $((aer + 12)) $((sev & ~0x400000))
check "internal errors non-fatal (UNC_SEV $(printf %#x "$(cfg_read $((aer + 12)))"))" \
	test $(($(cfg_read $((aer + 12))) & 0x400000)) -eq 0
check "inject non-fatal mem-data-ecc" inject_uncorrectable mem-data-ecc
if wait_for 20 counter_is aer_online_kept 1; then pass "non-fatal error under online memory counted (aer_online_kept 1)"; else fail "aer_online_kept: $(cat "$leo/aer_online_kept")"; fi
check "logged: memdev, decoders and link kept" sh -c 'dmesg | grep -q "under online memory: memdev, decoders and link kept"'
check "logged: which RAS error" sh -c 'dmesg | grep -q "uncorrectable CXL RAS error mem_data_ecc"'
if wait_for 10 sh -c 'dmesg | grep -q "error recovery succeeded"'; then pass "AER recovery completed without a reset"; else fail "no recovery line: $(dmesg | grep -E 'AER|cxl_leo' | tail -n 1)"; fi
check "memdev still bound" test -e /sys/bus/cxl/devices/mem0/driver
check "region still committed" sh -c 'test "$(cat /sys/bus/cxl/devices/region0/commit)" = 1'
check "no slot reset happened" sh -c '! dmesg | grep -q "restarting CXL.mem after slot reset"'
check "data intact after the non-fatal error" intact
check "RAS status cleared: a second error is reported again" inject_uncorrectable cache-data-ecc
if wait_for 20 counter_is aer_online_kept 2; then pass "second error counted (aer_online_kept 2)"; else fail "aer_online_kept: $(cat "$leo/aer_online_kept")"; fi
check "data intact after the second error" intact

# Fatal: the PCI core resets the link; the loss must be reported.
cfg_write $((aer + 12)) "$sev"
recovered_before=$(dmesg | grep -c "error recovery succeeded")
check "internal errors fatal again" test $(($(cfg_read $((aer + 12))) & 0x400000)) -ne 0
check "inject fatal cache-data-parity" inject_uncorrectable cache-data-parity
if wait_for 30 counter_is aer_online_lost 1; then pass "fatal reset of online memory reported (aer_online_lost 1)"; else fail "aer_online_lost: $(cat "$leo/aer_online_lost"); $(dmesg | grep cxl_leo | tail -n 1)"; fi
check "logged: contents unreachable" sh -c 'dmesg | grep -q "cleared the HDM decoders of online memory: its contents are unreachable"'
check "logged before the reset: memdev kept" sh -c 'dmesg | grep -q "fatal error .* under online memory: memdev kept"'
check "not claimed as recovered" sh -c "test \$(dmesg | grep -c 'error recovery succeeded') -eq $recovered_before && dmesg | grep -q 'AER: device recovery failed'"
check "kernel tainted for the loss" sh -c 'test $(($(cat /proc/sys/kernel/tainted) & 16)) -ne 0'
check "memdev still bound, region still listed" sh -c 'test -e /sys/bus/cxl/devices/mem0/driver && test -e /sys/bus/cxl/devices/region0'
dmesg | grep -E "cxl_leo|AER" | tail -n 12
finish
