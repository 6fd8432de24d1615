# SPDX-License-Identifier: GPL-2.0-only
# A fake CXL sysfs for the CLI tests, built in a private mount namespace
# (unshare -rm): tmpfs over /sys/bus and a /dev holding only what the
# tests need. libcxl and libdaxctl read it exactly as they read the real one.
#
#   mem0 0000:0d:00.0  no DSN (serial 0)  endpoint2 decoder2.0 -> region0
#   mem1 0000:0e:00.0  no DSN (serial 0)  endpoint3 decoder3.0 -> region1
#   mem2 0000:0f:00.0  serial 0x1234      free
#   mem8 0000:10:00.0  serial 8           endpoint4 decoder4.0 -> region2
#   port1 (host bridge pci0000:0c) decoder1.0, a switch decoder: region1
#   root0 (ACPI.CXL) decoder0.0: region0 and region1 on NUMA node 1 (one
#   window, one node), region2 on node 2. No kmem: the dax devices have no
#   memory blocks, and decoder0.0 has no delete_region (a teardown that fails)
#   nor create_ram_region (an online that gets past its checks fails there).
#   Its one target, dport0, is the host bridge of every memdev, so mem2 can
#   be planned into a 512 MiB region.
# fake_zones KERNEL_PAGES MOVABLE_PAGES [MEMMAP_ON_MEMORY [RATIO]] puts a
# /proc/zoneinfo, /proc/vmstat and memory_hotplug's parameters in place.
# Every PCI device is a Leo under cxl_leo with scrub0, ecs_fru0 and
# mem_repair0 (soft) / mem_repair1 (hard); mem8's also has media_ops/
# (range wipes, as on QEMU 11.1: 64-byte granularity, sanitize and zero).
# mem0 and mem2 have the RAS controls at upstream's place too, their EDAC
# device cxl_memN (/sys/bus/edac/devices), as today's cxl_leo does: the tool must act there. mem1 and mem8 have the
# PCI device's copies only, as an older cxl_leo: the tool falls back.
# The two copies start equal and are separate files here (the driver's
# are one state), so a check can tell which one the tool used.

B=/sys/bus
D=$B/.devices	# where the links of /sys/bus point, as /sys/devices would be

put() {	# put FILE VALUE
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" > "$1"
}

fake_dev() {
	local t
	t=$(mktemp -d)
	mount -t tmpfs none "$t"
	for f in null zero full urandom random; do
		touch "$t/$f"
		mount --bind "/dev/$f" "$t/$f"
	done
	mkdir "$t/cxl" "$t/pts"
	# a terminal for the confirmation prompt (script(1)), if devpts allows
	mount -t devpts -o newinstance,ptmxmode=0666 devpts "$t/pts" 2>/dev/null &&
		ln -s pts/ptmx "$t/ptmx"
	mount --rbind "$t" /dev
}

fake_ras_groups() {	# fake_ras_groups DIR: scrub0, ecs_fru0, mem_repair0/1 under DIR
	local d=$1 i
	put "$d/scrub0/enable_background" 0
	put "$d/scrub0/current_cycle_duration" 43200
	put "$d/scrub0/min_cycle_duration" 3600
	put "$d/scrub0/max_cycle_duration" 918000
	put "$d/ecs_fru0/threshold" 1024
	put "$d/ecs_fru0/mode" 0
	: > "$d/ecs_fru0/reset"
	for i in 0 1; do
		put "$d/mem_repair$i/persist_mode" "$i"
		put "$d/mem_repair$i/min_dpa" 0x0
		put "$d/mem_repair$i/max_dpa" 0x1fffffff
		: > "$d/mem_repair$i/dpa"
		: > "$d/mem_repair$i/nibble_mask"
		: > "$d/mem_repair$i/allow_data_loss"
		: > "$d/mem_repair$i/repair"
	done
	# the driver's confirmation step for a permanent repair
	: > "$d/mem_repair1/confirm_dpa"
}

