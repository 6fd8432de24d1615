// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo scrub / ecs: show and change patrol scrub and DDR5 ECS through
 * cxl_leo's scrub0/ and ecs_fruN/ attributes. Values are checked here for
 * a clear message, and again by the driver.
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

static const char scrub_usage[] =
	"cxl-leo scrub -m <memdev> [--enable|--disable] [--cycle-hours <1-255>]";
static const char ecs_usage[] =
	"cxl-leo ecs -m <memdev> [--fru <n> [--threshold 256|1024|4096] [--mode row|codeword] [--reset]]";

static int write_attr(const char *dir, const char *attr, const char *val)
{
	int rc = sysfs_write(dir, attr, val);

	if (rc)
		fprintf(stderr, "cxl-leo: %s/%s = %s: %s\n", dir, attr, val, strerror(-rc));
	return rc;
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
	const char *name = NULL;
	struct cxl_memdev *m;
	unsigned long hours = 0;
	int c, enable = -1, rc;
	char dir[512], scrub[600], val[32];
	struct json_object *o, *attrs;

	while ((c = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "c:h", opts, NULL)) != -1) {
		if (cxl_filter_option(c, optarg, &filter))
			continue;
		switch (c) {
		case 'e':
		case 'D':
			if (enable != -1)
				return usage_error(scrub_usage, "--enable and --disable exclude each other");
			enable = c == 'e';
			break;
		case 'c':
			if (parse_uint(optarg, 1, 255, &hours))
				return usage_error(scrub_usage, "--cycle-hours '%s' is not 1-255", optarg);
			break;
		case 'h':
			printf("usage: %s\n", scrub_usage);
			return 0;
		default:
			return usage_error(scrub_usage, "bad option");
		}
	}
	if (optind < argc)
		return usage_error(scrub_usage, "unexpected argument '%s'", argv[optind]);
	rc = memdev_select_one(ctx, &filter, scrub_usage, &m);
	if (!rc) {
		memdev_pci_dir(m, dir, sizeof(dir));
		name = cxl_memdev_get_devname(m);
	}
	if (rc)
		return rc;
	snprintf(scrub, sizeof(scrub), "%s/scrub0", dir);
	attrs = sysfs_dir_to_json(scrub);
	if (!attrs) {
		fprintf(stderr, "cxl-leo: patrol scrub not supported by %s (needs cxl_leo and a device with the Feature)\n",
			name);
		return 1;
	}
	json_object_put(attrs);
	if (hours) {
		snprintf(val, sizeof(val), "%lu", hours * 3600);
		if (write_attr(scrub, "current_cycle_duration", val))
			return 1;
	}
	if (enable != -1 && write_attr(scrub, "enable_background", enable ? "1" : "0"))
		return 1;
	o = json_object_new_object();
	json_object_object_add(o, "memdev", json_object_new_string(name));
	json_object_object_add(o, "scrub", sysfs_dir_to_json(scrub));
	json_print(o);
	json_object_put(o);
	return 0;
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
	const char *name = NULL, *mode = NULL;
	struct cxl_memdev *m;
	unsigned long fru = ~0UL, threshold = 0;
	bool reset = false;
	char dir[512], path[600];
	struct json_object *o, *frus;
	int c, rc, i;

	while ((c = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "f:h", opts, NULL)) != -1) {
		if (cxl_filter_option(c, optarg, &filter))
			continue;
		switch (c) {
		case 'f':
			if (parse_uint(optarg, 0, 3, &fru))
				return usage_error(ecs_usage, "--fru '%s' is not 0-3", optarg);
			break;
		case 't':
			if (parse_uint(optarg, 256, 4096, &threshold) ||
			    (threshold != 256 && threshold != 1024 && threshold != 4096))
				return usage_error(ecs_usage, "--threshold must be 256, 1024 or 4096");
			break;
		case 'M':
			if (strcmp(optarg, "row") && strcmp(optarg, "codeword"))
				return usage_error(ecs_usage, "--mode must be row or codeword");
			mode = optarg;
			break;
		case 'R':
			reset = true;
			break;
		case 'h':
			printf("usage: %s\n", ecs_usage);
			return 0;
		default:
			return usage_error(ecs_usage, "bad option");
		}
	}
	if (optind < argc)
		return usage_error(ecs_usage, "unexpected argument '%s'", argv[optind]);
	if ((threshold || mode || reset) && fru == ~0UL)
		return usage_error(ecs_usage, "changes need --fru <n>");
	rc = memdev_select_one(ctx, &filter, ecs_usage, &m);
	if (!rc) {
		memdev_pci_dir(m, dir, sizeof(dir));
		name = cxl_memdev_get_devname(m);
	}
	if (rc)
		return rc;
	if (fru != ~0UL) {
		snprintf(path, sizeof(path), "%s/ecs_fru%lu", dir, fru);
		o = sysfs_dir_to_json(path);
		if (!o) {
			fprintf(stderr, "cxl-leo: %s has no ECS FRU %lu\n", name, fru);
			return 1;
		}
		json_object_put(o);
		if (threshold) {
			char val[24];

			snprintf(val, sizeof(val), "%lu", threshold);
			if (write_attr(path, "threshold", val))
				return 1;
		}
		if (mode && write_attr(path, "mode", strcmp(mode, "codeword") ? "0" : "1"))
			return 1;
		if (reset && write_attr(path, "reset", "1"))
			return 1;
	}
	frus = json_object_new_array();
	for (i = 0; i < 4; i++) {
		struct json_object *f;

		snprintf(path, sizeof(path), "%s/ecs_fru%d", dir, i);
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
		return 1;
	}
	o = json_object_new_object();
	json_object_object_add(o, "memdev", json_object_new_string(name));
	json_object_object_add(o, "ecs", frus);
	json_print(o);
	json_object_put(o);
	return 0;
}
