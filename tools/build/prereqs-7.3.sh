#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# What building and booting Linux 7.3.4 needs, idempotently: on Debian 12 the
# cached Debian 13 root (which builds the module) and the unpacked 7.3 image
# and modules (which the QEMU harness boots); on Debian 13 the host's own
# packages (prereqs.sh with KSERIES=7.3) and the same unpacked image.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/common.sh"

t0=$SECONDS
case "$HOST_CODENAME" in
bookworm) root=$("$here/debian13-root.sh"); where="Debian 13 root $root" ;;
*) KSERIES=7.3 "$here/prereqs.sh" --build; where=host ;;
esac
kernel=$("$here/debian13-kernel.sh")
echo "prereqs-7.3: ok (build in $where, kernel $(cat "$kernel/.cxl-leo-unpacked") in $kernel, $((SECONDS - t0)) s)"
