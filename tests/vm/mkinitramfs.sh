#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# mkinitramfs.sh OUT.cpio.gz SCENARIO [EXTRA_FILE...]
#
# The guest image for one end-to-end run: a cached base (busybox, the CXL/DAX
# modules of the kernel CXL_LEO_KSERIES selects (default 6.12) decompressed
# for busybox modprobe, cxl/daxctl 81,
# numactl) plus this checkout's cxl_leo.ko and cxl-leo tool, the test
# library and the scenario, which /init runs.
set -euo pipefail
top=$(readlink -f "$(dirname "$0")/../..")
. "$top/tools/build/common.sh"

out=$1 scenario=$2
kver=${CXL_LEO_KVER:-$(vm_kernel_release)}
kroot=$(vm_kernel_root)
moddir=$kroot/lib/modules/$kver
ndctl=$NDCTL_PREFIX
mods="cxl_acpi cxl_pci cxl_mem cxl_pmem dax_cxl device_dax kmem"

# add_module ROOT NAME: NAME and what it depends on, decompressed (busybox
# modprobe reads neither .ko.xz nor .ko.zst).
add_module() {
	local f dep
	[ -e "$1/lib/modules/$kver/kernel/$2.ko" ] && return 0
	f=$(find "$moddir/kernel" -name "$2.ko" -o -name "$2.ko.xz" -o -name "$2.ko.zst" | head -n1)
	[ -n "$f" ] || { echo "mkinitramfs: module $2 missing from $moddir" >&2; return 1; }
	case "$f" in
	*.xz) xz -dc "$f" ;;
	*.zst) zstd -qdc "$f" ;;
	*) cat "$f" ;;
	esac > "$1/lib/modules/$kver/kernel/$2.ko"
	for dep in $(modinfo -F depends "$f" | tr , ' '); do
		add_module "$1" "$dep" || return 1
	done
}

copy_libs() {		# copy_libs ROOT FILE: the shared libraries FILE needs
	local lib
	for lib in $(ldd "$2" 2>/dev/null | grep -o '/[^ ]*' || true); do
		[ -e "$1$lib" ] && continue
		mkdir -p "$1$(dirname "$lib")"
		cp -L "$lib" "$1$lib"
	done
}

copy_with_libs() {	# copy_with_libs ROOT FILE...: FILE at the same path, and its libraries
	local root=$1 f; shift
	for f in "$@"; do
		mkdir -p "$root$(dirname "$f")"
		cp -L "$f" "$root$f"
		copy_libs "$root" "$f"
	done
}

key=$( { cat "$0"; echo "$kver $kroot $mods"; ls -l --time-style=+%s "$ndctl/bin" /bin/busybox; } | md5sum | cut -c1-12)
base=$CXL_LEO_CACHE/initramfs/base-$key
if [ ! -d "$base" ]; then
	[ -d "$moddir" ] || { echo "mkinitramfs: kernel modules $kver missing: $([ -n "$kroot" ] && echo "run tools/build/prereqs-7.3.sh" || echo "apt-get install linux-image-$KFLAVOUR")" >&2; exit 1; }
	[ -x "$ndctl/bin/cxl" ] || { echo "mkinitramfs: $ndctl/bin/cxl missing: run tools/build/prereqs.sh" >&2; exit 1; }
	tmp=$base.tmp.$$
	rm -rf "$tmp"
	mkdir -p "$tmp"/{bin,sbin,proc,sys,dev,tmp,run,etc,root,lib/modules/"$kver"/kernel}
	cp /bin/busybox "$tmp/bin/"
	for applet in $(/bin/busybox --list); do
		[ "$applet" = busybox ] || ln -sf busybox "$tmp/bin/$applet"
	done
	for m in $mods; do
		add_module "$tmp" "$m"
	done
	cp "$moddir"/modules.builtin* "$moddir"/modules.order "$tmp/lib/modules/$kver/"
	copy_with_libs "$tmp" "$ndctl/bin/cxl" "$ndctl/bin/daxctl" "$(command -v numactl)"
	ln -sf "$(command -v numactl)" "$tmp/bin/numactl" 2>/dev/null || true
	mkdir -p "$(dirname "$base")"
	mv "$tmp" "$base"
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -a "$base/." "$stage/"
mkdir -p "$stage/lib/modules/$kver/updates" "$stage/e2e"
ko=$(vm_module_dir "$top")/cxl_leo.ko
# As make install and DKMS install it (and as the kernel's own modules come):
# without DWARF, which would make every modprobe slower than the one it times.
[ -f "$ko" ] && strip --strip-debug -o "$stage/lib/modules/$kver/updates/cxl_leo.ko" "$ko"
# The checkout may live under /tmp, which the guest mounts over: use /bin.
if [ -x "$top/tools/cxl-leo/cxl-leo" ]; then
	cp "$top/tools/cxl-leo/cxl-leo" "$stage/bin/cxl-leo"
	copy_libs "$stage" "$top/tools/cxl-leo/cxl-leo"
fi
# Small test programs for what busybox and bookworm's tools cannot do.
for c in "$top"/tests/e2e/helpers/*.c; do
	[ -e "$c" ] || continue
	h=$stage/bin/$(basename "$c" .c)
	cc -O2 -std=gnu11 -Wall -Wextra -Werror -o "$h" "$c" || exit 1
	copy_libs "$stage" "$h"
done
# "# udev: installed": the tool's `make install` (udev rule, systemd unit,
# /etc/cxl-leo/online.conf, /usr/bin/cxl-leo) and systemd-udevd, which the
# scenario starts itself; no rule loads drivers, the scenario does.
if grep -q '^# udev: installed' "$scenario"; then
	make -s -C "$top/tools/cxl-leo" --no-print-directory install DESTDIR="$stage" PREFIX=/usr >/dev/null
	copy_with_libs "$stage" /lib/systemd/systemd-udevd /bin/udevadm
	mkdir -p "$stage/run" "$stage/etc/udev"
fi
depmod -b "$stage" "$kver"
cp "$top/tests/e2e/lib.sh" "$stage/e2e/"
cp -r "$top/tests/e2e/parts" "$stage/e2e/"	# steps scenarios share
cp "$scenario" "$stage/e2e/scenario.sh"
shift 2
for f in "$@"; do cp "$f" "$stage/e2e/"; done
cat > "$stage/init" <<INIT
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mkdir -p /dev/shm && mount -t tmpfs tmpfs /dev/shm
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
export PATH=/bin:/sbin:$ndctl/bin HOME=/root
cd /e2e
# The harness selects the kernel (CXL_LEO_KSERIES): prove which one booted.
if [ "\$(uname -r)" = "$kver" ]; then
	echo "PASS guest runs kernel $kver" > /dev/ttyS1
else
	echo "FAIL guest runs kernel $kver: it runs \$(uname -r)" > /dev/ttyS1
fi
sh /e2e/scenario.sh
echo "init: scenario exited \$?"
poweroff -f
INIT
chmod +x "$stage/init"
(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) > "$out"

# "# kexec: yes": the scenario boots the same kernel and image again with
# kexec-boot (tests/e2e/helpers), found at /kexec in the guest. A second
# archive appended to the image carries them (the kernel unpacks both).
if grep -q '^# kexec: yes' "$scenario"; then
	next=$(mktemp -d)
	mkdir "$next/kexec"
	cp "/boot/vmlinuz-$kver" "$next/kexec/vmlinuz"
	cp "$out" "$next/kexec/initrd.gz"
	(cd "$next" && find . | cpio -o -H newc --quiet | gzip -1) >> "$out"
	rm -rf "$next"
fi
