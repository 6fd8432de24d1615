#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Alert thresholds on a live device (QEMU 11.1's Get/Set Alert
# Configuration): set through cxl-leo (libcxl's Set Alert Configuration)
# and through cxl-cli's set-alert-config, read back at once through every
# reader (cxl_leo's health/ files, cxl-leo health, cxl list -A); invalid
# values refused with a reason, non-zero exit, nothing changed (#13 defect
# 11: one write path, no stale copy). QEMU's device starts with critical
# thresholds life used 75 %, over 35 C, under 10 C, and reports what the
# host has set in Programmable Alerts, never Valid Alerts.
# topology: single
# timeout: 240
. /e2e/lib.sh

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
d=/sys/bus/pci/devices/$(memdev_bdf mem0)
h=$d/health

# health_is ALERT VALUE: cxl_leo's file shows VALUE.
health_is() {
	test "$(cat "$h/$1_warning_threshold")" = "$2"
}
# leo_is ALERT VALUE: cxl-leo health's JSON shows VALUE.
leo_is() {
	cxl-leo health -m mem0 2>/dev/null | grep -q "\"$1_warning_threshold\": $2,\?\$"
}
# cli_is FIELD VALUE: cxl list -A (the core's Get Alert Configuration) shows VALUE.
cli_is() {
	cxl list -m mem0 -A | grep -q "\"$1_prog_warn_threshold\":$2,\?\$"
}
# all_are LIFE OVER UNDER CORR: every reader agrees on the four thresholds.
all_are() {
	for r in health_is leo_is; do
		$r life_used "$1" && $r over_temperature "$2" && $r under_temperature "$3" &&
			$r corrected_volatile "$4" || { echo "$r disagrees: $(cat $h/*_warning_threshold | tr '\n' ' ')"; return 1; }
	done
	cli_is life_used "$1" && cli_is dev_over_temperature "$2" &&
		cli_is dev_under_temperature "$3" && cli_is corrected_volatile_mem_err "$4" ||
		{ echo "cxl list disagrees: $(cxl list -m mem0 -A | grep prog_warn_threshold\")"; return 1; }
}

check "alert thresholds present (Get Alert Configuration in the CEL)" test -d "$h"
check "device's critical thresholds: 75 %, 35 C, 10 C" sh -c \
	"grep -qx 75 $h/life_used_critical_threshold && grep -qx 35 $h/over_temperature_critical_threshold && grep -qx 10 $h/under_temperature_critical_threshold"
check "device's initial warnings 40 %, 25 C, 20 C, 0 on every reader" all_are 40 25 20 0
check "nothing programmable or valid before the host sets it (QEMU's report)" sh -c \
	"grep -qx none $h/warnings_programmable && grep -qx none $h/warnings_valid"
# Without Get Health Info (QEMU 11.1 still lacks it) there is no hwmon
# device and no Health Info in cxl-cli either; health stays KUnit-tested.
check "no hwmon device: no Get Health Info" sh -c "! grep -qx cxl_leo /sys/class/hwmon/*/name 2>/dev/null"
check "no Health Info files" sh -c "! test -e $h/temperature && ! test -e $h/health_status"
check "cxl list -H: no health object" sh -c "out=\$(cxl list -m mem0 -H) && echo \"\$out\" | grep -q '\"memdev\":\"mem0\"' && ! echo \"\$out\" | grep -q '\"health\"'"

check "cxl-leo sets life used 50, over 30, under 15, corrected volatile 100" \
	cxl-leo health -m mem0 --set-threshold life_used=50 --set-threshold over_temperature=30 \
	--set-threshold under_temperature=15 --set-threshold corrected_volatile=100
check "every reader sees cxl-leo's values at once" all_are 50 30 15 100
check "device now lists them as programmable" grep -qx \
	"life_used over_temperature under_temperature corrected_volatile" "$h/warnings_programmable"
check "cxl-leo health shows the programmable list" sh -c \
	"cxl-leo health -m mem0 | tr -d ' \n' | grep -q '\"warnings_programmable\":\[\"life_used\",\"over_temperature\",\"under_temperature\",\"corrected_volatile\"\]'"
