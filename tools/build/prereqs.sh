#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Install everything cxl-leo needs to build and test, idempotently.
# Only Debian 12 packages (bookworm, bookworm-security, bookworm-backports) are
# installed on the host; ndctl 81 is built from Debian 13's source tarball into a
# private prefix by tools/build/ndctl.sh.
set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
. "$here/common.sh"

die() { echo "prereqs: error: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || SUDO=sudo
SUDO=${SUDO:-}

. /etc/os-release
[ "${VERSION_CODENAME:-}" = bookworm ] ||
	die "this host is ${PRETTY_NAME:-unknown}; cxl-leo's build and test machinery targets Debian 12 (bookworm)"

host_pkgs=(
	build-essential bc bison flex libelf-dev libssl-dev dwarves kmod xz-utils cpio
	python3 git sparse
	busybox-static numactl
	pkg-config meson ninja-build
	libjson-c-dev libtracefs-dev libtraceevent-dev libkmod-dev libudev-dev uuid-dev
	libkeyutils-dev libiniparser-dev
	asciidoctor python3-docutils valgrind dkms libcmocka-dev
	# the install test boots a disk image that runs udev
	udev e2fsprogs
	"linux-image-${KFLAVOUR}" "linux-headers-${KFLAVOUR}" "linux-source-${KSERIES}"
	# Debian 12's default 6.1 headers: the build must refuse them clearly (tests/build)
	linux-headers-amd64
)
backports_pkgs=(qemu-system-x86)

# Add bookworm-backports (same mirror as bookworm) if no source lists it yet.
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
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
qemu_ok=0
if command -v qemu-system-x86_64 >/dev/null; then
	qv=$(qemu-system-x86_64 --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
	[ "${qv:-0}" -ge 10 ] && qemu_ok=1
fi

if [ ${#missing[@]} -gt 0 ] || [ $qemu_ok = 0 ]; then
	if [ -n "${need_update:-}" ] || [ ! -s /var/lib/apt/lists/lock ] ||
	   ! apt-cache show "linux-source-${KSERIES}" >/dev/null 2>&1 ||
	   ! apt-cache policy qemu-system-x86 2>/dev/null | grep -q bookworm-backports; then
		$SUDO apt-get update -q >/dev/null || die "apt-get update failed"
	fi
	export DEBIAN_FRONTEND=noninteractive
	if [ ${#missing[@]} -gt 0 ]; then
		echo "prereqs: installing ${missing[*]}"
		$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
			die "could not install: ${missing[*]}"
	fi
	if [ $qemu_ok = 0 ]; then
		echo "prereqs: installing QEMU 10 from bookworm-backports"
		$SUDO apt-get install -y -q --no-install-recommends -t bookworm-backports \
			"${backports_pkgs[@]}" >/dev/null ||
			die "could not install qemu-system-x86 from bookworm-backports (QEMU >= 10 is required; bookworm's 7.2 lacks volatile Type-3, events and poison)"
	fi
fi

# All three kernel packages must be one version: the module build takes the CXL
# core's private headers from the source, so a mismatch would miscompile.
iv=$(dpkg-query -W -f='${Version}' "linux-image-${KFLAVOUR}")
hv=$(dpkg-query -W -f='${Version}' "linux-headers-${KFLAVOUR}")
sv=$(dpkg-query -W -f='${Version}' "linux-source-${KSERIES}")
if [ "$iv" != "$sv" ] || [ "$hv" != "$sv" ]; then
	die "kernel packages disagree: linux-image-${KFLAVOUR} $iv, linux-headers-${KFLAVOUR} $hv, linux-source-${KSERIES} $sv; run: apt-get install linux-image-${KFLAVOUR}=$sv linux-headers-${KFLAVOUR}=$sv"
fi

"$here/kernel-source.sh" >/dev/null
"$here/ndctl.sh" >/dev/null
echo "prereqs: ok (kernel $(kernel_release), QEMU $(qemu-system-x86_64 --version | head -n1 | awk '{print $4}'), ndctl $(ndctl_version))"
