#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The CLI on a fake CXL sysfs (tests/fakesys.sh), valgrind-clean: what a
# filter selects, what a destructive step asks for, that failures exit
# non-zero, and the JSON shapes. Re-executes itself in a private mount
# namespace, so the host's /sys and /dev are never touched.
cd "$(dirname "$0")/.."
if [ "${1:-}" != --inside ]; then
	exec unshare -rm --propagation private "$0" --inside
fi
. tests/fakesys.sh
fake_sysfs
pci=$B/pci/devices
vg=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect
    --error-exitcode=99)

# expect NAME STATUS PATTERN -- ARGS...: exit status and a line of output
# (stdout and stderr) matching PATTERN; !PATTERN: no line may match.
expect() {
	local name=$1 want=$2 pattern=$3 out rc ok=1
	shift 4
	out=$("${vg[@]}" ./cxl-leo "$@" 2>&1 </dev/null)
	rc=$?
	[ "$rc" = "$want" ] || ok=
	if [ "${pattern:0:1}" = '!' ]; then
		! echo "$out" | grep -qE -- "${pattern:1}" || ok=
	else
		echo "$out" | grep -qE -- "$pattern" || ok=
	fi
	if [ -n "$ok" ]; then
		echo "PASS cli-fake: $name"
	else
		echo "FAIL cli-fake: $name: exit $rc (want $want), output: $(echo "$out" | head -n 4 | tr '\n' ' ')"
	fi
}

# stdout only, for shape checks: expect_out NAME PATTERN -- ARGS...
expect_out() {
	local name=$1 pattern=$2 out
	shift 3
	out=$("${vg[@]}" ./cxl-leo "$@" 2>/dev/null </dev/null | tr -d ' \n')
	if echo "$out" | grep -qE -- "$pattern"; then
		echo "PASS cli-fake: $name"
	else
		echo "FAIL cli-fake: $name: stdout: ${out:0:200}"
	fi
}

check() {	# check NAME CMD...
	local name=$1
	shift
	if "$@"; then echo "PASS cli-fake: $name"; else echo "FAIL cli-fake: $name"; fi
}

members() {	# members ARGS...: the memdev names a listing prints, space separated
	./cxl-leo "$@" 2>/dev/null </dev/null | sed -n 's/.*"memdev": "\(mem[0-9]*\)".*/\1/p' | tr '\n' ' '
}

regions() {	# regions ARGS...: the region names printed
	./cxl-leo "$@" 2>/dev/null </dev/null | sed -n 's/.*"region": "\(region[0-9]*\)".*/\1/p' | tr '\n' ' '
}

edac=$B/edac/devices
acts() {	# acts ID GROUP: where the tool is to act on memID's GROUP (fakesys.sh)
	case $1 in
	0|2) echo "$edac/cxl_mem$1/$2" ;;
	*) echo "$(readlink -f "$B/cxl/devices/mem$1/..")/$2" ;;
	esac
}

attrs() {	# attrs ATTR: every memdev's scrub0/ATTR, space separated
	local id
	for id in 0 1 2 8; do printf '%s ' "$(cat "$(acts "$id" scrub0)/$1")"; done
}

cycles() {	# every memdev's scrub cycle, for "nothing else changed"
	attrs current_cycle_duration
}

# --- selection: empty filters select nothing, and are refused
expect "list -m '' is refused, nothing selected" 2 "-m '': an empty filter selects nothing" -- list -m ''
expect "list -m ' , ' (separators only) is refused" 2 "empty filter" -- list -m ' , '
expect "list -s '' is refused" 2 "-s '': an empty filter" -- list -s ''
expect "list -r '' is refused" 2 "-r '': an empty filter" -- list -r ''
before=$(cycles)
expect "scrub -m '' --cycle-hours 24 is refused" 2 "empty filter selects nothing" -- scrub -m '' --cycle-hours 24
expect "scrub '' (positional, from an unset variable) is refused" 2 "empty memdev name" -- scrub '' --cycle-hours 24
check "no scrub cycle changed by the refused empty filters" test "$(cycles)" = "$before"
expect "online '' is refused" 2 "empty memdev name selects nothing" -- online ''
expect "offline '' is refused" 2 "empty region name selects nothing" -- offline ''
expect "repair '' is refused" 2 "empty memdev name" -- repair '' --dpa 0x1000
expect "ecs -m '' is refused" 2 "empty filter" -- ecs -m ''
expect "poison -m '' is refused" 2 "empty filter" -- poison -m ''
expect "monitor -m '' is refused" 2 "empty filter" -- monitor -m ''
expect "health -b '' is refused" 2 "-b '': an empty filter" -- health -b ''
expect "decoders -d '' is refused" 2 "-d '': an empty filter" -- decoders -d ''

