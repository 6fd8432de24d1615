// SPDX-License-Identifier: GPL-2.0-only
/* Selecting memdevs and finding their PCI device, driver and RAS controls. */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "args.h"
#include "memdev.h"
#include "human.h"
#include "table.h"

void memdev_pci_dir(struct cxl_memdev *m, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", PCI_DEVICES, cxl_memdev_get_host(m));
}

/*
 * A RAS control group (scrub0, ecs_fruN, mem_repairN) where upstream puts
 * it, under the memdev's EDAC device (EDAC_DEVICES/cxl_memN, Linux 6.15+,
 * and cxl_leo), when that has the group; else cxl_leo's deprecated copy on
 * the PCI device. Decided per group: a core that registers cxl_memN with
 * fewer controls than cxl_leo offers leaves the rest on the PCI device.
 */
void memdev_ras_dir(struct cxl_memdev *m, const char *group, char *buf, size_t len)
{
	struct stat st;

	snprintf(buf, len, "%s/cxl_%s/%s", EDAC_DEVICES, cxl_memdev_get_devname(m), group);
	if (!stat(buf, &st) && S_ISDIR(st.st_mode))
		return;
	snprintf(buf, len, "%s/%s/%s", PCI_DEVICES, cxl_memdev_get_host(m), group);
}

/* Name of the PCI driver bound to the memdev's device, "" if none. */
const char *memdev_driver(struct cxl_memdev *m, char *buf, size_t len)
{
	char dir[512], link[600], target[512];
	ssize_t n;

	memdev_pci_dir(m, dir, sizeof(dir));
	snprintf(link, sizeof(link), "%s/driver", dir);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0) {
		buf[0] = '\0';
		return buf;
	}
	target[n] = '\0';
	snprintf(buf, len, "%s", basename(target));
	return buf;
}

/* Takes a filter option into @f; false if @opt is not one. */
bool cxl_filter_option(int opt, const char *arg, struct cxl_filter *f)
{
	switch (opt) {
	case 'm':
		f->memdev = arg;
		return true;
	case 's':
		f->serial = arg;
		return true;
	case 'r':
		f->region = arg;
		return true;
	case 'd':
		f->decoder = arg;
		return true;
	case 'b':
		f->bus = arg;
		return true;
	}
	return false;
}

/*
 * After getopt: the positional arguments (memdevs, or regions for
 * @positional "region"; none allowed when @positional is NULL) and a check
 * that no filter given is empty. An empty filter comes from an unset shell
 * variable; it must select nothing, and saying so beats acting on nothing.
 * 0, or the usage error's exit status (message printed).
 */
int cxl_filter_finish(struct cxl_filter *f, int argc, char **argv, int first,
		      const char *usage, const char *positional)
{
	const char *opts[] = { "-m", "-s", "-r", "-d", "-b" };
	const char *vals[] = { f->memdev, f->serial, f->region, f->decoder, f->bus };
	size_t used = 0;
	int i;

	for (i = 0; i < 5; i++)
		if (vals[i] && !filter_tokens(vals[i]))
			return usage_error(usage, "%s '%s': an empty filter selects nothing", opts[i],
					   vals[i]);
	if (f->serial && serial_filter_check(f->serial))
		return usage_error(usage, "-s '%s': serial numbers are decimal or 0x-hex, as cxl list prints them",
				   f->serial);
	if (first >= argc)
		return 0;
	if (!positional)
		return usage_error(usage, "unexpected argument '%s'", argv[first]);
	if (!strcmp(positional, "region") ? f->region != NULL : f->memdev != NULL)
		return usage_error(usage, "name the %ss positionally or with -%c, not both", positional,
				   positional[0]);
	for (i = first; i < argc; i++) {
		if (!filter_tokens(argv[i]))
			return usage_error(usage, "'%s': an empty %s name selects nothing", argv[i],
					   positional);
		if (used + strlen(argv[i]) + 2 > sizeof(f->positional))
			return usage_error(usage, "too many %ss", positional);
		used += sprintf(f->positional + used, "%s%s", used ? "," : "", argv[i]);
	}
	if (!strcmp(positional, "region"))
		f->region = f->positional;
	else
		f->memdev = f->positional;
	return 0;
}

/*
 * The options of a command that takes only the filters. 0 to go on; -1
 * after printing help (exit 0); or the usage error's exit status.
 */