fake_memdev() {	# fake_memdev ID HOST SERIAL [edac]
	local id=$1 host=$2 serial=$3 pci=$D/pci0000:0c/$2 mem
	mem=$pci/mem$id
	put "$mem/serial" "$serial"
	put "$mem/ram/size" 0x20000000
	put "$mem/pmem/size" 0
	put "$mem/firmware_version" "BWFW VERSION 00"
	put "$mem/numa_node" -1
	put "$mem/payload_max" 2048
	put "$mem/label_storage_size" 0
	mkdir -p "$mem/security"
	: > "$mem/security/sanitize"
	ln -s "$B/cxl/drivers/cxl_mem" "$mem/driver"
	ln -s "$mem" "$B/cxl/devices/mem$id"
	: > "/dev/cxl/mem$id"
	put "$pci/vendor" 0x1dfa
	put "$pci/device" 0x01e2
	ln -s "$B/pci/drivers/cxl_leo" "$pci/driver"
	ln -s "$pci" "$B/pci/devices/$host"
	fake_ras_groups "$pci"
	if [ "${4:-}" = edac ]; then
		fake_ras_groups "$mem/cxl_mem$id"
		ln -s "$mem/cxl_mem$id" "$B/edac/devices/cxl_mem$id"
	fi
	put "$pci/ras/poison_records" 0
	put "$pci/ras/pages_offlined" 0
}

fake_media_ops() {	# fake_media_ops HOST: the driver's range wipes, last one "done"
	local mo=$D/pci0000:0c/$1/media_ops f
	put "$mo/granularity" 64
	put "$mo/operations" "sanitize zero"
	for f in dpa length zero sanitize; do
		: > "$mo/$f"
	done
	put "$mo/status" done
}

fake_endpoint() {	# fake_endpoint PORTID MEMID
	local ep=$D/root0/port1/endpoint$1
	mkdir -p "$ep"
	ln -s "$(readlink -f "$B/cxl/devices/mem$2")" "$ep/uport"
	ln -s "$B/cxl/drivers/cxl_port" "$ep/driver"
	put "$ep/decoder$1.0/start" 0
	put "$ep/decoder$1.0/size" 0x10000000
	put "$ep/decoder$1.0/mode" ram
	put "$ep/decoder$1.0/interleave_ways" 1
	put "$ep/decoder$1.0/interleave_granularity" 256
	put "$ep/decoder$1.0/dpa_resource" 0
	put "$ep/decoder$1.0/dpa_size" 0x10000000
	put "$ep/decoder$1.0/locked" 0
	put "$ep/decoder$1.0/target_type" expander
	put "$ep/decoder$1.0/region" ""
	ln -s "$ep" "$B/cxl/devices/endpoint$1"
	ln -s "$ep/decoder$1.0" "$B/cxl/devices/decoder$1.0"
}

fake_switch_decoder() {	# fake_switch_decoder REGION-ID: decoder1.0, port1's, decoding it
	local dec=$D/root0/port1/decoder1.0
	put "$dec/start" $((0x100000000 + $1 * 0x10000000))
	put "$dec/size" 0x10000000
	put "$dec/interleave_ways" 1
	put "$dec/interleave_granularity" 256
	put "$dec/locked" 0
	put "$dec/target_type" expander
	put "$dec/target_list" 0
	put "$dec/region" "region$1"
	ln -s "$dec" "$B/cxl/devices/decoder1.0"
}

fake_region() {	# fake_region ID NODE [TARGET-DECODER]
	local r=$D/root0/decoder0.0/region$1 dax
	put "$r/uuid" ""
	put "$r/size" 0x10000000
	put "$r/resource" $((0x100000000 + $1 * 0x10000000))
	put "$r/interleave_ways" 1
	put "$r/interleave_granularity" 256
	put "$r/commit" 1
	put "$r/mode" ram
	put "$r/target0" "${3:-}"
	dax=$r/dax_region$1/dax$1.0
	put "$dax/size" 0x10000000
	put "$dax/target_node" "$2"
	: > "/dev/dax$1.0"
	ln -s "$r" "$B/cxl/devices/region$1"
	[ -z "${3:-}" ] || echo "region$1" > "$(readlink -f "$B/cxl/devices/$3")/region"
}

