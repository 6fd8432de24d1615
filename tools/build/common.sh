# SPDX-License-Identifier: GPL-2.0-only
# Shared settings for the build and test scripts (sourced, not run).

KSERIES=${KSERIES:-6.12}
KFLAVOUR=${KFLAVOUR:-${KSERIES}-amd64}
# Caches live outside the checkout so a fresh clone reuses them.
CXL_LEO_CACHE=${CXL_LEO_CACHE:-/var/cache/cxl-leo}
NDCTL_VERSION=${NDCTL_VERSION:-81}
NDCTL_PREFIX=${NDCTL_PREFIX:-$CXL_LEO_CACHE/ndctl-$NDCTL_VERSION}

# The installed Debian headers tree for $KFLAVOUR (newest if several).
kernel_headers_dir() {
	local d
	d=$(ls -d /usr/src/linux-headers-${KSERIES}.*-amd64 2>/dev/null | sort -V | tail -n1)
	[ -n "$d" ] && echo "$d"
}

kernel_release() {
	local d
	d=$(kernel_headers_dir) || return 1
	cat "$d/include/config/kernel.release"
}

# Debian package version of the matching source, e.g. 6.12.117-1~deb12u1.
kernel_source_pkgver() {
	dpkg-query -W -f='${Version}' "linux-source-${KSERIES}" 2>/dev/null
}

kernel_source_dir() {
	echo "$CXL_LEO_CACHE/linux-source-$(kernel_source_pkgver)"
}

ndctl_version() {
	[ -x "$NDCTL_PREFIX/bin/cxl" ] && LD_LIBRARY_PATH=$NDCTL_PREFIX/lib "$NDCTL_PREFIX/bin/cxl" --version
}
