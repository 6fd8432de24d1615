// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo online / offline: CXL capacity to a NUMA node and back in one
 * step each, on upstream's regions, dax_cxl and kmem through libcxl and
 * libdaxctl. Every step that changes something is undone, in reverse, when
 * a later one fails, so a failure leaves the system as it was.
 */
#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <daxctl/libdaxctl.h>
#include "args.h"
#include "background.h"
#include "blocks.h"
#include "builtin.h"
#include "capacity.h"
#include "memdev.h"
#include "nodes.h"
#include "online.h"
#include "placement.h"
#include "human.h"
#include "kmem_state.h"
#include "progress.h"
#include "sysfs.h"
#include "wipe.h"

static const char online_usage[] =
	"cxl-leo online [-n] [--no-movable] [--force] <memdev> [<memdev>...] | all | " CXL_FILTER_USAGE;
static const char online_help[] =
	"  <memdev>...          memN, N, a PCI host, or all; or the filters:\n" \
	CXL_FILTER_HELP \
	"  -n, --dry-run        print the plan, change nothing\n" \
	"      --no-movable     online into the kernel's zone (may never go offline again)\n" \
	"      --force          online movable past the zone balance limit\n";
static const char offline_usage[] =
	"cxl-leo offline [-n] [--sanitize [--whole-device] [--force]] <region> [<region>...] | --node <N> | "
	CXL_FILTER_USAGE;
static const char offline_help[] =
	"  <region>...          regionN or N (a bare number is a region, never a node)\n" \
	"      --node <N>       every region on NUMA node N\n" \
	CXL_FILTER_HELP \
	"  -n, --dry-run        print the regions (and what --sanitize erases), change nothing\n" \
	"      --sanitize       erase what the regions used once they are gone: their DPA\n" \
	"                       ranges where the devices can wipe a range, else the devices\n" \
	"      --whole-device   with --sanitize: sanitize the regions' whole devices\n" \
	"      --force          sanitize without asking (needed without a terminal)\n";

#define ONLINE_WAIT_MS	30000

/* One region being built: the root decoder and the memdevs by position. */
struct online_plan {
	struct cxl_decoder *root;
	struct cxl_memdev *memdev[REGION_MAX_WAYS];
	int ways;
	unsigned int granularity;
	unsigned long long per_device;
};

