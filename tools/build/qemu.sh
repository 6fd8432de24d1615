#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The QEMU the e2e harness runs: Debian 13 backports' 11.1.3 (Alert
# Configuration, Perform Maintenance and Media Operations on cxl-type3),
# inside the cached Debian 13 root because it needs Debian 13's libraries.
#
#   qemu.sh                 make sure it is there; print its version line
#   qemu.sh run ARGS...     run qemu-system-x86_64 ARGS... inside the root
#
# `run` shows the root the paths QEMU's arguments name: the checkout always,
# plus the directories in CXL_LEO_ROOT_BINDS (the harness passes its
# temporary directory, which holds the sockets, initrd and memory backends,
# and the kernel image's directory). CXL_LEO_QEMU=host runs the host's own
# qemu-system-x86_64 instead (the harness's QEMU 10.0 smoke run).
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/common.sh"
. "$here/debian13.sh"

if [ "${CXL_LEO_QEMU:-}" = host ]; then
	case "${1:-}" in
	run) shift; exec qemu-system-x86_64 "$@" ;;
	*) qemu-system-x86_64 --version | head -n1; exit ;;
	esac
fi

case "${1:-}" in
"")
	"$here/debian13-root.sh" >/dev/null
	"$here/debian13-root.sh" run qemu-system-x86_64 --version | head -n1
	;;
run)
	shift
	exec "$here/debian13-root.sh" run qemu-system-x86_64 "$@"
	;;
*)
	echo "usage: $0 [run ARGS...]" >&2
	exit 1
	;;
esac
