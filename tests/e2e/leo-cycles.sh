#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Ten full cycles of modprobe -> region -> workload -> teardown -> rmmod:
# every cycle succeeds and slab memory does not grow.
# topology: single
# timeout: 420
. /e2e/lib.sh

load_cxl_core
slab() { awk '/^Slab:/ {print $2}' /proc/meminfo; }
ok=0 first_slab=
for i in 1 2 3 4 5 6 7 8 9 10; do
	modprobe cxl_leo bind_any_cxl_mem=1 &&
	wait_for 10 test -e /sys/bus/cxl/devices/mem0 &&
	cxl create-region -m -d decoder0.0 -t ram mem0 >/dev/null 2>&1 &&
	wait_for 10 test -n "$(cpuless_nodes)" &&
	numactl --membind="$(cpuless_nodes | tail -n 1)" dd if=/dev/zero of=/dev/shm/w bs=64k count=16 2>/dev/null &&
	rm -f /dev/shm/w &&
	cxl disable-region region0 >/dev/null 2>&1 &&
	cxl destroy-region region0 >/dev/null 2>&1 &&
	rmmod cxl_leo || { fail "cycle $i failed"; break; }
	sync; echo 3 > /proc/sys/vm/drop_caches
	[ -n "$first_slab" ] || first_slab=$(slab)
	ok=$i
done
last_slab=$(slab)
[ "$ok" = 10 ] && pass "10 cycles: modprobe, region, workload, teardown, rmmod"
echo "Slab after cycle 1: $first_slab kB, after cycle 10: $last_slab kB"
if [ -n "$first_slab" ] && [ $((last_slab - first_slab)) -lt 1024 ]; then
	pass "slab growth over 9 cycles below 1 MiB ($((last_slab - first_slab)) kB)"
else
	fail "slab grew from $first_slab to $last_slab kB over 9 cycles"
fi
finish
