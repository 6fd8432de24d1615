# SPDX-License-Identifier: GPL-2.0-only
#
# cxl-leo: Linux driver stack for Astera Labs Leo CXL memory controllers.
#
#   make            build cxl_leo.ko (against KDIR) and the cxl-leo tool
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
KSERIES ?= 6.12
# Default: the installed Debian 6.12 headers, whatever kernel the host runs.
KDIR ?= $(lastword $(sort $(wildcard /usr/src/linux-headers-$(KSERIES).*-amd64)))
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
KBUILD_FLAGS = -C $(KDIR) M=$(TOP) CONFIG_CXL_LEO=m $(KBUILD_STRICT)

.PHONY: all modules tool prereqs kernel-check kunit fuzz-deep tool-test e2e check demo \
	bench sparse checkpatch clean install uninstall dkms-install dkms-uninstall dkms-test help

all: modules tool

help:
	@sed -n '3,10p' Makefile | sed 's/^# \{0,1\}//'

prereqs:
	@$(BUILD)/prereqs.sh

# Resolves CXL_LEO_KSRC and refuses a KDIR/source mismatch or unsupported kernel.
kernel-check:
	@$(BUILD)/check-kernel.sh "$(KDIR)" >/dev/null

modules: kernel-check
	$(MAKE) $(KBUILD_FLAGS) CXL_LEO_KSRC=$$($(BUILD)/check-kernel.sh "$(KDIR)") modules

sparse: kernel-check
	$(MAKE) $(KBUILD_FLAGS) CXL_LEO_KSRC=$$($(BUILD)/check-kernel.sh "$(KDIR)") C=2 CHECK=sparse modules

checkpatch: kernel-check
	@$(BUILD)/checkpatch.sh "$$($(BUILD)/check-kernel.sh "$(KDIR)")"

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
	-$(MAKE) -C tools/cxl-leo clean

MODDIR = $(DESTDIR)/lib/modules/$(KVER)/updates
ETC_FILES = drivers/cxl/leo/cxl_leo.modprobe.conf:/etc/modprobe.d/cxl_leo.conf \
	    drivers/cxl/leo/80-cxl-leo.rules:/lib/udev/rules.d/80-cxl-leo.rules

# Module into updates/ (wins over any in-tree copy), then the modprobe.d
# softdep and udev rule that hand Leo devices to cxl_leo, then the tool.
install: all
	install -D -m 0644 drivers/cxl/leo/cxl_leo.ko $(MODDIR)/cxl_leo.ko
	@for f in $(ETC_FILES); do \
		echo "install $${f%%:*} -> $(DESTDIR)$${f#*:}"; \
		install -D -m 0644 $${f%%:*} $(DESTDIR)$${f#*:} || exit 1; \
	done
	$(MAKE) -C tools/cxl-leo install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)
	$(BUILD)/depmod.sh "$(DESTDIR)" "$(KVER)"

# DKMS: stage the sources under /usr/src and let dkms build for every kernel.
dkms-install:
	$(BUILD)/dkms.sh install

dkms-uninstall:
	$(BUILD)/dkms.sh uninstall

# Proves the DKMS path against the installed 6.12 headers without touching
# the system's DKMS tree.
dkms-test:
	@$(BUILD)/dkms.sh test "$(KVER)"

uninstall:
	rm -f $(MODDIR)/cxl_leo.ko
	@for f in $(ETC_FILES); do rm -fv $(DESTDIR)$${f#*:}; done
	-$(MAKE) -C tools/cxl-leo uninstall DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)
	$(BUILD)/depmod.sh "$(DESTDIR)" "$(KVER)"
