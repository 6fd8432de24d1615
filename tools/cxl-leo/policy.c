// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo apply-policy: put a Leo region's memory in the state the operator
 * chose (/etc/cxl-leo/online.conf), whatever the kernel did with it first.
 * memhp_default_state decides what the kernel does when kmem adds memory
 * (online movable, online kernel, or nothing); firmware-committed regions
 * are added during cxl_leo's probe and hot-added ones when they are made.
 * A memdev that arrives in no region (hot-added pooled capacity: no
 * decoders committed) gets its region made when the policy onlines.
 * The installed udev rule runs this on every dax device bind and every
 * memdev bind to cxl_mem, so all of them end up as configured.
 * Idempotent: capacity already in the chosen state is left as it is.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <daxctl/libdaxctl.h>
#include "builtin.h"
#include "capacity.h"
#include "memdev.h"
#include "online.h"
#include "policy.h"
#include "sysfs.h"

static const char policy_usage[] =
	"cxl-leo apply-policy [-n] [--config <file>] [--udev] <regionN | memN | daxX.Y>";
static const char policy_help[] =
	"  <regionN|memN|daxX.Y> the region, a memdev in it, or its dax device\n" \
	"  -c, --config <file>  the policy (default " ONLINE_CONF_PATH ")\n" \
	"  -n, --dry-run        say what would change, change nothing\n" \
	"      --udev           from a udev rule: return at once, apply once the event is done\n";

#define UDEV_QUEUE	"/run/udev/queue"
/* Locked by every apply-policy that changes something (flock works on sysfs). */
#define POLICY_LOCK	"/sys/bus/cxl"
#define UDEV_WAIT_S	300

/*
 * A udev RUN program must return quickly, and libcxl waits for the udev
 * queue to drain before it reads sysfs, which cannot happen while the
 * event that ran us is in it (5 s per sysfs walk). So the work goes to a
 * child in its own session that waits for the queue to empty (what
 * libudev's udev_queue_get_queue_is_empty() checks); its messages go to
 * the kernel log. Where systemd runs udev, leftover processes are killed:
 * there the rule starts cxl-leo-policy@.service instead.
 */
static int detach_from_udev(void)
{
	pid_t pid = fork();
	int fd, waited;

	if (pid < 0)
		return -errno;
	if (pid > 0)
		_exit(0);
	setsid();
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
	fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
	for (waited = 0; waited < UDEV_WAIT_S * 10 && !access(UDEV_QUEUE, F_OK); waited++)
		usleep(100000);
	return 0;
}

/* 0 with @c from @path; a missing file is the defaults, said on stderr. */
int policy_load(const char *path, struct online_conf *c)
{
	char text[8192], err[160];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		if (errno != ENOENT) {
			fprintf(stderr, "cxl-leo: apply-policy: %s: %s\n", path, strerror(errno));
			return -errno;
		}
		return online_conf_parse("", c, err, sizeof(err));
	}
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n < 0 || n == sizeof(text) - 1) {
		fprintf(stderr, "cxl-leo: apply-policy: %s: %s\n", path,
			n < 0 ? strerror(errno) : "too large");
		return -EINVAL;
	}
	text[n] = '\0';
	if (online_conf_parse(text, c, err, sizeof(err))) {
		fprintf(stderr, "cxl-leo: apply-policy: %s: %s\n", path, err);
		return -EINVAL;
	}
	return 0;
}

/* Leo capacity: the memdev's PCI device is driven by cxl_leo. */
static bool memdev_is_leo(struct cxl_memdev *m)
{
	char link[512], target[512];
	ssize_t len;

	snprintf(link, sizeof(link), "/sys/bus/pci/devices/%s/driver", cxl_memdev_get_host(m));
	len = readlink(link, target, sizeof(target) - 1);
	if (len <= 0)
		return false;
	target[len] = '\0';
	return !strcmp(basename(target), "cxl_leo");
}

