// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo repair: Post Package Repair through the mem_repairN/ attributes
 * (mem_repair0 soft, mem_repair1 hard), under the memdev's EDAC device
 * where present, else on the PCI device (memdev_ras_dir()). Without --dpa it shows
 * what the device offers; with it, it stages the address and repairs. The
 * driver decides whether the repair is safe; this says why it was not.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "args.h"
#include "builtin.h"
#include "confirm.h"
#include "memdev.h"
#include "sysfs.h"

static const char repair_usage[] =
	"cxl-leo repair <memdev> | " CXL_FILTER_USAGE " [--hard] [--dpa <address> [--nibble-mask <mask>] [--allow-data-loss]] [--force]";
static const char repair_help[] =
	"  <memdev>             the one memdev to repair; or the filters:\n" \
	CXL_FILTER_HELP \
	"      --hard           hard PPR: permanent, asks first (or --force)\n" \
	"      --dpa <addr>     device physical address to repair\n" \
	"      --nibble-mask <m>  nibbles to repair, 24 bits, 0 for all\n" \
	"      --allow-data-loss  accept losing the data at the address\n" \
	"      --force          hard PPR without asking\n";

static const char *repair_refusal(int err)
{
	switch (err) {
	case -EBUSY:
		return "the address is in online memory and this repair is not safe while in use: offline it first (cxl-leo offline, daxctl offline-memory)";
	case -EINVAL:
		return "refused by cxl_leo (the kernel log says why: memory in use and hard PPR need an error record for the address this boot; a repair that loses data needs --allow-data-loss)";
	case -EINPROGRESS:
		return "still running on the device after its maximum latency: not failed, do not repeat it; follow cxl_leo/background_percent";
	case -EOPNOTSUPP:
		return "the device does not repair by address";
	default:
		return errno_text(err);
	}
}

static int do_repair(const char *dir, const char *dpa, const char *nibble, bool allow,
		     bool hard)
{
	int rc = sysfs_write(dir, "dpa", dpa);

	/* The driver's confirmation step for a permanent repair, once the operator said yes. */
	if (!rc && hard)
		rc = sysfs_write(dir, "confirm_dpa", dpa);
	if (!rc)
		rc = sysfs_write(dir, "nibble_mask", nibble);
	if (!rc)
		rc = sysfs_write(dir, "allow_data_loss", allow ? "1" : "0");
	if (!rc)
		rc = sysfs_write(dir, "repair", "1");
	return rc;
}

int cmd_repair(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		CXL_FILTER_LONGOPTS,
		{ "hard", no_argument, NULL, 'H' },
		{ "dpa", required_argument, NULL, 'a' },
		{ "nibble-mask", required_argument, NULL, 'n' },
		{ "allow-data-loss", no_argument, NULL, 'A' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct cxl_filter filter = { };
	const char *name, *dpa = NULL, *nibble = "0";
	bool hard = false, allow = false, force = false;
	unsigned long v;
	struct cxl_memdev *m;
	char group[32], path[600];
	struct json_object *o, *arr, *attrs;
	int c, rc, i, found = 0;

	while ((c = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "h", opts, NULL)) != -1) {
		if (cxl_filter_option(c, optarg, &filter))
			continue;
		switch (c) {
		case 'H':
			hard = true;
			break;
		case 'a':
			if (parse_uint(optarg, 0, ~0UL, &v))
				return usage_error(repair_usage, "--dpa '%s' is not an address", optarg);
			dpa = optarg;
			break;
		case 'n':
			if (parse_uint(optarg, 0, 0xffffff, &v))
				return usage_error(repair_usage, "--nibble-mask '%s' is not 0-0xffffff",
						   optarg);
			nibble = optarg;
			break;
		case 'A':
			allow = true;
			break;
		case 'F':
			force = true;
			break;
		case 'h':
			print_help(repair_usage, repair_help);
			return 0;
		default:
			return usage_error(repair_usage, "bad option");
		}
	}
	rc = cxl_filter_finish(&filter, argc, argv, optind, repair_usage, "memdev");
	if (rc)
		return rc;
	if (!dpa && (allow || strcmp(nibble, "0")))
		return usage_error(repair_usage, "--nibble-mask and --allow-data-loss need --dpa");
	rc = memdev_select_one(ctx, &filter, repair_usage, &m);
	if (rc)
		return rc;
	name = cxl_memdev_get_devname(m);

	arr = json_object_new_array();
	for (i = 0; i < 2; i++) {
		snprintf(group, sizeof(group), "mem_repair%d", i);
		memdev_ras_dir(m, group, path, sizeof(path));
		attrs = sysfs_dir_to_json(path);
		if (!attrs)
			continue;
		found |= 1 << i;
		json_object_object_add(attrs, "instance", json_object_new_string(group));
		json_object_array_add(arr, attrs);
	}
	if (!found) {
		json_object_put(arr);
		fprintf(stderr, "cxl-leo: repair: not supported by %s\n", name);
		return 1;
	}
	if (dpa) {
		if (!(found & (1 << hard))) {
			json_object_put(arr);
			fprintf(stderr, "cxl-leo: repair: %s PPR not supported by %s\n",
				hard ? "hard" : "soft", name);
			return 1;
		}
		if (hard) {
			/* Hard PPR burns a fuse: the row is replaced for the life of the part. */
			fprintf(stderr, "cxl-leo: hard PPR of %s (serial %llu, PCI %s) at DPA %s: permanently replaces the DRAM row holding it, for the life of the device; it cannot be undone%s\n",
				name, cxl_memdev_get_serial(m), cxl_memdev_get_host(m), dpa,
				allow ? ", and the data in that row is lost" : "");
			if (confirm_destruction(force, stdin, isatty(STDIN_FILENO))) {
				json_object_put(arr);
				return 1;
			}
		}
		snprintf(group, sizeof(group), "mem_repair%d", hard);
		memdev_ras_dir(m, group, path, sizeof(path));
		rc = do_repair(path, dpa, nibble, allow, hard);
		if (rc) {
			json_object_put(arr);
			fprintf(stderr, "cxl-leo: repair of %s at DPA %s: %s\n", name, dpa,
				repair_refusal(rc));
			return 1;
		}
	}
	o = json_object_new_object();
	json_object_object_add(o, "memdev", json_object_new_string(name));
	if (dpa) {
		json_object_object_add(o, "repaired", json_object_new_string(dpa));
		json_object_object_add(o, "persist_mode", json_object_new_string(hard ? "hard" : "soft"));
	}
	json_object_object_add(o, "repair", arr);
	json_print(o);
	json_object_put(o);
	return 0;
}
