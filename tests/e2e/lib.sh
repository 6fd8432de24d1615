# SPDX-License-Identifier: GPL-2.0-only
# Guest-side helpers for end-to-end scenarios (busybox sh). Results and QMP
# requests go to the host over ttyS1; see tests/vm/run-vm.py.

exec 3<>/dev/ttyS1
stty -F /dev/ttyS1 raw -echo 2>/dev/null

pass() { echo "PASS $*" >&3; echo "PASS $* [$(cut -d" " -f1 /proc/uptime)]"; }
fail() { echo "FAIL $*" >&3; echo "FAIL $*"; }
info() { echo "INFO $*" >&3; echo "== $*"; }

# check NAME CMD...: run CMD, PASS if it exits 0, else FAIL with its output.
check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		pass "$name"
	else
		fail "$name: $(echo "$out" | tail -n 3 | tr '\n' ' ')"
		return 1
	fi
}

# qmp '{"execute": ..., "arguments": {...}}': ask the host; prints the reply.
qmp() {
	local reply
	echo "QMP $1" >&3
	read -r reply <&3
	case "$reply" in
	QMPREPLY*) echo "${reply#QMPREPLY }" ;;
	*) echo "$reply" >&2; return 1 ;;
	esac
}

# qmp_burst N '<json>': the host runs the command N times back to back.
qmp_burst() {
	local reply
	echo "QMPBURST $1 $2" >&3
	read -r reply <&3
	case "$reply" in
	QMPREPLY*) return 0 ;;
	*) echo "$reply" >&2; return 1 ;;
	esac
}

# pmem_count HPA SIZE TEXT: occurrences of TEXT in a region's memory, as
# the devices hold it; pmem_nonzero HPA SIZE: its non-zero bytes. The host
# reads the devices' backend files while the guest runs; pmem_targets maps
# the range to each device.
pmem_count() {
	pmem_sum "$1" "$2" DEVCOUNT "$3"
}

pmem_nonzero() {
	pmem_sum "$1" "$2" DEVNONZERO
}

# pmem_targets HPA SIZE: "DEVICE DPA BYTES" for each device behind that
# range of a region (modulo interleave: the range must be whole stripes).
# DEVICE is the QEMU device's index: its serial number minus 0x1234.
pmem_targets() {
	local hpa=$(($1)) size=$(($2)) r base ways gran off i dec mem dpa
	for r in /sys/bus/cxl/devices/region*; do
		base=$(($(cat "$r/resource")))
		[ "$hpa" -ge "$base" ] && [ $((hpa + size)) -le $((base + $(cat "$r/size"))) ] || continue
		ways=$(cat "$r/interleave_ways") gran=$(cat "$r/interleave_granularity")
		off=$((hpa - base))
		if [ $((off % (gran * ways))) -ne 0 ] || [ $((size % (gran * ways))) -ne 0 ]; then
			echo "pmem: $1+$2 is not whole stripes of ${r##*/} ($ways x $gran)" >&2
			return 1
		fi
		i=0
		while [ "$i" -lt "$ways" ]; do
			dec=$(cat "$r/target$i")
			mem=$(basename "$(readlink -f "$(readlink -f /sys/bus/cxl/devices/"$dec")/../uport")")
			dpa=$(($(cat /sys/bus/cxl/devices/"$dec"/dpa_resource)))
			echo "$(($(cat /sys/bus/cxl/devices/"$mem"/serial) - 0x1234)) $((dpa + off / ways)) $((size / ways))"
			i=$((i + 1))
		done
		return 0
	done
	echo "pmem: no region holds $1" >&2
	return 1
}

pmem_sum() {	# pmem_sum HPA SIZE DEVCOUNT|DEVNONZERO [TEXT]
	local targets n dpa len reply sum=0
	targets=$(pmem_targets "$1" "$2") || return 1
	while read -r n dpa len; do
		echo "$3 $n $dpa $len${4:+ $4}" >&3
		read -r reply <&3
		case "$reply" in
		DEVREPLY*) sum=$((sum + ${reply#DEVREPLY })) ;;
		*) echo "$reply" >&2; return 1 ;;
		esac
	done <<EOF
$targets
EOF
	echo "$sum"
}

done_() {
	echo DONE >&3
}

# qemu_has ID: QEMU's peripheral list (QOM) holds device ID: 0 it does,
# 1 it does not, 2 the list could not be read. qemu_dropped ID: it is
# gone, and the list was read (a lost QMP reply never passes for a
# removal). Functions, not commands: call them directly, not in sh -c.
qemu_has() {
	local list
	list=$(qmp '{"execute": "qom-list", "arguments": {"path": "/machine/peripheral"}}') || return 2
	case "$list" in	# run-vm.py's json.dumps: "name": "ID"
	*"\"name\": \"$1\""*) return 0 ;;
	esac
	return 1
}
qemu_dropped() {
	qemu_has "$1"
	[ $? = 1 ]
}