# --- serials: only with -s, decimal or 0x-hex, never the 0 of a device without DSN
expect "list -s 0 selects neither device without a DSN" 1 "no memdev matches serial '0'" -- list -s 0
check "list -s 0x1234 selects only mem2" test "$(members list -s 0x1234)" = "mem2 "
check "list -s 4660 (decimal, as cxl list prints) selects only mem2" test "$(members list -s 4660)" = "mem2 "
check "list -s 0,0x1234 selects only mem2" test "$(members list -s 0,0x1234)" = "mem2 "
expect "list -s junk is a usage error" 2 "decimal or 0x-hex" -- list -s 12ab
expect "online -s 0 creates nothing over the two DSN-less devices" 1 "no memdev matches serial '0'" -- online -s 0
expect "scrub -s 0 --enable changes nothing" 1 "no memdev matches" -- scrub -s 0 --enable
check "list -m 0 is mem0 (an id), not serial 0" test "$(members list -m 0)" = "mem0 "
expect "list -m 0x1234: -m does not match serials" 1 "no memdev matches '0x1234'" -- list -m 0x1234
check "list -m 0000:0f:00.0 (PCI host, as cxl-cli) selects mem2" test "$(members list -m 0000:0f:00.0)" = "mem2 "
check "list -m 'mem1 mem2' selects both" test "$(members list -m 'mem1 mem2')" = "mem1 mem2 "

# --- numbers: decimal or 0x-hex, never octal
expect "list -m 010 is mem10 (absent), never mem8" 1 "no memdev matches '010'" -- list -m 010
check "list -m 08 is mem8" test "$(members list -m 08)" = "mem8 "
expect "list -s 010 is serial 10, not mem8's serial 8" 1 "no memdev matches serial '010'" -- list -s 010
expect "scrub --cycle-hours 010 is 10 hours" 0 '"current_cycle_duration": 36000' -- scrub mem8 --cycle-hours 010
expect "offline --node 010 is node 10" 1 "no CXL region matches on NUMA node 10" -- offline -n --node 010

# --- a bare number is the command's device, in every command
check "offline -n 1 is region1 alone, not the regions of NUMA node 1" test "$(regions offline -n 1)" = "region1 "
expect "offline node1 points at --node" 2 "select a NUMA node with --node 1" -- offline node1
expect_out "online 0 is mem0: its region, already online" '"region":"region0","state":"alreadyonline"' -- online 0
"${vg[@]}" ./cxl-leo scrub 2 --cycle-hours 24 >/dev/null 2>&1 </dev/null
check "scrub 2 --cycle-hours 24 changes mem2 alone" test "$(cycles)" = "43200 43200 86400 36000 "

# --- offline acts on every region the selector names
check "offline -n --node 1 names both regions on node 1" test "$(regions offline -n --node 1)" = "region0 region1 "
check "offline -n -m mem1 is mem1's region" test "$(regions offline -n -m mem1)" = "region1 "
check "offline -n -s 8 is mem8's region" test "$(regions offline -n -s 8)" = "region2 "
check "offline -n -b root0 -d 2.0 is region0 (its endpoint decoder)" test "$(regions offline -n -b root0 -d 2.0)" = "region0 "
check "offline -n -d decoder1.0 (a switch decoder) is the region it decodes, region1" test "$(regions offline -n -d decoder1.0)" = "region1 "
check "offline -n -d switch: the regions decoding through any switch decoder" test "$(regions offline -n -d switch)" = "region1 "
expect "offline -d 1.0 -m mem0: region0 does not decode through decoder1.0" 1 "no CXL region matches" -- offline -n -d 1.0 -m mem0
expect "offline region9: named, exit 1" 1 "no CXL region matches 'region9'" -- offline region9
expect "offline needs a selector" 2 "name the regions" -- offline
expect "offline -m mem2 (in no region) fails" 1 "no CXL region matches" -- offline -m mem2

