// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo offline --sanitize: erase exactly what the regions used. Before
 * the regions go, each endpoint decoder's DPA range is recorded; once they
 * are gone each range is wiped through cxl_leo's media_ops/ (Media
 * Operations, CXL r3.2 8.2.10.9.5.3): Sanitize where the device offers it,
 * then Zero, so the next tenant reads zeros as after a whole-device
 * sanitize. When a device has no range wipe, a range is not on its
 * granularity, or --whole-device asks for it, every device is sanitized
 * whole instead, and the statement before consent says so and why.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "background.h"
#include "confirm.h"
#include "human.h"
#include "memdev.h"
#include "progress.h"
#include "sysfs.h"
#include "wipe.h"

#define WIPE_WAIT_MS	600000
#define POLL_MS		200

static const struct {
	unsigned int bit;
	const char *name;
} wipe_ops[] = {
	{ WIPE_OP_SANITIZE, "sanitize" },
	{ WIPE_OP_ZERO, "zero" },
};

static void media_ops_dir(struct cxl_memdev *m, char *buf, size_t len)
{
	char dir[512];

	memdev_pci_dir(m, dir, sizeof(dir));
	snprintf(buf, len, "%s/media_ops", dir);
}

/* The range operations @m offers (WIPE_OP_*) and their granularity; 0 if none. */
static unsigned int memdev_wipe_ops(struct cxl_memdev *m, unsigned long long *granularity)
{
	char dir[600], buf[128], *tok, *save;
	unsigned int ops = 0, i;

	media_ops_dir(m, dir, sizeof(dir));
	if (sysfs_read(dir, "granularity", buf, sizeof(buf)))
		return 0;
	*granularity = strtoull(buf, NULL, 0);
	if (!*granularity || sysfs_read(dir, "operations", buf, sizeof(buf)))
		return 0;
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		for (i = 0; i < sizeof(wipe_ops) / sizeof(wipe_ops[0]); i++)
			if (!strcmp(tok, wipe_ops[i].name))
				ops |= wipe_ops[i].bit;
	return ops;
}

static void add_memdev(struct wipe_plan *p, struct cxl_memdev *m)
{
	int k;

	for (k = 0; k < p->nr_memdevs; k++)
		if (p->memdev[k] == m)
			return;
	if (p->nr_memdevs < WIPE_MAX)
		p->memdev[p->nr_memdevs++] = m;
}

static void whole_devices(struct wipe_plan *p, const char *why)
{
	if (p->method == WIPE_DEVICE)
		return;		/* the first reason stands */
	p->method = WIPE_DEVICE;
	snprintf(p->why, sizeof(p->why), "%s", why);
}

/* The whole of one device, for why (a memdev no region maps has no ranges). */
void wipe_plan_device(struct wipe_plan *p, struct cxl_memdev *m, const char *why)
{
	memset(p, 0, sizeof(*p));
	p->method = WIPE_RANGE;
	whole_devices(p, why);
	add_memdev(p, m);
}

/*
 * Record what the regions map, before they are torn down, and choose how
 * to erase it: by range when every device can wipe every one of its ranges.
 * 0, or 1 (said why) when what a region maps cannot be told.
 */
int wipe_plan(struct wipe_plan *p, struct cxl_region **regions, int n, bool whole_device)
{
	unsigned long long gran;
	unsigned int ways, t, ops;
	char why[200];
	int i, k;

	memset(p, 0, sizeof(*p));
	p->method = WIPE_RANGE;
	if (whole_device)
		whole_devices(p, "--whole-device");
	for (i = 0; i < n; i++) {
		int before = p->nr_ranges;

		ways = cxl_region_get_interleave_ways(regions[i]);
		for (t = 0; t < ways; t++) {
			struct cxl_decoder *d = cxl_region_get_target_decoder(regions[i], t);
			struct cxl_memdev *m = d ? cxl_decoder_get_memdev(d) : NULL;
			struct wipe_range *r;

			if (!m)
				continue;
			add_memdev(p, m);
			if (p->nr_ranges == WIPE_MAX) {
				fprintf(stderr, "cxl-leo: offline: the selection maps more than %d device ranges; narrow it\n",
					WIPE_MAX);
				return 1;
			}
			r = &p->range[p->nr_ranges++];
			r->memdev = m;
			r->region = i;
			r->dpa = cxl_decoder_get_dpa_resource(d);
			r->size = cxl_decoder_get_dpa_size(d);
			if (r->dpa == ULLONG_MAX || !r->size || r->size == ULLONG_MAX) {
				snprintf(why, sizeof(why), "%s: its DPA range is unknown",
					 cxl_decoder_get_devname(d));
				whole_devices(p, why);
			}
		}
		if (p->nr_ranges == before) {
			fprintf(stderr, "cxl-leo: offline --sanitize: %s has no endpoint decoder to tell what it maps; refusing, nothing was changed\n",
				cxl_region_get_devname(regions[i]));
			return 1;
		}
	}
	for (k = 0; k < p->nr_ranges && p->method == WIPE_RANGE; k++) {
		struct wipe_range *r = &p->range[k];

		ops = memdev_wipe_ops(r->memdev, &gran);
		if (!ops) {
			snprintf(why, sizeof(why), "%s offers no range wipe (no Media Operations)",
				 cxl_memdev_get_devname(r->memdev));
			whole_devices(p, why);
			break;
		}
		if (r->dpa % gran || r->size % gran) {
			snprintf(why, sizeof(why), "a range on %s is not on its %llu-byte granularity",
				 cxl_memdev_get_devname(r->memdev), gran);
			whole_devices(p, why);
			break;
		}
		r->ops = ops;
	}
	return 0;
}

