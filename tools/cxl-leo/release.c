// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo release: give up a memdev so a fabric manager can hand the
 * device to another host. Its capacity goes offline (the pages move to
 * other nodes; refused, nothing changed, when they cannot), its regions
 * go, it is optionally sanitized, and its hot-plug slot is powered off
 * (pciehp), which removes the device from this host. Every step is
 * checked before the next; what could block a step later (a region shared
 * with another memdev, no hot-plug slot) is checked before the first.
 */
#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "args.h"
#include "builtin.h"
#include "memdev.h"
#include "online.h"
#include "sysfs.h"
#include "wipe.h"

static const char release_usage[] =
	"cxl-leo release [-n] [--sanitize [--whole-device] [--force]] <memdev> | " CXL_FILTER_USAGE;
static const char release_help[] =
	"  <memdev>             the one memdev to release; or the filters:\n" CXL_FILTER_HELP
	"  -n, --dry-run        print the steps, change nothing\n"
	"      --sanitize       erase what its regions used once they are gone: by range\n"
	"                       where the device offers Media Operations, else all of it\n"
	"      --whole-device   with --sanitize: sanitize the whole device\n"
	"      --force          sanitize without asking (needed without a terminal)\n";

#define RELEASE_REGIONS_MAX	16

/* The pciehp slot (/sys/bus/pci/slots/<name>) whose address holds @bdf. */
static int slot_of(const char *bdf, char *name, size_t len)
{
	char addr[64], want[64];
	glob_t g;
	size_t i;
	int rc = -ENODEV;

	/* A slot's address is domain:bus:device, without the function. */
	snprintf(want, sizeof(want), "%s", bdf);
	if (strrchr(want, '.'))
		*strrchr(want, '.') = '\0';
	if (glob("/sys/bus/pci/slots/*", GLOB_ONLYDIR, NULL, &g))
		return -ENODEV;
	for (i = 0; i < g.gl_pathc; i++) {
		if (sysfs_read(g.gl_pathv[i], "address", addr, sizeof(addr)) || strcmp(addr, want))
			continue;
		if (access(g.gl_pathv[i], F_OK) || sysfs_read(g.gl_pathv[i], "power", addr, sizeof(addr))) {
			rc = -EOPNOTSUPP;	/* a slot without power control */
			continue;
		}
		snprintf(name, len, "%s", strrchr(g.gl_pathv[i], '/') + 1);
		rc = 0;
		break;
	}
	globfree(&g);
	return rc;
}

static struct json_object *step(struct json_object *steps, const char *what)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "step", json_object_new_string(what));
	json_object_array_add(steps, o);
	return o;
}

/* The steps done so far, the failed one last; exit status 1. */
static int release_failed(struct json_object *out, struct json_object *failed, const char *why)
{
	json_object_object_add(failed, "error", json_object_new_string(why));
	json_print(out);
	json_object_put(out);
	return 1;
}

