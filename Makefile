# SPDX-License-Identifier: GPL-2.0-only
#
# cxl-leo: Linux driver stack for Astera Labs Leo CXL memory controllers.
#
#   make            build cxl_leo.ko (against KDIR) and the cxl-leo tool
#                   (KSERIES=7.3: for Debian 13's 7.3.4, in build/7.3/)
#   make check      install prerequisites, build, run KUnit, tool tests, QEMU E2E
#   make fuzz-deep  the KUnit fuzzing suites with 10x make check's inputs
#   make demo       boot an emulated CXL host and show the main job
#   make bench      benchmarks against the upstream path (not tests)
#
# Kernel builds need the Debian headers (KDIR) *and* the matching Debian
# linux-source: the CXL core's private headers (drivers/cxl/*.h) are not in
# the headers package. tools/build/kernel-source.sh extracts it into a cache.

TOP := $(CURDIR)
BUILD := $(TOP)/tools/build
# The kernel series to build for: 6.12 (Debian 12 and 13) or 7.3 (Debian 13
# backports); see README.md, "Supported kernels".
# An explicit KDIR (DKMS passes one) names its series itself, whatever
# KSERIES the environment has: this Makefile exports its own, so DKMS run
# from `make dkms-install` (or a 7.3 image built under `make check`) would
# otherwise build 7.3 headers as 6.12 and be refused.
ifeq ($(origin KDIR),command line)
ifneq ($(origin KSERIES),command line)
KSERIES := $(shell cut -d. -f1,2 $(KDIR)/include/config/kernel.release 2>/dev/null)
endif
endif
KSERIES ?= 6.12
# Default: the installed Debian headers of that series, whatever kernel the host runs.
KDIR ?= $(lastword $(sort $(wildcard /usr/src/linux-headers-$(KSERIES).*-amd64)))
HOST_CODENAME := $(shell . /etc/os-release 2>/dev/null && echo $$VERSION_CODENAME)
# Debian 12 cannot compile for 7.3 (gcc-12): its kernel targets run inside the
# cached Debian 13 root (tools/build/debian13-root.sh), as on a Debian 13 host.
ifeq ($(HOST_CODENAME)/$(KSERIES),bookworm/7.3)
IN_DEBIAN13 := $(BUILD)/debian13-root.sh run
endif
# 6.12 builds in the checkout; other series keep their objects apart
# (Kbuild's MO=, 6.13+) so both modules can exist side by side. Kbuild
# refuses MO= when the source has a 6.12 build's modules.order, so M= is
# build/SERIES/src, whose entries are links to the checkout's sources.
# INTREE=1 (DKMS, whose source copy builds one kernel at a time) builds
# every series in the tree.
ifneq ($(KSERIES)$(INTREE),6.12)
ifneq ($(INTREE),1)
KOUT := $(TOP)/build/$(KSERIES)
KSRCDIR := $(KOUT)/src
KBUILD_MO = MO=$(KOUT)
endif
endif
KOUT ?= $(TOP)
KSRCDIR ?= $(TOP)
KBUILD_TREE = $(if $(KBUILD_MO),mkdir -p $(KSRCDIR) && for f in Kbuild Kconfig drivers include kunit; do \
	ln -sfn $(TOP)/$$f $(KSRCDIR)/$$f; done,true)
# Sparse on 7.3: Debian's 7.3 headers lack scripts/checker-valid.sh, which
# makes C=2 turn sparse off (with a warning that it is "not available");
# KBUILD_CHECKSRC from the command line keeps it on. Debian 13's sparse 0.6.4
# predates two builtins 7.x headers use: __typeof_unqual__ (read as typeof)
# and __builtin_strlen() in MODULE_INFO()'s static_assert (its argument is
# always a string literal, so sizeof - 1).
SPARSE_7X = sparse -D__typeof_unqual__=__typeof__ '-D__builtin_strlen(s)=(sizeof(s) - 1)'
SPARSE_FLAGS = $(if $(KBUILD_MO),KBUILD_CHECKSRC=2 CHECK="$(SPARSE_7X)",C=2 CHECK=sparse)
CXL_LEO_CACHE ?= /var/cache/cxl-leo
export CXL_LEO_CACHE KSERIES

KVER ?= $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)
VERSION := 0.1.0
export VERSION
PREFIX ?= /usr/local
DESTDIR ?=

# Developers and CI: W=1 and warnings are errors. DKMS builds on an operator's
# machine pass STRICT=0 so a new compiler's warning doesn't block a reboot.
STRICT ?= 1
ifeq ($(STRICT),1)
KBUILD_STRICT = W=1 KCFLAGS="-Werror"
endif
KBUILD_FLAGS = -C $(KDIR) M=$(KSRCDIR) $(KBUILD_MO) CONFIG_CXL_LEO=m $(KBUILD_STRICT)

.PHONY: all modules tool prereqs kernel-check kunit fuzz-deep tool-test e2e check demo \
	bench sparse checkpatch clean install install-files uninstall uninstall-files dkms-install dkms-uninstall dkms-test help