static void msleep(int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int fail_step(const char *step, int rc)
{
	fprintf(stderr, "cxl-leo: %s failed: %s\n", step, errno_text(rc));
	return rc < 0 ? rc : -rc;
}

/* Tier of a NUMA node, from /sys/devices/virtual/memory_tiering; -1 if none. */
static int memory_tier_of(int node)
{
	glob_t g;
	size_t i;
	int tier = -1;

	if (node < 0 || glob("/sys/devices/virtual/memory_tiering/memory_tier*", 0, NULL, &g))
		return -1;
	for (i = 0; i < g.gl_pathc && tier < 0; i++) {
		char list[4096];
		int id;

		if (sscanf(strrchr(g.gl_pathv[i], '/'), "/memory_tier%d", &id) == 1 &&
		    !sysfs_read(g.gl_pathv[i], "nodelist", list, sizeof(list)) &&
		    node_list_has(list, node))
			tier = id;
	}
	globfree(&g);
	return tier;
}

static struct cxl_decoder *free_endpoint_decoder(struct cxl_memdev *m)
{
	struct cxl_endpoint *ep = cxl_memdev_get_endpoint(m);
	struct cxl_decoder *d;

	if (!ep)
		return NULL;
	cxl_decoder_foreach(cxl_endpoint_get_port(ep), d)
		if (!cxl_decoder_get_region(d) && !cxl_decoder_get_dpa_size(d))
			return d;
	return NULL;
}

struct cxl_region *region_of(struct cxl_memdev *m)
{
	struct cxl_endpoint *ep = cxl_memdev_get_endpoint(m);
	struct cxl_decoder *d;

	if (!ep)
		return NULL;
	cxl_decoder_foreach(cxl_endpoint_get_port(ep), d)
		if (cxl_decoder_get_region(d))
			return cxl_decoder_get_region(d);
	return NULL;
}

/* The dax device kmem drives for a region, or NULL. */
static struct daxctl_dev *sized_dev(struct daxctl_region *dr)
{
	struct daxctl_dev *dev;

	daxctl_dev_foreach(dr, dev)
		if (daxctl_dev_get_size(dev))
			return dev;
	return NULL;
}

/*
 * libdaxctl lists a region's devices once, at the first look. Linux 7.x's
 * dax_cxl probes asynchronously (6.12's does not), so the dax device can
 * appear after that look: a region seen without one is looked at again
 * through a new daxctl context, which is kept for the rest of the command
 * once it has found the device.
 */
static struct {
	struct daxctl_ctx *ctx;
	struct daxctl_region *region;
	int id;
} relook;

struct daxctl_dev *region_dax(struct cxl_region *r)
{
	struct daxctl_region *dr = cxl_region_get_daxctl_region(r);
	struct daxctl_dev *dev;
	uuid_t uuid = { 0 };

	if (!dr)
		return NULL;
	dev = sized_dev(dr);
	if (dev)
		return dev;
	if (relook.region && relook.id == daxctl_region_get_id(dr)) {
		dev = sized_dev(relook.region);
		if (dev)
			return dev;
	}
	/* Nothing from the old context is in use: it found nothing. */
	if (relook.ctx && (!relook.region || !sized_dev(relook.region)))
		daxctl_unref(relook.ctx);
	relook.region = NULL;
	relook.id = daxctl_region_get_id(dr);
	if (daxctl_new(&relook.ctx) < 0) {
		relook.ctx = NULL;
		return NULL;
	}
	relook.region = daxctl_new_region(relook.ctx, relook.id, uuid,
					  daxctl_region_get_path(dr));
	return relook.region ? sized_dev(relook.region) : NULL;
}

/* The NUMA node a RAM region's memory is (or would be) onlined to, or -1. */
int region_target_node(struct cxl_region *r)
{
	struct daxctl_dev *dev = region_dax(r);

	return dev ? daxctl_dev_get_target_node(dev) : -1;
}

struct json_object *region_json(struct cxl_region *r, const char *state)
{
	struct json_object *o = json_object_new_object(), *mds = json_object_new_array();
	struct daxctl_dev *dev = region_dax(r);
	struct daxctl_memory *mem = dev ? daxctl_dev_get_memory(dev) : NULL;
	int node = dev ? daxctl_dev_get_target_node(dev) : -1;
	unsigned int i;

	json_object_object_add(o, "region", json_object_new_string(cxl_region_get_devname(r)));
	json_object_object_add(o, "state", json_object_new_string(state));
	json_object_object_add(o, "size", json_object_new_uint64(cxl_region_get_size(r)));
	json_object_object_add(o, "interleave_ways",
			       json_object_new_int(cxl_region_get_interleave_ways(r)));
	json_object_object_add(o, "interleave_granularity",
			       json_object_new_int(cxl_region_get_interleave_granularity(r)));
	for (i = 0; i < cxl_region_get_interleave_ways(r); i++) {
		struct cxl_decoder *d = cxl_region_get_target_decoder(r, i);
		struct cxl_memdev *m = d ? cxl_decoder_get_memdev(d) : NULL;

		if (m)
			json_object_array_add(mds, json_object_new_string(cxl_memdev_get_devname(m)));
	}
	json_object_object_add(o, "memdevs", mds);
	if (dev)
		json_object_object_add(o, "dax", json_object_new_string(daxctl_dev_get_devname(dev)));
	if (node >= 0) {
		json_object_object_add(o, "numa_node", json_object_new_int(node));
		if (memory_tier_of(node) >= 0)
			json_object_object_add(o, "memory_tier", json_object_new_int(memory_tier_of(node)));
	}
	if (mem)
		json_object_object_add(o, "movable",
				       json_object_new_boolean(daxctl_memory_is_movable(mem) == 1));
	return o;
}

/*
 * Region, endpoint capacity: undo what online did, in reverse. Every step
 * is checked; when one fails the rest is not attempted (each depends on
 * the one before) and what is left is named with the command removing it.
 */
int region_destroy(struct cxl_region *r)
{
	struct cxl_decoder *eps[REGION_MAX_WAYS] = { NULL };
	unsigned int i, ways = cxl_region_get_interleave_ways(r);
	const char *step = NULL;
	char name[64];
	int rc = 0;

	snprintf(name, sizeof(name), "%s", cxl_region_get_devname(r));
	for (i = 0; i < ways && i < REGION_MAX_WAYS; i++)
		eps[i] = cxl_region_get_target_decoder(r, i);
	if (cxl_region_is_enabled(r)) {
		step = "disable";
		rc = cxl_region_disable(r);
	}
	if (!rc && cxl_region_decode_is_committed(r)) {
		step = "decode reset";
		rc = cxl_region_decode_reset(r);
	}
	if (!rc) {
		step = "clearing its targets";
		rc = cxl_region_clear_all_targets(r);
	}
	for (i = 0; !rc && i < ways && i < REGION_MAX_WAYS; i++) {
		step = "freeing endpoint capacity";
		if (eps[i])
			rc = cxl_decoder_set_dpa_size(eps[i], 0);
	}
	if (!rc) {
		step = "delete";
		rc = cxl_region_delete(r);
	}
	if (rc)
		fprintf(stderr, "cxl-leo: %s: %s failed: %s; the region is left behind: remove it with 'cxl destroy-region -f %s'\n",
			name, step, errno_text(rc), name);
	return rc;
}

static int plan_region(struct cxl_ctx *ctx, struct cxl_memdev **mds, int n,
		       struct online_plan *p)
{
	struct cxl_bus *bus;
	int i;

	memset(p, 0, sizeof(*p));
	cxl_bus_foreach(ctx, bus) {
		struct cxl_decoder *root;

		cxl_decoder_foreach(cxl_bus_get_port(bus), root) {
			unsigned long long free_bytes[REGION_MAX_WAYS];
			int root_pos[REGION_MAX_WAYS], order[REGION_MAX_WAYS];

			if (!cxl_decoder_is_volatile_capable(root) || cxl_decoder_is_locked(root))
				continue;
			for (i = 0; i < n; i++) {
				struct cxl_target *t = cxl_decoder_get_target_by_memdev(root, mds[i]);

				if (!t)
					break;
				root_pos[i] = cxl_target_get_position(t);
				free_bytes[i] = cxl_memdev_get_ram_size(mds[i]);
			}
			if (i < n || interleave_order(root_pos, n, cxl_decoder_get_nr_targets(root),
						      order))
				continue;
			p->per_device = region_per_device_size(free_bytes, n,
						cxl_decoder_get_max_available_extent(root));
			if (!p->per_device)
				continue;
			p->root = root;
			p->ways = n;
			p->granularity = cxl_decoder_get_interleave_granularity(root);
			for (i = 0; i < n; i++)
				p->memdev[i] = mds[order[i]];
			return 0;
		}
	}
	fprintf(stderr, "cxl-leo: online: no CXL window fits %d memdev%s starting with %s (a volatile window whose targets they fill evenly, 1, 2, 3, 4, 6, 8, 12 or 16 ways, with room left)\n",
		n, n > 1 ? "s" : "", cxl_memdev_get_devname(mds[0]));
	return -ENOSPC;
}

static struct json_object *plan_json(const struct online_plan *p)
{
	struct json_object *o = json_object_new_object(), *mds = json_object_new_array();
	int i;

	json_object_object_add(o, "plan", json_object_new_string("create ram region"));
	json_object_object_add(o, "root_decoder",
			       json_object_new_string(cxl_decoder_get_devname(p->root)));
	json_object_object_add(o, "size", json_object_new_uint64(p->per_device * p->ways));
	json_object_object_add(o, "interleave_ways", json_object_new_int(p->ways));
	json_object_object_add(o, "interleave_granularity", json_object_new_int(p->granularity));
	for (i = 0; i < p->ways; i++)
		json_object_array_add(mds, json_object_new_string(
					      cxl_memdev_get_devname(p->memdev[i])));
	json_object_object_add(o, "memdevs", mds);
	return o;
}

/* Creates, commits and enables the region; on failure nothing is left. */
static int region_build(const struct online_plan *p, struct cxl_region **out)
{
	struct cxl_region *r = cxl_decoder_create_ram_region(p->root);
	int i, rc;

	if (!r)
		return fail_step("create region", -ENXIO);
	rc = cxl_region_set_interleave_granularity(r, p->granularity);
	if (!rc)
		rc = cxl_region_set_interleave_ways(r, p->ways);
	if (!rc)
		rc = cxl_region_set_size(r, p->per_device * p->ways);
	if (rc) {
		fail_step("region geometry", rc);
		region_destroy(r);
		return rc;
	}
	for (i = 0; i < p->ways; i++) {
		struct cxl_decoder *ep = free_endpoint_decoder(p->memdev[i]);

		rc = ep ? cxl_decoder_set_mode(ep, CXL_DECODER_MODE_RAM) : -EBUSY;
		if (!rc)
			rc = cxl_decoder_set_dpa_size(ep, p->per_device);
		if (!rc)
			rc = cxl_region_set_target(r, i, ep);
		if (rc) {
			char step[96];

			snprintf(step, sizeof(step), "%s: endpoint decoder",
				 cxl_memdev_get_devname(p->memdev[i]));
			fail_step(step, rc);
			if (ep && cxl_decoder_get_dpa_size(ep) && cxl_decoder_set_dpa_size(ep, 0))
				fprintf(stderr, "cxl-leo: %s keeps its capacity: free it with 'cxl free-dpa %s'\n",
					cxl_decoder_get_devname(ep), cxl_memdev_get_devname(p->memdev[i]));
			region_destroy(r);
			return rc;
		}
	}
	rc = cxl_region_decode_commit(r);
	if (rc) {
		fail_step("decoder commit", rc);
		region_destroy(r);
		return rc;
	}
	rc = cxl_region_enable(r);
	if (rc) {
		fail_step("region enable", rc);
		region_destroy(r);
		return rc;
	}
	*out = r;
	return 0;
}

static int node_populated(struct daxctl_dev *dev)
{
	int waited;

	for (waited = 0; waited < ONLINE_WAIT_MS; waited += 100) {
		unsigned long long total;

		if (!node_memory(daxctl_dev_get_target_node(dev), &total, NULL) && total)
			return 0;
		msleep(100);
	}
	return fail_step("NUMA node population", -ETIMEDOUT);
}

static const char *kmem_online_state(bool movable)
{
	return movable ? "online_movable" : "online_kernel";
}

/* Linux 7.x: the whole device through kmem's own state (kmem_state.c). */
static int kmem_up(struct cxl_region *r, struct daxctl_dev *dev, bool movable)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	struct block_watch watch;
	char state[32];
	int rc;

	rc = kmem_state_read(dev, state, sizeof(state));
	if (rc)
		return fail_step("kmem state", rc);
	/* "online" is the kernel's pick of zone: keep it if it is the one asked for. */
	if (!strcmp(state, kmem_online_state(movable)) ||
	    (!strcmp(state, "online") && mem && (daxctl_memory_is_movable(mem) == 1) == movable))
		return node_populated(dev);
	/* kmem onlines only from "unplugged" ("offline": memhp_default_state=offline). */
	if (strcmp(state, "unplugged")) {
		rc = kmem_state_write(dev, "unplugged");
		if (rc)
			return fail_step(movable ? "re-zoning memory as movable" :
					 "re-zoning memory for the kernel", rc);
	}
	if (mem)
		block_watch_dax(&watch, "online", cxl_region_get_devname(r), dev, mem, true);
	rc = kmem_state_write(dev, kmem_online_state(movable));
	if (mem)
		block_watch_stop(&watch, !rc);
	if (rc)
		return fail_step("memory online", rc);
	return node_populated(dev);
}