# zone_present NODE ZONE: present pages of NODE's ZONE (Normal, Movable).
# zone_pages_are NODE ZONE N: it has N, for wait_for and check.
zone_present() {
	awk -v n="$1," -v z="$2" '$1 == "Node" && $2 == n {cur = $4} $1 == "present" && cur == z {print $2; exit}' /proc/zoneinfo
}
zone_pages_are() {
	test "$(zone_present "$1" "$2")" = "$3"
}

# no_policy_running: no cxl-leo apply-policy (started by udev) is running.
no_policy_running() {
	! ps | grep -v grep | grep -q 'apply-policy'
}

# udev_coldplug: start the installed systemd-udevd and replay the boot's
# add events, as an installed system's boot would; returns once udev has
# settled and mem0 is there (or 30 s later).
udev_coldplug() {
	mkdir -p /run/udev
	/lib/systemd/systemd-udevd --daemon
	udevadm trigger --type=subsystems --action=add
	udevadm trigger --type=devices --action=add
	udevadm settle --timeout=120
	wait_for 30 test -e /sys/bus/cxl/devices/mem0
}

# wait_for SECONDS CMD...: poll CMD every 0.2 s until it succeeds.
wait_for() {
	local n=$(($1 * 5))
	shift
	while [ $n -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# The CXL stack up to, not including, the PCI driver.
load_cxl_core() {
	modprobe cxl_acpi && modprobe cxl_mem && modprobe dax_cxl && modprobe kmem
}

# load_pci_driver cxl_pci|cxl_leo [PARAMS]
load_pci_driver() {
	local drv=$1
	shift
	modprobe "$drv" "$@"
}

# NUMA nodes with memory and no CPUs (the CXL ones).
cpuless_nodes() {
	local n
	for n in /sys/devices/system/node/node*; do
		[ -s "$n/cpulist" ] && [ -n "$(cat "$n/cpulist")" ] && continue
		echo "${n##*node}"
	done
}

cpuless_count_above() {	# re-evaluated on every wait_for poll
	[ "$(cpuless_nodes | wc -l)" -gt "$1" ]
}

node_meminfo() {	# node_meminfo NODE FIELD -> kB
	awk -v f="$2:" '$3 == f {print $4}' "/sys/devices/system/node/node$1/meminfo"
}

# The memory tier (memory_tierN id) that holds a node.
node_tier() {
	local t
	for t in /sys/devices/virtual/memory_tiering/memory_tier*; do
		case ",$(cat "$t/nodelist" 2>/dev/null | tr - ,)," in
		*",$1,"*) echo "${t##*memory_tier}"; return 0 ;;
		esac
	done
	return 1
}

pci_driver_of() {	# pci_driver_of BDF
	basename "$(readlink "/sys/bus/pci/devices/$1/driver")" 2>/dev/null
}

# The PCI address of a memdev.
memdev_bdf() {
	basename "$(readlink -f "/sys/bus/cxl/devices/$1/..")"
}

trace_enable_cxl() {
	echo 1 > /sys/kernel/tracing/events/cxl/enable
}

trace_has() {	# trace_has EVENT
	grep -q "$1" /sys/kernel/tracing/trace
}

# The standard journey: region -> NUMA node -> workload -> teardown.
# region_journey NAME CREATE-ARGS...
region_journey() {
	local tag=$1 node before after used
	shift
	before=$(cpuless_nodes | wc -l)
	check "$tag: cxl create-region" cxl create-region "$@" || return 1
	wait_for 10 cpuless_count_above "$before"
	node=$(cpuless_nodes | tail -n 1)
	if [ -z "$node" ] || [ "$(node_meminfo "$node" MemTotal)" -le 0 ]; then
		fail "$tag: new NUMA node: none appeared"
		return 1
	fi
	pass "$tag: new NUMA node $node with $(node_meminfo "$node" MemTotal) kB"
	numactl -H
	# tmpfs pages follow the allocating task's membind policy. Emulated
	# CXL memory is slow under TCG (~1 MB/s), so the workload stays small.
	before=$(node_meminfo "$node" Shmem)
	dd if=/dev/urandom of=/tmp/workload-src bs=64k count=64 2>/dev/null
	check "$tag: numactl --membind=$node workload" \
		numactl --membind="$node" cp /tmp/workload-src /dev/shm/cxl-workload
	after=$(node_meminfo "$node" Shmem)
	if [ "$(md5sum < /tmp/workload-src)" = "$(md5sum < /dev/shm/cxl-workload)" ]; then
		pass "$tag: workload data checksum matches on node $node"
	else
		fail "$tag: workload data checksum differs on node $node"
	fi
	used=$((after - before))
	if [ "$used" -ge $((3 * 1024)) ]; then
		pass "$tag: workload memory landed on node $node (+$used kB Shmem)"
	else
		fail "$tag: workload memory on node $node: only +$used kB Shmem"
	fi
	rm -f /dev/shm/cxl-workload /tmp/workload-src
	REGION_NODE=$node
}

region_teardown() {	# region_teardown TAG REGION
	check "$1: cxl disable-region" cxl disable-region "$2" &&
		check "$1: cxl destroy-region" cxl destroy-region "$2"
}

# What a clean kernel log must not contain: splats, stalls, hung tasks, and
# lockdep reports (Debian's kernel has no lockdep; a debug kernel would).
KERNEL_BAD='WARNING:|BUG:|Oops|Call Trace|rcu: INFO|self-detected stall|INFO: task .* blocked|possible circular locking|inconsistent lock state|possible recursive locking'

# dmesg_bad: the first offending line, with the two lines before it (a
# Call Trace alone does not say what it traces), on one line.
dmesg_bad() {
	dmesg | grep -E -m 1 -B 2 "$KERNEL_BAD" | tr -s ' \n' ' '
}

finish() {
	local bad
	bad=$(dmesg_bad)
	if [ -n "$bad" ]; then
		fail "dmesg clean: $bad"
	else
		pass "dmesg has no WARN/BUG/Oops/stall"
	fi
	done_
}

# tenant_on TAG NODE: 4 MiB of checksummed data on NODE (tmpfs pages follow
# the writer's membind policy) and a reader that checks it in a loop, for
# the scenarios where capacity leaves under a running tenant.
tenant_on() {
	dd if=/dev/urandom of=/tmp/src bs=64k count=64 2>/dev/null
	md5sum < /tmp/src > /tmp/src.sum
	rm -f /tmp/reader.bad /tmp/reader.passes
	check "$1: tenant data placed on node $2" numactl --membind="$2" cp /tmp/src /dev/shm/tenant
	check "$1: tenant data on node $2 ($(node_meminfo "$2" Shmem) kB Shmem)" \
		test "$(node_meminfo "$2" Shmem)" -ge 3072
	(
		while :; do
			if [ "$(md5sum < /dev/shm/tenant)" = "$(cat /tmp/src.sum)" ]; then
				echo x >> /tmp/reader.passes
			else
				echo x >> /tmp/reader.bad
			fi
		done
	) &
	READER=$!
	wait_for 60 test -s /tmp/reader.passes
}

# tenant_check TAG NODE: the reader never saw wrong data, the data is intact
# and none of it is left on NODE (its pages moved when NODE went).
tenant_check() {
	local shmem
	kill "$READER"
	wait "$READER" 2>/dev/null
	check "$1: the reader ran ($(wc -l < /tmp/reader.passes 2>/dev/null || echo 0) clean passes) and never read wrong data" \
		sh -c 'test -s /tmp/reader.passes && ! test -e /tmp/reader.bad'
	check "$1: tenant data intact" \
		test "$(md5sum < /dev/shm/tenant)" = "$(cat /tmp/src.sum)"
	shmem=$(node_meminfo "$2" Shmem 2>/dev/null)
	check "$1: nothing left on node $2 (Shmem ${shmem:-gone})" test "${shmem:-0}" -eq 0
	rm -f /dev/shm/tenant
}

# release_checked MEM BDF SLOT: cxl-leo release MEM, checked: exit 0, its
# steps in order ending with SLOT powered off, and BDF gone from the host.
release_checked() {
	local out rc
	out=$(cxl-leo release "$1" 2>&1)
	rc=$?
	echo "$out"
	check "cxl-leo release $1: exit 0, steps offline, destroy-region, power-off" \
		sh -c "test $rc = 0 && echo '$out' | tr -d ' \n' | grep -q '\"released\":true.*\"step\":\"offline\".*\"step\":\"destroy-region\".*{\"step\":\"power-off\",\"slot\":\"$3\"}'"
	check "release: slot $3 powered off" test "$(cat /sys/bus/pci/slots/$3/power)" = 0
	check "release: $2 gone from this host" sh -c "! test -e /sys/bus/pci/devices/$2"
}

# memdev_by_serial SERIAL: the memdev of the QEMU device with that serial.
memdev_by_serial() {
	local m
	for m in /sys/bus/cxl/devices/mem*; do
		[ -e "$m/serial" ] && [ $(($(cat "$m/serial"))) -eq $(($1)) ] && { echo "${m##*/}"; return 0; }
	done
	return 1
}
