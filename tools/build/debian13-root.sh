#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The cached Debian 13 (trixie) root: built once with debootstrap, provisioned
# by this project's own prereqs.sh running inside it as on any Debian 13 host.
# It builds cxl_leo for Debian 13's kernels (7.3 needs gcc-14) and proves the
# Debian 13 host path (build, install, tool against the system libcxl 81).
#
#   debian13-root.sh              make sure the root exists; print its path
#   debian13-root.sh run CMD...   run CMD inside it, in the current directory
#
# `run` works in a private mount namespace: /proc, /sys, /dev and the checkout
# are mounted only for CMD and disappear with it, so nothing is left mounted
# and concurrent users don't see each other's mounts. The checkout (and any
# directories in CXL_LEO_ROOT_BINDS) appear inside at the same absolute path.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
top=$(readlink -f "$here/../..")
. "$here/common.sh"
. "$here/debian13.sh"

die() { echo "debian13-root: error: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot and mounts)"

root=$DEBIAN13_ROOT
stamp=$root/.cxl-leo-root

# run_in_root CMD...: the private-namespace chroot described above.
run_in_root() {
	local cwd
	cwd=$(pwd -P)
	unshare --mount --propagation private -- /bin/bash -euc '
		root=$1 top=$2 cwd=$3; shift 3
		mount -t proc proc "$root/proc"
		mount --rbind /sys "$root/sys"
		mount --rbind /dev "$root/dev"
		mount -t tmpfs tmpfs "$root/tmp"
		for d in "$top" ${CXL_LEO_ROOT_BINDS:-}; do
			mkdir -p "$root$d"
			mount --bind "$d" "$root$d"
		done
		# A git worktree keeps its repository elsewhere: show it, read-only.
		gitdir=$(git -C "$top" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
		case "$gitdir" in
		""|"$top"/*) ;;
		*)
			mkdir -p "$root$gitdir"
			mount --bind "$gitdir" "$root$gitdir"
			mount -o remount,bind,ro "$root$gitdir"
			;;
		esac
		[ -d "$root$cwd" ] || cwd=/
		cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
		exec chroot "$root" /usr/bin/env -i HOME=/root TERM="${TERM:-dumb}" \
			PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
			${KSERIES:+KSERIES=$KSERIES} ${CXL_LEO_KSERIES:+CXL_LEO_KSERIES=$CXL_LEO_KSERIES} \
			/bin/bash -c "cd \"\$0\" && exec \"\$@\"" "$cwd" "$@"
	' debian13-root "$root" "$top" "$cwd" "$@"
}

# debootstrap itself comes from Debian 13 too, unpacked into the cache, so the
# host needs no extra package and any Debian release can make the root.
fetch_debootstrap() {
	local dir=$DEBIAN13_DIR/debootstrap ver
	if [ ! -x "$dir/usr/sbin/debootstrap" ]; then
		ver=$(debian13_version debootstrap)
		[ -n "$ver" ] || die "Debian 13 has no debootstrap package"
		rm -rf "$dir" "$DEBIAN13_DIR/debs/debootstrap"
		debian13_download "$DEBIAN13_DIR/debs/debootstrap" "debootstrap=$ver" ||
			die "could not download debootstrap $ver"
		dpkg -x "$DEBIAN13_DIR/debs/debootstrap"/debootstrap_*.deb "$dir"
	fi
	echo "$dir"
}

make_root() {
	local ds tmp
	debian13_apt_update
	ds=$(fetch_debootstrap)
	tmp=$DEBIAN13_DIR/root.new
	rm -rf "$tmp"
	echo "debian13-root: debootstrap trixie into $root" >&2
	DEBOOTSTRAP_DIR=$ds/usr/share/debootstrap "$ds/usr/sbin/debootstrap" \
		--variant=minbase --include=gcc-14,make,libc6-dev,libelf-dev,bc,flex,bison,dwarves \
		trixie "$tmp" "$(debian13_mirror)" >"$DEBIAN13_DIR/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$DEBIAN13_DIR/debootstrap.log" >&2; die "debootstrap failed"; }
	debian13_sources > "$tmp/etc/apt/sources.list"
	rm -f "$tmp/etc/apt/sources.list.d/debian.sources"
	# No daemons may start inside a chroot that is only ever used for builds.
	printf '#!/bin/sh\nexit 101\n' > "$tmp/usr/sbin/policy-rc.d"
	chmod 0755 "$tmp/usr/sbin/policy-rc.d"
	echo 'APT::Install-Recommends "false";' > "$tmp/etc/apt/apt.conf.d/90cxl-leo"
	rm -rf "$root"
	mv "$tmp" "$root"
}

prereqs_stamp() {
	echo "$root/.cxl-leo-prereqs-$1-$(md5sum < "$top/tools/build/prereqs.sh" | cut -c1-12)"
}

provision_root() {
	local series
	# Provisioning is the Debian 13 host path of prereqs.sh, once per series
	# and version of prereqs.sh (a package it adds reaches cached roots too).
	for series in 6.12 7.3; do
		[ -f "$(prereqs_stamp "$series")" ] && continue
		echo "debian13-root: prereqs for Linux $series inside the root" >&2
		KSERIES=$series run_in_root "$top/tools/build/prereqs.sh" --build ||
			die "prereqs.sh --build (KSERIES=$series) failed inside the Debian 13 root"
		touch "$(prereqs_stamp "$series")"
	done
	# The QEMU the e2e harness runs (tools/build/qemu.sh): trixie-backports'
	# build, which needs Debian 13's libraries.
	if [ ! -f "$root/.cxl-leo-qemu-$DEBIAN13_QEMU" ]; then
		echo "debian13-root: QEMU $DEBIAN13_QEMU inside the root" >&2
		run_in_root /bin/bash -euc '
			apt-get update -q >/dev/null
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
				-t trixie-backports qemu-system-x86 >/dev/null
			qemu-system-x86_64 --version | grep -q "version $1 "' qemu "$DEBIAN13_QEMU" ||
			die "could not install QEMU $DEBIAN13_QEMU from trixie-backports inside the root"
		touch "$root/.cxl-leo-qemu-$DEBIAN13_QEMU"
	fi
}

provisioned() {
	local series
	for series in 6.12 7.3; do
		[ -f "$(prereqs_stamp "$series")" ] || return 1
	done
	[ -f "$root/.cxl-leo-qemu-$DEBIAN13_QEMU" ]
}

ensure_root() {
	mkdir -p "$DEBIAN13_DIR"
	exec 9>"$DEBIAN13_DIR/.lock"
	flock 9
	if [ ! -f "$stamp" ] || ! provisioned; then
		[ -d "$root/usr" ] && [ -f "$root/.cxl-leo-debootstrapped" ] || {
			make_root
			touch "$root/.cxl-leo-debootstrapped"
		}
		provision_root
		date -u +%FT%TZ > "$stamp"
	fi
	exec 9>&-
}

case "${1:-}" in
"")
	ensure_root
	echo "$root"
	;;
run)
	shift
	[ $# -gt 0 ] || die "usage: $0 run CMD..."
	ensure_root
	run_in_root "$@"
	;;
*)
	die "usage: $0 [run CMD...]"
	;;
esac