/* kmem: system-ram mode, online (movable unless told otherwise), node populated. */
int memory_up(struct cxl_region *r, bool movable)
{
	struct daxctl_memory *mem = NULL;
	struct daxctl_dev *dev = NULL;
	struct block_watch watch;
	int waited, rc;

	for (waited = 0; waited < ONLINE_WAIT_MS && !dev; waited += 100) {
		dev = region_dax(r);
		if (!dev)
			msleep(100);
	}
	if (!dev)
		return fail_step("dax device for the region (is dax_cxl loaded?)", -ENODEV);
	/* 7.x: kmem may still be adding and onlining what it was bound to. */
	if (kmem_state_settle(dev, ONLINE_WAIT_MS, true))
		return kmem_up(r, dev, movable);
	mem = daxctl_dev_get_memory(dev);
	if (!mem) {
		/* device-dax mode first: the dax driver must let go of it */
		rc = daxctl_dev_is_enabled(dev) ? daxctl_dev_disable(dev) : 0;
		if (rc)
			return fail_step("releasing the dax device from device-dax", rc);
		rc = daxctl_dev_enable_ram(dev);
		if (rc)
			return fail_step("kmem (system-ram mode)", rc);
		if (kmem_state_settle(dev, ONLINE_WAIT_MS, false))
			return kmem_up(r, dev, movable);
		mem = daxctl_dev_get_memory(dev);
		if (!mem)
			return fail_step("kmem (system-ram mode)", -ENXIO);
	}
	/* The kernel may have onlined it already, into the zone it picked. */
	if (daxctl_memory_is_online(mem) && (daxctl_memory_is_movable(mem) == 1) != movable) {
		rc = daxctl_memory_offline(mem);
		if (rc < 0)
			return fail_step(movable ? "re-zoning memory as movable" :
					 "re-zoning memory for the kernel", rc);
	}
	block_watch_dax(&watch, "online", cxl_region_get_devname(r), dev, mem, true);
	rc = movable ? daxctl_memory_online(mem) : daxctl_memory_online_no_movable(mem);
	block_watch_stop(&watch, rc >= 0);
	if (rc < 0)
		return fail_step("memory online", rc);
	return node_populated(dev);
}


