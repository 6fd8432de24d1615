// SPDX-License-Identifier: GPL-2.0-only
/*
 * Progress rendering for the commands that wait (see progress.h). The
 * percentage shown never goes down, whatever the source reports, so a
 * device that restarts its counter per chunk cannot make the bar jump back.
 * A terminal gets a redrawn bar with an estimate, at most 10 times a
 * second; --progress=json gets one JSON object per line, when the
 * percentage changed and a second has passed, or every 5 seconds.
 */
#include <json-c/json.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "progress.h"

#define BAR_PERIOD_S	0.1
#define JSON_PERIOD_S	1.0
#define JSON_QUIET_S	5.0
#define BAR_WIDTH	30

enum progress_mode progress_mode = PROGRESS_AUTO;

int progress_parse_mode(const char *arg, enum progress_mode *mode)
{
	static const struct { const char *name; enum progress_mode mode; } modes[] = {
		{ "auto", PROGRESS_AUTO }, { "none", PROGRESS_NONE },
		{ "bar", PROGRESS_BAR }, { "json", PROGRESS_JSON },
	};
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (!strcmp(arg, modes[i].name)) {
			*mode = modes[i].mode;
			return 0;
		}
	}
	return -1;
}

/* Quiet unless asked when the result is piped or logged. */
enum progress_mode progress_resolve(enum progress_mode mode, bool stdout_tty, bool stderr_tty)
{
	if (mode != PROGRESS_AUTO)
		return mode;
	return stdout_tty && stderr_tty ? PROGRESS_BAR : PROGRESS_NONE;
}

double progress_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int progress_percent(unsigned long long done, unsigned long long total)
{
	if (!total)
		return 0;
	if (done >= total)
		return 100;
	return (int)(done * 100 / total);
}

/* Seconds left at the rate so far; -1 when there is no rate yet. */
double progress_eta(double elapsed, unsigned long long done, unsigned long long total)
{
	if (!done || !total || elapsed <= 0)
		return -1;
	if (done >= total)
		return 0;
	return elapsed * (double)(total - done) / (double)done;
}

static void format_duration(char *buf, size_t len, double s)
{
	long secs = (long)(s + 0.5);

	if (s < 0)
		snprintf(buf, len, "--");
	else if (secs < 60)
		snprintf(buf, len, "%lds", secs);
	else if (secs < 3600)
		snprintf(buf, len, "%ldm%02lds", secs / 60, secs % 60);
	else
		snprintf(buf, len, "%ldh%02ldm", secs / 3600, secs / 60 % 60);
}

size_t progress_format_bar(char *buf, size_t len, const struct progress *p, double now,
			   int width)
{
	char bar[128], eta[32], counts[64] = "";
	int i, fill = p->percent * width / 100;

	if (width > (int)sizeof(bar) - 1)
		width = sizeof(bar) - 1;
	for (i = 0; i < width; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[width] = '\0';
	format_duration(eta, sizeof(eta),
			p->percent == 100 ? 0 : progress_eta(now - p->start, p->done, p->total));
	if (strcmp(p->unit, "percent"))
		snprintf(counts, sizeof(counts), " %llu/%llu %s", p->done, p->total, p->unit);
	return snprintf(buf, len, "%s %s [%s] %3d%%%s, %s left", p->op, p->device, bar,
			p->percent, counts, eta);
}

size_t progress_format_json(char *buf, size_t len, const struct progress *p, double now,
			    const char *state)
{
	struct json_object *o = json_object_new_object();
	double eta = progress_eta(now - p->start, p->done, p->total);
	size_t n;

	json_object_object_add(o, "operation", json_object_new_string(p->op));
	json_object_object_add(o, "device", json_object_new_string(p->device));
	json_object_object_add(o, "state", json_object_new_string(state));
	json_object_object_add(o, "percent", json_object_new_int(p->percent));
	json_object_object_add(o, "done", json_object_new_uint64(p->done));
	json_object_object_add(o, "total", json_object_new_uint64(p->total));
	json_object_object_add(o, "unit", json_object_new_string(p->unit));
	json_object_object_add(o, "elapsed_s",
			       json_object_new_double((long)((now - p->start) * 10) / 10.0));
	if (eta >= 0 && !strcmp(state, "running"))
		json_object_object_add(o, "eta_s", json_object_new_double((long)(eta * 10) / 10.0));
	n = snprintf(buf, len, "%s",
		     json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return n;
}

static void emit(struct progress *p, double now, const char *state)
{
	char line[512];

	if (p->mode == PROGRESS_BAR) {
		progress_format_bar(line, sizeof(line), p, now, BAR_WIDTH);
		/* Redraw in place; the line ends only when the operation does. */
		fprintf(p->out, "\r%s\033[K%s", line, strcmp(state, "running") ? "\n" : "");
	} else if (p->mode == PROGRESS_JSON) {
		progress_format_json(line, sizeof(line), p, now, state);
		fprintf(p->out, "%s\n", line);
	} else {
		return;
	}
	fflush(p->out);
	p->last_emit = now;
	p->shown = true;
}

void progress_begin(struct progress *p, FILE *out, enum progress_mode mode, const char *op,
		    const char *device, const char *unit, double now)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->mode = progress_resolve(mode, isatty(STDOUT_FILENO), isatty(fileno(out)));
	snprintf(p->op, sizeof(p->op), "%s", op);
	snprintf(p->device, sizeof(p->device), "%s", device);
	snprintf(p->unit, sizeof(p->unit), "%s", unit);
	p->start = now;
	p->total = 100;
	emit(p, now, "running");
}

void progress_update(struct progress *p, unsigned long long done, unsigned long long total,
		     double now)
{
	int pct = progress_percent(done, total);
	bool changed = pct > p->percent;

	/* Never backwards: keep the furthest point reached. */
	if (pct >= p->percent) {
		p->done = done;
		p->total = total;
		p->percent = pct;
	}
	if (p->mode == PROGRESS_BAR && (changed || now - p->last_emit >= BAR_PERIOD_S))
		emit(p, now, "running");
	else if (p->mode == PROGRESS_JSON &&
		 ((changed && now - p->last_emit >= JSON_PERIOD_S) ||
		  now - p->last_emit >= JSON_QUIET_S))
		emit(p, now, "running");
}

/* @state: "done" (shown at 100%), or what else ended the wait. */
void progress_end(struct progress *p, const char *state, double now)
{
	if (!strcmp(state, "done")) {
		p->percent = 100;
		p->done = p->total;
	}
	emit(p, now, state);
}

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

void progress_catch_interrupt(void)
{
	struct sigaction sa = { .sa_handler = on_interrupt };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

bool progress_interrupted(void)
{
	return interrupted;
}
