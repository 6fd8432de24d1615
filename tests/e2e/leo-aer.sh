#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# CXL protocol errors through AER on cxl_leo: injected correctable and
# uncorrectable RAS errors are decoded by the core (cxl_aer_* trace events)
# and counted per status bit in cxl_leo's ras/ attributes.
# topology: single
# timeout: 240
. /e2e/lib.sh

dev=/machine/peripheral/cxl-vmem0
load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
ras=/sys/bus/pci/devices/$(memdev_bdf mem0)/ras
trace_enable_cxl
counter_at_least() { [ "$(cat "$ras/$1")" -ge "$2" ]; }

check "inject correctable mem-data-ecc" qmp '{"execute":"cxl-inject-correctable-error","arguments":{"path":"'$dev'","type":"mem-data-ecc"}}'
if wait_for 10 trace_has cxl_aer_correctable_error; then pass "cxl_aer_correctable_error trace event"; else fail "cxl_aer_correctable_error trace event: not seen"; fi
if wait_for 10 counter_at_least cor_mem_data_ecc 1; then pass "cor_mem_data_ecc counted"; else fail "cor_mem_data_ecc: $(cat $ras/cor_mem_data_ecc)"; fi
check "correctable_errors counted" counter_at_least correctable_errors 1
check "other correctable bits untouched" sh -c "test \$(cat $ras/cor_crc_threshold) -eq 0 && test \$(cat $ras/cor_cache_data_ecc) -eq 0"

check "inject uncorrectable cache-data-parity" qmp '{"execute":"cxl-inject-uncorrectable-errors","arguments":{"path":"'$dev'","errors":[{"type":"cache-data-parity","header":[3,4]}]}}'
if wait_for 10 trace_has cxl_aer_uncorrectable_error; then pass "cxl_aer_uncorrectable_error trace event"; else fail "cxl_aer_uncorrectable_error trace event: not seen"; fi
if wait_for 10 counter_at_least uncor_cache_data_parity 1; then pass "uncor_cache_data_parity counted"; else fail "uncor_cache_data_parity: $(cat $ras/uncor_cache_data_parity)"; fi
grep cxl_aer /sys/kernel/tracing/trace | head -n 4
dmesg | grep -E "cxl_leo|AER" | tail -n 8
recovered() { dmesg | grep -q "error recovery succeeded"; }
if wait_for 20 recovered; then pass "fatal error: slot reset and recovery through cxl_leo's handlers"; else fail "fatal error recovery: $(dmesg | grep cxl_leo | tail -n 1)"; fi
check "mem0 back after recovery" test -e /sys/bus/cxl/devices/mem0/driver
check "mailbox works after recovery" sh -c "cxl-leo list -m mem0 | grep -q firmware_version"
finish
