#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cxl-leo against a live device: list, decoders, errors, health, scrub,
# ecs, poison and monitor, with the JSON they print checked.
# topology: single
# timeout: 240
. /e2e/lib.sh

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
dev=/machine/peripheral/cxl-vmem0
check "cxl-leo is in the image" cxl-leo version

out=$(cxl-leo list -m mem0)
echo "$out"
check "list: mem0 driven by cxl_leo" sh -c "echo '$out' | grep -q '\"driver\": \"cxl_leo\"'"
check "list: serial a number, like cxl-cli" sh -c "echo '$out' | grep -q '\"serial\": 4660'"
check "list -s 0x1234 and -s 4660 select mem0" sh -c "cxl-leo list -s 0x1234 | grep -q '\"memdev\": \"mem0\"' && cxl-leo list -s 4660 | grep -q '\"memdev\": \"mem0\"'"
check "list -u: serial in hex, sizes human, as cxl list -u" sh -c "cxl-leo -u list -m mem0 | grep -q '\"serial\": \"0x1234\"' && cxl-leo list -u -m mem0 | grep -q '\"ram_size\": \"512.00 MiB (536.87 MB)\"'"
check "list -u -m mem0: one result is a bare object, as cxl list -u -m mem0 prints it" sh -c "test \"\$(cxl list -u -m mem0 | head -c 1)\" = '{' && test \"\$(cxl-leo -u list -m mem0 | head -c 1)\" = '{'"
check "list -m mem0 without -u: an array, as cxl list -m mem0" sh -c "test \"\$(cxl list -m mem0 | head -c 1)\" = '[' && test \"\$(cxl-leo list -m mem0 | head -c 1)\" = '['"
check "list: an unknown memdev is an error, named" sh -c "! cxl-leo list -m mem9 2>/tmp/err && grep -q \"no memdev matches 'mem9'\" /tmp/err"
check "list: event delivery shown" sh -c "echo '$out' | grep -q '\"event_delivery\": \"interrupt\"'"

cxl create-region -m -d decoder0.0 -t ram mem0 >/dev/null 2>&1
check "list: mem0's region and its NUMA node" sh -c "cxl-leo list -m mem0 | grep -A2 '\"region\": \"region0\"' | grep -q '\"numa_node\": 1'"
out=$(cxl-leo decoders -m mem0)
echo "$out"
check "decoders: endpoint decoder of mem0 in region0" sh -c "echo '$out' | grep -q '\"region\": \"region0\"' && echo '$out' | grep -q '\"kind\": \"endpoint\"'"
check "decoders: unknown region is an error, [] on stdout" sh -c "! cxl-leo decoders -r region9 >/tmp/out 2>/tmp/err && test \"\$(tr -d ' \n' </tmp/out)\" = '[]' && grep -q 'no decoder matches' /tmp/err"
check "decoders -m mem7: exit 1" sh -c "! cxl-leo decoders -m mem7"

out=$(cxl-leo health -m mem0 2>/tmp/err)
rc=$?
echo "$out"
check "health: QEMU's missing Get Health Info said on stderr, fields left out, exit 0" sh -c "test $rc = 0 && grep -q 'does not implement Get Health Info' /tmp/err && echo '$out' | grep -q '\"memdev\": \"mem0\"' && ! echo '$out' | grep -q maintenance_needed"

out=$(cxl-leo scrub mem0 --enable --cycle-hours 24)
echo "$out"
check "scrub: enabled with a 24 h cycle" sh -c "echo '$out' | grep -q '\"enable_background\": 1' && echo '$out' | grep -q '\"current_cycle_duration\": 86400'"
check "ecs: threshold set on FRU 1" sh -c "cxl-leo ecs -m mem0 --fru 1 --threshold 4096 | grep -q '\"threshold\": 4096'"
check "ecs: FRU 9 refused" sh -c "! cxl-leo ecs -m mem0 --fru 9 --threshold 256"

qmp '{"execute":"cxl-inject-poison","arguments":{"path":"'$dev'","start":131072,"length":64}}' >/dev/null
out=$(cxl-leo poison -m mem0)
echo "$out"
check "poison: injected record listed at DPA 0x20000" sh -c "echo '$out' | grep -qE '\"dpa\": (131072|\"0x20000\")'"

check "poison inject through the tool" cxl-leo poison inject -m mem0 --dpa 0x30000
check "injected poison listed" sh -c "cxl-leo poison -m mem0 | grep -q '\"dpa\": 196608'"
check "poison clear through the tool" cxl-leo poison clear -m mem0 --dpa 0x30000
check "cleared poison no longer listed" sh -c "out=\$(cxl-leo poison -m mem0) && ! echo \"\$out\" | grep -q '\"dpa\": 196608'"
printf 'root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/sh\n' > /etc/passwd
printf 'root:x:0:\nnogroup:x:65534:\n' > /etc/group
check "poison inject without privileges refused, saying why" sh -c "! su nobody -s /bin/sh -c 'cxl-leo poison inject -m mem0 --dpa 0x30000' 2>/tmp/err && grep -q CAP_SYS_ADMIN /tmp/err"
check "scrub change without privileges refused" sh -c "! su nobody -s /bin/sh -c 'cxl-leo scrub -m mem0 --disable' 2>/tmp/err && grep -q 'Permission denied' /tmp/err"
check "poison beyond the device refused" sh -c "! cxl-leo poison inject -m mem0 --dpa 0x40000000 2>&1 && cxl-leo poison inject -m mem0 --dpa 0x40000000 2>&1 | grep -q beyond"