/* Memory back online after a refused offline, in the zone it had. */
int memory_restore(struct cxl_region *r, struct daxctl_memory *mem, bool movable)
{
	struct daxctl_dev *dev = daxctl_memory_get_dev(mem);
	char state[32];
	int rc;

	if (!kmem_state_read(dev, state, sizeof(state)))
		rc = kmem_state_write(dev, kmem_online_state(movable));
	else
		rc = movable ? daxctl_memory_online(mem) : daxctl_memory_online_no_movable(mem);

	if (rc < 0 || !daxctl_memory_is_online(mem)) {
		fprintf(stderr, "cxl-leo: %s: putting its memory back online failed (%s): part of it stays offline; retry with 'daxctl online-memory %s'\n",
			cxl_region_get_devname(r), rc < 0 ? errno_text(rc) : "blocks still offline",
			daxctl_dev_get_devname(daxctl_memory_get_dev(mem)));
		return rc < 0 ? rc : -EIO;
	}
	return 0;
}

/* 0 when the region's memory is offline; the region is untouched otherwise. */
int memory_down(struct cxl_region *r)
{
	struct daxctl_dev *dev = region_dax(r);
	struct daxctl_memory *mem = dev ? daxctl_dev_get_memory(dev) : NULL;
	struct block_watch watch;
	char state[32];
	bool movable;
	int rc;

	/*
	 * 7.x: kmem offlines and removes the whole device or, when a page
	 * cannot move, puts every block back itself; unbinding it later
	 * while its state still says online would strand the memory.
	 */
	if (dev && kmem_state_settle(dev, ONLINE_WAIT_MS, false) &&
	    !kmem_state_read(dev, state, sizeof(state))) {
		if (!kmem_state_is_online(state))
			return 0;
		if (mem)
			block_watch_dax(&watch, "offline", cxl_region_get_devname(r), dev, mem, false);
		rc = kmem_state_write(dev, "unplugged");
		if (mem)
			block_watch_stop(&watch, !rc);
		if (!rc)
			return 0;
		fprintf(stderr, "cxl-leo: offline %s: pages on node %d could not be moved elsewhere (%s); the region stays online\n",
			cxl_region_get_devname(r), daxctl_dev_get_target_node(dev), errno_text(rc));
		return -EBUSY;
	}
	if (!mem || !daxctl_memory_is_online(mem))
		return 0;
	block_watch_dax(&watch, "offline", cxl_region_get_devname(r), dev, mem, false);
	movable = daxctl_memory_is_movable(mem) == 1;
	rc = daxctl_memory_offline(mem);
	block_watch_stop(&watch, rc >= 0 && !daxctl_memory_is_online(mem));
	if (rc >= 0 && !daxctl_memory_is_online(mem))
		return 0;
	/* Some blocks could not be emptied: put back what did go, destroy nothing. */
	fprintf(stderr, "cxl-leo: offline %s: pages on node %d could not be moved elsewhere (%s); the region stays online\n",
		cxl_region_get_devname(r), daxctl_dev_get_target_node(dev),
		rc < 0 ? errno_text(rc) : "memory blocks still online");
	memory_restore(r, mem, movable);
	return -EBUSY;
}

