#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Progress of long operations: cxl_leo's cxl_leo/background_* attributes
# follow the device's Background Command Status while a firmware transfer
# runs (cheap reads that never wait behind it); cxl-leo update-firmware and
# offline --sanitize show progress rising monotonically to 100 %, as JSON
# records (--progress=json) and as the bar (--progress=bar, the terminal
# renderer; its in-place redraw is unit-tested too); onlining and offlining
# count memory blocks; a Ctrl-C during the firmware wait says what is still
# running and the device finishes it. QEMU 10.0.2's Background Command
# Status reads 0 % until a command is done, so the steps in between come
# from the firmware image's parts (4 x 1920 bytes).
# topology: single
# timeout: 420
. /e2e/lib.sh

# percents FILE OP: the percentages the progress output of OP showed, in order.
percents() {
	if grep -q '^{' "$1"; then
		grep "\"operation\":\"$2\"" "$1" | grep -o '"percent":[0-9]*' | cut -d: -f2
	else
		tr '\r' '\n' < "$1" | grep "^$2 " | grep -o ' [0-9]*%' | tr -d ' %'
	fi
}

# has_cr FILE: the bar was redrawn in place (carriage returns, not new lines).
has_cr() {
	! tr -d '\r' < "$1" | cmp -s - "$1"
}

# rises_to_100 FILE OP [MIN]: at least MIN (3) values, never down, last 100,
# and with MIN 3 one strictly between 0 and 100.
rises_to_100() {
	percents "$1" "$2" | awk -v min="${3:-3}" 'NR > 1 && $1 < prev { bad = 1 }
		$1 > 0 && $1 < 100 { mid = 1 } { prev = $1; n++ }
		END { exit !(n >= min && !bad && (mid || min < 3) && prev == 100) }'
}

# sample_bg PID OUT: the device's background percent while PID runs.
sample_bg() {
	: > "$2"
	while kill -0 "$1" 2>/dev/null; do
		[ "$(cat $leo/background_name)" != none ] &&
			echo "$(cat $leo/background_percent) $(cat $leo/background_started) $(cat $leo/background_opcode)" >> "$2"
		sleep 0.1
	done
}

load_cxl_core
check "cxl_leo loads" load_pci_driver cxl_leo bind_any_cxl_mem=1
wait_for 10 test -e /sys/bus/cxl/devices/mem0
d=/sys/bus/pci/devices/$(memdev_bdf mem0)
fwl=/sys/bus/cxl/devices/mem0/firmware/mem0
leo=$d/cxl_leo

check "background: idle device shows none" sh -c "grep -qx none $leo/background_opcode && grep -qx none $leo/background_name"
check "background: percent readable" grep -qE '^[0-9]+$' "$leo/background_percent"

# Four Transfer FW parts (1920-byte chunks of a 2 KiB mailbox), 2 s each on QEMU.
dd if=/dev/urandom of=/tmp/fw.bin bs=7680 count=1 2>/dev/null

# Driver side: sample background_* while the update runs.
cxl-leo --progress=json update-firmware -m mem0 --file /tmp/fw.bin \
	> /tmp/fw1.out 2> /tmp/fw1.json &
pid=$!
sample_bg $pid /tmp/samples
wait $pid
rc=$?
check "update-firmware --progress=json: exit 0" test "$rc" = 0
check "update-firmware: result on stdout" grep -q '"state": "updated"' /tmp/fw1.out
check "update-firmware: image landed in slot 2 (QEMU: \"BWFW VERSION 1\")" grep -q "^BWFW VERSION 1" "$d/firmware/slot2_revision"
check "update-firmware: JSON records rise to 100 % ($(percents /tmp/fw1.json update-firmware | tr '\n' ' '))" rises_to_100 /tmp/fw1.json update-firmware
check "update-firmware: last record says done" sh -c "tail -n 1 /tmp/fw1.json | grep -q '\"state\":\"done\"'"
check "update-firmware: records count bytes of the image" grep -q '"total":7680,"unit":"bytes"' /tmp/fw1.json
check "background: the transfer was visible as opcode 0x0201 ($(wc -l < /tmp/samples) samples)" sh -c "test \$(wc -l < /tmp/samples) -ge 3 && grep -q ' 0x0201\$' /tmp/samples"
check "background: started is the time the driver started it" sh -c "awk -v now=\$(date +%s) '\$2 < now - 120 || \$2 > now { bad = 1 } END { exit bad }' /tmp/samples"
info "device-reported percentages during the transfer: $(cut -d' ' -f1 /tmp/samples | tr '\n' ' ')"
check "background: idle again afterwards" grep -qx none "$leo/background_opcode"

cxl-leo --progress=bar update-firmware -m mem0 --file /tmp/fw.bin > /tmp/fw2.out 2> /tmp/fw2.bar
check "update-firmware --progress=bar: exit 0" test $? = 0
check "update-firmware bar: redrawn in place" has_cr /tmp/fw2.bar
check "update-firmware bar: names the operation and memdev" grep -q 'update-firmware mem0 \[' /tmp/fw2.bar
check "update-firmware bar: rises to 100 % ($(percents /tmp/fw2.bar update-firmware | tr '\n' ' '))" rises_to_100 /tmp/fw2.bar update-firmware
check "update-firmware bar: an estimate while running" grep -q 's left' /tmp/fw2.bar