int parse_filter_only(int argc, char **argv, const char *usage, struct cxl_filter *f)
{
	static const struct option opts[] = {
		CXL_FILTER_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	int c;

	while ((c = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "h", opts, NULL)) != -1) {
		if (cxl_filter_option(c, optarg, f))
			continue;
		if (c == 'h') {
			print_help(usage, CXL_FILTER_HELP);
			return -1;
		}
		return usage_error(usage, "bad option");
	}
	return cxl_filter_finish(f, argc, argv, optind, usage, NULL);
}

/* A bus by name (root0), number or provider (ACPI.CXL). */
bool bus_matches(struct cxl_bus *bus, const char *ident)
{
	return cxl_ident_match(ident, cxl_bus_get_devname(bus), "root",
			       cxl_bus_get_provider(bus));
}

bool region_matches(struct cxl_region *r, const char *ident)
{
	return cxl_ident_match(ident, cxl_region_get_devname(r), "region", NULL);
}

bool cxl_filter_given(const struct cxl_filter *f)
{
	return f && (f->memdev || f->serial || f->region || f->decoder || f->bus);
}

static bool memdev_on_bus(struct cxl_memdev *m, const char *ident)
{
	struct cxl_bus *bus = cxl_memdev_get_bus(m);

	return bus && bus_matches(bus, ident);
}

/* A member of a region is a memdev one of the region's mappings decodes to. */
static bool memdev_in_region(struct cxl_ctx *ctx, struct cxl_memdev *m, const char *ident)
{
	struct cxl_memdev_mapping *map;
	struct cxl_decoder *root;
	struct cxl_region *r;
	struct cxl_bus *bus;

	cxl_bus_foreach(ctx, bus)
		cxl_decoder_foreach(cxl_bus_get_port(bus), root)
			cxl_region_foreach(root, r) {
				if (!region_matches(r, ident))
					continue;
				cxl_mapping_foreach(r, map)
					if (cxl_decoder_get_memdev(cxl_mapping_get_decoder(map)) == m)
						return true;
			}
	return false;
}

/* cxl-cli's decoder kinds, for -d root|switch|endpoint. */
const char *decoder_kind(struct cxl_decoder *d)
{
	struct cxl_port *port = cxl_decoder_get_port(d);

	if (cxl_port_is_root(port))
		return "root";
	return cxl_port_is_endpoint(port) ? "endpoint" : "switch";
}

/* A decoder routes to a memdev when it is the memdev's or targets it. */
static bool decoder_reaches(struct cxl_port *port, struct cxl_memdev *m, const char *ident)
{
	struct cxl_decoder *d;

	cxl_decoder_foreach(port, d) {
		if (!decoder_filter_match(ident, cxl_decoder_get_devname(d), decoder_kind(d)))
			continue;
		if (cxl_decoder_get_memdev(d) == m || cxl_decoder_get_target_by_memdev(d, m))
			return true;
	}
	return false;
}

static bool memdev_under_decoder(struct cxl_ctx *ctx, struct cxl_memdev *m, const char *ident)
{
	struct cxl_endpoint *ep = cxl_memdev_get_endpoint(m);
	struct cxl_port *port;
	struct cxl_bus *bus;

	if (ep && decoder_reaches(cxl_endpoint_get_port(ep), m, ident))
		return true;
	cxl_bus_foreach(ctx, bus) {
		struct cxl_port *root = cxl_bus_get_port(bus);

		if (decoder_reaches(root, m, ident))
			return true;
		cxl_port_foreach_all(root, port)
			if (decoder_reaches(port, m, ident))
				return true;
	}
	return false;
}

/* Whether @m passes every filter in @f (cxl-cli's rule for memdevs). */
bool memdev_selected(struct cxl_ctx *ctx, struct cxl_memdev *m, const struct cxl_filter *f)
{
	if (!f)
		return true;
	if (f->memdev && !memdev_filter_match(f->memdev, cxl_memdev_get_devname(m),
					      cxl_memdev_get_host(m)))
		return false;
	if (f->serial && !serial_filter_match(f->serial, cxl_memdev_get_serial(m)))
		return false;
	if (f->bus && !memdev_on_bus(m, f->bus))
		return false;
	if (f->region && !memdev_in_region(ctx, m, f->region))
		return false;
	if (f->decoder && !memdev_under_decoder(ctx, m, f->decoder))
		return false;
	return true;
}

static void describe_filter(const struct cxl_filter *f, char *buf, size_t len)
{
	const char *names[] = { "", "serial ", "region ", "decoder ", "bus " };
	const char *vals[] = { f->memdev, f->serial, f->region, f->decoder, f->bus };
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < 5 && used < len; i++)
		if (vals[i])
			used += snprintf(buf + used, len - used, "%s %s'%s'", used ? "," : "",
					 names[i], vals[i]);
}

