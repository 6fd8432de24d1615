#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# checkpatch.sh KSRC: the kernel's checkpatch.pl --strict over our kernel C files.
set -uo pipefail
ksrc=$1
top=$(readlink -f "$(dirname "$0")/../..")
cd "$top"
mapfile -t files < <(git ls-files 'drivers/*.c' 'drivers/*.h' 'kunit/*.c' 'kunit/*.h' 'include/*.h')
[ ${#files[@]} -gt 0 ] || { echo "checkpatch: no kernel sources"; exit 1; }
"$ksrc/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
	-f "${files[@]}"
