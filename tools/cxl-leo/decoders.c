// SPDX-License-Identifier: GPL-2.0-only
/* cxl-leo decoders: every HDM decoder from the root down, as libcxl sees it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"
#include "builtin.h"
#include "memdev.h"
#include "online.h"

static const char decoders_usage[] = "cxl-leo decoders " CXL_FILTER_USAGE;
static const char decoders_help[] =
	CXL_FILTER_HELP;

static struct json_object *decoder_json(struct cxl_decoder *d, const char *kind,
					struct cxl_memdev *m)
{
	struct json_object *o = json_object_new_object();
	struct cxl_region *r = cxl_decoder_get_region(d);

	json_object_object_add(o, "decoder", json_object_new_string(cxl_decoder_get_devname(d)));
	json_object_object_add(o, "kind", json_object_new_string(kind));
	json_object_object_add(o, "resource", json_object_new_uint64(cxl_decoder_get_resource(d)));
	json_object_object_add(o, "size", json_object_new_uint64(cxl_decoder_get_size(d)));
	json_object_object_add(o, "interleave_ways",
			       json_object_new_int(cxl_decoder_get_interleave_ways(d)));
	json_object_object_add(o, "interleave_granularity",
			       json_object_new_int(cxl_decoder_get_interleave_granularity(d)));
	if (m) {
		json_object_object_add(o, "memdev",
				       json_object_new_string(cxl_memdev_get_devname(m)));
		json_object_object_add(o, "mode", json_object_new_string(
					       cxl_decoder_mode_name(cxl_decoder_get_mode(d))));
		json_object_object_add(o, "dpa_resource",
				       json_object_new_uint64(cxl_decoder_get_dpa_resource(d)));
		json_object_object_add(o, "dpa_size",
				       json_object_new_uint64(cxl_decoder_get_dpa_size(d)));
	}
	if (r) {
		int node = region_target_node(r);

		json_object_object_add(o, "region",
				       json_object_new_string(cxl_region_get_devname(r)));
		if (node >= 0)
			json_object_object_add(o, "numa_node", json_object_new_int(node));
	}
	json_object_object_add(o, "locked", json_object_new_boolean(cxl_decoder_is_locked(d)));
	return o;
}

/* A switch or endpoint decoder has its region; a root decoder hosts several. */
static bool decoder_in_region(struct cxl_decoder *d, const char *ident)
{
	struct cxl_region *r = cxl_decoder_get_region(d);

	if (r)
		return region_matches(r, ident);
	cxl_region_foreach(d, r)
		if (region_matches(r, ident))
			return true;
	return false;
}

static bool decoder_wanted(struct cxl_decoder *d, struct cxl_memdev *m,
			   const struct cxl_filter *f)
{
	if (!decoder_filter_match(f->decoder, cxl_decoder_get_devname(d), decoder_kind(d)))
		return false;
	if (f->region && !decoder_in_region(d, f->region))
		return false;
	if ((f->memdev || f->serial) &&
	    (!m || !memdev_filter_match(f->memdev, cxl_memdev_get_devname(m),
					cxl_memdev_get_host(m)) ||
	     !serial_filter_match(f->serial, cxl_memdev_get_serial(m))))
		return false;
	return true;
}

static void add_port_decoders(struct json_object *arr, struct cxl_port *port,
			      const char *kind, struct cxl_memdev *m,
			      const struct cxl_filter *f)
{
	struct cxl_decoder *d;

	cxl_decoder_foreach(port, d)
		if (decoder_wanted(d, m, f))
			json_object_array_add(arr, decoder_json(d, kind, m));
}

int cmd_decoders(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		CXL_FILTER_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct cxl_filter f = { };
	struct json_object *arr;
	struct cxl_bus *bus;
	int c;

	while ((c = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "h", opts, NULL)) != -1) {
		if (cxl_filter_option(c, optarg, &f))
			continue;
		switch (c) {
		case 'h':
			print_help(decoders_usage, decoders_help);
			return 0;
		default:
			return usage_error(decoders_usage, "bad option");
		}
	}
	c = cxl_filter_finish(&f, argc, argv, optind, decoders_usage, NULL);
	if (c)
		return c;
	{
		struct cxl_memdev **unused;
		int n = memdev_select(ctx, NULL, &unused);

		if (n < 0)
			return 1;
		free(unused);
	}
	arr = json_object_new_array();
	cxl_bus_foreach(ctx, bus) {
		struct cxl_port *root = cxl_bus_get_port(bus), *port;
		struct cxl_endpoint *ep;

		if (!bus_matches(bus, f.bus))
			continue;
		if (!f.memdev && !f.serial)
			add_port_decoders(arr, root, "root", NULL, &f);
		cxl_port_foreach_all(root, port) {
			if (!f.memdev && !f.serial)
				add_port_decoders(arr, port, "switch", NULL, &f);
			cxl_endpoint_foreach(port, ep)
				add_port_decoders(arr, cxl_endpoint_get_port(ep), "endpoint",
						  cxl_endpoint_get_memdev(ep), &f);
		}
		cxl_endpoint_foreach(root, ep)
			add_port_decoders(arr, cxl_endpoint_get_port(ep), "endpoint",
					  cxl_endpoint_get_memdev(ep), &f);
	}
	/* As for memdevs: a filter that names nothing there is an error. */
	c = cxl_filter_given(&f) && !json_object_array_length(arr);
	if (c)
		fprintf(stderr, "cxl-leo: decoders: no decoder matches the filter\n");
	json_print_list(arr, c ? NULL : "decoders");
	json_object_put(arr);
	return c;
}