int need_root(const char *what)
{
	if (geteuid() == 0)
		return 0;
	fprintf(stderr, "cxl-leo: %s needs CAP_SYS_ADMIN (run as root)\n", what);
	return 1;
}

int cmd_online(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		CXL_FILTER_LONGOPTS,
		{ "dry-run", no_argument, NULL, 'n' },
		{ "no-movable", no_argument, NULL, 'N' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct cxl_memdev **mds;
	struct cxl_region *existing = NULL;
	struct json_object *o;
	struct cxl_filter filter = { };
	bool dry_run = false, movable = true, force = false;
	int c, n, i, rc;

	while ((c = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "nh", opts, NULL)) != -1) {
		if (cxl_filter_option(c, optarg, &filter))
			continue;
		switch (c) {
		case 'n':
			dry_run = true;
			break;
		case 'N':
			movable = false;
			break;
		case 'f':
			force = true;
			break;
		case 'h':
			print_help(online_usage, online_help);
			return 0;
		default:
			return usage_error(online_usage, "bad option");
		}
	}
	rc = cxl_filter_finish(&filter, argc, argv, optind, online_usage, "memdev");
	if (rc)
		return rc;
	if (!cxl_filter_given(&filter))
		return usage_error(online_usage, "name the memdevs, or all");
	n = memdev_select(ctx, &filter, &mds);
	if (n < 0)
		return 1;
	if (!n) {
		free(mds);
		fprintf(stderr, "cxl-leo: online: no memdevs\n");
		return 1;
	}
	if (n > REGION_MAX_WAYS) {
		free(mds);
		return usage_error(online_usage, "at most %d memdevs in one region", REGION_MAX_WAYS);
	}
	/* Already online: report it and change nothing. */
	for (i = 0; i < n; i++) {
		struct cxl_region *mine = region_of(mds[i]);

		if (i == 0)
			existing = mine;
		if (mine != existing || (mine && cxl_region_get_interleave_ways(mine) != (unsigned int)n)) {
			fprintf(stderr, "cxl-leo: online: %s is %s; name the memdevs of one region, or only free ones\n",
				cxl_memdev_get_devname(mds[i]),
				mine ? "already in a region" : "not in a region while others are");
			free(mds);
			return 1;
		}
	}
	if (existing) {
		o = region_json(existing, "already online");
		json_print(o);
		json_object_put(o);
		free(mds);
		return 0;
	}
	rc = online_memdevs(ctx, mds, n, movable, force, dry_run, &o);
	free(mds);
	if (o) {
		json_print(o);
		json_object_put(o);
	}
	return rc;
}

