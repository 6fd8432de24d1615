# SPDX-License-Identifier: GPL-2.0-only
# Shared settings for the build and test scripts (sourced, not run).

KSERIES=${KSERIES:-6.12}
# The kernels cxl_leo supports: Debian's 6.12 (Debian 12 security, Debian 13)
# and Debian 13 backports' 7.3.4. check-kernel.sh refuses anything else.
SUPPORTED_KERNELS="6.12.*+deb12-amd64 6.12.*+deb13-amd64 7.3.4+deb13-amd64"
SUPPORTED_SERIES="6.12 7.3"
# The 7.3 ABI this tree is written against (Debian package names carry it).
KABI_7_3=7.3.4+deb13

HOST_CODENAME=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")

# Debian's package names for a series differ per release: Debian 12 has the
# 6.12 meta-packages from bookworm-security, Debian 13 has 6.12 as its default
# kernel and 7.3 in trixie-backports. KPKG_SUITE is the apt target release.
case "$HOST_CODENAME/$KSERIES" in
trixie/6.12)
	KPKG_IMAGE=linux-image-amd64 KPKG_HEADERS=linux-headers-amd64 KPKG_SUITE= ;;
trixie/7.3)
	KPKG_IMAGE=linux-image-$KABI_7_3-amd64 KPKG_HEADERS=linux-headers-$KABI_7_3-amd64
	KPKG_SUITE=trixie-backports ;;
*)
	KPKG_IMAGE=linux-image-${KSERIES}-amd64 KPKG_HEADERS=linux-headers-${KSERIES}-amd64
	KPKG_SUITE= ;;
esac
KPKG_SOURCE=linux-source-${KSERIES}
KFLAVOUR=${KFLAVOUR:-${KPKG_HEADERS#linux-headers-}}
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

# The kernel the QEMU harness boots: CXL_LEO_KSERIES=6.12 (default; the
# host's installed Debian 6.12) or 7.3 (Debian 13 backports' 7.3.4, unpacked
# into the cache by debian13-kernel.sh). vm_kernel_root is "" for the host's
# own kernel; vm_module_dir is where the matching cxl_leo.ko is built.
VM_KSERIES=${CXL_LEO_KSERIES:-6.12}

vm_kernel_release() {
	case "$VM_KSERIES" in
	6.12) kernel_release ;;
	7.3) echo "$KABI_7_3-amd64" ;;
	*) echo "CXL_LEO_KSERIES=$VM_KSERIES: the harness boots 6.12 or 7.3" >&2; return 1 ;;
	esac
}

vm_kernel_root() {
	case "$VM_KSERIES" in
	7.3) echo "$CXL_LEO_CACHE/kernels/$KABI_7_3-amd64" ;;
	*) echo "" ;;
	esac
}

# vm_module_dir TOP: the directory holding the cxl_leo.ko for VM_KSERIES.
vm_module_dir() {
	case "$VM_KSERIES" in
	6.12) echo "$1/drivers/cxl/leo" ;;
	*) echo "$1/build/$VM_KSERIES/drivers/cxl/leo" ;;
	esac
}
