#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# dkms.sh install|uninstall|test KVER|build KVER OUTDIR
#   install    stage the module sources in /usr/src/cxl-leo-VERSION, dkms add/build/install
#   uninstall  dkms remove --all and drop the staged sources
#   test KVER  stage into a temporary tree and dkms build against KVER there,
#              leaving the system's DKMS state alone
#   build KVER OUTDIR
#              the same build, then copy the module DKMS made (as DKMS made
#              it, compressed or not) into OUTDIR and print its path; the
#              install-reboot scenario boots KVER with that file
set -euo pipefail
top=$(readlink -f "$(dirname "$0")/../..")
# Set by the top-level Makefile; read from it when run directly (as inside
# the Debian 13 root, whose environment starts empty).
VERSION=${VERSION:-$(sed -n 's/^VERSION := //p' "$top/Makefile")}
: "${VERSION:?no VERSION in $top/Makefile}"
pkg=cxl-leo

# What a module build needs: kbuild files, driver and shared headers, and the
# scripts that check the kernel and find the CXL core headers.
stage() {
	local dest=$1
	mkdir -p "$dest"
	(cd "$top" && git ls-files Kbuild Kconfig Makefile LICENSE drivers include \
		tools/build | cpio -pdm --quiet "$dest")
	sed "s/@VERSION@/$VERSION/" "$top/tools/build/dkms.conf.in" > "$dest/dkms.conf"
	mkdir -p "$dest/tools/cxl-leo"
	printf 'all clean install uninstall:\n\t@:\n' > "$dest/tools/cxl-leo/Makefile"
}

case "${1:-}" in
install)
	src=/usr/src/$pkg-$VERSION
	rm -rf "$src"
	stage "$src"
	dkms remove -m $pkg -v "$VERSION" --all >/dev/null 2>&1 || true
	dkms add -m $pkg -v "$VERSION"
	dkms install -m $pkg -v "$VERSION"
	;;
uninstall)
	dkms remove -m $pkg -v "$VERSION" --all || true
	rm -rf "/usr/src/$pkg-$VERSION"
	;;
test|build)
	kver=${2:?kernel release}
	out=${3:-}
	[ "$1" = test ] || [ -d "$out" ] || { echo "dkms: build needs an output directory" >&2; exit 2; }
	# build: stdout carries only the module's path; the rest goes to stderr.
	exec 3>&1
	[ "$1" = test ] || exec 1>&2
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	stage "$tmp/src/$pkg-$VERSION"
	mkdir -p "$tmp/tree"
	dkms add --dkmstree "$tmp/tree" --sourcetree "$tmp/src" -m $pkg -v "$VERSION" >/dev/null
	ko=
	if dkms build --dkmstree "$tmp/tree" --sourcetree "$tmp/src" -m $pkg -v "$VERSION" -k "$kver" \
		> "$tmp/build.log" 2>&1; then
		ko=$(find "$tmp/tree/$pkg/$VERSION/$kver" -name 'cxl_leo.ko*' | head -n1)
		[ -n "$ko" ] || echo "FAIL dkms: build succeeded but no cxl_leo.ko for $kver"
	else
		echo "FAIL dkms: build failed for $kver:"
		cat "$tmp/build.log" "$tmp/tree/$pkg/$VERSION/build/make.log" 2>/dev/null | tail -n 30
	fi
	if [ "$1" = build ]; then
		[ -n "$ko" ] || exit 1
		cp "$ko" "$out/"
		echo "$out/$(basename "$ko")" >&3
		exit 0
	fi
	if [ -n "$ko" ]; then
		echo "PASS dkms: built $(basename "$ko") for $kver"
		echo "1 passed, 0 failed"
		exit 0
	fi
	echo "0 passed, 1 failed"
	exit 1
	;;
*)
	echo "usage: $0 install|uninstall|test KVER|build KVER OUTDIR" >&2
	exit 2
	;;
esac
