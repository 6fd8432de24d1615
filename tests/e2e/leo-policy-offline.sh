#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# leo-policy.sh booted with memhp_default_state=offline: the kernel leaves
# new memory offline, and the same policies give the same end states.
# topology: single
# disk: install
# cmdline: memhp_default_state=offline
# timeout: 420
. /e2e/lib.sh
POLICY_BOOT=offline
. /e2e/parts/online-policy.sh
