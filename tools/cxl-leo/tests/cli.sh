#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The CLI refuses bad input with a clear message and the documented exit
# status (2 usage, 1 failure), valgrind-clean. Runs without a CXL bus.
cd "$(dirname "$0")/.."
vg=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect
    --error-exitcode=99)

# expect NAME STATUS PATTERN -- ARGS...
expect() {
	local name=$1 want=$2 pattern=$3 out rc
	shift 4
	out=$("${vg[@]}" ./cxl-leo "$@" 2>&1)
	rc=$?
	if [ "$rc" = "$want" ] && echo "$out" | grep -qE -- "$pattern"; then
		echo "PASS cli: $name"
	else
		echo "FAIL cli: $name: exit $rc (want $want), output: $(echo "$out" | head -n 3)"
	fi
}

expect "no command is a usage error" 2 "usage: cxl-leo" --
expect "unknown command named" 2 "unknown command 'bogus'" -- bogus
expect "help lists commands" 0 "monitor" -- --help
expect "version" 0 "^[0-9]+\.[0-9]+" -- version
expect "bad option" 2 "usage: cxl-leo list" -- list --bogus
expect "stray argument" 2 "unexpected argument 'mem0'" -- list mem0
expect "--table anywhere is accepted" 1 "no CXL bus" -- list --table
expect "help of an unknown command" 2 "unknown command 'bogus'" -- help bogus
expect "scrub needs a memdev" 2 "name the memdevs" -- scrub --enable
expect "apply-policy without a CXL bus says so, exit 1" 1 "no CXL bus \(/sys/bus/cxl\)" -- apply-policy --config /dev/null mem0
expect "scrub cycle 0 refused" 2 "is not 1-255" -- scrub -m mem0 --cycle-hours 0
expect "scrub cycle 256 refused" 2 "is not 1-255" -- scrub -m mem0 --cycle-hours 256
expect "scrub cycle junk refused" 2 "is not 1-255" -- scrub -m mem0 --cycle-hours 12h
expect "scrub enable+disable refused" 2 "exclude each other" -- scrub -m mem0 --enable --disable
expect "ecs threshold 512 refused" 2 "256, 1024 or 4096" -- ecs -m mem0 --fru 0 --threshold 512
expect "ecs change needs a FRU" 2 "need --fru" -- ecs -m mem0 --reset
expect "ecs mode word checked" 2 "row or codeword" -- ecs -m mem0 --fru 0 --mode diagonal
expect "ecs --fru 8 is beyond the eight FRUs" 2 "--fru '8' is not 0-7" -- ecs -m mem0 --fru 8 --mode row
expect "repair needs a memdev" 2 "name the memdev" -- repair --dpa 0x1000
expect "a filter option needs its value" 2 "usage: cxl-leo health" -- health -r
expect "list filters by region without a CXL bus: clear failure" 1 "no CXL bus" -- list -r region0 -b root0
expect "repair DPA must be a number" 2 "is not an address" -- repair -m mem0 --dpa there
expect "repair nibble mask is 24 bits" 2 "is not 0-0xffffff" -- repair -m mem0 --dpa 0x40 --nibble-mask 0x1000000
expect "repair consent needs an address" 2 "need --dpa" -- repair -m mem0 --allow-data-loss
expect "update-firmware needs a file" 2 "--file <image> is required" -- update-firmware -m mem0
expect "update-firmware file must exist" 1 "update-firmware: /nonexistent" -- update-firmware -m mem0 --file /nonexistent
expect "progress mode checked" 2 "--progress takes auto, bar, json or none" -- --progress=fancy list
expect "progress option anywhere is accepted" 1 "no CXL bus" -- list --progress=json
expect "threshold name checked" 2 "want life_used, over_temperature" -- health -m mem0 --set-threshold hot=80
expect "threshold value checked" 2 "a number or off" -- health -m mem0 --set-threshold over_temperature=warm
expect "online needs memdevs" 2 "name the memdevs, or all" -- online
expect "online bad option" 2 "usage: cxl-leo online" -- online --fast mem0
expect "offline needs a selector" 2 "name the regions" -- offline
expect "offline by node is --node" 2 "select a NUMA node with --node 1" -- offline node1
expect "offline --node checks its number" 2 "is not a NUMA node number" -- offline --node x1
expect "online without a CXL bus is a clear failure" 1 "no CXL bus" -- online mem0
expect "offline without a CXL bus is a clear failure" 1 "no CXL bus" -- offline region0
expect "weights takes no argument" 2 "unexpected argument 'node0'" -- weights node0
# weights on this machine's real /sys: has_memory's first node, through
# node_list_parse(), is listed (HMAT present) or named as lacking coordinates.
first=$(sed 's/[-,].*//' /sys/devices/system/node/has_memory)
out=$("${vg[@]}" ./cxl-leo weights 2>&1)
rc=$?
if { [ "$rc" = 0 ] && echo "$out" | grep -q "\"numa_node\": $first,"; } ||
   { [ "$rc" = 1 ] && echo "$out" | grep -q "node $first has no access coordinates"; }; then
	echo "PASS cli: weights reads the host's has_memory (node $first)"
else
	echo "FAIL cli: weights reads the host's has_memory (node $first): exit $rc, output: $(echo "$out" | head -n 3)"
fi
expect "monitor daemon needs a log" 2 "needs --log" -- monitor --daemon
expect "--human anywhere is accepted" 1 "no CXL bus" -- list --human
expect "poison action checked" 2 "unknown poison action 'zap'" -- poison zap -m mem0
expect "poison inject needs a DPA" 2 "needs -m <memdev> and --dpa" -- poison inject -m mem0
expect "poison DPA must be aligned" 2 "not 64-byte aligned" -- poison inject -m mem0 --dpa 0x1001
expect "poison DPA must be a number" 2 "is not an address" -- poison clear -m mem0 --dpa here
expect "poison list takes no DPA" 2 "goes with inject or clear" -- poison --dpa 0x40
expect "monitor count checked" 2 "not a positive number" -- monitor --count -3
expect "monitor timeout checked" 2 "not a number of seconds" -- monitor --timeout soon
out=$("${vg[@]}" ./cxl-leo version 2>&1 >/dev/full)
rc=$?
if [ "$rc" = 1 ] && echo "$out" | grep -q "cannot write the output: No space left on device"; then
	echo "PASS cli: output to a full disk is a failure (exit 1), said"
else
	echo "FAIL cli: output to a full disk: exit $rc, $out"
fi
if [ -d /sys/bus/cxl ]; then
	echo "PASS cli: host has a CXL bus; 'no bus' check not applicable here"
else
	expect "no CXL bus is a clear failure" 1 "no CXL bus" -- list
	expect "errors without a CXL bus" 1 "no CXL bus" -- errors -m mem0
fi
expect "--help explains each option" 0 "--no-movable +online into the kernel's zone" -- online --help
expect "--help explains the filters" 0 "-s, --serial <sns> +memdevs by serial" -- list --help