/**
 * online_memdevs() - one region over memdevs in no region, online
 * @ctx: the libcxl context
 * @mds: the memdevs, @n of them (at most REGION_MAX_WAYS)
 * @movable: ZONE_MOVABLE, else a kernel zone
 * @force: online movable past the zone balance limit
 * @dry_run: the plan only
 * @out: the region's JSON (the plan's with @dry_run), or NULL
 *
 * Plans the region in the first volatile window the memdevs fill, weighs
 * movable memory against the kernel zones, builds the region and brings
 * its memory online; a failed step undoes the earlier ones.
 *
 * Return: 0 when online (or planned), else the command's exit status.
 */
int online_memdevs(struct cxl_ctx *ctx, struct cxl_memdev **mds, int n, bool movable,
		   bool force, bool dry_run, struct json_object **out)
{
	struct cxl_region *r = NULL;
	struct capacity_snapshot before = { }, after = { };
	struct json_object *o, *balance = NULL, *memmap;
	struct online_plan plan;
	char what[128];
	int rc;

	*out = NULL;
	rc = plan_region(ctx, mds, n, &plan);
	if (rc)
		return 1;
	/* Movable memory is weighed against the kernel zones before anything is made. */
	rc = 0;
	if (movable) {
		snprintf(what, sizeof(what), "a %d-way region on %s", plan.ways,
			 cxl_decoder_get_devname(plan.root));
		rc = zone_guard_check(plan.per_device * plan.ways, force, what, &balance);
	}
	if (dry_run) {
		o = plan_json(&plan);
		if (balance)
			json_object_object_add(o, "zone_balance", balance);
		*out = o;
		return rc;
	}
	if (rc || need_root("online")) {
		json_object_put(balance);
		return 1;
	}
	/* The memmap is allocated as kmem adds the memory, during the build. */
	capacity_snapshot_take(&before);
	/* Ctrl-C is acted on between steps: each step completes or is undone. */
	progress_catch_interrupt();
	rc = region_build(&plan, &r);
	if (rc) {
		capacity_snapshot_free(&before);
		json_object_put(balance);
		return 1;
	}
	if (progress_interrupted()) {
		region_destroy(r);
		fprintf(stderr, "cxl-leo: online: interrupted: rolled back, nothing left behind\n");
		capacity_snapshot_free(&before);
		json_object_put(balance);
		return 1;
	}
	rc = memory_up(r, movable);
	if (rc) {
		char name[64];

		snprintf(name, sizeof(name), "%s", cxl_region_get_devname(r));
		if (memory_down(r) || region_destroy(r))
			fprintf(stderr, "cxl-leo: online: rollback incomplete: %s is left as said above\n",
				name);
		else
			fprintf(stderr, "cxl-leo: online: rolled back, nothing left behind\n");
		capacity_snapshot_free(&before);
		json_object_put(balance);
		return 1;
	}
	o = region_json(r, "online");
	capacity_snapshot_take(&after);
	{
		struct daxctl_dev *dev = region_dax(r);

		memmap = dev ? memmap_report(&before, &after, daxctl_dev_get_target_node(dev),
					     daxctl_dev_get_devname(dev), cxl_region_get_devname(r)) :
			       NULL;
	}
	if (memmap)
		json_object_object_add(o, "memmap", memmap);
	if (balance)
		json_object_object_add(o, "zone_balance", balance);
	capacity_snapshot_free(&before);
	capacity_snapshot_free(&after);
	*out = o;
	return 0;
}

/*
 * A switch decoder (a host bridge's or a switch's) names the region it
 * decodes for in its region attribute: a region decodes through every
 * switch decoder between its root decoder and its endpoints.
 */