all: modules tool

help:
	@sed -n '3,10p' Makefile | sed 's/^# \{0,1\}//'

prereqs:
	@$(BUILD)/prereqs.sh

# Resolves CXL_LEO_KSRC and refuses a KDIR/source mismatch or unsupported kernel.
kernel-check:
	@$(BUILD)/check-kernel.sh "$(KDIR)" >/dev/null

ifdef IN_DEBIAN13
modules sparse checkpatch dkms-test:
	@$(IN_DEBIAN13) $(MAKE) --no-print-directory KSERIES=$(KSERIES) STRICT=$(STRICT) $(if $(findstring k,$(firstword -$(MAKEFLAGS))),-k) $@
else
modules: kernel-check
	@$(KBUILD_TREE)
	$(MAKE) $(KBUILD_FLAGS) CXL_LEO_KSRC=$$($(BUILD)/check-kernel.sh "$(KDIR)") modules

sparse: kernel-check
	@$(KBUILD_TREE)
	$(MAKE) $(KBUILD_FLAGS) CXL_LEO_KSRC=$$($(BUILD)/check-kernel.sh "$(KDIR)") $(SPARSE_FLAGS) modules

checkpatch: kernel-check
	@$(BUILD)/checkpatch.sh "$$($(BUILD)/check-kernel.sh "$(KDIR)")"
endif

tool:
	$(MAKE) -C tools/cxl-leo

kunit: prereqs
	@kunit/run.sh

# Deeper than make check's 100 000 inputs per case; another seed by default.
FUZZ_ITERS ?= 1000000
FUZZ_SEED ?= 0x5eed2026
FUZZ_TIMEOUT ?= 3600
fuzz-deep: prereqs
	@kunit/run.sh --timeout=$(FUZZ_TIMEOUT) --kernel_args=cxl_leo_test.fuzz_iters=$(FUZZ_ITERS) \
		--kernel_args=cxl_leo_test.fuzz_seed=$(FUZZ_SEED) 'cxl_leo_fuzz*'

tool-test: tool
	$(MAKE) -C tools/cxl-leo test

e2e: prereqs all
	@tests/run-e2e.sh

check:
	@tests/check.sh

demo:
	@tests/demo.sh

bench:
	@tests/bench.sh

clean:
	-$(MAKE) -C $(KDIR) M=$(TOP) CONFIG_CXL_LEO=m clean 2>/dev/null
	rm -rf $(TOP)/build
	-$(MAKE) -C tools/cxl-leo clean

MODDIR = $(DESTDIR)/lib/modules/$(KVER)/updates
STRIP ?= strip
ETC_FILES = drivers/cxl/leo/cxl_leo.modprobe.conf:/etc/modprobe.d/cxl_leo.conf \
	    drivers/cxl/leo/80-cxl-leo.rules:/lib/udev/rules.d/80-cxl-leo.rules

# Module into updates/ (wins over any in-tree copy), then the pieces that do
# not depend on the kernel: the modprobe.d softdep and udev rule that hand Leo
# devices to cxl_leo, and the tool.
# The module without its DWARF (INSTALL_MOD_STRIP=1's --strip-debug, what
# DKMS's default strip -g and Debian's own modules do): 4 MB of debug info
# that every modprobe would read and copy for nothing. Symbols, ORC and BTF stay.
install: all install-files
	install -D -m 0644 $(KOUT)/drivers/cxl/leo/cxl_leo.ko $(MODDIR)/cxl_leo.ko
	$(STRIP) --strip-debug $(MODDIR)/cxl_leo.ko
	$(BUILD)/depmod.sh "$(DESTDIR)" "$(KVER)"
	@$(BUILD)/memmap-note.sh

install-files:
	@for f in $(ETC_FILES); do \
		echo "install $${f%%:*} -> $(DESTDIR)$${f#*:}"; \
		install -D -m 0644 $${f%%:*} $(DESTDIR)$${f#*:} || exit 1; \
	done
	$(MAKE) -C tools/cxl-leo install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

# DKMS: stage the sources under /usr/src and let dkms build for every kernel.
# Without the softdep and udev rule nothing hands the device to cxl_leo (and
# cxl_pci keeps it), so the kernel-independent pieces come along.
dkms-install: install-files
	$(BUILD)/dkms.sh install

dkms-uninstall: uninstall-files
	$(BUILD)/dkms.sh uninstall

# Proves the DKMS path against the installed headers of KSERIES (default
# 6.12; 7.3 on Debian 12 inside the Debian 13 root) without touching the
# system's DKMS tree.
ifndef IN_DEBIAN13
dkms-test:
	@$(BUILD)/dkms.sh test "$(KVER)"
endif

uninstall: uninstall-files
	rm -f $(MODDIR)/cxl_leo.ko
	$(BUILD)/depmod.sh "$(DESTDIR)" "$(KVER)"

uninstall-files:
	@for f in $(ETC_FILES); do rm -fv $(DESTDIR)$${f#*:}; done
	-$(MAKE) -C tools/cxl-leo uninstall DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)
