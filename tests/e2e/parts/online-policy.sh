# SPDX-License-Identifier: GPL-2.0-only
# The online-policy steps of leo-policy.sh and leo-policy-offline.sh, which
# differ only in the kernel's own auto-online (POLICY_BOOT names it): udev
# runs cxl-leo apply-policy when a region's dax device binds, and each new
# region ends in the state /etc/cxl-leo/online.conf names, whatever the
# kernel did with the memory first. Sourced after /e2e/lib.sh.
export PATH=/usr/bin:$PATH	# the installed tool
policy() {	# policy ONLINE: the operator's choice
	printf '# set by the test\nonline = %s\nmemmap = any\n' "$1" > /etc/cxl-leo/online.conf
}
new_region() {	# new_region TAG: a fresh region made by hand, as an orchestrator would
	cxl create-region -m -d decoder0.0 -t ram mem0 >/dev/null 2>/tmp/err ||
		{ fail "$1: create-region: $(tail -n 2 /tmp/err | tr '\n' ' ')"; return 1; }
	udevadm settle --timeout=60
}
region() {	# the one region (ids grow as regions come and go)
	basename "$(ls -d /sys/bus/cxl/devices/region* 2>/dev/null | head -n 1)"
}
dax() {	# its dax device
	basename "$(ls -d /sys/bus/dax/devices/dax* 2>/dev/null | head -n 1)"
}
drop_region() {
	cxl-leo offline "$(region)" >/dev/null
}

info "boot: $POLICY_BOOT, auto_online_blocks=$(cat /sys/devices/system/memory/auto_online_blocks)"
udev_coldplug
check "udev loaded cxl_leo; mem0 is Leo capacity" test "$(pci_driver_of "$(memdev_bdf mem0)")" = cxl_leo
check "the policy rule and file are installed" sh -c "test -s /lib/udev/rules.d/81-cxl-leo-online.rules && grep -q '^online = movable' /etc/cxl-leo/online.conf"
# QEMU commits no decoders: mem0 binds in no region, and the shipped policy makes one.
wait_for 60 zone_pages_are 1 Movable 131072
check "mem0 arrived in no region: the shipped policy (movable) made its region, 4 blocks in ZONE_MOVABLE ($POLICY_BOOT boot)" \
	sh -c "test -n '$(region)' && test '$(zone_present 1 Movable)' = 131072"
wait_for 60 no_policy_running
drop_region

policy offline
new_region offline
check "online = offline: the region made, its memory offline ($POLICY_BOOT boot)" \
	wait_for 30 sh -c "test -e /sys/bus/cxl/devices/$(region) && test \"\$(daxctl list -d $(dax) | tr -d ' \n' | sed -n 's/.*\"online_memblocks\":\([0-9]*\).*/\1/p')\" = 0"
check "apply-policy by hand says nothing changes" sh -c "cxl-leo apply-policy $(region) | grep -q '\"action\": \"unchanged\"'"
drop_region

policy movable
new_region movable
check "online = movable: 4 blocks online in ZONE_MOVABLE ($POLICY_BOOT boot)" \
	wait_for 30 zone_pages_are 1 Movable 131072
check "movable: apply-policy by hand (by dax device) says it is in place" sh -c "cxl-leo apply-policy $(dax) | grep -q '\"action\": \"unchanged\"'"
drop_region
check "movable memory went offline again, region gone" test -z "$(ls /sys/bus/cxl/devices | grep region)"

policy kernel
new_region kernel
check "online = kernel: 4 blocks online in ZONE_NORMAL ($POLICY_BOOT boot)" \
	wait_for 30 zone_pages_are 1 Normal 131072
check "kernel: nothing of node 1 left movable" test "$(zone_present 1 Movable)" = 0
printf 'online = moveable\n' > /tmp/bad.conf
cxl-leo apply-policy --config /tmp/bad.conf "$(region)" 2>/tmp/err
rc=$?
check "a typo in the policy is an error naming the line, nothing changed" sh -c "test $rc = 1 && grep -q 'line 1: online = .moveable.' /tmp/err && test '$(zone_present 1 Normal)' = 131072"
finish
