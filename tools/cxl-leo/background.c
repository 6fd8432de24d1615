// SPDX-License-Identifier: GPL-2.0-only
/*
 * Waiting for what a device runs in the background (sanitize, firmware
 * transfer), with progress from cxl_leo's cxl_leo/background_* attributes
 * (the Background Command Status register) and the core's firmware loader.
 * A Ctrl-C ends the wait, never the device's work: it says what is still
 * running and how to follow it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "background.h"
#include "memdev.h"
#include "progress.h"
#include "sysfs.h"

#define POLL_MS		200

void background_msleep(int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Percent of the background command @name the device runs, -1 if another or none. */
int background_percent(struct cxl_memdev *m, const char *name)
{
	char dir[512], leo[600], buf[64];
	unsigned long pct;

	memdev_pci_dir(m, dir, sizeof(dir));
	snprintf(leo, sizeof(leo), "%s/cxl_leo", dir);
	if (sysfs_read(leo, "background_name", buf, sizeof(buf)) || strcmp(buf, name))
		return -1;
	if (sysfs_read(leo, "background_percent", buf, sizeof(buf)))
		return -1;
	pct = strtoul(buf, NULL, 10);
	return pct > 100 ? 100 : (int)pct;
}

void background_interrupted(struct cxl_memdev *m, const char *what, int percent,
			    const char *follow)
{
	char dir[512];

	memdev_pci_dir(m, dir, sizeof(dir));
	fprintf(stderr, "cxl-leo: interrupted: %s of %s is still running on the device",
		what, cxl_memdev_get_devname(m));
	if (percent >= 0)
		fprintf(stderr, " (%d%%)", percent);
	fprintf(stderr, "; it was not stopped. Follow it with: cat %s/cxl_leo/background_percent%s%s\n",
		dir, follow ? "; " : "", follow ? follow : "");
}

int background_wait_sanitize(struct cxl_memdev *m, int timeout_ms)
{
	const char *name = cxl_memdev_get_devname(m);
	char sec[300], state[64];
	struct progress p;
	double deadline;
	int pct = -1;

	snprintf(sec, sizeof(sec), "/sys/bus/cxl/devices/%s/security", name);
	progress_begin(&p, stderr, progress_mode, "sanitize", name, "percent", progress_now());
	deadline = p.start + timeout_ms / 1000.0;
	for (;;) {
		if (sysfs_read(sec, "state", state, sizeof(state))) {
			progress_end(&p, "failed", progress_now());
			return -ENXIO;
		}
		/* The core reports "sanitize" until it has seen the device finish. */
		if (strcmp(state, "sanitize"))
			break;
		pct = background_percent(m, "sanitize");
		if (pct >= 0)
			progress_update(&p, pct, 100, progress_now());
		if (progress_interrupted()) {
			progress_end(&p, "interrupted", progress_now());
			background_interrupted(m, "sanitize", pct, NULL);
			return -EINTR;
		}
		if (progress_now() > deadline) {
			progress_end(&p, "timeout", progress_now());
			return -ETIMEDOUT;
		}
		background_msleep(POLL_MS);
	}
	progress_end(&p, "done", progress_now());
	return 0;
}