static bool region_via_switch(struct cxl_region *r, struct cxl_decoder *root, const char *ident)
{
	struct cxl_port *port;

	cxl_port_foreach_all(cxl_decoder_get_port(root), port) {
		struct cxl_decoder *d;

		if (cxl_port_is_endpoint(port))
			continue;
		cxl_decoder_foreach(port, d) {
			struct cxl_region *via;

			if (!decoder_filter_match(ident, cxl_decoder_get_devname(d), "switch"))
				continue;
			via = cxl_decoder_get_region(d);
			if (via && !strcmp(cxl_region_get_devname(via), cxl_region_get_devname(r)))
				return true;
		}
	}
	return false;
}

/*
 * The regions an offline names: by name or id (positional or -r), by
 * member memdev (-m, -s), decoder (-d: its root decoder, a switch decoder
 * it decodes through, or an endpoint decoder), bus (-b) and NUMA node
 * (--node); every criterion given must hold.
 */
static bool region_selected(struct cxl_region *r, const struct cxl_filter *f, long node)
{
	struct cxl_decoder *root = cxl_region_get_decoder(r);
	bool member = !f->memdev && !f->serial, via = !f->decoder;
	unsigned int i;

	if (f->region && !region_matches(r, f->region))
		return false;
	if (f->bus) {
		struct cxl_bus *bus = cxl_port_to_bus(cxl_decoder_get_port(root));

		if (!bus || !bus_matches(bus, f->bus))
			return false;
	}
	if (f->decoder && (decoder_filter_match(f->decoder, cxl_decoder_get_devname(root), "root") ||
			   region_via_switch(r, root, f->decoder)))
		via = true;
	for (i = 0; i < cxl_region_get_interleave_ways(r); i++) {
		struct cxl_decoder *d = cxl_region_get_target_decoder(r, i);
		struct cxl_memdev *m = d ? cxl_decoder_get_memdev(d) : NULL;

		if (!m)
			continue;
		if (memdev_filter_match(f->memdev, cxl_memdev_get_devname(m), cxl_memdev_get_host(m)) &&
		    serial_filter_match(f->serial, cxl_memdev_get_serial(m)))
			member = true;
		if (f->decoder && decoder_filter_match(f->decoder, cxl_decoder_get_devname(d),
						       "endpoint"))
			via = true;
	}
	if (!member || !via)
		return false;
	if (node >= 0) {
		struct daxctl_dev *dev = region_dax(r);

		return dev && daxctl_dev_get_target_node(dev) == node;
	}
	return true;
}

int select_regions(struct cxl_ctx *ctx, const struct cxl_filter *f, long node,
		   struct cxl_region **out, int max)
{
	struct cxl_bus *bus;
	int n = 0;

	cxl_bus_foreach(ctx, bus) {
		struct cxl_decoder *root;
		struct cxl_region *r;

		cxl_decoder_foreach(cxl_bus_get_port(bus), root)
			cxl_region_foreach(root, r) {
				if (!region_selected(r, f, node))
					continue;
				if (n == max)
					return -E2BIG;
				out[n++] = r;
			}
	}
	return n;
}

#define OFFLINE_MAX	WIPE_MAX_REGIONS

/*
 * Every region's memory offline, or none of it: a region whose pages cannot
 * move puts the ones before it back online, in the zone each had. -1 when
 * all went, else the index of the one that could not; *partial when putting
 * back failed too (memory_restore() has said what is left). n is at most
 * OFFLINE_MAX, the limit every selection is made with.
 */
int regions_down(struct cxl_region **regions, int n, bool *partial)
{
	struct daxctl_memory *down[OFFLINE_MAX] = { NULL };
	bool movable[OFFLINE_MAX] = { false };
	int i, failed;

	*partial = false;
	for (i = 0; i < n; i++) {
		struct daxctl_dev *dev = region_dax(regions[i]);
		struct daxctl_memory *mem = dev ? daxctl_dev_get_memory(dev) : NULL;

		if (mem && daxctl_memory_is_online(mem)) {
			movable[i] = daxctl_memory_is_movable(mem) == 1;
			down[i] = mem;
		}
		if (memory_down(regions[i]))
			break;
	}
	if (i == n)
		return -1;
	failed = i;
	for (i = 0; i < failed; i++)
		if (down[i] && memory_restore(regions[i], down[i], movable[i]))
			*partial = true;
	return failed;
}