/* Leo capacity: every memdev of the region is driven by cxl_leo. */
static bool region_is_leo(struct cxl_region *r)
{
	unsigned int i, n = 0;

	for (i = 0; i < cxl_region_get_interleave_ways(r); i++) {
		struct cxl_decoder *d = cxl_region_get_target_decoder(r, i);
		struct cxl_memdev *m = d ? cxl_decoder_get_memdev(d) : NULL;

		if (!m || !memdev_is_leo(m))
			return false;
		n++;
	}
	return n > 0;
}

/* Where the kernel puts (or put) this dax device's memmap: on it, or not. */
static bool memmap_on_expander(struct daxctl_dev *dev)
{
	char dir[128], v[8];

	snprintf(dir, sizeof(dir), "/sys/bus/dax/devices/%s", daxctl_dev_get_devname(dev));
	return memmap_on_memory_kernel() == 1 && !sysfs_read(dir, "memmap_on_memory", v, sizeof(v)) &&
	       !strcmp(v, "1");
}

static int memory_offline(struct cxl_region *r, struct daxctl_memory *mem)
{
	int rc = daxctl_memory_offline(mem);

	if (rc < 0 || daxctl_memory_is_online(mem)) {
		fprintf(stderr, "cxl-leo: apply-policy: %s: offline failed (%s): pages in use could not move\n",
			cxl_region_get_devname(r), rc < 0 ? errno_text(rc) : "blocks still online");
		return rc < 0 ? rc : -EBUSY;
	}
	return 0;
}

static struct json_object *policy_json(const struct online_conf *c, const char *action)
{
	struct json_object *p = json_object_new_object();

	json_object_object_add(p, "online", json_object_new_string(online_state_name(c->online)));
	json_object_object_add(p, "memmap", json_object_new_string(c->memmap == MEMMAP_EXPANDER ?
								  "expander" : "any"));
	json_object_object_add(p, "action", json_object_new_string(action));
	return p;
}

/*
 * Puts @r's memory in the state @c names and describes it in @out (region
 * JSON plus "policy"). 0 when it is in that state, -errno when it could not
 * be put there (said on stderr; a refused online leaves it offline).
 */
int policy_apply_region(struct cxl_region *r, const struct online_conf *c,
			struct json_object **out)
{
	struct daxctl_dev *dev = region_dax(r);
	struct daxctl_memory *mem = dev ? daxctl_dev_get_memory(dev) : NULL;
	bool online = mem && daxctl_memory_is_online(mem) > 0;
	bool movable = online && daxctl_memory_is_movable(mem) == 1;
	const char *action = "unchanged", *name = cxl_region_get_devname(r);
	struct json_object *p, *balance = NULL;
	int rc = 0;

	*out = NULL;
	if (!dev) {
		fprintf(stderr, "cxl-leo: apply-policy: %s has no dax device (is dax_cxl loaded?)\n", name);
		return -ENODEV;
	}
	if (c->online == ONLINE_OFFLINE) {
		if (online) {
			rc = memory_offline(r, mem);
			action = "offlined";
		}
	} else if (c->memmap == MEMMAP_EXPANDER && !memmap_on_expander(dev)) {
		fprintf(stderr, "cxl-leo: apply-policy: %s: the policy wants the memmap on the expander, and this kernel puts it in DRAM (boot with memory_hotplug.memmap_on_memory=1): left offline\n",
			name);
		if (online)
			memory_offline(r, mem);
		action = "left offline";
		rc = -EPERM;
	} else if (online && movable == (c->online == ONLINE_MOVABLE)) {
		action = "unchanged";
	} else {
		if (c->online == ONLINE_MOVABLE && !online &&
		    zone_guard_check(daxctl_dev_get_size(dev), false, name, &balance)) {
			action = "left offline";
			rc = -ENOSPC;
		} else {
			rc = memory_up(r, c->online == ONLINE_MOVABLE);
			action = online ? "re-zoned" : "onlined";
		}
	}
	mem = daxctl_dev_get_memory(dev);
	online = mem && daxctl_memory_is_online(mem) > 0;
	*out = region_json(r, online ? "online" : "offline");
	p = policy_json(c, rc && strcmp(action, "left offline") ? "failed" : action);
	if (balance)
		json_object_object_add(p, "zone_balance", balance);
	json_object_object_add(*out, "policy", p);
	return rc;
}

