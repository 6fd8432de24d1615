#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# check-kernel.sh KDIR: refuse to build against an unsupported kernel or
# against CXL core headers that don't match it; print the source tree that
# provides drivers/cxl/*.h for KDIR.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/common.sh"

die() { echo "cxl-leo: error: $*" >&2; exit 1; }

kdir=${1:-}
[ -n "$kdir" ] && [ -f "$kdir/include/config/kernel.release" ] ||
	die "no prepared kernel build tree at KDIR='${kdir}'; install linux-headers-${KFLAVOUR} (or pass KDIR=/path/to/kernel/build)"
release=$(cat "$kdir/include/config/kernel.release")
series=$(echo "$release" | cut -d. -f1,2)
supported=0
for k in $SUPPORTED_KERNELS; do
	# shellcheck disable=SC2254 # the entries are glob patterns
	case "$release" in $k) supported=1 ;; esac
done
[ $supported = 1 ] ||
	die "unsupported kernel $release: cxl_leo supports Debian's $(echo $SUPPORTED_KERNELS | sed 's/ /, /g') (KSERIES=6.12 or 7.3); see README.md, 'Supported kernels'"
[ "$series" = "$KSERIES" ] ||
	die "KDIR is Linux $release but KSERIES=$KSERIES: build with KSERIES=$series"

# A full kernel tree (in-tree or O= build of a source checkout) has the headers.
for cand in "$kdir" "$(readlink -f "$kdir/source" 2>/dev/null || true)"; do
	if [ -n "$cand" ] && [ -f "$cand/drivers/cxl/cxlmem.h" ]; then
		echo "$cand"
		exit 0
	fi
done

# A Debian headers package: the matching linux-source package must be installed.
hdr_pkg=$(dpkg-query -S "$(readlink -f "$kdir")" 2>/dev/null | head -n1 | cut -d: -f1 || true)
[ -n "$hdr_pkg" ] ||
	die "$kdir is not a full kernel tree nor a Debian headers package, so the CXL core's private headers (drivers/cxl/*.h) cannot be matched to it"
hdr_ver=$(dpkg-query -W -f='${Version}' "$hdr_pkg")
src_ver=$(kernel_source_pkgver || true)
[ -n "$src_ver" ] ||
	die "the CXL core's private headers come from the kernel source: apt-get install linux-source-${KSERIES}=$hdr_ver"
[ "$src_ver" = "$hdr_ver" ] ||
	die "kernel source $src_ver does not match headers $hdr_ver ($release); install the same version of both: apt-get install linux-source-${KSERIES}=$hdr_ver linux-headers-${KFLAVOUR}=$hdr_ver"

src=$("$here/kernel-source.sh")
# Read the version from the top Makefile: a nested make (DKMS) would mix
# "Entering directory" lines into `make kernelversion`.
src_rel=$(awk -F' *= *' '$1 == "VERSION" {v=$2} $1 == "PATCHLEVEL" {p=$2}
	$1 == "SUBLEVEL" {s=$2} END {print v "." p "." s}' "$src/Makefile")
case "$release" in
"$src_rel"|"$src_rel"[+-]*) ;;
*) die "extracted source $src is $src_rel but KDIR is $release" ;;
esac
echo "$src"
