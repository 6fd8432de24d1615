#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# checkpatch.sh KSRC: the kernel's checkpatch.pl --strict over our kernel C files.
set -uo pipefail
ksrc=$1
top=$(readlink -f "$(dirname "$0")/../..")
cd "$top"
mapfile -t files < <(git ls-files 'drivers/*.c' 'drivers/*.h' 'kunit/*.c' 'kunit/*.h' 'include/*.h')
[ ${#files[@]} -gt 0 ] || { echo "checkpatch: no kernel sources"; exit 1; }
# 7.x's checkpatch asks for the kzalloc_obj() family, which 6.12 lacks; one
# source serves both, so that advice is not taken (ALLOC_WITH_SIZEOF).
ignore=()
[ ! -f "$ksrc/include/linux/slab.h" ] || ! grep -q 'define kzalloc_obj' "$ksrc/include/linux/slab.h" ||
	ignore=(--ignore ALLOC_WITH_SIZEOF)
"$ksrc/scripts/checkpatch.pl" --strict --no-tree --terse --show-types "${ignore[@]}" \
	-f "${files[@]}"
