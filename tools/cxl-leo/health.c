// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo health: Get Health Info through libcxl (any driver);
 * cxl-leo errors: cxl_leo's RAS counters.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "alert_config.h"
#include "args.h"
#include "builtin.h"
#include "memdev.h"
#include "sysfs.h"

static const char health_usage[] =
	"cxl-leo health " CXL_FILTER_USAGE " [--set-threshold <alert>=<value>|off ...]";
static const char health_help[] =
	CXL_FILTER_HELP \
	"      --set-threshold <alert>=<n>|off  set or disable a warning threshold (one memdev;\n" \
	"                       alert: life_used, over_temperature, under_temperature,\n" \
	"                       corrected_volatile, corrected_persistent)\n";
static const char errors_usage[] = "cxl-leo errors " CXL_FILTER_USAGE;

/* "a b" or "none" (a health/ list file) as a JSON array of names */
static void add_name_list(struct json_object *o, const char *key, struct json_object *all,
			  const char *file)
{
	struct json_object *v, *arr;
	char buf[256], *tok, *save;

	if (!json_object_object_get_ex(all, file, &v) || !json_object_is_type(v, json_type_string))
		return;
	snprintf(buf, sizeof(buf), "%s", json_object_get_string(v));
	arr = json_object_new_array();
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		if (strcmp(tok, "none"))
			json_object_array_add(arr, json_object_new_string(tok));
	json_object_object_add(o, key, arr);
}

/*
 * cxl_leo's view: active alerts, the thresholds, and which warnings the
 * device says are in force and host-programmable, when it has them.
 */
static void add_driver_alerts(struct json_object *o, struct cxl_memdev *m)
{
	struct json_object *all, *thresholds, *alerts;
	char dir[512], health[600];

	memdev_pci_dir(m, dir, sizeof(dir));
	snprintf(health, sizeof(health), "%s/health", dir);
	all = sysfs_dir_to_json(health);
	if (!all)
		return;
	thresholds = json_object_new_object();
	json_object_object_foreach(all, key, val) {
		size_t n = strlen(key);

		if (n > 10 && !strcmp(key + n - 10, "_threshold"))
			json_object_object_add(thresholds, key, json_object_get(val));
	}
	if (json_object_object_get_ex(all, "alerts", &alerts))
		json_object_object_add(o, "alerts", json_object_get(alerts));
	if (json_object_object_length(thresholds))
		json_object_object_add(o, "thresholds", thresholds);
	else
		json_object_put(thresholds);
	add_name_list(o, "warnings_valid", all, "warnings_valid");
	add_name_list(o, "warnings_programmable", all, "warnings_programmable");
	json_object_put(all);
}

static struct json_object *health_json(struct cxl_memdev *m)
{
	struct json_object *o;
	struct cxl_cmd *cmd;
	int rc, temp;

	/* libcxl leaves the real cause (EACCES opening the device...) in errno */
	errno = 0;
	cmd = cxl_cmd_new_get_health_info(m);
	rc = cmd ? cxl_cmd_submit(cmd) : -(errno ? errno : ENOMEM);
	if (!rc && cxl_cmd_get_mbox_status(cmd))
		rc = -EOPNOTSUPP;
	if (rc && rc != -EOPNOTSUPP && rc != -ENOTTY) {
		fprintf(stderr, "cxl-leo: %s: Get Health Info: %s\n", cxl_memdev_get_devname(m),
			errno_text(rc));
		cxl_cmd_unref(cmd);
		return NULL;
	}
	o = json_object_new_object();
	json_object_object_add(o, "memdev", json_object_new_string(cxl_memdev_get_devname(m)));
	if (rc) {
		/* As cxl-cli: what the device does not implement is left out. */
		fprintf(stderr, "cxl-leo: %s: the device does not implement Get Health Info; its fields are left out\n",
			cxl_memdev_get_devname(m));
		cxl_cmd_unref(cmd);
		add_driver_alerts(o, m);
		return o;
	}
	json_object_object_add(o, "maintenance_needed", json_object_new_boolean(
				       cxl_cmd_health_info_get_maintenance_needed(cmd)));
	json_object_object_add(o, "performance_degraded", json_object_new_boolean(
				       cxl_cmd_health_info_get_performance_degraded(cmd)));
	json_object_object_add(o, "hw_replacement_needed", json_object_new_boolean(
				       cxl_cmd_health_info_get_hw_replacement_needed(cmd)));
	json_object_object_add(o, "media_normal", json_object_new_boolean(
				       cxl_cmd_health_info_get_media_normal(cmd)));
	json_object_object_add(o, "life_used_percent", json_object_new_int(
				       cxl_cmd_health_info_get_life_used(cmd)));
	temp = cxl_cmd_health_info_get_temperature(cmd);
	if (temp != 0xffff)
		json_object_object_add(o, "temperature", json_object_new_int(temp));
	json_object_object_add(o, "dirty_shutdowns", json_object_new_int64(
				       cxl_cmd_health_info_get_dirty_shutdowns(cmd)));
	cxl_cmd_unref(cmd);
	add_driver_alerts(o, m);
	return o;
}

