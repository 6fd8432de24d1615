// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo scrub / ecs: show and change patrol scrub and DDR5 ECS through
 * the scrub0/ and ecs_fruN/ attributes, under the memdev's EDAC device
 * where present, else on the PCI device (memdev_ras_dir()). Values are
 * checked here for a clear message, and again by the driver.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"
#include "builtin.h"
#include "memdev.h"
#include "sysfs.h"

/*
 * ecs_fru0 up to ecs_fru7: cxl_leo shows as many as a device reports, up to
 * the eight the ECS Feature's payload holds (CXL r3.1 Table 8-225).
 */
#define ECS_FRUS		8
#define ECS_FRU_LAST_STR	"7"

static const char scrub_usage[] =
	"cxl-leo scrub <memdev>... | " CXL_FILTER_USAGE " [--enable|--disable] [--cycle-hours <1-255>]";
static const char scrub_help[] =
	"  <memdev>...          the memdevs to show or change; or the filters:\n" \
	CXL_FILTER_HELP \
	"      --enable, --disable  start or stop background patrol scrub\n" \
	"      --cycle-hours <n>    scrub cycle, 1-255 hours\n";
static const char ecs_usage[] =
	"cxl-leo ecs <memdev>... | " CXL_FILTER_USAGE " [--fru <n> [--threshold 256|1024|4096] [--mode row|codeword] [--reset]]";
static const char ecs_help[] =
	"  <memdev>...          the memdevs to show or change; or the filters:\n" \
	CXL_FILTER_HELP \
	"      --fru <n>        media FRU to change (0-" ECS_FRU_LAST_STR ")\n" \
	"      --threshold <n>  errors per Gb: 256, 1024 or 4096\n" \
	"      --mode row|codeword  what the counter counts\n" \
	"      --reset          reset the FRU's error counter\n";

static int write_attr(const char *dir, const char *attr, const char *val)
{
	int rc = sysfs_write(dir, attr, val);

	if (rc)
		fprintf(stderr, "cxl-leo: %s/%s = %s: %s\n", dir, attr, val, errno_text(rc));
	return rc;
}

/* Changes one memdev's patrol scrub as asked, then its settings; NULL on failure. */
static struct json_object *scrub_one(struct cxl_memdev *m, unsigned long hours, int enable)
{
	const char *name = cxl_memdev_get_devname(m);
	char scrub[600], val[32];
	struct json_object *o, *attrs;

	memdev_ras_dir(m, "scrub0", scrub, sizeof(scrub));
	attrs = sysfs_dir_to_json(scrub);
	if (!attrs) {
		fprintf(stderr, "cxl-leo: patrol scrub not supported by %s (needs cxl_leo and a device with the Feature)\n",
			name);
		return NULL;
	}
	json_object_put(attrs);
	if (hours) {
		snprintf(val, sizeof(val), "%lu", hours * 3600);
		if (write_attr(scrub, "current_cycle_duration", val))
			return NULL;
	}
	if (enable != -1 && write_attr(scrub, "enable_background", enable ? "1" : "0"))
		return NULL;
	attrs = sysfs_dir_to_json(scrub);
	if (!attrs)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "memdev", json_object_new_string(name));
	json_object_object_add(o, "scrub", attrs);
	return o;
}

/*
 * Every memdev selected, as cxl-cli's memdev commands do; a selection is
 * always explicit (an empty one is refused). Exit 1 if any failed.
 */
static int for_each_selected(struct cxl_ctx *ctx, const struct cxl_filter *f, const char *usage,
			     struct json_object *(*one)(struct cxl_memdev *m, const void *arg),
			     const void *arg)
{
	struct cxl_memdev **mds;
	struct json_object *arr;
	int n, i, ret = 0;

	if (!cxl_filter_given(f))
		return usage_error(usage, "name the memdevs (mem0, or -m/-s and the other filters)");
	n = memdev_select(ctx, f, &mds);
	if (n < 0)
		return 1;
	arr = json_object_new_array();
	for (i = 0; i < n; i++) {
		struct json_object *o = one(mds[i], arg);

		if (o)
			json_object_array_add(arr, o);
		else
			ret = 1;
	}
	json_print_list(arr, NULL);
	json_object_put(arr);
	free(mds);
	return ret;
}

struct scrub_change {
	unsigned long hours;
	int enable;
};

static struct json_object *scrub_change_one(struct cxl_memdev *m, const void *arg)
{
	const struct scrub_change *c = arg;

	return scrub_one(m, c->hours, c->enable);
}

