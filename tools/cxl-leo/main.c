// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo: operator tool for Astera Labs Leo CXL memory controllers and
 * cxl_leo, beside cxl-cli. Same device names, filters and JSON style.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cxl/libcxl.h>
#include "builtin.h"
#include "memdev.h"
#include "progress.h"

#ifndef CXL_LEO_VERSION
#define CXL_LEO_VERSION "unknown"
#endif

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct cxl_ctx *ctx);
	const char *summary;
};

static const struct command commands[] = {
	{ "list", cmd_list, "memdevs, their driver and cxl_leo state" },
	{ "health", cmd_health, "device health (Get Health Info)" },
	{ "errors", cmd_errors, "cxl_leo RAS and page-offline counters" },
	{ "decoders", cmd_decoders, "HDM decoders from root to endpoint" },
	{ "poison", cmd_poison, "poison lists" },
	{ "monitor", cmd_monitor, "stream RAS events as JSON lines" },
	{ "scrub", cmd_scrub, "show or change patrol scrub" },
	{ "ecs", cmd_ecs, "show or change DDR5 error check scrub" },
	{ "repair", cmd_repair, "post package repair of a failing address" },
	{ "online", cmd_online, "CXL memory to a new NUMA node, in one step" },
	{ "apply-policy", cmd_apply_policy, "Leo capacity (a region, a memdev in none) to the state online.conf names" },
	{ "offline", cmd_offline, "a region's memory offline and the region gone" },
	{ "release", cmd_release, "a memdev offline, its regions gone, its slot powered off" },
	{ "weights", cmd_weights, "weighted-interleave weights from node bandwidth" },
	{ "usage", cmd_usage, "CXL memory per NUMA node and per cgroup" },
	{ "update-firmware", cmd_update_firmware, "firmware image to a device, with progress" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: cxl-leo [-u|--human] [--table] [--progress=auto|bar|json|none] <command> [<options>]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-15s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "  %-15s %s\n", "version", "print the version");
	fprintf(f, "  %-15s %s\n\n'cxl-leo <command> --help' for its options; 'cxl-leo help <command>' for its manual.\n",
		"help", "the manual of a command");
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

/* cxl-leo help <command>: its man page, as git and cxl-cli do. */
static int help(const char *name)
{
	char page[64];

	if (!name) {
		usage(stdout);
		return 0;
	}
	if (!find_command(name)) {
		fprintf(stderr, "cxl-leo: unknown command '%s'\n", name);
		return 2;
	}
	snprintf(page, sizeof(page), "cxl-leo-%s", name);
	fflush(stdout);
	execlp("man", "man", page, (char *)NULL);
	fprintf(stderr, "cxl-leo: cannot run man %s: %s\n", page, strerror(errno));
	return 1;
}

/* A result nobody could read is a failure: a full disk, a closed pipe. */
static int flush_output(int rc)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc ? rc : output_failed;
	fprintf(stderr, "cxl-leo: cannot write the output: %s\n", strerror(errno ? errno : EIO));
	return rc ? rc : 1;
}

int main(int argc, char **argv)
{
	const struct command *cmd;
	struct cxl_ctx *ctx;
	size_t i;
	int rc;

	/*
	 * Global output options may come anywhere: -u/--human for cxl-cli's
	 * human-readable numbers, --table for rows instead of JSON.
	 */
	for (i = 1; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "--human") || !strcmp(argv[i], "-u"))
			human_output = true;
		else if (!strcmp(argv[i], "--table"))
			table_output = true;
		else if (!strcmp(argv[i], "--"))
			break;
		else
			continue;
		memmove(&argv[i], &argv[i + 1], (argc - i) * sizeof(*argv));
		argc--;
		i--;
	}
	/* --progress=MODE may come anywhere too: how long waits show on stderr. */
	for (i = 1; i < (size_t)argc; i++) {
		if (strncmp(argv[i], "--progress=", 11))
			continue;
		if (progress_parse_mode(argv[i] + 11, &progress_mode)) {
			fprintf(stderr, "cxl-leo: --progress takes auto, bar, json or none\n");
			return 2;
		}
		memmove(&argv[i], &argv[i + 1], (argc - i) * sizeof(*argv));
		argc--;
		i--;
	}
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return flush_output((usage(stdout), 0));
	if (!strcmp(argv[1], "help"))
		return flush_output(help(argc > 2 ? argv[2] : NULL));
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("%s\n", CXL_LEO_VERSION);
		return flush_output(0);
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "cxl-leo: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return 2;
	}
	/*
	 * cxl-leo says what failed itself, once: the libraries' own error
	 * lines would say it a second time under another prefix. CXL_LOG /
	 * DAXCTL_LOG (err, info, debug) bring them back for debugging.
	 */
	setenv("CXL_LOG", "2", 0);
	setenv("DAXCTL_LOG", "2", 0);
	rc = cxl_new(&ctx);
	if (rc) {
		fprintf(stderr, "cxl-leo: cannot initialise libcxl: %s\n", strerror(-rc));
		return 1;
	}
	rc = cmd->fn(argc - 1, argv + 1, ctx);
	cxl_unref(ctx);
	return flush_output(rc);
}