int cmd_release(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		CXL_FILTER_LONGOPTS,
		{ "dry-run", no_argument, NULL, 'n' },
		{ "sanitize", no_argument, NULL, 'S' },
		{ "whole-device", no_argument, NULL, 'W' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct cxl_region *regions[RELEASE_REGIONS_MAX];
	bool dry_run = false, wipe = false, force = false, whole_device = false;
	static struct wipe_plan plan;
	struct json_object *out, *steps, *o;
	struct cxl_filter filter = { }, mine = { };
	char slot[64], slotdir[128];
	const char *name, *host;
	struct cxl_memdev *m;
	bool partial;
	int c, i, n, rc, failed;

	while ((c = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "nfh", opts, NULL)) != -1) {
		if (cxl_filter_option(c, optarg, &filter))
			continue;
		switch (c) {
		case 'n':
			dry_run = true;
			break;
		case 'S':
			wipe = true;
			break;
		case 'W':
			whole_device = true;
			break;
		case 'f':
			force = true;
			break;
		case 'h':
			print_help(release_usage, release_help);
			return 0;
		default:
			return usage_error(release_usage, "bad option");
		}
	}
	rc = cxl_filter_finish(&filter, argc, argv, optind, release_usage, "memdev");
	if (rc)
		return rc;
	if (whole_device && !wipe)
		return usage_error(release_usage, "--whole-device says how --sanitize erases; add --sanitize");
	rc = memdev_select_one(ctx, &filter, release_usage, &m);
	if (rc)
		return rc;
	name = cxl_memdev_get_devname(m);
	host = cxl_memdev_get_host(m);

	/* Everything that could stop a later step, before the first one. */
	mine.memdev = name;
	n = select_regions(ctx, &mine, -1, regions, RELEASE_REGIONS_MAX);
	if (n < 0) {
		fprintf(stderr, "cxl-leo: release %s: more than %d regions\n", name,
			RELEASE_REGIONS_MAX);
		return 1;
	}
	for (i = 0; i < n; i++)
		if (cxl_region_get_interleave_ways(regions[i]) != 1) {
			fprintf(stderr, "cxl-leo: release %s: %s interleaves it with other memdevs, whose capacity would go too; take it offline first (cxl-leo offline %s); nothing was changed\n",
				name, cxl_region_get_devname(regions[i]),
				cxl_region_get_devname(regions[i]));
			return 1;
		}
	rc = slot_of(host, slot, sizeof(slot));
	if (rc) {
		fprintf(stderr, "cxl-leo: release %s: PCI %s is in no hot-plug slot with power control (%s): a fabric manager could not take it; nothing was changed\n",
			name, host, errno_text(rc));
		return 1;
	}
	snprintf(slotdir, sizeof(slotdir), "/sys/bus/pci/slots/%s", slot);

	out = json_object_new_object();
	steps = json_object_new_array();
	json_object_object_add(out, "memdev", json_object_new_string(name));
	json_object_object_add(out, "host", json_object_new_string(host));
	json_object_object_add(out, "serial", json_object_new_uint64(cxl_memdev_get_serial(m)));
	json_object_object_add(out, "released", json_object_new_boolean(false));
	json_object_object_add(out, "steps", steps);
	/* What the tenant used, recorded before the regions go (wipe.c). */
	if (wipe) {
		if (n)
			rc = wipe_plan(&plan, regions, n, whole_device);
		else
			wipe_plan_device(&plan, m, "no region maps it");
		if (n && rc) {
			json_object_put(out);
			return 1;
		}
	}
	if (dry_run) {
		for (i = 0; i < n; i++)
			json_object_array_add(steps, region_json(regions[i], "would go offline"));
		if (wipe)
			step(steps, "would sanitize");
		o = step(steps, "would power off");
		json_object_object_add(o, "slot", json_object_new_string(slot));
		if (wipe)
			wipe_describe(&plan);
		json_print(out);
		json_object_put(out);
		return 0;
	}
	if (need_root("release")) {
		json_object_put(out);
		return 1;
	}
	if (wipe && wipe_consent(&plan, force)) {
		json_object_put(out);
		return 1;
	}

	/* 1. All of the capacity offline, or none of it. */
	failed = regions_down(regions, n, &partial);
	o = NULL;
	for (i = 0; i < n && (failed < 0 || i <= failed); i++) {
		o = region_json(regions[i], "offline");
		json_object_object_add(o, "step", json_object_new_string("offline"));
		json_object_array_add(steps, o);
	}
	if (failed >= 0)
		return release_failed(out, o, partial ?
				      "pages could not move; the regions named above are partly offline" :
				      "pages could not move; every region stays online, nothing was changed");
	/* 2. The regions go. */
	for (i = 0; i < n; i++) {
		o = step(steps, "destroy-region");
		json_object_object_add(o, "region", json_object_new_string(cxl_region_get_devname(regions[i])));
		if (region_destroy(regions[i]))
			return release_failed(out, o, "region teardown failed (see above); the device stays");
	}
	/* 3. What the tenant left on the device, erased. */
	if (wipe) {
		o = step(steps, "sanitize");
		json_object_object_add(o, "erase", json_object_new_string(plan.method == WIPE_RANGE ?
								      "range" : "device"));
		if (wipe_run(&plan))
			return release_failed(out, o, "sanitize failed; the device stays, without regions");
	}
	/* 4. Slot power off: pciehp removes the device from this host. */
	o = step(steps, "power-off");
	json_object_object_add(o, "slot", json_object_new_string(slot));
	rc = sysfs_write(slotdir, "power", "0");
	if (rc) {
		fprintf(stderr, "cxl-leo: release %s: slot %s power off: %s\n", name, slot,
			errno_text(rc));
		return release_failed(out, o, "slot power off refused; the device stays, without regions");
	}
	json_object_object_add(out, "released", json_object_new_boolean(true));
	json_print(out);
	json_object_put(out);
	return 0;
}