cxl-leo monitor -m mem0 --count 3 --timeout 30 > /tmp/monitor.json &
mon=$!
# Events injected before the monitor's own instance traces them are not its.
wait_for 20 grep -qx 1 /sys/kernel/tracing/instances/cxl_leo_$mon/events/cxl/enable
qmp '{"execute":"cxl-inject-general-media-event","arguments":{"sub-type":0,"path":"'$dev'","log":"warning","flags":0,"dpa":4096,"descriptor":0,"type":0,"transaction-type":1}}' >/dev/null
qmp '{"execute":"cxl-inject-dram-event","arguments":{"sub-type":0,"path":"'$dev'","log":"warning","flags":0,"dpa":8192,"descriptor":0,"type":0,"transaction-type":1}}' >/dev/null
qmp '{"execute":"cxl-inject-memory-module-event","arguments":{"sub-type":0,"path":"'$dev'","log":"informational","flags":0,"type":0,"health-status":0,"media-status":0,"additional-status":0,"life-used":10,"temperature":40,"dirty-shutdown-count":0,"corrected-volatile-error-count":0,"corrected-persistent-error-count":0}}' >/dev/null
wait $mon
cat /tmp/monitor.json
check "monitor: three events, one JSON line each" sh -c "test \$(grep -c . /tmp/monitor.json) -eq 3"
check "monitor: general media exactly once, DPA 0x1000 on NUMA node 1" sh -c "test \$(grep -c cxl_general_media /tmp/monitor.json) -eq 1 && grep cxl_general_media /tmp/monitor.json | grep -q '\"dpa\":4096' && grep cxl_general_media /tmp/monitor.json | grep -q '\"numa_node\":1'"
check "monitor: DRAM event exactly once, DPA 0x2000" sh -c "test \$(grep -c cxl_dram /tmp/monitor.json) -eq 1 && grep cxl_dram /tmp/monitor.json | grep -q '\"dpa\":8192'"
check "monitor: memory module event exactly once, life used 10%" sh -c "test \$(grep -c cxl_memory_module /tmp/monitor.json) -eq 1 && grep cxl_memory_module /tmp/monitor.json | grep -q '\"life_used\":10'"
check "monitor: record UUID decoded (General Media, CXL r3.1 Table 8-43)" grep -q '"hdr_uuid":"fbcd0a77-c260-417f-85a9-088b1621eba6"' /tmp/monitor.json
check "decoders: region's NUMA node shown" sh -c "cxl-leo decoders -r region0 | grep -q '\"numa_node\": 1'"

# monitor as a daemon: blocks on the trace buffers, logs each event as a line.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
check "monitor -r of an unknown region: exit 1, named" sh -c "cxl-leo monitor -r region9 --count 1 2>&1 | grep -q \"no memdev matches region 'region9'\""
# -r: the region's members, resolved once at start.
check "monitor --daemon --log starts" cxl-leo monitor --daemon --log /tmp/monitor.log -r region0
wait_for 5 pidof cxl-leo
pid=$(pidof cxl-leo)
sleep 1
t0=$(ticks "$pid")
sleep 5
t1=$(ticks "$pid")
check "monitor idles at ~0% CPU: $((t1 - t0)) ticks in 5 s" test $((t1 - t0)) -le 5
qmp '{"execute":"cxl-inject-dram-event","arguments":{"sub-type":0,"path":"'$dev'","log":"warning","flags":0,"dpa":12288,"descriptor":0,"type":0,"transaction-type":1}}' >/dev/null
check "monitor daemon logged the event" wait_for 10 grep -q '"dpa":12288' /tmp/monitor.log
kill "$pid"
check "monitor daemon stops on SIGTERM" wait_for 5 sh -c "! kill -0 $pid"
check "monitor --daemon without --log is a usage error" sh -c "cxl-leo monitor --daemon; test \$? = 2"

out=$(cxl-leo --table list)
echo "$out"
check "--table: memdevs as rows under a header" sh -c "echo '$out' | head -n 1 | grep -qE '^memdev +serial' && echo '$out' | grep -qE '^mem0 +4660 '"
out=$(cxl-leo decoders --table)
echo "$out"
check "--table: decoders as rows under a header" sh -c "echo '$out' | head -n 1 | grep -q decoder && test \$(echo '$out' | wc -l) -ge 3"

out=$(cxl-leo errors -m mem0)
echo "$out"
check "errors: counters as JSON" sh -c "echo '$out' | grep -q '\"poison_records\"'"
finish
