// SPDX-License-Identifier: GPL-2.0-only
/*
 * Consent for a destructive step, asked after the caller has printed what
 * it will destroy: --force, or "yes" typed at a terminal. Without a
 * terminal nobody can have read the warning, so a script must say --force.
 */
#include <stdio.h>
#include <string.h>
#include "confirm.h"

/* 0 to go ahead; 1 (refused, message printed) otherwise. */
int confirm_destruction(bool force, FILE *in, bool interactive)
{
	char answer[16];

	if (force)
		return 0;
	if (!interactive) {
		fprintf(stderr, "cxl-leo: refusing: this cannot be undone, and there is no terminal to confirm on; add --force\n");
		return 1;
	}
	fprintf(stderr, "Type 'yes' to go ahead: ");
	fflush(stderr);
	if (!fgets(answer, sizeof(answer), in) || strcmp(answer, "yes\n")) {
		fprintf(stderr, "cxl-leo: not confirmed; nothing was changed\n");
		return 1;
	}
	return 0;
}
