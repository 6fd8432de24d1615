#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The online policy on an installed system with the distribution's
# auto-online (memhp_default_state=online_movable): udev runs cxl-leo
# apply-policy when a region's dax device binds, and each new region ends
# in the state /etc/cxl-leo/online.conf names: offline, movable, kernel.
# leo-policy-offline.sh boots the same with memhp_default_state=offline and
# expects the same end states.
# topology: single
# disk: install
# timeout: 420
. /e2e/lib.sh
POLICY_BOOT=auto-online
. /e2e/parts/online-policy.sh