# --- filters that match nothing are errors everywhere
expect "decoders -m mem7: exit 1" 1 "no decoder matches" -- decoders -m mem7
expect "health -m mem7: exit 1" 1 "no memdev matches 'mem7'" -- health -m mem7
expect "errors -s 0: exit 1" 1 "no memdev matches serial" -- errors -s 0
expect "monitor -m mem7: exit 1 before tracing" 1 "no memdev matches 'mem7'" -- monitor -m mem7 --count 1
expect "poison -r region7: exit 1" 1 "no memdev matches region 'region7'" -- poison -r region7
expect "repair -m mem7: exit 1" 1 "no memdev matches 'mem7'" -- repair -m mem7
expect "ecs 7: exit 1" 1 "no memdev matches '7'" -- ecs 7
expect_out "decoders -d endpoint: endpoint decoders only" '^\[\{"decoder":"decoder2.0","kind":"endpoint"' -- decoders -d endpoint
expect "decoders -d endpoint has no root decoder" 0 '!"kind": "root"' -- decoders -d endpoint
expect_out "decoders -d root: the root decoder only" '^\[\{"decoder":"decoder0.0","kind":"root"[^{]*\}\]$' -- decoders -d root
expect_out "decoders -m 0000:0d:00.0 (host) is mem0's decoder" '^\[\{"decoder":"decoder2.0","kind":"endpoint"[^{]*\}\]$' -- decoders -m 0000:0d:00.0
expect "a positional memdev and -m together are refused" 2 "positionally or with -m, not both" -- scrub mem0 -m mem1
expect "repair acts on one memdev (a DPA is per device): two are refused" 1 "selects 2 memdevs \(mem0, mem1\)" -- repair mem0 mem1 --dpa 0x1000
"${vg[@]}" ./cxl-leo scrub mem0 mem1 --enable >/dev/null 2>&1 </dev/null
check "scrub mem0 mem1 --enable: both, as cxl-cli's memdev commands, nothing else" test "$(attrs enable_background)" = "1 1 0 0 "

# --- destructive steps: told what goes, then --force or a terminal
expect "hard PPR without --force and no terminal: refused" 1 "add --force" -- repair mem2 --hard --dpa 0x1000
expect "hard PPR says what it destroys first" 1 "hard PPR of mem2 .*permanently replaces the DRAM row" -- repair mem2 --hard --dpa 0x1000
check "refused hard PPR wrote nothing" sh -c "test ! -s $edac/cxl_mem2/mem_repair1/repair && test ! -s $edac/cxl_mem2/mem_repair1/confirm_dpa"
expect "hard PPR with --force goes ahead" 0 '"persist_mode": "hard"' -- repair mem2 --hard --dpa 0x1000 --force
check "forced hard PPR staged DPA 0x1000 and repaired" sh -c "test \"\$(cat $edac/cxl_mem2/mem_repair1/dpa)\" = 0x1000 && test \"\$(cat $edac/cxl_mem2/mem_repair1/repair)\" = 1"
check "forced hard PPR confirmed the same DPA to the driver" test "$(cat $edac/cxl_mem2/mem_repair1/confirm_dpa)" = 0x1000
expect "soft PPR needs no consent" 0 '"persist_mode": "soft"' -- repair mem2 --dpa 0x2000
check "the repairs of mem2 went to its EDAC device, not the PCI device's copy" \
	sh -c "test \"\$(cat $edac/cxl_mem2/mem_repair0/dpa)\" = 0x2000 && test ! -s $pci/0000:0f:00.0/mem_repair0/dpa && test ! -s $pci/0000:0f:00.0/mem_repair1/repair"
expect "offline --sanitize without --force and no terminal: refused" 1 "add --force" -- offline --sanitize region0
expect "offline --sanitize names the devices it erases first" 1 "erases ALL data on 1 device.*|mem0 \(serial 0, PCI 0000:0d:00.0\)" -- offline --sanitize region0
check "refused sanitize left region0 and wrote no sanitize" sh -c "test -e $B/cxl/devices/region0 && test ! -s $B/cxl/devices/mem0/security/sanitize && test \"\$(cat $B/cxl/devices/region0/commit)\" = 1"
expect "offline -n --sanitize tells, changes nothing" 0 "erases ALL data" -- offline -n --sanitize region0
if command -v script >/dev/null; then
	out=$(echo no | script -qec "./cxl-leo offline --sanitize region1" /dev/null 2>&1)
	check "at a terminal, anything but 'yes' refuses" sh -c "echo '$out' | grep -q 'not confirmed' && test -e $B/cxl/devices/region1"
fi

