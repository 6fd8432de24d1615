#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# debian13-kernel.sh [KABI]: unpack Debian 13's kernel image and modules for
# KABI (default: the supported 7.3 ABI, 7.3.4+deb13) into the cache for the
# QEMU harness, and print the directory. Its modules are .ko.xz. The packages are fetched with the
# private Debian 13 apt configuration and only ever `dpkg -x`ed: nothing is
# installed on the host. The directory holds boot/vmlinuz-KVER and
# lib/modules/KVER like an installed system.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/common.sh"
. "$here/debian13.sh"

die() { echo "debian13-kernel: error: $*" >&2; exit 1; }

kabi=${1:-$KABI_7_3}
kver=$kabi-amd64
dest=$CXL_LEO_CACHE/kernels/$kver
if [ -f "$dest/.cxl-leo-unpacked" ]; then
	echo "$dest"
	exit 0
fi

mkdir -p "$CXL_LEO_CACHE/kernels"
exec 9>"$CXL_LEO_CACHE/kernels/.lock"
flock 9
if [ ! -f "$dest/.cxl-leo-unpacked" ]; then
	debian13_apt_update
	# linux-base carries modules.builtin and modules.order, which depmod needs.
	pkgs=("linux-binary-$kver" "linux-modules-$kver" "linux-base-$kver")
	ver=$(debian13_version "${pkgs[0]}")
	[ "${ver%%-*}" = "${kabi%%+*}" ] || die "Debian 13 has ${pkgs[0]} $ver, not ${kabi%%+*}"
	[ -n "$ver" ] || die "Debian 13 has no ${pkgs[0]}"
	debs=$CXL_LEO_CACHE/kernels/debs
	debian13_download "$debs" "${pkgs[@]/%/=$ver}" ||
		die "could not download ${pkgs[*]} $ver"
	rm -rf "$dest.new"
	for p in "${pkgs[@]}"; do
		dpkg -x "$debs/${p}_${ver//:/%3a}_amd64.deb" "$dest.new"
	done
	# Debian 13 ships usr-merged packages: give both layouts one path.
	[ -d "$dest.new/lib/modules" ] || { [ -d "$dest.new/usr/lib/modules" ] && ln -s usr/lib "$dest.new/lib"; }
	# Debian 13's image lives beside its modules; boot/ names it as on a host.
	if [ ! -f "$dest.new/boot/vmlinuz-$kver" ]; then
		[ -f "$dest.new/lib/modules/$kver/vmlinuz" ] || die "linux-binary-$kver has no kernel image"
		mkdir -p "$dest.new/boot"
		ln -s "../lib/modules/$kver/vmlinuz" "$dest.new/boot/vmlinuz-$kver"
	fi
	[ -d "$dest.new/lib/modules/$kver/kernel/drivers/cxl" ] || die "linux-modules-$kver has no CXL modules"
	[ -f "$dest.new/lib/modules/$kver/modules.builtin" ] || die "linux-base-$kver has no modules.builtin"
	echo "$ver" > "$dest.new/.cxl-leo-unpacked"
	rm -rf "$dest"
	mv "$dest.new" "$dest"
	rm -f "$debs"/linux-*_"${ver//:/%3a}"_amd64.deb
fi
echo "$dest"
