#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Extract the Debian linux-source tarball once into the cache and print its path.
# The CXL core's private headers (drivers/cxl/*.h) come from here, so the tree
# must be the exact version of the installed headers.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/common.sh"

die() { echo "kernel-source: error: $*" >&2; exit 1; }

tarball=/usr/src/linux-source-${KSERIES}.tar.xz
[ -f "$tarball" ] || die "$tarball is missing; install it: apt-get install linux-source-${KSERIES}"
pkgver=$(kernel_source_pkgver)
dest=$(kernel_source_dir)

if [ ! -f "$dest/.cxl-leo-extracted" ]; then
	mkdir -p "$CXL_LEO_CACHE"
	tmp=$(mktemp -d "$CXL_LEO_CACHE/extract.XXXXXX")
	tar -C "$tmp" -xJf "$tarball"
	rm -rf "$dest"
	mv "$tmp/linux-source-${KSERIES}" "$dest"
	rmdir "$tmp"
	echo "$pkgver" > "$dest/.cxl-leo-extracted"
fi
echo "$dest"