static void ops_text(unsigned int ops, char *buf, size_t len)
{
	size_t i, at = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(wipe_ops) / sizeof(wipe_ops[0]); i++)
		if (ops & wipe_ops[i].bit)
			at += snprintf(buf + at, len > at ? len - at : 0, "%s%s",
				       at ? ", then " : "", wipe_ops[i].name);
}

/* What goes, by name, before consent is asked. */
void wipe_describe(const struct wipe_plan *p)
{
	char size[96], ops[64];
	int i;

	if (p->method == WIPE_DEVICE) {
		fprintf(stderr, "cxl-leo: offline --sanitize: whole-device sanitize (%s)\n", p->why);
		fprintf(stderr, "cxl-leo: offline --sanitize erases ALL data on %d device%s, every partition, not only the regions:\n",
			p->nr_memdevs, p->nr_memdevs > 1 ? "s" : "");
		for (i = 0; i < p->nr_memdevs; i++) {
			struct cxl_memdev *m = p->memdev[i];

			human_size(cxl_memdev_get_ram_size(m) + cxl_memdev_get_pmem_size(m), size,
				   sizeof(size));
			fprintf(stderr, "  %s (serial %llu, PCI %s): %s bytes\n",
				cxl_memdev_get_devname(m), cxl_memdev_get_serial(m),
				cxl_memdev_get_host(m), size);
		}
		return;
	}
	fprintf(stderr, "cxl-leo: offline --sanitize: range wipe (Media Operations)\n");
	fprintf(stderr, "cxl-leo: offline --sanitize erases the device ranges the regions used, %d range%s, and nothing else on the devices:\n",
		p->nr_ranges, p->nr_ranges > 1 ? "s" : "");
	for (i = 0; i < p->nr_ranges; i++) {
		const struct wipe_range *r = &p->range[i];

		human_size(r->size, size, sizeof(size));
		ops_text(r->ops, ops, sizeof(ops));
		fprintf(stderr, "  %s (serial %llu, PCI %s): DPA %#llx-%#llx, %s: %s\n",
			cxl_memdev_get_devname(r->memdev), cxl_memdev_get_serial(r->memdev),
			cxl_memdev_get_host(r->memdev), r->dpa, r->dpa + r->size - 1, size, ops);
	}
}

/* What will be erased, said first; then "yes" at a terminal, or --force. */
int wipe_consent(const struct wipe_plan *p, bool force)
{
	wipe_describe(p);
	return confirm_destruction(force, stdin, isatty(STDIN_FILENO));
}

static int memdev_region_mapped(struct cxl_memdev *m)
{
	struct cxl_endpoint *ep = cxl_memdev_get_endpoint(m);
	struct cxl_decoder *d;

	if (!ep)
		return 0;
	cxl_decoder_foreach(cxl_endpoint_get_port(ep), d)
		if (cxl_decoder_get_region(d))
			return 1;
	return 0;
}

static int sanitize_devices(const struct wipe_plan *p)
{
	char dir[256];
	int i, rc;

	for (i = 0; i < p->nr_memdevs; i++) {
		struct cxl_memdev *m = p->memdev[i];

		if (memdev_region_mapped(m)) {
			fprintf(stderr, "cxl-leo: sanitize %s: still mapped by a region; refusing\n",
				cxl_memdev_get_devname(m));
			return 1;
		}
		snprintf(dir, sizeof(dir), "/sys/bus/cxl/devices/%s/security",
			 cxl_memdev_get_devname(m));
		rc = sysfs_write(dir, "sanitize", "1");
		if (!rc)
			rc = background_wait_sanitize(m, WIPE_WAIT_MS);
		if (rc == -EINTR)
			return 1;
		if (rc) {
			fprintf(stderr, "cxl-leo: sanitize %s: %s\n", cxl_memdev_get_devname(m),
				errno_text(rc));
			return 1;
		}
	}
	return 0;
}

