#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# dkms.sh install|uninstall|test [KVER]
#   install    stage the module sources in /usr/src/cxl-leo-VERSION, dkms add/build/install
#   uninstall  dkms remove --all and drop the staged sources
#   test KVER  stage into a temporary tree and dkms build against KVER there,
#              leaving the system's DKMS state alone
set -euo pipefail
top=$(readlink -f "$(dirname "$0")/../..")
: "${VERSION:?VERSION is set by the top-level Makefile}"
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
test)
	kver=${2:?kernel release}
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	stage "$tmp/src/$pkg-$VERSION"
	mkdir -p "$tmp/tree"
	dkms add --dkmstree "$tmp/tree" --sourcetree "$tmp/src" -m $pkg -v "$VERSION" >/dev/null
	if dkms build --dkmstree "$tmp/tree" --sourcetree "$tmp/src" -m $pkg -v "$VERSION" -k "$kver" \
		> "$tmp/build.log" 2>&1; then
		ko=$(find "$tmp/tree/$pkg/$VERSION/$kver" -name 'cxl_leo.ko*' | head -n1)
		if [ -n "$ko" ]; then
			echo "PASS dkms: built $(basename "$ko") for $kver"
			echo "1 passed, 0 failed"
			exit 0
		fi
		echo "FAIL dkms: build succeeded but no cxl_leo.ko for $kver"
	else
		echo "FAIL dkms: build failed for $kver:"
		cat "$tmp/build.log" "$tmp/tree/$pkg/$VERSION/build/make.log" 2>/dev/null | tail -n 30
	fi
	echo "0 passed, 1 failed"
	exit 1
	;;
*)
	echo "usage: $0 install|uninstall|test KVER" >&2
	exit 2
	;;
esac