/*
 * The memdevs a filter selects, in cxl-cli order. Returns how many (the
 * array is NULL-terminated and the caller frees it), or -1 with a message
 * when there is no CXL bus at all or a filter selects no memdev.
 */
int memdev_select(struct cxl_ctx *ctx, const struct cxl_filter *f, struct cxl_memdev ***out)
{
	struct cxl_memdev *m, **list = NULL, **grown;
	int n = 0;

	if (access("/sys/bus/cxl", F_OK)) {
		fprintf(stderr, "cxl-leo: no CXL bus in sysfs (is cxl_acpi loaded?)\n");
		return -1;
	}
	cxl_memdev_foreach(ctx, m) {
		if (!memdev_selected(ctx, m, f))
			continue;
		grown = realloc(list, (n + 2) * sizeof(*list));
		if (!grown) {
			free(list);
			return -1;
		}
		list = grown;
		list[n++] = m;
		list[n] = NULL;
	}
	if (cxl_filter_given(f) && !n) {
		char what[512];

		describe_filter(f, what, sizeof(what));
		fprintf(stderr, "cxl-leo: no memdev matches%s\n", what);
		return -1;
	}
	*out = list;
	return n;
}

/*
 * The one memdev a changing command acts on: a filter is required and must
 * select exactly one. 0, or the exit status to return (message printed).
 */
int memdev_select_one(struct cxl_ctx *ctx, const struct cxl_filter *f, const char *usage,
		      struct cxl_memdev **out)
{
	struct cxl_memdev **mds;
	int n;

	if (!cxl_filter_given(f))
		return usage_error(usage, "name the memdev (mem0, or -m/-s and the other filters)");
	n = memdev_select(ctx, f, &mds);
	if (n < 0)
		return 1;
	if (n != 1) {
		fprintf(stderr, "cxl-leo: the filter selects %d memdevs (%s, %s%s); name exactly one\n",
			n, cxl_memdev_get_devname(mds[0]), cxl_memdev_get_devname(mds[1]),
			n > 2 ? ", ..." : "");
		free(mds);
		return 1;
	}
	*out = mds[0];
	free(mds);
	return 0;
}

bool table_output, human_output, output_failed;

void json_print(struct json_object *obj)
{
	if (human_output)
		json_humanize(obj);
	if (table_output) {
		/* A write error shows in ferror(stdout); this is the rest (ENOMEM). */
		if (table_print(stdout, obj) && !ferror(stdout)) {
			fprintf(stderr, "cxl-leo: --table: the table could not be built\n");
			output_failed = true;
		}
		return;
	}
	printf("%s\n", json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY |
						       JSON_C_TO_STRING_SPACED |
						       JSON_C_TO_STRING_NOSLASHESCAPE));
}

/*
 * A listing is always an array, so a script reads one shape: [] when
 * nothing is there, with a note on stderr naming @what is missing. With
 * -u, as cxl-cli's util_display_json_array(): a single result prints as
 * the bare object and an empty listing prints nothing (the note stays).
 * Tables keep their rows either way.
 */
void json_print_list(struct json_object *array, const char *what)
{
	size_t len = json_object_array_length(array);

	if (!len && what)
		fprintf(stderr, "cxl-leo: no %s\n", what);
	if (human_output && !table_output && len <= 1) {
		if (len)
			json_print(json_object_array_get_idx(array, 0));
		return;
	}
	json_print(array);
}

/*
 * The text for a failed system call, with what to do about a missing
 * privilege: sysfs and the mailbox refuse with EACCES/EPERM without
 * CAP_SYS_ADMIN (and root's DAC override for the attribute files).
 */
const char *errno_text(int err)
{
	static char buf[160];

	if (err < 0)
		err = -err;
	if (err == EACCES || err == EPERM) {
		snprintf(buf, sizeof(buf), "%s (needs CAP_SYS_ADMIN: run as root)", strerror(err));
		return buf;
	}
	return strerror(err);
}

/* --help: the synopsis, then each option. */
void print_help(const char *usage, const char *options)
{
	printf("usage: %s\n%s%s", usage, *options ? "\n" : "", options);
}

/* A listing that failed to select (message printed): still an array, but
 * nothing with -u, as cxl-cli prints no empty listing under --human, nor
 * as a table. */
int json_print_empty(void)
{
	if (!human_output && !table_output)
		printf("[]\n");
	return 1;
}

int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "cxl-leo: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: %s\n", usage);
	return 2;
}