/* A wipe the device still runs after the driver's wait: follow it to its end. */
static int wait_range_op(struct cxl_memdev *m, const char *dir, const char *op)
{
	char status[32];
	struct progress pr;
	double deadline;
	int pct = -1;

	progress_begin(&pr, stderr, progress_mode, op, cxl_memdev_get_devname(m), "percent",
		       progress_now());
	deadline = pr.start + WIPE_WAIT_MS / 1000.0;
	for (;;) {
		if (sysfs_read(dir, "status", status, sizeof(status))) {
			progress_end(&pr, "failed", progress_now());
			return -ENXIO;
		}
		if (strcmp(status, "running"))
			break;
		pct = background_percent(m, "media-operations");
		if (pct >= 0)
			progress_update(&pr, pct, 100, progress_now());
		if (progress_interrupted()) {
			progress_end(&pr, "interrupted", progress_now());
			background_interrupted(m, op, pct, NULL);
			return -EINTR;
		}
		if (progress_now() > deadline) {
			progress_end(&pr, "timeout", progress_now());
			return -ETIMEDOUT;
		}
		background_msleep(POLL_MS);
	}
	progress_end(&pr, strcmp(status, "done") ? "failed" : "done", progress_now());
	return 0;
}

static int range_op(const struct wipe_range *r, const char *op)
{
	char dir[600], val[32], status[32];
	int rc;

	media_ops_dir(r->memdev, dir, sizeof(dir));
	snprintf(val, sizeof(val), "%#llx", r->dpa);
	rc = sysfs_write(dir, "dpa", val);
	if (!rc) {
		snprintf(val, sizeof(val), "%#llx", r->size);
		rc = sysfs_write(dir, "length", val);
	}
	if (!rc)
		rc = sysfs_write(dir, op, "1");
	if (rc == -EINPROGRESS)
		rc = wait_range_op(r->memdev, dir, op);
	if (rc)
		return rc;
	/* The driver's record of the outcome, not the write's return alone. */
	if (sysfs_read(dir, "status", status, sizeof(status)))
		return -ENXIO;
	if (strcmp(status, "done")) {
		fprintf(stderr, "cxl-leo: %s of %s: the driver reports '%s' (see dmesg)\n", op,
			cxl_memdev_get_devname(r->memdev), status);
		return -EIO;
	}
	return 0;
}

static int wipe_ranges(const struct wipe_plan *p)
{
	size_t o;
	int i, rc;

	for (i = 0; i < p->nr_ranges; i++) {
		const struct wipe_range *r = &p->range[i];

		for (o = 0; o < sizeof(wipe_ops) / sizeof(wipe_ops[0]); o++) {
			if (!(r->ops & wipe_ops[o].bit))
				continue;
			if (progress_interrupted()) {
				fprintf(stderr, "cxl-leo: offline: interrupted: %d of %d ranges erased; %s DPA %#llx and the ones after it were not\n",
					i, p->nr_ranges, cxl_memdev_get_devname(r->memdev), r->dpa);
				return 1;
			}
			rc = range_op(r, wipe_ops[o].name);
			if (rc == -EINTR)
				return 1;
			if (rc) {
				fprintf(stderr, "cxl-leo: %s of %s DPA %#llx-%#llx failed: %s; %d of %d ranges were erased before it\n",
					wipe_ops[o].name, cxl_memdev_get_devname(r->memdev), r->dpa,
					r->dpa + r->size - 1, errno_text(rc), i, p->nr_ranges);
				return 1;
			}
		}
	}
	return 0;
}

/* 0 when everything the plan names is erased; 1 (said why) otherwise. */
int wipe_run(const struct wipe_plan *p)
{
	return p->method == WIPE_DEVICE ? sanitize_devices(p) : wipe_ranges(p);
}

/* What was (or, for -n, would be) erased for region @region, into its JSON. */
void wipe_json(const struct wipe_plan *p, int region, struct json_object *o)
{
	struct json_object *arr = json_object_new_array();
	size_t k;
	int i;

	json_object_object_add(o, "erase", json_object_new_string(p->method == WIPE_RANGE ?
								  "range" : "device"));
	if (p->method == WIPE_DEVICE)
		json_object_object_add(o, "erase_reason", json_object_new_string(p->why));
	for (i = 0; i < p->nr_ranges; i++) {
		const struct wipe_range *r = &p->range[i];
		struct json_object *e, *ops;

		if (r->region != region)
			continue;
		e = json_object_new_object();
		json_object_object_add(e, "memdev",
				       json_object_new_string(cxl_memdev_get_devname(r->memdev)));
		if (p->method == WIPE_DEVICE) {
			json_object_array_add(arr, e);
			continue;
		}
		json_object_object_add(e, "dpa_resource", json_object_new_uint64(r->dpa));
		json_object_object_add(e, "dpa_size", json_object_new_uint64(r->size));
		ops = json_object_new_array();
		for (k = 0; k < sizeof(wipe_ops) / sizeof(wipe_ops[0]); k++)
			if (r->ops & wipe_ops[k].bit)
				json_object_array_add(ops, json_object_new_string(wipe_ops[k].name));
		json_object_object_add(e, "operations", ops);
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "erased", arr);
}