/*
 * What on a memdev in no region says someone else is setting it up: an
 * endpoint decoder that holds capacity (a region being made, or one the
 * firmware committed that the core did not assemble) or is locked. NULL
 * when the memdev is free, else why not (for the message).
 */
static const char *memdev_busy(struct cxl_memdev *m, char *why, size_t len)
{
	struct cxl_endpoint *ep = cxl_memdev_get_endpoint(m);
	struct cxl_decoder *d;

	if (!ep) {
		snprintf(why, len, "it has no endpoint port (cxl_mem not bound)");
		return why;
	}
	cxl_decoder_foreach(cxl_endpoint_get_port(ep), d) {
		if (cxl_decoder_is_locked(d)) {
			snprintf(why, len, "%s is locked", cxl_decoder_get_devname(d));
			return why;
		}
		if (cxl_decoder_get_dpa_size(d)) {
			snprintf(why, len, "%s holds %llu bytes of its capacity with no region",
				 cxl_decoder_get_devname(d), cxl_decoder_get_dpa_size(d));
			return why;
		}
	}
	return NULL;
}

/*
 * A Leo memdev in no region: hot-added (pooled) capacity, which no
 * firmware committed decoders for. Online policies make its region the
 * way `cxl-leo online memN` does (one region over the memdev's volatile
 * capacity in the first window that takes it, the zone balance guard
 * first) and online it in the policy's zone; "offline" makes nothing:
 * no region, no HPA space used, until an operator runs cxl-leo online.
 * 0 when the memdev ends as the policy says, else 1 (said on stderr).
 */
static int policy_apply_memdev(struct cxl_ctx *ctx, struct cxl_memdev *m,
			       const struct online_conf *c, bool dry_run)
{
	const char *name = cxl_memdev_get_devname(m);
	struct json_object *o = NULL;
	char why[160];
	int rc;

	if (!memdev_is_leo(m)) {
		fprintf(stderr, "cxl-leo: apply-policy: %s is not Leo capacity (not under cxl_leo): left alone\n",
			name);
		return 0;
	}
	if (!cxl_memdev_get_ram_size(m)) {
		fprintf(stderr, "cxl-leo: apply-policy: %s has no volatile capacity: nothing to apply\n",
			name);
		return 0;
	}
	if (memdev_busy(m, why, sizeof(why))) {
		fprintf(stderr, "cxl-leo: apply-policy: %s is in no region but %s: not touching it (see cxl list -D -m %s)\n",
			name, why, name);
		return 1;
	}
	if (c->online == ONLINE_OFFLINE) {
		o = json_object_new_object();
		json_object_object_add(o, "memdev", json_object_new_string(name));
		json_object_object_add(o, "host", json_object_new_string(cxl_memdev_get_host(m)));
		json_object_object_add(o, "policy", policy_json(c, dry_run ?
					"would leave it without a region" : "left without a region"));
		json_print(o);
		json_object_put(o);
		return 0;
	}
	/* dax_cxl lets kmem put the memmap on the memory whenever the kernel does. */
	if (c->memmap == MEMMAP_EXPANDER && memmap_on_memory_kernel() != 1) {
		fprintf(stderr, "cxl-leo: apply-policy: %s: the policy wants the memmap on the expander, and this kernel puts it in DRAM (boot with memory_hotplug.memmap_on_memory=1): left without a region\n",
			name);
		return 1;
	}
	rc = online_memdevs(ctx, &m, 1, c->online == ONLINE_MOVABLE, false, dry_run, &o);
	if (o) {
		json_object_object_add(o, "policy", policy_json(c, rc ? "failed" : dry_run ?
					"would create and online" : "created and onlined"));
		json_print(o);
		json_object_put(o);
	}
	return rc ? 1 : 0;
}

static struct cxl_region *find_region(struct cxl_ctx *ctx, const char *name)
{
	struct cxl_memdev *m;
	struct cxl_bus *bus;

