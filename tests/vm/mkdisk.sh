#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# mkdisk.sh OUT.img OUT-initrd.gz SCENARIO
#
# An installed system on a disk image, for testing the install path: the
# guest userland of mkinitramfs.sh, minus this checkout's module and tool,
# plus `make install DESTDIR=` (module in updates/, modprobe.d, udev rule,
# tool), systemd-udevd to apply them, and an operator's opt-in for the
# emulated (non-Leo) device. The small initrd only mounts the disk
# (virtio-blk, ext4) and switches to it; the disk's /sbin/init runs SCENARIO.
set -euo pipefail
top=$(readlink -f "$(dirname "$0")/../..")
. "$top/tools/build/common.sh"
img=$1 initrd=$2 scenario=$3
kver=$(kernel_release)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root boot=$work/boot
mkdir -p "$root" "$boot"

"$top/tests/vm/mkinitramfs.sh" "$work/base.gz" "$scenario"
(cd "$root" && gzip -dc "$work/base.gz" | cpio -idm --quiet)
# What is under test comes from `make install`, not from the harness.
rm -f "$root/lib/modules/$kver/updates/cxl_leo.ko" "$root/bin/cxl-leo"
make -s -C "$top" --no-print-directory install DESTDIR="$root" KVER="$kver" PREFIX=/usr >/dev/null
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
mkdir -p "$boot"/{bin,proc,sys,dev,newroot}
cp /bin/busybox "$boot/bin/"
for a in sh mount umount insmod switch_root sleep poweroff; do ln -s busybox "$boot/bin/$a"; done
order=""
for m in crc32c_generic crc16 mbcache jbd2 ext4 virtio_blk; do
	xz -dc "$(modinfo -k "$kver" -n $m)" > "$boot/$m.ko"
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