int cmd_scrub(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		CXL_FILTER_LONGOPTS,
		{ "enable", no_argument, NULL, 'e' },
		{ "disable", no_argument, NULL, 'D' },
		{ "cycle-hours", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct cxl_filter filter = { };
	struct scrub_change change = { .enable = -1 };
	int c, rc;

	while ((c = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "c:h", opts, NULL)) != -1) {
		if (cxl_filter_option(c, optarg, &filter))
			continue;
		switch (c) {
		case 'e':
		case 'D':
			if (change.enable != -1)
				return usage_error(scrub_usage, "--enable and --disable exclude each other");
			change.enable = c == 'e';
			break;
		case 'c':
			if (parse_uint(optarg, 1, 255, &change.hours))
				return usage_error(scrub_usage, "--cycle-hours '%s' is not 1-255", optarg);
			break;
		case 'h':
			print_help(scrub_usage, scrub_help);
			return 0;
		default:
			return usage_error(scrub_usage, "bad option");
		}
	}
	rc = cxl_filter_finish(&filter, argc, argv, optind, scrub_usage, "memdev");
	if (rc)
		return rc;
	return for_each_selected(ctx, &filter, scrub_usage, scrub_change_one, &change);
}

struct ecs_change {
	unsigned long fru, threshold;
	const char *mode;
	bool reset;
};

static struct json_object *ecs_one(struct cxl_memdev *m, const void *arg)
{
	const struct ecs_change *c = arg;
	const char *name = cxl_memdev_get_devname(m);
	char group[32], path[600];
	struct json_object *o, *frus;
	int i;

	if (c->fru != ~0UL) {
		snprintf(group, sizeof(group), "ecs_fru%lu", c->fru);
		memdev_ras_dir(m, group, path, sizeof(path));
		o = sysfs_dir_to_json(path);
		if (!o) {
			fprintf(stderr, "cxl-leo: %s has no ECS FRU %lu\n", name, c->fru);
			return NULL;
		}
		json_object_put(o);
		if (c->threshold) {
			char val[24];

			snprintf(val, sizeof(val), "%lu", c->threshold);
			if (write_attr(path, "threshold", val))
				return NULL;
		}
		if (c->mode && write_attr(path, "mode", strcmp(c->mode, "codeword") ? "0" : "1"))
			return NULL;
		if (c->reset && write_attr(path, "reset", "1"))
			return NULL;
	}
	frus = json_object_new_array();
	for (i = 0; i < ECS_FRUS; i++) {
		struct json_object *f;

		snprintf(group, sizeof(group), "ecs_fru%d", i);
		memdev_ras_dir(m, group, path, sizeof(path));
		f = sysfs_dir_to_json(path);
		if (!f)
			continue;
		json_object_object_add(f, "fru", json_object_new_int(i));
		json_object_array_add(frus, f);
	}
	if (!json_object_array_length(frus)) {
		json_object_put(frus);
		fprintf(stderr, "cxl-leo: DDR5 ECS not supported by %s (needs cxl_leo and a device with the Feature)\n",
			name);
		return NULL;
	}
	o = json_object_new_object();
	json_object_object_add(o, "memdev", json_object_new_string(name));
	json_object_object_add(o, "ecs", frus);
	return o;
}

int cmd_ecs(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		CXL_FILTER_LONGOPTS,
		{ "fru", required_argument, NULL, 'f' },
		{ "threshold", required_argument, NULL, 't' },
		{ "mode", required_argument, NULL, 'M' },
		{ "reset", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct cxl_filter filter = { };
	struct ecs_change change = { .fru = ~0UL };
	int c, rc;

	while ((c = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "f:h", opts, NULL)) != -1) {
		if (cxl_filter_option(c, optarg, &filter))
			continue;
		switch (c) {
		case 'f':
			if (parse_uint(optarg, 0, ECS_FRUS - 1, &change.fru))
				return usage_error(ecs_usage, "--fru '%s' is not 0-" ECS_FRU_LAST_STR,
						   optarg);
			break;
		case 't':
			if (parse_uint(optarg, 256, 4096, &change.threshold) ||
			    (change.threshold != 256 && change.threshold != 1024 &&
			     change.threshold != 4096))
				return usage_error(ecs_usage, "--threshold must be 256, 1024 or 4096");
			break;
		case 'M':
			if (strcmp(optarg, "row") && strcmp(optarg, "codeword"))
				return usage_error(ecs_usage, "--mode must be row or codeword");
			change.mode = optarg;
			break;
		case 'R':
			change.reset = true;
			break;
		case 'h':
			print_help(ecs_usage, ecs_help);
			return 0;
		default:
			return usage_error(ecs_usage, "bad option");
		}
	}
	rc = cxl_filter_finish(&filter, argc, argv, optind, ecs_usage, "memdev");
	if (rc)
		return rc;
	if ((change.threshold || change.mode || change.reset) && change.fru == ~0UL)
		return usage_error(ecs_usage, "changes need --fru <n>");
	return for_each_selected(ctx, &filter, ecs_usage, ecs_one, &change);
}