	if (!strncmp(name, "mem", 3)) {
		cxl_memdev_foreach(ctx, m)
			if (!strcmp(cxl_memdev_get_devname(m), name))
				return region_of(m);
		return NULL;
	}
	cxl_bus_foreach(ctx, bus) {
		struct cxl_decoder *root;
		struct cxl_region *r;

		cxl_decoder_foreach(cxl_bus_get_port(bus), root)
			cxl_region_foreach(root, r) {
				struct daxctl_dev *dev;

				if (!strcmp(cxl_region_get_devname(r), name))
					return r;
				if (!strncmp(name, "dax", 3) && (dev = region_dax(r)) &&
				    !strcmp(daxctl_dev_get_devname(dev), name))
					return r;
			}
	}
	return NULL;
}

static struct cxl_memdev *find_memdev(struct cxl_ctx *ctx, const char *name)
{
	struct cxl_memdev *m;

	if (strncmp(name, "mem", 3))
		return NULL;
	cxl_memdev_foreach(ctx, m)
		if (!strcmp(cxl_memdev_get_devname(m), name))
			return m;
	return NULL;
}

/* Held until exit; 0, or -errno said on stderr. */
static int policy_lock(void)
{
	int fd = open(POLICY_LOCK, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT) {
		fprintf(stderr, "cxl-leo: apply-policy: no CXL bus (%s): nothing to apply to\n",
			POLICY_LOCK);
		return -ENOENT;
	}
	if (fd < 0 || flock(fd, LOCK_EX)) {
		fprintf(stderr, "cxl-leo: apply-policy: %s: %s\n", POLICY_LOCK, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -errno;
	}
	return 0;
}

int cmd_apply_policy(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "udev", no_argument, NULL, 'U' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	const char *config = ONLINE_CONF_PATH;
	struct online_conf conf;
	struct json_object *o;
	struct cxl_memdev *m;
	struct cxl_region *r;
	bool dry_run = false, from_udev = false;
	int c, rc;

	while ((c = getopt_long(argc, argv, "c:nh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'n':
			dry_run = true;
			break;
		case 'U':
			from_udev = true;
			break;
		case 'h':
			print_help(policy_usage, policy_help);
			return 0;
		default:
			return usage_error(policy_usage, "bad option");
		}
	}
	if (optind != argc - 1 || !*argv[optind])
		return usage_error(policy_usage, "name one region, memdev or dax device");
	if (policy_load(config, &conf))
		return 1;
	if (from_udev && detach_from_udev()) {
		fprintf(stderr, "cxl-leo: apply-policy %s: cannot detach from udev: %s\n", argv[optind],
			strerror(errno));
		return 1;
	}
	/*
	 * One at a time: the region a memdev's apply-policy makes binds a dax
	 * device, whose own apply-policy must find it done, not half made.
	 * libcxl reads sysfs at its first look, which comes after the lock.
	 */
	if (!dry_run && (need_root("apply-policy") || policy_lock()))
		return 1;
	r = find_region(ctx, argv[optind]);
	m = r ? NULL : find_memdev(ctx, argv[optind]);
	if (m)
		return policy_apply_memdev(ctx, m, &conf, dry_run);
	if (!r) {
		/* A dax device of something else, a memdev that is gone: nothing to do. */
		fprintf(stderr, "cxl-leo: apply-policy: no CXL region or memdev '%s': nothing to apply\n",
			argv[optind]);
		return 0;
	}
	if (!region_is_leo(r)) {
		fprintf(stderr, "cxl-leo: apply-policy: %s is not Leo capacity (its memdevs are not all under cxl_leo): left alone\n",
			cxl_region_get_devname(r));
		return 0;
	}
	if (dry_run) {
		o = region_json(r, "would apply");
		json_object_object_add(o, "policy", json_object_new_string(online_state_name(conf.online)));
		json_print(o);
		json_object_put(o);
		return 0;
	}
	rc = policy_apply_region(r, &conf, &o);
	if (o) {
		json_print(o);
		json_object_put(o);
	}
	return rc ? 1 : 0;
}
