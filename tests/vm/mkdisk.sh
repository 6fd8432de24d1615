#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# mkdisk.sh OUT.img OUT-initrd.gz SCENARIO
#
# An installed system on a disk image, for testing the install path on the
# kernel the harness boots (CXL_LEO_KSERIES, default 6.12): the guest
# userland of mkinitramfs.sh, minus this checkout's module and tool, plus
# `make install DESTDIR=` (modprobe.d, udev rule, tool) with the module DKMS
# builds for that kernel from the staged sources (`tools/build/dkms.sh
# build`, in the Debian 13 root for 7.3) at DKMS's place, updates/dkms/,
# instead of make's; systemd-udevd to apply them, and an operator's opt-in
# for the emulated (non-Leo) device. What DKMS built is recorded in
# /var/lib/cxl-leo-test/dkms-build (kernel, GNU build-id) so the scenario
# can tell that module from any other. The small initrd only mounts the
# disk (virtio-blk, ext4) and switches to it; the disk's /sbin/init runs
# SCENARIO.
set -euo pipefail
top=$(readlink -f "$(dirname "$0")/../..")
. "$top/tools/build/common.sh"
img=$1 initrd=$2 scenario=$3
kver=$(vm_kernel_release)
kmods=$(vm_kernel_root)/lib/modules/$kver/kernel
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root boot=$work/boot
mkdir -p "$root" "$boot" "$work/dkms"

build_id() {	# build_id KO: the module's GNU build-id, hex
	readelf -n "$1" | sed -n 's/^ *Build ID: *//p'
}

unpack_ko() {	# unpack_ko FILE: FILE's module, decompressed, on stdout
	case "$1" in
	*.xz) xz -dc "$1" ;;
	*.zst) zstd -qdc "$1" ;;
	*) cat "$1" ;;
	esac
}

"$top/tests/vm/mkinitramfs.sh" "$work/base.gz" "$scenario"
(cd "$root" && gzip -dc "$work/base.gz" | cpio -idm --quiet)
# What is under test comes from `make install` and DKMS, not from the harness.
rm -f "$root/lib/modules/$kver/updates/cxl_leo.ko" "$root/bin/cxl-leo"
make -s -C "$top" --no-print-directory install DESTDIR="$root" KSERIES="$VM_KSERIES" \
	KVER="$kver" PREFIX=/usr >/dev/null
make_ko=$root/lib/modules/$kver/updates/cxl_leo.ko
make_id=$(build_id "$make_ko")

# DKMS builds the module for the kernel that boots, as on an operator's
# kernel update; Debian 12 cannot compile 7.3 (gcc-12), so that build runs
# inside the Debian 13 root like every 7.3 build.
in_root=()
[ "$HOST_CODENAME/$VM_KSERIES" != bookworm/7.3 ] || in_root=("$top/tools/build/debian13-root.sh" run)
dkms_ko=$(CXL_LEO_ROOT_BINDS="$work" "${in_root[@]}" "$top/tools/build/dkms.sh" build "$kver" "$work/dkms") ||
	{ echo "mkdisk: DKMS could not build cxl_leo for $kver" >&2; exit 1; }
# Decompressed like every module in the image: the guest's Debian 12 kmod
# and busybox read plain .ko files only. The build-id is the same.
rm -f "$make_ko"
mkdir -p "$root/lib/modules/$kver/updates/dkms"
unpack_ko "$dkms_ko" > "$root/lib/modules/$kver/updates/dkms/cxl_leo.ko"
dkms_id=$(build_id "$root/lib/modules/$kver/updates/dkms/cxl_leo.ko")
if [ -z "$dkms_id" ] || [ -z "$make_id" ]; then
	echo "mkdisk: a cxl_leo.ko without a GNU build-id" >&2
	exit 1
fi
depmod -b "$root" -a "$kver"
mkdir -p "$root/var/lib/cxl-leo-test"
cat > "$root/var/lib/cxl-leo-test/dkms-build" <<REC
kver=$kver
build_id=$dkms_id
make_build_id=$make_id
REC
echo "options cxl_leo bind_any_cxl_mem=1" > "$root/etc/modprobe.d/cxl_leo-optin.conf"

# systemd-udevd and the rule that loads drivers by modalias.
for f in /lib/systemd/systemd-udevd /bin/udevadm; do
	mkdir -p "$root$(dirname "$f")"
	cp -L "$f" "$root$f"
	for lib in $(ldd "$f" | grep -o '/[^ ]*'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -Ln "$lib" "$root$lib" 2>/dev/null || true
	done
done
mkdir -p "$root/lib/udev/rules.d" "$root/etc/udev" "$root/run" "$root/var/lib"
cp /lib/udev/rules.d/80-drivers.rules "$root/lib/udev/rules.d/"
rm -f "$root/sbin/init"
cp "$root/init" "$root/sbin/init"

mke2fs -q -t ext4 -d "$root" "$img" 512M

# The boot initrd: busybox, the block and filesystem modules, switch_root.
# Each entry is a module or its alternatives by series (6.12's crypto
# crc32c_generic is 7.3's crc32c-cryptoapi), in load order; an entry the
# kernel has built in needs nothing.
mkdir -p "$boot"/{bin,proc,sys,dev,newroot}
cp /bin/busybox "$boot/bin/"
for a in sh mount umount insmod switch_root sleep poweroff; do ln -s busybox "$boot/bin/$a"; done
order=""
for entry in crc32c_generic/crc32c-cryptoapi crc16 mbcache jbd2 ext4 virtio_blk; do
	f=
	for m in ${entry//\// }; do
		f=$(find "$kmods" -name "$m.ko*" | head -n1)
		[ -z "$f" ] || break
	done
	if [ -z "$f" ]; then
		for m in ${entry//\// }; do
			grep -q "/$m.ko\$" "$kmods/../modules.builtin" && continue 2
		done
		echo "mkdisk: no module $entry for $kver in $kmods" >&2
		exit 1
	fi
	unpack_ko "$f" > "$boot/$m.ko"
	order="$order $m"
done
cat > "$boot/init" <<INIT
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in $order; do insmod /\$m.ko || echo "boot: insmod \$m failed"; done
ls /sys/block
for i in 1 2 3 4 5 6 7 8 9 10; do [ -b /dev/vda ] && break; sleep 0.5; done
mount -t ext4 /dev/vda /newroot || { echo "boot: cannot mount /dev/vda"; poweroff -f; }
umount /proc /sys /dev
exec switch_root /newroot /sbin/init
INIT
chmod +x "$boot/init"
(cd "$boot" && find . | cpio -o -H newc --quiet | gzip -1) > "$initrd"
