/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Progress of long operations (sanitize, firmware update, onlining and
 * offlining regions): a bar with an estimate on a terminal, JSON records on
 * request, nothing otherwise. Output goes to stderr; stdout keeps the
 * command's result.
 */
#ifndef CXL_LEO_PROGRESS_H
#define CXL_LEO_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum progress_mode {
	PROGRESS_AUTO,	/* bar when stdout and stderr are terminals, else none */
	PROGRESS_NONE,
	PROGRESS_BAR,
	PROGRESS_JSON,
};

/* Set by main.c from --progress=; commands read it through progress_begin(). */
extern enum progress_mode progress_mode;

struct progress {
	FILE *out;
	enum progress_mode mode;	/* resolved: never PROGRESS_AUTO */
	char op[32];
	char device[64];
	char unit[16];
	double start, last_emit;
	unsigned long long done, total;
	int percent;			/* last shown; never goes down */
	bool shown;
};

int progress_parse_mode(const char *arg, enum progress_mode *mode);
enum progress_mode progress_resolve(enum progress_mode mode, bool stdout_tty, bool stderr_tty);
double progress_now(void);

void progress_begin(struct progress *p, FILE *out, enum progress_mode mode, const char *op,
		    const char *device, const char *unit, double now);
void progress_update(struct progress *p, unsigned long long done, unsigned long long total,
		     double now);
void progress_end(struct progress *p, const char *state, double now);

/* The renderers, for the unit tests. */
int progress_percent(unsigned long long done, unsigned long long total);
double progress_eta(double elapsed, unsigned long long done, unsigned long long total);
size_t progress_format_bar(char *buf, size_t len, const struct progress *p, double now,
			   int width);
size_t progress_format_json(char *buf, size_t len, const struct progress *p, double now,
			    const char *state);

/*
 * Ctrl-C while waiting: the handler only records it, so no tool-side step is
 * cut in half; commands look at progress_interrupted() where stopping is safe.
 */
void progress_catch_interrupt(void);
bool progress_interrupted(void);

#endif
