#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# depmod.sh DESTDIR KVER: refresh module dependencies for an installed or
# staged tree; a staging DESTDIR without a modules tree needs nothing.
set -euo pipefail
destdir=$1 kver=$2
if [ -z "$destdir" ]; then
	depmod -a "$kver"
elif [ -d "$destdir/lib/modules/$kver/kernel" ]; then
	depmod -b "$destdir" -a "$kver"
fi
