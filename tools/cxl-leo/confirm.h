/* SPDX-License-Identifier: GPL-2.0-only */
/* Consent before a step that destroys data or cannot be undone. */
#ifndef CXL_LEO_CONFIRM_H
#define CXL_LEO_CONFIRM_H

#include <stdbool.h>
#include <stdio.h>

int confirm_destruction(bool force, FILE *in, bool interactive);

#endif
