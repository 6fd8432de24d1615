// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo update-firmware: hand an image to the CXL core's firmware loader
 * (libcxl's cxl_memdev_update_fw(), as cxl-cli's update-firmware does) and
 * wait for it, showing progress: bytes the loader has transferred, plus the
 * device's progress on the chunk in flight (Transfer FW runs in the
 * background, CXL r3.1 8.2.9.3.2).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "background.h"
#include "builtin.h"
#include "memdev.h"
#include "progress.h"
#include "sysfs.h"

static const char update_usage[] =
	"cxl-leo update-firmware -m <memdev> --file <image> [--no-wait]";

#define FW_WAIT_S		1800
#define FW_TRANSFER_HEADER	128	/* Transfer FW input before the data */
#define POLL_MS			200

/* The loader's "status" and "remaining_size" (Documentation/ABI sysfs-class-firmware). */
static int loader_state(const char *dir, char *status, size_t len, unsigned long long *remaining)
{
	char buf[64];
	int rc = sysfs_read(dir, "status", status, len);

	if (!rc)
		rc = sysfs_read(dir, "remaining_size", buf, sizeof(buf));
	if (!rc)
		*remaining = strtoull(buf, NULL, 0);
	return rc;
}

static int wait_update(struct cxl_memdev *m, const char *dir, unsigned long long size)
{
	unsigned long long remaining = size, chunk, done, payload = 0;
	char status[64], error[128] = "", mem[300], buf[32];
	struct progress p;
	double deadline;
	int pct;

	/* The core sends the image in payload-sized Transfer FW chunks. */
	snprintf(mem, sizeof(mem), "/sys/bus/cxl/devices/%s", cxl_memdev_get_devname(m));
	if (!sysfs_read(mem, "payload_max", buf, sizeof(buf)))
		payload = strtoull(buf, NULL, 0);
	chunk = payload > FW_TRANSFER_HEADER ? payload - FW_TRANSFER_HEADER : size;
	progress_begin(&p, stderr, progress_mode, "update-firmware", cxl_memdev_get_devname(m),
		       "bytes", progress_now());
	deadline = p.start + FW_WAIT_S;
	for (;;) {
		if (loader_state(dir, status, sizeof(status), &remaining)) {
			progress_end(&p, "failed", progress_now());
			return -ENXIO;
		}
		if (!strcmp(status, "idle"))
			break;
		done = size - (remaining < size ? remaining : size);
		/* The chunk in flight counts as far as the device got with it. */
		pct = background_percent(m, "transfer-firmware");
		if (pct > 0 && remaining)
			done += (remaining < chunk ? remaining : chunk) * pct / 100;
		progress_update(&p, done, size, progress_now());
		if (progress_interrupted()) {
			char follow[1200];

			progress_end(&p, "interrupted", progress_now());
			snprintf(follow, sizeof(follow),
				 "%s/remaining_size (cancel: echo 1 > %s/cancel)", dir, dir);
			background_interrupted(m, "the firmware update", p.percent, follow);
			return -EINTR;
		}
		if (progress_now() > deadline) {
			progress_end(&p, "timeout", progress_now());
			return -ETIMEDOUT;
		}
		background_msleep(POLL_MS);
	}
	/* "idle" again: the loader's error says how it ended ("" for success). */
	sysfs_read(dir, "error", error, sizeof(error));
	if (*error) {
		progress_end(&p, "failed", progress_now());
		fprintf(stderr, "cxl-leo: update-firmware %s: %s\n", cxl_memdev_get_devname(m),
			error);
		return -EIO;
	}
	progress_end(&p, "done", progress_now());
	return 0;
}

int cmd_update_firmware(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		CXL_FILTER_LONGOPTS,
		{ "file", required_argument, NULL, 'F' },
		{ "no-wait", no_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct cxl_filter filter = { };
	const char *file = NULL, *name;
	bool wait = true;
	struct cxl_memdev *m;
	struct json_object *o, *slots;
	char dir[512], pci[512], fwdir[600];
	struct stat st;
	int c, rc;

	while ((c = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "F:h", opts, NULL)) != -1) {
		if (cxl_filter_option(c, optarg, &filter))
			continue;
		switch (c) {
		case 'F':
			file = optarg;
			break;
		case 'W':
			wait = false;
			break;
		case 'h':
			printf("usage: %s\n", update_usage);
			return 0;
		default:
			return usage_error(update_usage, "bad option");
		}
	}
	if (optind < argc)
		return usage_error(update_usage, "unexpected argument '%s'", argv[optind]);
	if (!file)
		return usage_error(update_usage, "--file <image> is required");
	if (stat(file, &st) || !S_ISREG(st.st_mode) || !st.st_size) {
		fprintf(stderr, "cxl-leo: update-firmware: %s: %s\n", file,
			errno ? strerror(errno) : "not a non-empty file");
		return 1;
	}
	rc = memdev_select_one(ctx, &filter, update_usage, &m);
	if (rc)
		return rc;
	name = cxl_memdev_get_devname(m);
	snprintf(dir, sizeof(dir), "/sys/bus/cxl/devices/%s/firmware/%s", name, name);
	if (access(dir, F_OK)) {
		fprintf(stderr, "cxl-leo: update-firmware: %s has no firmware loader\n", name);
		return 1;
	}
	if (geteuid()) {
		fprintf(stderr, "cxl-leo: update-firmware needs CAP_SYS_ADMIN (run as root)\n");
		return 1;
	}
	if (cxl_memdev_fw_update_in_progress(m)) {
		fprintf(stderr, "cxl-leo: update-firmware: an update of %s is already running\n",
			name);
		return 1;
	}
	rc = cxl_memdev_update_fw(m, file);
	if (rc) {
		fprintf(stderr, "cxl-leo: update-firmware %s: %s\n", name, strerror(-rc));
		return 1;
	}
	if (wait) {
		progress_catch_interrupt();
		if (wait_update(m, dir, st.st_size))
			return 1;
	}
	o = json_object_new_object();
	json_object_object_add(o, "memdev", json_object_new_string(name));
	json_object_object_add(o, "file", json_object_new_string(file));
	json_object_object_add(o, "size", json_object_new_uint64(st.st_size));
	json_object_object_add(o, "state", json_object_new_string(wait ? "updated" : "started"));
	memdev_pci_dir(m, pci, sizeof(pci));
	snprintf(fwdir, sizeof(fwdir), "%s/firmware", pci);
	slots = wait ? sysfs_dir_to_json(fwdir) : NULL;
	if (slots)
		json_object_object_add(o, "firmware", slots);
	json_print(o);
	json_object_put(o);
	return 0;
}