fake_zones() {
	local z=/tmp/.fake-proc
	mkdir -p $z
	# Private to this run's mount namespace: checkouts test side by side.
	mountpoint -q $z || mount -t tmpfs none $z
	cat > $z/zoneinfo <<-EOF
	Node 0, zone      DMA
	  pages free     3000
	        present  4000
	        managed  3840
	Node 0, zone   Normal
	  pages free     $(($1 / 2))
	        present  $1
	        managed  $1
	Node 0, zone  Movable
	  pages free     0
	        present  0
	        managed  0
	Node 1, zone  Movable
	  pages free     $2
	        present  $2
	        managed  $2
	EOF
	printf 'nr_free_pages 1\nnr_memmap_pages 0\nnr_memmap_boot_pages 8192\n' > $z/vmstat
	if ! mountpoint -q /sys/module; then
		mount -t tmpfs none /sys/module
		mount --bind $z/zoneinfo /proc/zoneinfo
		mount --bind $z/vmstat /proc/vmstat
	fi
	put /sys/module/memory_hotplug/parameters/memmap_on_memory "${3:-N}"
	put /sys/module/memory_hotplug/parameters/auto_movable_ratio "${4:-301}"
}

fake_sysfs() {
	mount -t tmpfs none "$B"
	# libdaxctl finds a dax device's subsystem through its char device
	# number: the fake /dev files are all 0:0.
	mount -t tmpfs none /sys/dev
	mkdir -p /sys/dev/char/0:0 "$B/dax"
	ln -s "$B/dax" /sys/dev/char/0:0/subsystem
	fake_dev
	mkdir -p "$B/cxl/devices" "$B/cxl/drivers/cxl_port" "$B/cxl/drivers/cxl_mem" "$B/pci/devices" "$B/pci/drivers/cxl_leo" \
		"$B/edac/devices" \
		"$D/ACPI0017:00" "$D/pci0000:0c"
	: > "$B/cxl/flush"
	fake_memdev 0 0000:0d:00.0 0 edac
	fake_memdev 1 0000:0e:00.0 0
	fake_memdev 2 0000:0f:00.0 0x1234 edac
	fake_memdev 8 0000:10:00.0 8
	fake_media_ops 0000:10:00.0
	mkdir -p "$D/root0/port1"
	ln -s "$D/ACPI0017:00" "$D/root0/uport"
	ln -s "$D/pci0000:0c" "$D/root0/port1/uport"
	ln -s "$B/cxl/drivers/cxl_port" "$D/root0/port1/driver"
	ln -s "$D/root0" "$B/cxl/devices/root0"
	ln -s "$D/root0/port1" "$B/cxl/devices/port1"
	put "$D/root0/decoder0.0/start" 0x100000000
	put "$D/root0/decoder0.0/size" 0x100000000
	put "$D/root0/decoder0.0/interleave_ways" 1
	put "$D/root0/decoder0.0/interleave_granularity" 256
	put "$D/root0/decoder0.0/cap_ram" 1
	put "$D/root0/decoder0.0/cap_type3" 1
	put "$D/root0/decoder0.0/locked" 0
	put "$D/root0/decoder0.0/target_list" 0
	ln -s "$D/pci0000:0c" "$D/root0/dport0"
	ln -s "$D/root0/decoder0.0" "$B/cxl/devices/decoder0.0"
	fake_endpoint 2 0
	fake_endpoint 3 1
	fake_region 0 1 decoder2.0
	fake_region 1 1 decoder3.0
	fake_switch_decoder 1
	fake_endpoint 4 8
	fake_region 2 2 decoder4.0
}
