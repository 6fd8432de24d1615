#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# RAS controls on cxl_leo: patrol scrub and DDR5 ECS discovered from the
# device's CEL and Supported Features, read and changed through sysfs; bad
# writes refused without changing anything; alert thresholds and PPR shown
# exactly when the device has them (QEMU 11.1: both; QEMU 10.0: neither, the
# driver hides them quietly), Health Info and hwmon hidden on both (no Get
# Health Info in either). The harness names the QEMU on the kernel command
# line; the core's own command query (cxl list -A) cross-checks alerts.
# topology: single
# timeout: 240
. /e2e/lib.sh

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
d=/sys/bus/pci/devices/$(memdev_bdf mem0)

check "scrub0 present" test -d "$d/scrub0"
check "scrub cycle readable (12 h = 43200 s)" test "$(cat $d/scrub0/current_cycle_duration)" -eq 43200
check "scrub min cycle readable" test "$(cat $d/scrub0/min_cycle_duration)" -ge 3600
check "scrub enable" sh -c "echo 1 > $d/scrub0/enable_background && grep -qx 1 $d/scrub0/enable_background"
check "scrub cycle set to 24 h" sh -c "echo 86400 > $d/scrub0/current_cycle_duration && grep -qx 86400 $d/scrub0/current_cycle_duration"
check "scrub cycle not a whole hour refused" sh -c "! echo 5000 > $d/scrub0/current_cycle_duration"
check "scrub cycle above 255 h refused" sh -c "! echo 921600 > $d/scrub0/current_cycle_duration"
check "scrub junk refused" sh -c "! echo banana > $d/scrub0/enable_background"
check "refused scrub write says why in the kernel log" sh -c "dmesg | grep -q 'current_cycle_duration: write refused: not a whole number of hours'"
check "scrub state kept after refused writes" sh -c "grep -qx 86400 $d/scrub0/current_cycle_duration && grep -qx 1 $d/scrub0/enable_background"
check "scrub disable" sh -c "echo 0 > $d/scrub0/enable_background && grep -qx 0 $d/scrub0/enable_background"

check "ECS: three FRUs like QEMU's device" sh -c "test -d $d/ecs_fru0 && test -d $d/ecs_fru2 && ! test -d $d/ecs_fru3"
check "ECS threshold readable" sh -c "grep -qE '^(256|1024|4096)$' $d/ecs_fru1/threshold"
check "ECS threshold set to 1024" sh -c "echo 1024 > $d/ecs_fru1/threshold && grep -qx 1024 $d/ecs_fru1/threshold"
check "ECS threshold 512 refused" sh -c "! echo 512 > $d/ecs_fru1/threshold && grep -qx 1024 $d/ecs_fru1/threshold"
check "refused ECS write says why in the kernel log" sh -c "dmesg | grep -q 'threshold: write refused: 256, 1024 or 4096'"
lt0=$(cat $d/ecs_fru0/log_entry_type)
check "ECS codeword mode set" sh -c "echo 1 > $d/ecs_fru2/mode && grep -qx 1 $d/ecs_fru2/mode"
check "ECS other FRU untouched" sh -c "grep -qx 0 $d/ecs_fru0/mode"
check "ECS counter reset accepted" sh -c "echo 1 > $d/ecs_fru0/reset"
check "ECS reset value other than 1 refused" sh -c "! echo 2 > $d/ecs_fru0/reset"

# One privilege rule for every state-changing attribute: CAP_SYS_RAWIO, as
# upstream's EDAC RAS controls. As root without it, each write is refused
# and changes nothing; 17 is CAP_SYS_RAWIO.
nocap_refused() {
	f=$1 v=$2
	before=$(cat "$f" 2>/dev/null)
	dropcap 17 sh -c "echo $v > $f" 2>/tmp/nocap.err && return 1
	grep -q "Operation not permitted" /tmp/nocap.err || return 1
	test "$(cat "$f" 2>/dev/null)" = "$before"
}
check "without CAP_SYS_RAWIO: scrub enable refused, unchanged" nocap_refused $d/scrub0/enable_background 1
check "without CAP_SYS_RAWIO: scrub cycle refused, unchanged" nocap_refused $d/scrub0/current_cycle_duration 43200
check "without CAP_SYS_RAWIO: ECS threshold refused, unchanged" nocap_refused $d/ecs_fru1/threshold 256
check "without CAP_SYS_RAWIO: ECS mode refused, unchanged" nocap_refused $d/ecs_fru0/mode 1
check "without CAP_SYS_RAWIO: ECS log entry type refused, unchanged" nocap_refused $d/ecs_fru0/log_entry_type 0
check "without CAP_SYS_RAWIO: ECS counter reset refused" nocap_refused $d/ecs_fru0/reset 1
check "without CAP_SYS_RAWIO: page offline policy refused, unchanged" nocap_refused $d/ras/page_offline_policy all
nocap_all_refused() {
	n=0
	for f in $(find $d/cxl_leo $d/ras $d/scrub0 $d/ecs_fru* $d/health $d/firmware $d/mem_repair* -type f -perm -200 2>/dev/null); do
		dropcap 17 sh -c "echo 1 > $f" 2>/tmp/nocap.err && { echo "$f accepted"; return 1; }
		grep -q "Operation not permitted" /tmp/nocap.err || { echo "$f: $(cat /tmp/nocap.err)"; return 1; }
		n=$((n + 1))
	done
	test $n -ge 10
}
check "without CAP_SYS_RAWIO: every writable cxl_leo attribute refuses" nocap_all_refused
check "refusal names the capability in the kernel log" sh -c "dmesg | grep -q 'enable_background: write refused: needs CAP_SYS_RAWIO'"
check "ECS write on FRU 2 kept FRU 0 and 1 as they were" sh -c "grep -qx '$lt0' $d/ecs_fru0/log_entry_type && grep -qx 1024 $d/ecs_fru1/threshold && grep -qx 0 $d/ecs_fru0/mode"