# --- offline --sanitize: the range wipe where the device has one, else the whole device
mo=$pci/0000:10:00.0/media_ops
expect "offline -n --sanitize on a device with media_ops: range wipe, said so" 0 "sanitize: range wipe \(Media Operations\)" -- offline -n --sanitize region2
expect "range wipe names the DPA range and the operations" 0 "mem8 \(serial 8, PCI 0000:10:00.0\): DPA 0-0xfffffff, 256.00 MiB .*: sanitize, then zero$" -- offline -n --sanitize region2
expect "range wipe does not claim to erase the whole device" 0 "!erases ALL data" -- offline -n --sanitize region2
expect_out "offline -n --sanitize JSON: erase range, the recorded DPA range and operations" '"erase":"range","erased":\[\{"memdev":"mem8","dpa_resource":0,"dpa_size":268435456,"operations":\["sanitize","zero"\]\}\]' -- offline -n --sanitize region2
expect "offline -n --sanitize on a device without media_ops: whole device, and why" 0 "whole-device sanitize \(mem0 offers no range wipe" -- offline -n --sanitize region0
expect_out "whole-device JSON says so and why" '"erase":"device","erase_reason":"mem0offersnorangewipe\(noMediaOperations\)","erased":\[\{"memdev":"mem0"\}\]' -- offline -n --sanitize region0
expect "--whole-device asks for the whole device where a range wipe exists" 0 "whole-device sanitize \(--whole-device\)" -- offline -n --sanitize --whole-device region2
expect_out "--whole-device JSON: erase device" '"erase":"device","erase_reason":"--whole-device"' -- offline -n --sanitize --whole-device region2
expect "--whole-device without --sanitize: usage error" 2 "add --sanitize" -- offline -n --whole-device region2
put "$mo/granularity" 0x3000000
expect "a range off the device's granularity: whole device, and why" 0 "whole-device sanitize \(a range on mem8 is not on its 50331648-byte granularity\)" -- offline -n --sanitize region2
put "$mo/granularity" 64
check "dry runs wrote nothing to media_ops" sh -c "test ! -s $mo/dpa && test ! -s $mo/zero && test ! -s $mo/sanitize"
expect "offline --sanitize region2 without --force: refused after the statement" 1 "range wipe.*|add --force" -- offline --sanitize region2
check "refused range wipe left region2 and wrote nothing" sh -c "test \"\$(cat $B/cxl/devices/region2/commit)\" = 1 && test ! -s $mo/zero"

# --- zone balance: online weighs mem2's 512 MiB movable against the kernel zones
fake_zones 262144 0		# 1 GiB + 15 MiB of kernel zones, nothing movable
expect_out "online -n: 512 MiB next to 1 GiB of kernel zones is within 301 %" '"zone_balance":\{"kernel_bytes":1089470464,"movable_bytes":0,"adding_bytes":536870912,"memmap_dram_bytes":8388608,"page_table_bytes":1048576,.*"ratio_percent":49,"limit_percent":301,"over_limit":false' -- online -n mem2
expect "online -n within the limit exits 0" 0 '"over_limit": false' -- online -n mem2
expect "online -n --no-movable: no zone balance to weigh" 0 '!zone_balance' -- online -n --no-movable mem2
fake_zones 32768 0		# 143 MiB of kernel zones
expect "online -n past the limit: refused with the numbers" 1 "refused: a 1-way region on decoder0.0: 0.50 GiB more movable memory would make ZONE_MOVABLE : kernel zones 0.50 : 0.13 GiB \(382%\), past the limit of 301%" -- online -n mem2
expect "the refusal names what the kernel side loses" 1 "less 8.0 MiB for its memmap in DRAM and 1.0 MiB for the page tables" -- online -n mem2
expect "the refusal offers --no-movable" 1 "^    --no-movable" -- online -n mem2
expect "the refusal offers memmap on memory, still past the limit here" 1 "boot with memory_hotplug.memmap_on_memory=1: its memmap stays on the expander \(360% then: still past the limit\)" -- online -n mem2
expect "the refusal offers --force" 1 "^    --force" -- online -n mem2
expect "online past the limit: refused before anything is made" 1 "refused: a 1-way region" -- online mem2
check "the refused online created no region" test ! -e "$D/root0/decoder0.0/create_ram_region"
expect "online -n --force: past the limit, said, exit 0" 0 "forced past the zone balance limit" -- online -n --force mem2
expect_out "online -n --force: the plan says it was forced" '"over_limit":true,"forced":true' -- online -n --force mem2
fake_zones 32768 0 N 800
expect "the limit is the kernel's auto_movable_ratio (800 %)" 0 '"limit_percent": 800' -- online -n mem2
fake_zones 40960 0 N		# 175 MiB: only the memmap in DRAM tips it over
expect "memmap in DRAM tips 512 MiB over 175 MiB (308 %)" 1 "\(308%\), past the limit.*|memmap_on_memory=1: its memmap stays on the expander \(294% then: within the limit\)" -- online -n mem2
fake_zones 40960 0 Y
expect_out "booted with memmap_on_memory: no memmap in DRAM, 294 % passes" '"memmap_dram_bytes":0,.*"ratio_percent":294,"limit_percent":301,"over_limit":false' -- online -n mem2
fake_zones 32768 0 Y
expect "booted with memmap_on_memory, a refusal does not offer it again" 1 "!memmap_on_memory=1" -- online -n mem2
fake_zones 262144 786432	# 3 GiB already movable: 3.5 GiB next to 1 GiB
expect "movable memory already online counts" 1 "kernel zones 3.50 : 1.01 GiB \(347%\)" -- online -n mem2
fake_zones 262144 0