/*
 * The shape of a read-only per-memdev command: select, build one JSON
 * object per memdev (NULL for a memdev the command cannot serve, after
 * saying why), print them like cxl-cli. Exit 1 if any memdev failed.
 */
static int per_memdev(struct cxl_ctx *ctx, const struct cxl_filter *filter,
		      struct json_object *(*one)(struct cxl_memdev *m), const char *what)
{
	struct cxl_memdev **mds;
	struct json_object *arr;
	int n, i, ret = 0;

	n = memdev_select(ctx, filter, &mds);
	if (n < 0)
		return json_print_empty();
	arr = json_object_new_array();
	for (i = 0; i < n; i++) {
		struct json_object *o = one(mds[i]);

		if (o)
			json_object_array_add(arr, o);
		else
			ret = 1;
	}
	json_print_list(arr, what);
	json_object_put(arr);
	free(mds);
	return ret;
}

static struct json_object *errors_json(struct cxl_memdev *m)
{
	char dir[512], ras[600], drv[64];
	struct json_object *o, *counters;

	memdev_pci_dir(m, dir, sizeof(dir));
	snprintf(ras, sizeof(ras), "%s/ras", dir);
	counters = sysfs_dir_to_json(ras);
	if (!counters) {
		fprintf(stderr, "cxl-leo: %s is not driven by cxl_leo (driver: %s)\n",
			cxl_memdev_get_devname(m),
			*memdev_driver(m, drv, sizeof(drv)) ? drv : "none");
		return NULL;
	}
	o = json_object_new_object();
	json_object_object_add(o, "memdev", json_object_new_string(cxl_memdev_get_devname(m)));
	json_object_object_add(o, "ras", counters);
	return o;
}

#define MAX_SETS 5

/* --set-threshold: change the warning thresholds of one memdev, then show it. */
static int set_thresholds(struct cxl_ctx *ctx, const struct cxl_filter *filter, char **sets,
			  int n)
{
	char attr[64], val[16];
	struct cxl_memdev *m;
	int i, rc;

	rc = memdev_select_one(ctx, filter, health_usage, &m);
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		parse_threshold(sets[i], attr, sizeof(attr), val, sizeof(val));
		/* attr is "<alert>_warning_threshold" */
		attr[strlen(attr) - strlen("_warning_threshold")] = '\0';
		if (alert_config_set(m, attr, strcmp(val, "off"), atoi(val)))
			return 1;
	}
	return 0;
}

int cmd_health(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		CXL_FILTER_LONGOPTS,
		{ "set-threshold", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	char attr[64], val[16], *sets[MAX_SETS];
	struct cxl_filter filter = { };
	int c, n = 0, rc;

	while ((c = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "h", opts, NULL)) != -1) {
		if (cxl_filter_option(c, optarg, &filter))
			continue;
		switch (c) {
		case 'T':
			if (parse_threshold(optarg, attr, sizeof(attr), val, sizeof(val)))
				return usage_error(health_usage,
						   "--set-threshold '%s': want life_used, over_temperature, under_temperature, corrected_volatile or corrected_persistent = a number or off",
						   optarg);
			if (n == MAX_SETS)
				return usage_error(health_usage, "at most %d --set-threshold", MAX_SETS);
			sets[n++] = optarg;
			break;
		case 'h':
			print_help(health_usage, health_help);
			return 0;
		default:
			return usage_error(health_usage, "bad option");
		}
	}
	rc = cxl_filter_finish(&filter, argc, argv, optind, health_usage, NULL);
	if (rc)
		return rc;
	if (n) {
		rc = set_thresholds(ctx, &filter, sets, n);
		if (rc)
			return rc;
	}
	/* Show what it is now, as a plain "health" would. */
	return per_memdev(ctx, &filter, health_json, "memdevs");
}

int cmd_errors(int argc, char **argv, struct cxl_ctx *ctx)
{
	struct cxl_filter filter = { };
	int rc = parse_filter_only(argc, argv, errors_usage, &filter);

	if (rc)
		return rc < 0 ? 0 : rc;
	return per_memdev(ctx, &filter, errors_json, "memdevs");
}
