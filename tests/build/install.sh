#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make install puts every piece where the admin guide says, into DESTDIR for
# the KVER asked for; make uninstall takes all of it away again.
set -uo pipefail
top=$(readlink -f "$(dirname "$0")/../..")
cd "$top"
. tools/build/common.sh
kver=$(kernel_release)
VERSION=$(sed -n 's/^VERSION := //p' Makefile)
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
pass=0 fail=0
t() {	# t NAME CMD...
	local name=$1; shift
	if "$@"; then echo "PASS install: $name"; pass=$((pass + 1));
	else echo "FAIL install: $name"; fail=$((fail + 1)); fi
}

mkdir -p "$dest/lib/modules/$kver/kernel"	# a tree depmod can index
out=$(make --no-print-directory install DESTDIR="$dest" KVER="$kver" PREFIX=/usr 2>&1) ||
	echo "$out"
want=(
	"lib/modules/$kver/updates/cxl_leo.ko"
	etc/modprobe.d/cxl_leo.conf
	lib/udev/rules.d/80-cxl-leo.rules
	usr/bin/cxl-leo
	usr/share/man/man1/cxl-leo.1
	usr/share/man/man1/cxl-leo-monitor.1
	usr/share/bash-completion/completions/cxl-leo
	lib/udev/rules.d/81-cxl-leo-online.rules
	lib/systemd/system/cxl-leo-policy@.service
	etc/cxl-leo/online.conf
)
for f in "${want[@]}"; do t "installs /$f" test -s "$dest/$f"; done
t "install says where the memmap of CXL memory goes and the parameter that moves it" \
	sh -c "echo \"\$1\" | grep -q 'note: memory_hotplug.memmap_on_memory' && echo \"\$1\" | grep -q 'memmap_on_memory=1\\|on the expander'" _ "$out"
t "the online policy rule runs the installed tool without systemd" grep -q 'RUN+="/usr/bin/cxl-leo apply-policy --udev %k"' "$dest/lib/udev/rules.d/81-cxl-leo-online.rules"
t "and its service under systemd" sh -c "grep -q 'SYSTEMD_WANTS}+=\"cxl-leo-policy@%k.service\"' '$dest/lib/udev/rules.d/81-cxl-leo-online.rules' && grep -q '^ExecStart=/usr/bin/cxl-leo apply-policy %i' '$dest/lib/systemd/system/cxl-leo-policy@.service'"
t "the installed policy parses (apply-policy reads it)" sh -c "env -u LD_LIBRARY_PATH '$dest/usr/bin/cxl-leo' apply-policy -n --config '$dest/etc/cxl-leo/online.conf' mem99 2>&1 | grep -q 'nothing to apply'"
# The installed tool must not need the build cache (ndctl's private build
# is there on Debian 12; make install copies its libraries next to the tool).
tool=$dest/usr/bin/cxl-leo
t "installed cxl-leo has no RUNPATH into $CXL_LEO_CACHE" \
	sh -c "readelf -d '$tool' >/dev/null && ! readelf -d '$tool' | grep -E 'R(UN)?PATH' | grep -qF '$CXL_LEO_CACHE'"
t "installed cxl-leo finds every library, none in $CXL_LEO_CACHE" \
	sh -c "out=\$(env -u LD_LIBRARY_PATH ldd '$tool') && ! echo \"\$out\" | grep -q 'not found' && ! echo \"\$out\" | grep -qF '$CXL_LEO_CACHE'"
t "installed cxl-leo runs (--version)" sh -c "env -u LD_LIBRARY_PATH '$tool' --version | grep -qx '$VERSION'"
t "depmod indexed the module for KVER" grep -q "updates/cxl_leo.ko" "$dest/lib/modules/$kver/modules.dep"
t "module is for KVER" sh -c "modinfo -F vermagic '$dest/lib/modules/$kver/updates/cxl_leo.ko' | grep -q '^$kver '"
ko=$dest/lib/modules/$kver/updates/cxl_leo.ko
t "module installed without DWARF, with its symbols and BTF" \
	sh -c "s=\$(readelf -S -W '$ko') && ! echo \"\$s\" | grep -q '\.debug_' && echo \"\$s\" | grep -q ' \.BTF ' && echo \"\$s\" | grep -q ' \.symtab '"
out=$(make --no-print-directory uninstall DESTDIR="$dest" KVER="$kver" PREFIX=/usr 2>&1) ||
	echo "$out"
left=$(cd "$dest" && find . -type f ! -path "./lib/modules/$kver/modules.*")
t "uninstall removes every installed file" test -z "$left"
[ -z "$left" ] || echo "$left"

# The DKMS path (make dkms-install) brings the module from DKMS and the rest
# from install-files: everything but the module, so that udev still hands the
# device to cxl_leo; dkms-uninstall takes the same files away.
files=$(mktemp -d)
make --no-print-directory install-files DESTDIR="$files" PREFIX=/usr >/dev/null 2>&1
for f in "${want[@]}"; do
	case $f in
	lib/modules/*) t "install-files leaves the module to DKMS (/$f)" test ! -e "$files/$f" ;;
	*) t "install-files installs /$f" test -s "$files/$f" ;;
	esac
done
t "dkms-install runs install-files before DKMS" \
	sh -c "make --no-print-directory -n dkms-install DESTDIR='$files' PREFIX=/usr | grep 'cxl_leo.modprobe.conf' >/dev/null"
make --no-print-directory uninstall-files DESTDIR="$files" PREFIX=/usr >/dev/null 2>&1
t "uninstall-files removes them again" test -z "$(find "$files" -type f)"
t "dkms-uninstall runs uninstall-files" \
	sh -c "make --no-print-directory -n dkms-uninstall DESTDIR='$files' PREFIX=/usr | grep '80-cxl-leo.rules' >/dev/null"
rm -rf "$files"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