check "firmware: two slots, slot 1 active, like QEMU's device" sh -c "grep -qx 2 $d/firmware/slot_count && grep -qx 1 $d/firmware/active_slot && grep -qx 0 $d/firmware/staged_slot"
check "firmware: slot 1 revision (QEMU reports \"BWFW VERSION 0\")" grep -q "^BWFW VERSION 0" "$d/firmware/slot1_revision"
check "firmware: no slot 3 file on a two-slot device" sh -c "! test -e $d/firmware/slot3_revision"
check "cxl-leo list shows firmware slots" sh -c "cxl-leo list -m mem0 | grep -q '\"active_slot\": 1'"
qemu=$(sed -n 's/.*qemu_version=\([0-9.]*\).*/\1/p' /proc/cmdline)
info "QEMU $qemu"
check "harness named the QEMU version" test -n "$qemu"
check "no Health Info files: no Get Health Info in the CEL" sh -c "! test -e $d/health/health_status && ! test -e $d/health/temperature"
check "no hwmon without Get Health Info" sh -c "! grep -qx cxl_leo /sys/class/hwmon/*/name 2>/dev/null"
# The core enables Get Alert Configuration from the same CEL, independently.
core_alerts() { cxl list -m mem0 -A | grep -q '"alert_config"'; }
case "$qemu" in
10.*)
	check "QEMU 10: core has no alert configuration" sh -c "out=\$(cxl list -m mem0 -A) && echo \"\$out\" | grep -q '\"memdev\":\"mem0\"' && ! echo \"\$out\" | grep -q alert_config"
	check "QEMU 10: health group hidden without alert configuration" sh -c "! test -d $d/health"
	check "QEMU 10: PPR hidden without Perform Maintenance in the CEL" sh -c "! test -e $d/mem_repair0 && ! test -e $d/mem_repair1"
	check "cxl-leo repair: not supported by mem0" sh -c "cxl-leo repair -m mem0 2>&1 | grep -qx 'cxl-leo: repair: not supported by mem0'"
	check "cxl-leo repair --dpa on such a device fails (exit 1)" sh -c "cxl-leo repair -m mem0 --dpa 0x1000; test \$? = 1"
	check "cxl-leo health --set-threshold: not supported by mem0" sh -c "cxl-leo health -m mem0 --set-threshold over_temperature=30 2>&1 | grep -q 'alert configuration not supported by mem0'"
	;;
*)
	check "QEMU $qemu: core has alert configuration" core_alerts
	check "QEMU $qemu: thresholds shown (Get Alert Configuration in the CEL)" sh -c "test -r $d/health/over_temperature_warning_threshold && test -r $d/health/warnings_valid"
	check "QEMU $qemu: soft and hard PPR shown (Perform Maintenance, sPPR and hPPR Features)" sh -c "grep -qx 0 $d/mem_repair0/persist_mode && grep -qx 1 $d/mem_repair1/persist_mode"
	check "cxl-leo repair lists both" sh -c "cxl-leo repair -m mem0 | grep -c '\"repair_type\": \"ppr\"' | grep -qx 2"
	check "cxl-leo health shows the thresholds" sh -c "cxl-leo health -m mem0 2>/dev/null | grep -q '\"over_temperature_critical_threshold\": 35'"
	;;
esac
# (not "suppressed", whose "ppr" the refusals above make the ratelimit print)
check "no health, alert or PPR complaints in the kernel log" sh -c "! dmesg | grep -v 'callbacks suppressed' | grep -iE 'cxl_leo.*(unreadable|PPR|alert|health)'"
finish