# --- apply-policy: the online policy file, and what a region with no kmem memory gets
printf 'online = offline\n' > /tmp/offline.conf
printf 'online = moveable\n' > /tmp/typo.conf
expect "apply-policy names one device" 2 "name one region, memdev or dax device" -- apply-policy
expect "apply-policy: a typo in the policy is an error naming the line" 1 "/tmp/typo.conf: line 1: online = 'moveable': want offline, movable or kernel" -- apply-policy --config /tmp/typo.conf region0
expect "apply-policy: a memdev in no region without an endpoint port: refused, exit 1" 1 "mem2 is in no region but it has no endpoint port \(cxl_mem not bound\): not touching it" -- apply-policy --config /tmp/offline.conf mem2
expect "apply-policy: a name that is nothing: nothing to apply, exit 0" 0 "no CXL region or memdev 'mem5': nothing to apply" -- apply-policy --config /tmp/offline.conf mem5
expect "apply-policy: online = offline on offline memory: unchanged" 0 '"action": "unchanged"' -- apply-policy --config /tmp/offline.conf region0
expect "apply-policy finds the region from its memdev" 0 '"region": "region1"' -- apply-policy --config /tmp/offline.conf mem1
expect "apply-policy finds the region from its dax device" 0 '"region": "region2"' -- apply-policy --config /tmp/offline.conf dax2.0
expect "apply-policy -n changes nothing, says the policy" 0 '"policy": "offline"' -- apply-policy -n --config /tmp/offline.conf region0
expect "apply-policy: no policy file is the defaults (movable)" 0 '"policy": "movable"' -- apply-policy -n --config /tmp/absent.conf region0

