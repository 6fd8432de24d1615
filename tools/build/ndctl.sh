#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build ndctl (cxl-cli, daxctl, libcxl) from Debian 13's source into a private
# prefix. bookworm's ndctl 76 cannot create RAM regions; Debian 13 binaries must
# never be installed on this Debian 12 host, so only the source tarball is fetched,
# through a private apt configuration that leaves the host's sources untouched.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/common.sh"

die() { echo "ndctl: error: $*" >&2; exit 1; }

if [ -x "$NDCTL_PREFIX/bin/cxl" ] && [ -f "$NDCTL_PREFIX/.cxl-leo-built" ]; then
	echo "$NDCTL_PREFIX"
	exit 0
fi

work=$CXL_LEO_CACHE/ndctl-src
mkdir -p "$work"
tarball=$(ls "$work"/ndctl_"$NDCTL_VERSION"*.orig.tar.* 2>/dev/null | head -n1 || true)
if [ -z "$tarball" ]; then
	apt_root=$work/apt
	mkdir -p "$apt_root/state/lists/partial" "$apt_root/cache/archives/partial" "$apt_root/etc"
	mirror=$(grep -rhs '^URIs:.*debian$' /etc/apt/sources.list.d/ | head -n1 | awk '{print $2}')
	[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
	echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" \
		> "$apt_root/etc/sources.list"
	apt_opts=(-o "Dir::State=$apt_root/state" -o "Dir::Cache=$apt_root/cache"
		  -o "Dir::Etc::SourceList=$apt_root/etc/sources.list"
		  -o "Dir::Etc::SourceParts=/nonexistent" -o "Dir::State::status=/var/lib/dpkg/status")
	apt-get "${apt_opts[@]}" update -q >/dev/null ||
		die "could not read Debian 13 (trixie) source index from $mirror"
	# The .dsc may be unavailable; the upstream tarball is all we need, so
	# tolerate a partial download and check for the tarball itself.
	srcver=$(apt-cache "${apt_opts[@]}" showsrc ndctl | awk '/^Version:/{print $2}' |
		grep "^$NDCTL_VERSION-" | head -n1)
	[ -n "$srcver" ] || die "Debian 13 has no ndctl $NDCTL_VERSION source package"
	(cd "$work" && apt-get "${apt_opts[@]}" source --download-only -q "ndctl=$srcver" >/dev/null 2>&1) || true
	tarball=$(ls "$work"/ndctl_"$NDCTL_VERSION"*.orig.tar.* 2>/dev/null | head -n1 || true)
	[ -n "$tarball" ] || die "could not download ndctl $NDCTL_VERSION source (ndctl_$NDCTL_VERSION.orig.tar.gz) from Debian 13"
fi

src=$work/ndctl-$NDCTL_VERSION
rm -rf "$src" && mkdir -p "$src"
tar -C "$src" --strip-components=1 -xf "$tarball"
cd "$src"
meson setup build -Ddocs=disabled -Dsystemd=disabled -Dbashcompletiondir=no \
	-Dprefix="$NDCTL_PREFIX" -Drootprefix="$NDCTL_PREFIX" -Dlibdir=lib \
	-Diniparserdir=/usr/include/iniparser \
	-Dc_link_args="-Wl,-rpath,$NDCTL_PREFIX/lib" >build.log 2>&1 ||
	{ tail -n 20 build.log >&2; die "meson setup failed"; }
ninja -C build install >>build.log 2>&1 || { tail -n 20 build.log >&2; die "build failed"; }
touch "$NDCTL_PREFIX/.cxl-leo-built"
echo "$NDCTL_PREFIX"