check "cxl list agrees: writable flags" sh -c \
	"cxl list -m mem0 -A | grep -q '\"dev_over_temperature_prog_warn_threshold_writable\":true' && cxl list -m mem0 -A | grep -q '\"corrected_pmem_err_prog_warn_threshold_writable\":false'"

check "cxl set-alert-config sets life used 60, over 32, under 12, corrected volatile 200" \
	cxl set-alert-config mem0 --life-used-threshold=60 --life-used-alert=on \
	--over-temperature-threshold=32 --over-temperature-alert=on \
	--under-temperature-threshold=12 --under-temperature-alert=on \
	--volatile-mem-err-threshold=200 --volatile-mem-err-alert=on
check "every reader sees cxl-cli's values at once (no stale copy)" all_are 60 32 12 200

# refused NAME EXPECTED-EXIT REASON CMD...: fails with that exit status and
# reason, and every reader still shows 60 32 12 200.
refused() {
	want=$1 reason=$2
	shift 2
	"$@" > /tmp/refused.out 2>&1
	rc=$?
	[ "$rc" = "$want" ] || { echo "exit $rc, want $want: $(cat /tmp/refused.out)"; return 1; }
	grep -q -- "$reason" /tmp/refused.out || { echo "no '$reason' in: $(cat /tmp/refused.out)"; return 1; }
	all_are 60 32 12 200
}
check "over-temperature warning at the critical 35 C refused by the device, unchanged" refused 1 \
	"over_temperature=35 refused by mem0: want degrees C below the critical threshold (35)" \
	cxl-leo health -m mem0 --set-threshold over_temperature=35
check "under-temperature warning below the critical 10 C refused, unchanged" refused 1 \
	"under_temperature=5 refused by mem0: want degrees C above the critical threshold (10)" \
	cxl-leo health -m mem0 --set-threshold under_temperature=5
check "life used above the critical 75 % refused, unchanged" refused 1 \
	"life_used=80 refused by mem0: want a percentage below the critical threshold (75)" \
	cxl-leo health -m mem0 --set-threshold life_used=80
check "life used 300 % (would truncate to 44 in the u8 field) refused before sending, unchanged" refused 1 \
	"life_used=300 refused: out of range 0..100; nothing sent to mem0" \
	cxl-leo health -m mem0 --set-threshold life_used=300
check "corrected volatile 70000 (over 16 bits) refused, unchanged" refused 2 \
	"a number or off" cxl-leo health -m mem0 --set-threshold corrected_volatile=70000
check "non-number refused, unchanged" refused 2 "a number or off" \
	cxl-leo health -m mem0 --set-threshold over_temperature=warm
check "cxl set-alert-config with warning above critical: the same device refusal (status 2), unchanged" refused 1 \
	"mbox status: 2" cxl set-alert-config mem0 --over-temperature-threshold=40 --over-temperature-alert=on
check "a refused setting in a list stops it: the earlier one in the list applied, later not sent" sh -c \
	"! cxl-leo health -m mem0 --set-threshold corrected_volatile=300 --set-threshold over_temperature=40 --set-threshold life_used=55 2>/dev/null && grep -qx 300 $h/corrected_volatile_warning_threshold && grep -qx 60 $h/life_used_warning_threshold && grep -qx 32 $h/over_temperature_warning_threshold"
# QEMU 11.1 ignores Enable Alert Actions: "off" is accepted and, since cxl-leo
# sends the current threshold back, changes nothing it reports.
check "off accepted; QEMU keeps the threshold and its report" sh -c \
	"cxl-leo health -m mem0 --set-threshold over_temperature=off >/dev/null && grep -qx 32 $h/over_temperature_warning_threshold && grep -q over_temperature $h/warnings_programmable"
check "warnings_valid stays none (QEMU never sets Valid Alerts)" grep -qx none "$h/warnings_valid"
check "alert files are read-only" sh -c "! echo 20 > $h/over_temperature_warning_threshold"
check "no alert complaints in the kernel log" sh -c "! dmesg | grep -iE 'cxl_leo.*(unreadable|alert)'"
finish