# --- the truth: failures exit non-zero and say what is left
expect "offline whose delete fails: exit 1, names what is left and how to remove it" 1 "region0: delete failed: .*left behind: remove it with 'cxl destroy-region -f region0'" -- offline region0
: > "$D/root0/decoder0.0/delete_region"	# from here on a delete succeeds
out=$("${vg[@]}" ./cxl-leo offline --node 1 2>&1 </dev/null | tr -d ' \n')
check "offline --node 1 takes both regions of the node, all reported offline" sh -c "echo '$out' | grep -q '\"region\":\"region0\",\"state\":\"offline\".*\"region\":\"region1\",\"state\":\"offline\"'"
# libcxl writes "0\n" over the old value (sysfs has no file length to truncate)
check "and both regions' capacity was freed" test "$(for f in "$D"/root0/port1/endpoint[23]/decoder[23].0/dpa_size; do head -c2 "$f"; done | tr '\n' ' ')" = "0 0 "
# region2 again after each offline: the fake keeps what libcxl tore down
region2_back() {
	local dec=$D/root0/port1/endpoint4/decoder4.0 r=$D/root0/decoder0.0/region2
	put "$r/commit" 1
	put "$r/target0" decoder4.0
	put "$dec/dpa_resource" 0
	put "$dec/dpa_size" 0x10000000
	put "$dec/region" region2
	[ -d "$mo" ] && for f in dpa length zero sanitize; do : > "$mo/$f"; done
	: > "$B/cxl/devices/mem8/security/sanitize"
}
region2_back
: > "$mo/sanitize" && rm "$mo/zero" && mkdir "$mo/zero"
expect "range wipe whose zero cannot be written: exit 1, says how far it got" 1 "zero of mem8 DPA 0-0xfffffff failed: .*0 of 1 ranges were erased before it" -- offline --sanitize --force region2
check "the failed wipe had staged the recorded range and sanitized it first" sh -c "test \"\$(cat $mo/dpa)\" = 0 && test \"\$(cat $mo/length)\" = 0x10000000 && test \"\$(cat $mo/sanitize)\" = 1"
rmdir "$mo/zero"
region2_back
put "$mo/status" failed
expect "range wipe the driver reports failed: exit 1, names it" 1 "sanitize of mem8: the driver reports 'failed'" -- offline --sanitize --force region2
region2_back
put "$mo/status" done
out=$("${vg[@]}" ./cxl-leo offline --sanitize --force region2 2>/tmp/cli-fake-wipe.err </dev/null | tr -d ' \n'; echo "rc=${PIPESTATUS[0]}")
check "offline --sanitize --force region2: exit 0, erase range reported" sh -c "echo '$out' | grep -q 'rc=0' && echo '$out' | grep -q '\"sanitized\":true,\"erase\":\"range\",\"erased\":\[{\"memdev\":\"mem8\",\"dpa_resource\":0,\"dpa_size\":268435456'"
check "range wipe staged the recorded range, sanitized then zeroed it" sh -c "test \"\$(cat $mo/dpa)\" = 0 && test \"\$(cat $mo/length)\" = 0x10000000 && test \"\$(cat $mo/sanitize)\" = 1 && test \"\$(cat $mo/zero)\" = 1"
check "range wipe left the whole-device sanitize alone" test ! -s "$B/cxl/devices/mem8/security/sanitize"
check "stderr said what was erased, by range" grep -q "erases the device ranges the regions used, 1 range" /tmp/cli-fake-wipe.err
region2_back
rm -rf "$mo"
# (the fake keeps the torn-down decoder's region link, so the whole-device
# path meets its "still mapped" refusal: a failure that must exit non-zero)
expect "a device without media_ops falls back to the whole device, said why" 1 "whole-device sanitize \(mem8 offers no range wipe" -- offline --sanitize --force region2
expect "a region with no targets left: --sanitize refused before anything changes" 1 "region2 has no endpoint decoder to tell what it maps; refusing" -- offline --sanitize --force region2
region2_back
# --- release: checks first, then offline, regions, slot power, JSON per step
put "$B/pci/slots/2/address" 0000:0d:00
put "$B/pci/slots/2/power" 1
put "$B/pci/slots/5/address" 0000:10:00
put "$B/pci/slots/5/power" 1
expect "release needs a memdev" 2 "name the memdev" -- release
expect "release of a memdev in no hot-plug slot: refused first, exit 1" 1 "PCI 0000:0e:00.0 is in no hot-plug slot.*nothing was changed" -- release mem1
expect "release -n names the steps" 0 '"step": "would power off"' -- release -n mem8
check "release -n changed nothing" sh -c "test -e $B/cxl/devices/region2 && test \"\$(cat $B/pci/slots/5/power)\" = 1"
expect "release --sanitize without --force and no terminal: refused" 1 "add --force" -- release --sanitize mem8
check "refused release left region2 and the slot" sh -c "test \"\$(cat $B/cxl/devices/region2/commit)\" = 1 && test \"\$(cat $B/pci/slots/5/power)\" = 1"
chmod 0444 "$B/pci/slots/2/power"
out=$(setpriv --bounding-set=-dac_override,-dac_read_search ./cxl-leo release mem0 2>&1 </dev/null | tr -d ' \n')
check "release whose power-off is refused: exit 1, the failed step last with its error" \
	sh -c "echo '$out' | grep -q '\"released\":false.*{\"step\":\"power-off\",\"slot\":\"2\",\"error\":\"slotpoweroffrefused'"
chmod 0644 "$B/pci/slots/2/power"
out=$("${vg[@]}" ./cxl-leo release mem8 2>&1 </dev/null | tr -d ' \n'; echo "rc=${PIPESTATUS[0]}")
check "release mem8: offline, destroy-region, power-off, in that order, exit 0" \
	sh -c "echo '$out' | grep -q '\"memdev\":\"mem8\".*\"released\":true.*\"step\":\"offline\".*{\"step\":\"destroy-region\",\"region\":\"region2\"}.*{\"step\":\"power-off\",\"slot\":\"5\"}.*rc=0'"
check "release mem8 powered slot 5 off" test "$(head -c1 $B/pci/slots/5/power)" = 0

out=$("${vg[@]}" ./cxl-leo list 2>&1 >/dev/full; echo "rc=$?")
check "list > /dev/full: exit 1, said once" sh -c "echo '$out' | grep -q 'rc=1' && test \$(echo '$out' | grep -c 'cannot write') = 1"
chmod 0444 "$pci/0000:10:00.0/scrub0/current_cycle_duration"
out=$(setpriv --bounding-set=-dac_override,-dac_read_search ./cxl-leo scrub mem8 --cycle-hours 12 2>&1 </dev/null)
check "EACCES named as such, with the capability to get (exit 1)" sh -c "echo '$out' | grep -q 'Permission denied (needs CAP_SYS_ADMIN: run as root)' && ! echo '$out' | grep -q 'Cannot allocate'"

