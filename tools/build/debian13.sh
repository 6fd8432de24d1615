# SPDX-License-Identifier: GPL-2.0-only
# Debian 13 (trixie) package access from any host, sourced by the scripts that
# need it. A private apt configuration under the cache reads trixie,
# trixie-updates, trixie-security and trixie-backports without touching the
# host's apt sources or state; packages fetched with it are only ever unpacked
# (dpkg -x) into the cache or installed inside the cached Debian 13 root.

DEBIAN13_DIR=${DEBIAN13_DIR:-$CXL_LEO_CACHE/debian13}
DEBIAN13_ROOT=${DEBIAN13_ROOT:-$DEBIAN13_DIR/root}
DEBIAN13_APT=$DEBIAN13_DIR/apt
# The QEMU the e2e harness runs, from trixie-backports (tools/build/qemu.sh):
# the first with Alert Configuration, Perform Maintenance and Media Operations.
DEBIAN13_QEMU=11.1.3
DEBIAN13_SUITES="trixie trixie-updates trixie-backports"
# Packages the root needs to build cxl_leo for 7.3 (gcc-14: Debian 12's gcc-12
# cannot compile 7.3's flags; pahole for BTF) and the cxl-leo tool against
# Debian 13's own libcxl/libdaxctl 81.
DEBIAN13_ROOT_PKGS=gcc-14,gcc,make,libc6-dev,libelf-dev,libssl-dev,bc,flex,bison,dwarves,kmod,xz-utils,zstd,python3,pkg-config,libcxl-dev,libdaxctl-dev,libjson-c-dev,libtracefs-dev,libtraceevent-dev,libcmocka-dev,asciidoctor,valgrind,sparse,perl,file

debian13_mirror() {
	local m
	m=$(grep -rhs '^URIs:.*/debian$' /etc/apt/sources.list.d/ | head -n1 | awk '{print $2}')
	echo "${m:-http://deb.debian.org/debian}"
}

# The same URI with /debian-security for the security suite.
debian13_security_mirror() {
	local m
	m=$(grep -rhs '^URIs:.*/debian-security$' /etc/apt/sources.list.d/ | head -n1 | awk '{print $2}')
	echo "${m:-http://deb.debian.org/debian-security}"
}

# Lines of a sources.list for trixie (used by the private config and the root).
debian13_sources() {
	local mirror sec s
	mirror=$(debian13_mirror)
	sec=$(debian13_security_mirror)
	for s in $DEBIAN13_SUITES; do
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $s main"
	done
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $sec trixie-security main"
}

debian13_apt_opts=(-o "Dir::State=$DEBIAN13_APT/state" -o "Dir::Cache=$DEBIAN13_APT/cache"
	-o "Dir::Etc::SourceList=$DEBIAN13_APT/sources.list"
	-o "Dir::Etc::SourceParts=/dev/null" -o "Dir::State::status=/dev/null"
	-o "APT::Architecture=amd64" -o "Debug::NoLocking=true" -o "APT::Sandbox::User=root")

# Refresh the private index at most once a day (and whenever it is missing).
debian13_apt_update() {
	mkdir -p "$DEBIAN13_APT/state/lists/partial" "$DEBIAN13_APT/cache/archives/partial"
	debian13_sources > "$DEBIAN13_APT/sources.list.new"
	if ! cmp -s "$DEBIAN13_APT/sources.list.new" "$DEBIAN13_APT/sources.list" ||
	   [ -z "$(find "$DEBIAN13_APT/state/lists" -maxdepth 1 -name '*trixie-backports*Packages' -mtime -1 2>/dev/null)" ]; then
		mv "$DEBIAN13_APT/sources.list.new" "$DEBIAN13_APT/sources.list"
		apt-get "${debian13_apt_opts[@]}" update -q >/dev/null ||
			{ echo "debian13: error: could not read the Debian 13 package index from $(debian13_mirror)" >&2; return 1; }
	else
		rm -f "$DEBIAN13_APT/sources.list.new"
	fi
}

# debian13_version PKG: candidate version of PKG in the private index.
debian13_version() {
	apt-cache "${debian13_apt_opts[@]}" show "$1" 2>/dev/null |
		awk '/^Version:/{print $2}' | sort -V | tail -n1
}

# debian13_download DIR PKG=VER...: fetch .debs into DIR (cached there).
debian13_download() {
	local dir=$1; shift
	mkdir -p "$dir"
	(cd "$dir" && apt-get "${debian13_apt_opts[@]}" download -q "$@" >/dev/null)
}
