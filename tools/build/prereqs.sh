#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Install everything cxl-leo needs to build and test, idempotently.
#
#   prereqs.sh           build + test prerequisites (QEMU, guest userland too)
#   prereqs.sh --build   only what building and installing the module and the
#                        tool need (the Debian 13 root uses this)
#
# Debian 12 host: only Debian 12 packages (bookworm, bookworm-security,
# bookworm-backports) are installed; ndctl 81 is built from Debian 13's source
# tarball into a private prefix by tools/build/ndctl.sh. Debian 13 host: its own
# packages, the 7.3 kernel from trixie-backports, and the system libcxl 81.
set -euo pipefail
profile=full
case "${1:-}" in
--build) profile=build ;;
"") ;;
*) echo "usage: $0 [--build]" >&2; exit 2 ;;
esac

here=$(dirname "$(readlink -f "$0")")
. "$here/common.sh"

die() { echo "prereqs: error: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || SUDO=sudo
SUDO=${SUDO:-}

. /etc/os-release
case "${VERSION_CODENAME:-}/$KSERIES" in
bookworm/6.12|trixie/6.12|trixie/7.3) ;;
bookworm/7.3)
	die "Debian 12 cannot build for Linux 7.3 itself (its gcc-12 is too old): tools/build/debian13-root.sh provides a Debian 13 root that does" ;;
*)
	die "this host is ${PRETTY_NAME:-unknown} and KSERIES=$KSERIES; cxl-leo supports Debian 12 (bookworm) with Linux 6.12 and Debian 13 (trixie) with Linux 6.12 or 7.3" ;;
esac

build_pkgs=(
	build-essential bc bison flex libelf-dev libssl-dev dwarves kmod xz-utils cpio
	python3 git sparse pkg-config
	libjson-c-dev libtracefs-dev libtraceevent-dev libudev-dev libsmartcols-dev libnuma-dev
	asciidoctor valgrind libcmocka-dev
	# make dkms-install, and the install-reboot image's module (7.3: in the root)
	dkms
	"$KPKG_HEADERS" "$KPKG_SOURCE"
)
test_pkgs=(
	busybox-static numactl
	meson ninja-build libkmod-dev uuid-dev libkeyutils-dev libiniparser-dev
	python3-docutils
	# the install test boots a disk image that runs udev
	udev e2fsprogs
	"$KPKG_IMAGE"
)
case "$VERSION_CODENAME" in
bookworm)
	# Debian 12's default 6.1 headers: the build must refuse them clearly (tests/build)
	test_pkgs+=(linux-headers-amd64) ;;
trixie)
	# Debian 13 ships libcxl/libdaxctl 81: the tool links the system's.
	build_pkgs+=(libcxl-dev libdaxctl-dev) ;;
esac
host_pkgs=("${build_pkgs[@]}")
[ $profile = build ] || host_pkgs+=("${test_pkgs[@]}")
backports_pkgs=(qemu-system-x86)

# Add bookworm-backports (same mirror as bookworm) if no source lists it yet.
if [ "$VERSION_CODENAME" = bookworm ] && [ $profile = full ] &&
   ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
	mirror=$(grep -rhs '^URIs:.*debian$' /etc/apt/sources.list.d/ | head -n1 | awk '{print $2}')
	[ -n "$mirror" ] || mirror=$(awk '/^deb .*bookworm /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
	[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
	echo "prereqs: adding bookworm-backports from $mirror"
	cat <<SRC | $SUDO tee /etc/apt/sources.list.d/cxl-leo-backports.sources >/dev/null
Types: deb
URIs: $mirror
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
	need_update=1
fi

missing=()
for p in "${host_pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
qemu_ok=1
if [ $profile = full ]; then
	host_qemu_pkgs=(qemu-system-x86)
	qemu_ok=0
	if command -v qemu-system-x86_64 >/dev/null; then
		qv=$(qemu-system-x86_64 --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
		[ "${qv:-0}" -ge 10 ] && qemu_ok=1
	fi
fi

# The kernel packages of a backports series come from that suite (pkg/suite),
# everything else from the release itself.
install_list=()
for p in "${missing[@]}"; do
	case "$p" in
	"$KPKG_IMAGE"|"$KPKG_HEADERS"|"$KPKG_SOURCE")
		install_list+=("$p${KPKG_SUITE:+/$KPKG_SUITE}") ;;
	*) install_list+=("$p") ;;
	esac
done

if [ ${#missing[@]} -gt 0 ] || [ $qemu_ok = 0 ]; then
	if [ -n "${need_update:-}" ] || [ ! -s /var/lib/apt/lists/lock ] ||
	   ! apt-cache show "$KPKG_SOURCE" >/dev/null 2>&1 ||
	   { [ "$VERSION_CODENAME" = bookworm ] && [ $qemu_ok = 0 ] &&
	     ! apt-cache policy qemu-system-x86 2>/dev/null | grep -q bookworm-backports; }; then
		$SUDO apt-get update -q >/dev/null || die "apt-get update failed"
	fi
	export DEBIAN_FRONTEND=noninteractive
	if [ ${#missing[@]} -gt 0 ]; then
		echo "prereqs: installing ${install_list[*]}"
		$SUDO apt-get install -y -q --no-install-recommends "${install_list[@]}" >/dev/null ||
			die "could not install: ${install_list[*]}"
	fi
	if [ $qemu_ok = 0 ] && [ "$VERSION_CODENAME" = bookworm ]; then
		echo "prereqs: installing QEMU 10 from bookworm-backports"
		$SUDO apt-get install -y -q --no-install-recommends -t bookworm-backports \
			"${backports_pkgs[@]}" >/dev/null ||
			die "could not install qemu-system-x86 from bookworm-backports (QEMU >= 10 is required; bookworm's 7.2 lacks volatile Type-3, events and poison)"
	elif [ $qemu_ok = 0 ]; then
		echo "prereqs: installing QEMU from $VERSION_CODENAME"
		$SUDO apt-get install -y -q --no-install-recommends "${host_qemu_pkgs[@]}" >/dev/null ||
			die "could not install qemu-system-x86"
	fi
fi

# The kernel packages must be one version: the module build takes the CXL
# core's private headers from the source, so a mismatch would miscompile.
hv=$(dpkg-query -W -f='${Version}' "$KPKG_HEADERS")
sv=$(dpkg-query -W -f='${Version}' "$KPKG_SOURCE")
iv=$hv
[ $profile = build ] || iv=$(dpkg-query -W -f='${Version}' "$KPKG_IMAGE")
if [ "$iv" != "$sv" ] || [ "$hv" != "$sv" ]; then
	die "kernel packages disagree: $KPKG_IMAGE $iv, $KPKG_HEADERS $hv, $KPKG_SOURCE $sv; run: apt-get install $KPKG_IMAGE=$sv $KPKG_HEADERS=$sv"
fi

"$here/kernel-source.sh" >/dev/null
if [ "$VERSION_CODENAME" = bookworm ]; then
	"$here/ndctl.sh" >/dev/null
	libcxl="ndctl $(ndctl_version) (private build)"
else
	libcxl="libcxl $(pkg-config --modversion libcxl) (system)"
fi
qemu=
[ $profile = build ] || qemu=", QEMU $(qemu-system-x86_64 --version | head -n1 | awk '{print $4}')"
echo "prereqs: ok ($profile: kernel $(kernel_release)$qemu, $libcxl)"