# Ctrl-C: the wait ends, the device and the loader finish the update.
cxl-leo --progress=json update-firmware -m mem0 --file /tmp/fw.bin > /tmp/fw3.out 2> /tmp/fw3.err &
pid=$!
sleep 3
kill -INT $pid
wait $pid
rc=$?
check "Ctrl-C during update-firmware: exit 1" test "$rc" = 1
check "Ctrl-C: says the update is still running on the device" grep -q "interrupted: the firmware update of mem0 is still running on the device" /tmp/fw3.err
check "Ctrl-C: says how to follow it" grep -q "background_percent.*remaining_size" /tmp/fw3.err
check "Ctrl-C: last record says interrupted" grep -q '"state":"interrupted"' /tmp/fw3.err
check "Ctrl-C: no result on stdout" test ! -s /tmp/fw3.out
check "after Ctrl-C the loader finishes on its own" wait_for 60 grep -qx idle "$fwl/status"
check "after Ctrl-C the update succeeded" sh -c "test -z \"\$(cat $fwl/error)\""

# Onlining and offlining count memory blocks (512 MiB: four of 128 MiB).
out=$(cxl-leo --progress=json online mem0 2> /tmp/on.json)
check "online mem0" sh -c "echo '$out' | grep -q '\"state\": \"online\"'"
check "online: block records rise to 100 % ($(percents /tmp/on.json online | tr '\n' ' '))" rises_to_100 /tmp/on.json online 2
# (after the records, stderr may warn where the memmap went)
check "online: records count the region's 4 memory blocks" sh -c "grep '\"unit\":\"blocks\"' /tmp/on.json | tail -n 1 | grep -q '\"state\":\"done\",\"percent\":100,\"done\":4,\"total\":4,\"unit\":\"blocks\"'"

# Sanitize between tenants, JSON then bar: the whole-device Sanitize
# (QEMU 11.1 offers range wipes too; leo-range-wipe.sh covers those).
region=$(echo "$out" | sed -n 's/.*"region": "\(region[0-9]*\)".*/\1/p')
cxl-leo --progress=json offline --sanitize --whole-device --force "$region" > /tmp/san1.out 2> /tmp/san1.json &
pid=$!
sample_bg $pid /tmp/san-samples
wait $pid
check "offline --sanitize --progress=json: exit 0" test $? = 0
info "device-reported percentages during sanitize: $(cut -d' ' -f1 /tmp/san-samples | sort -un | tr '\n' ' ')"
check "sanitize: visible as opcode 0x4400 while it ran" grep -q ' 0x4400$' /tmp/san-samples
check "sanitize: sanitized" grep -q '"sanitized": true' /tmp/san1.out
# One Sanitize command: its progress is what the device reports (QEMU 10.0.2
# holds 0 until done), so no value in between is required here.
check "sanitize: JSON records rise to 100 % ($(percents /tmp/san1.json sanitize | tr '\n' ' '))" rises_to_100 /tmp/san1.json sanitize 2
check "sanitize: records name the operation and memdev" grep -q '"operation":"sanitize","device":"mem0"' /tmp/san1.json
check "offline before it: block records rise to 100 % ($(percents /tmp/san1.json offline | tr '\n' ' '))" rises_to_100 /tmp/san1.json offline 2

out=$(cxl-leo online mem0)
region=$(echo "$out" | sed -n 's/.*"region": "\(region[0-9]*\)".*/\1/p')
cxl-leo --progress=bar offline --sanitize --whole-device --force "$region" > /tmp/san2.out 2> /tmp/san2.bar
check "offline --sanitize --progress=bar: exit 0" test $? = 0
check "sanitize bar: rises to 100 % ($(percents /tmp/san2.bar sanitize | tr '\n' ' '))" rises_to_100 /tmp/san2.bar sanitize 2

# Not asked, not a terminal: stderr stays quiet.
out=$(cxl-leo online mem0)
region=$(echo "$out" | sed -n 's/.*"region": "\(region[0-9]*\)".*/\1/p')
cxl-leo offline --sanitize --whole-device --force "$region" > /tmp/san3.out 2> /tmp/san3.err
check "offline --sanitize without --progress on a pipe: exit 0" test $? = 0
# What a sanitize erases is always said first (cxl-leo-offline(1)); no progress follows it.
check "offline --sanitize without --progress on a pipe: no progress on stderr" sh -c "! grep -qE '\"operation\"|\\[[#.]' /tmp/san3.err && grep -q 'erases ALL data' /tmp/san3.err"
check "no background-command complaints in the kernel log" sh -c "! dmesg | grep -E 'cxl_leo.*(still running after|background command .* finished)'"
finish