int cmd_offline(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		CXL_FILTER_LONGOPTS,
		{ "node", required_argument, NULL, 'N' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "sanitize", no_argument, NULL, 'S' },
		{ "whole-device", no_argument, NULL, 'W' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	static struct wipe_plan plan;
	struct cxl_region *regions[OFFLINE_MAX];
	bool dry_run = false, wipe = false, force = false, whole_device = false;
	struct cxl_filter filter = { };
	struct json_object *arr;
	unsigned long node_arg;
	bool partial;
	long node = -1;
	int c, i, n, rc, failed, ret = 0;

	while ((c = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "nfh", opts, NULL)) != -1) {
		if (cxl_filter_option(c, optarg, &filter))
			continue;
		switch (c) {
		case 'N':
			if (parse_uint(optarg, 0, 4095, &node_arg))
				return usage_error(offline_usage, "--node '%s' is not a NUMA node number",
						   optarg);
			node = node_arg;
			break;
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
			print_help(offline_usage, offline_help);
			return 0;
		default:
			return usage_error(offline_usage, "bad option");
		}
	}
	for (i = optind; i < argc; i++)
		if (!strncmp(argv[i], "node", 4))
			return usage_error(offline_usage, "'%s': select a NUMA node with --node %s",
					   argv[i], argv[i] + 4);
	rc = cxl_filter_finish(&filter, argc, argv, optind, offline_usage, "region");
	if (rc)
		return rc;
	if (whole_device && !wipe)
		return usage_error(offline_usage, "--whole-device says how --sanitize erases; add --sanitize");
	if (!cxl_filter_given(&filter) && node < 0)
		return usage_error(offline_usage, "name the regions (region0, or 0), a NUMA node (--node N) or a filter");
	if (access("/sys/bus/cxl", F_OK)) {
		fprintf(stderr, "cxl-leo: no CXL bus in sysfs (is cxl_acpi loaded?)\n");
		return 1;
	}
	n = select_regions(ctx, &filter, node, regions, OFFLINE_MAX);
	if (n == -E2BIG) {
		fprintf(stderr, "cxl-leo: offline: the selection names more than %d regions; narrow it\n",
			OFFLINE_MAX);
		return 1;
	}
	if (!n) {
		fprintf(stderr, "cxl-leo: offline: no CXL region matches%s%s%s%s",
			filter.region ? " '" : "", filter.region ?: "", filter.region ? "'" : "",
			node >= 0 ? "" : "\n");
		if (node >= 0)
			fprintf(stderr, " on NUMA node %ld\n", node);
		return 1;
	}
	/* What the regions map is recorded now: tearing them down forgets it. */
	if (wipe && wipe_plan(&plan, regions, n, whole_device))
		return 1;
	arr = json_object_new_array();
	for (i = 0; i < n; i++) {
		struct json_object *o = region_json(regions[i], dry_run ? "would go offline" : "offline");

		if (dry_run) {
			json_object_object_add(o, "sanitize", json_object_new_boolean(wipe));
			if (wipe)
				wipe_json(&plan, i, o);
		}
		json_object_array_add(arr, o);
	}
	if (dry_run) {
		if (wipe)
			wipe_describe(&plan);
		json_print(arr);
		json_object_put(arr);
		return 0;
	}
	if (need_root("offline")) {
		json_object_put(arr);
		return 1;
	}
	if (wipe && wipe_consent(&plan, force)) {
		json_object_put(arr);
		return 1;
	}
	/* All the memory goes, or none: a region left online keeps capacity in use. */
	/* Ctrl-C: a block being offlined fails and memory_down() puts all back. */
	progress_catch_interrupt();
	failed = regions_down(regions, n, &partial);
	if (failed >= 0) {
		fprintf(stderr, "cxl-leo: offline: refused because of %s; %s\n",
			cxl_region_get_devname(regions[failed]),
			partial ? "the regions named above are partly offline" :
				  "every region stays online, nothing was changed");
		json_object_put(arr);
		return 1;
	}
	for (i = 0; i < n; i++)
		if (region_destroy(regions[i]))
			ret = 1;
	if (ret) {
		json_object_put(arr);
		return 1;
	}
	if (wipe) {
		if (progress_interrupted()) {
			fprintf(stderr, "cxl-leo: offline: interrupted: the regions are offline and gone; nothing was erased\n");
			json_object_put(arr);
			return 1;
		}
		if (wipe_run(&plan)) {
			json_object_put(arr);
			return 1;
		}
		for (i = 0; i < n; i++) {
			struct json_object *o = json_object_array_get_idx(arr, i);

			json_object_object_add(o, "sanitized", json_object_new_boolean(true));
			wipe_json(&plan, i, o);
		}
	}
	json_print(arr);
	json_object_put(arr);
	return 0;
}