# --- RAS controls: upstream's place (the EDAC device) first, else the PCI device's copy
"${vg[@]}" ./cxl-leo scrub mem0 mem1 --cycle-hours 5 >/dev/null 2>&1 </dev/null
check "scrub on mem0 (EDAC device) changed its EDAC copy" test "$(cat $edac/cxl_mem0/scrub0/current_cycle_duration)" = 18000
check "and left mem0's deprecated PCI copy alone" test "$(cat $pci/0000:0d:00.0/scrub0/current_cycle_duration)" = 43200
check "scrub on mem1 (no EDAC device) fell back to the PCI device" test "$(cat $pci/0000:0e:00.0/scrub0/current_cycle_duration)" = 18000
echo 7200 > $pci/0000:0d:00.0/scrub0/current_cycle_duration
expect_out "scrub mem0 shows the EDAC device's values" '"memdev":"mem0","scrub":\{[^}]*"current_cycle_duration":18000' -- scrub mem0
"${vg[@]}" ./cxl-leo ecs mem0 --fru 0 --threshold 256 >/dev/null 2>&1 </dev/null
"${vg[@]}" ./cxl-leo ecs mem8 --fru 0 --threshold 4096 >/dev/null 2>&1 </dev/null
check "ecs on mem0 changed the EDAC copy only" \
	sh -c "test \"\$(cat $edac/cxl_mem0/ecs_fru0/threshold)\" = 256 && test \"\$(cat $pci/0000:0d:00.0/ecs_fru0/threshold)\" = 1024"
check "ecs on mem8 (no EDAC device) changed the PCI device's" test "$(cat $pci/0000:10:00.0/ecs_fru0/threshold)" = 4096
expect_out "ecs mem0 lists the EDAC device's FRU" '"memdev":"mem0","ecs":\[\{[^}]*"threshold":256' -- ecs mem0
put "$edac/cxl_mem0/ecs_fru7/threshold" 4096
put "$edac/cxl_mem0/ecs_fru7/mode" 1
expect_out "ecs lists FRUs up to ecs_fru7, as cxl_leo shows them" '\{[^}]*"threshold":4096[^}]*"fru":7\}' -- ecs mem0
"${vg[@]}" ./cxl-leo ecs mem0 --fru 7 --mode row >/dev/null 2>&1 </dev/null
check "ecs --fru 7 changes FRU 7" test "$(cat $edac/cxl_mem0/ecs_fru7/mode)" = 0
expect_out "repair instances are named alike at both places" '"instance":"mem_repair0".*"instance":"mem_repair1"' -- repair mem1
"${vg[@]}" ./cxl-leo repair mem1 --dpa 0x3000 >/dev/null 2>&1 </dev/null
check "repair on mem1 (no EDAC device) staged on the PCI device" test "$(cat $pci/0000:0e:00.0/mem_repair0/dpa)" = 0x3000
rm -r "$edac/cxl_mem0/mem_repair0" "$edac/cxl_mem0/mem_repair1"
"${vg[@]}" ./cxl-leo repair mem0 --dpa 0x4000 >/dev/null 2>&1 </dev/null
check "a group the EDAC device lacks is taken from the PCI device (per group)" \
	sh -c "test \"\$(cat $pci/0000:0d:00.0/mem_repair0/dpa)\" = 0x4000 && test \"\$(cat $edac/cxl_mem0/scrub0/current_cycle_duration)\" = 18000"

# --- output shapes
expect_out "list of one memdev is still an array" '^\[\{"memdev":"mem2"' -- list -m mem2
expect_out "serials are numbers" '"serial":4660' -- list -m mem2
expect_out "-u: serial as 0x-hex, sizes human, as cxl-cli -u" '"serial":"0x1234".*"ram_size":"512.00MiB\(536.87MB\)"' -- -u list -m mem2
expect_out "-u: one result is the bare object, as cxl-cli -u unwraps it" '^\{"memdev":"mem2",[^[]*"regions":\[\]\}$' -- -u list -m mem2
expect_out "-u: several results stay an array" '^\[\{"memdev":"mem0".*\{"memdev":"mem8"' -- -u list
expect_out "-u decoders -d root: the one decoder, unwrapped" '^\{"decoder":"decoder0.0","kind":"root","resource":"0x100000000"' -- -u decoders -d root
check "-u with nothing matched: nothing on stdout (as cxl-cli -u), exit 1" sh -c "test -z \"\$(./cxl-leo -u list -m mem7 2>/dev/null)\" && ! ./cxl-leo -u list -m mem7 2>/dev/null"
expect_out "without -u nothing matched is still []" '^\[\]$' -- list -m mem7
expect "--table: rows under a header" 0 "^memdev +serial" -- --table list
check "--table -u of one result: still a row under its header" sh -c "test \"\$(./cxl-leo --table -u list -m mem2 2>/dev/null | awk '{print \$1, \$2}' | tr '\n' ' ')\" = 'memdev serial mem2 0x1234 '"
check "--table with nothing matched: nothing on stdout, exit 1" sh -c "test -z \"\$(./cxl-leo --table health -m mem7 2>/dev/null)\" && ! ./cxl-leo --table health -m mem7 2>/dev/null"
expect_out "scrub shows every selected memdev as an array" '^\[\{"memdev":"mem2","scrub":\{' -- scrub mem2
expect_out "offline -n output is an array" '^\[' -- offline -n 2

# A region's NUMA node comes from libcxl -> libdaxctl (its dax device's
# target node), the same path online and offline take.
expect_out "list: a region's NUMA node from its dax device" '"region":"region2","numa_node":2' -- list -m mem8
expect_out "decoders: the region's NUMA node" '"region":"region2","numa_node":2' -- decoders -r region2
expect_out "usage: each region with its node" '"numa_node":2,"region":"region2"' -- usage

# --- bash completion offers the values from sysfs
. ./cxl-leo.bash-completion
complete_words() {	# complete_words WORDS...: what TAB offers after them
	COMP_WORDS=(cxl-leo "$@" "")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_cxl_leo
	echo " ${COMPREPLY[*]} "
}
check "completion: online offers the memdevs" sh -c "echo '$(complete_words online)' | grep -q ' mem0 mem1 mem2 mem8 '"
check "completion: offline offers the regions" sh -c "echo '$(complete_words offline)' | grep -q ' region0 region1 region2 '"
check "completion: -s offers the real serials, not the 0 of DSN-less devices" test "$(complete_words list -s)" = " 4660 8 "
check "completion: -d offers the kinds" sh -c "echo '$(complete_words -u decoders -d)' | grep -q ' root switch endpoint '"
check "completion: help offers the commands" sh -c "echo '$(complete_words help)' | grep -q ' offline '"

# --- apply-policy on a memdev in no region (hot-added pooled capacity)
fake_endpoint 5 2
put "$D/root0/port1/endpoint5/decoder5.0/dpa_size" 0
printf 'online = kernel\n' > /tmp/kernel.conf
printf 'online = movable\nmemmap = expander\n' > /tmp/expander.conf
expect "apply-policy -n on a free memdev: the region cxl-leo online would make" 0 '"plan": "create ram region"' -- apply-policy -n --config /tmp/absent.conf mem2
expect_out "apply-policy -n on a free memdev: the plan, its zone balance and the policy" '"plan":"createramregion","root_decoder":"decoder0.0","size":536870912.*"memdevs":\["mem2"\],"zone_balance":\{.*"policy":\{"online":"movable","memmap":"any","action":"wouldcreateandonline"\}' -- apply-policy -n --config /tmp/absent.conf mem2
expect "apply-policy offline on a free memdev: no region made, exit 0" 0 '"action": "left without a region"' -- apply-policy --config /tmp/offline.conf mem2
check "apply-policy offline made nothing" sh -c "test \"\$(head -c1 $D/root0/port1/endpoint5/decoder5.0/dpa_size)\" = 0"
expect "apply-policy kernel on a free memdev builds as cxl-leo online does (the fake's window cannot): exit 1" 1 "create region failed" -- apply-policy --config /tmp/kernel.conf mem2
expect "apply-policy memmap = expander on a kernel with the memmap in DRAM: no region, exit 1" 1 "mem2: the policy wants the memmap on the expander.*left without a region" -- apply-policy --config /tmp/expander.conf mem2
put "$D/root0/port1/endpoint5/decoder5.0/dpa_size" 0x10000000
expect "apply-policy: a decoder holding capacity with no region is someone's region in the making: refused, exit 1" 1 "mem2 is in no region but decoder5.0 holds 268435456 bytes of its capacity with no region: not touching it" -- apply-policy --config /tmp/kernel.conf mem2
put "$D/root0/port1/endpoint5/decoder5.0/dpa_size" 0
put "$D/root0/port1/endpoint5/decoder5.0/locked" 1
expect "apply-policy: a locked decoder: refused, exit 1" 1 "mem2 is in no region but decoder5.0 is locked: not touching it" -- apply-policy -n --config /tmp/kernel.conf mem2
put "$D/root0/port1/endpoint5/decoder5.0/locked" 0
rm "$pci/0000:0f:00.0/driver"
expect "apply-policy: a memdev not under cxl_leo is left alone, exit 0" 0 "mem2 is not Leo capacity \(not under cxl_leo\): left alone" -- apply-policy --config /tmp/kernel.conf mem2
ln -s "$B/pci/drivers/cxl_leo" "$pci/0000:0f:00.0/driver"

rm "$B"/cxl/devices/*
expect "no memdevs: [] and a note on stderr, exit 0" 0 "no memdevs" -- list
expect_out "no memdevs: stdout is []" '^\[\]$' -- list
