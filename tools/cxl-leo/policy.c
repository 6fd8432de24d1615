// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo apply-policy: put a Leo region's memory in the state the operator
 * chose (/etc/cxl-leo/online.conf), whatever the kernel did with it first.
 * memhp_default_state decides what the kernel does when kmem adds memory
 * (online movable, online kernel, or nothing); firmware-committed regions
 * are added during cxl_leo's probe and hot-added ones when they are made.
 * The installed udev rule runs this on every dax device bind, so both end
 * up as configured. Idempotent: a region already in the chosen state is
 * left as it is.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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

/* Leo capacity: every memdev of the region is driven by cxl_leo. */
static bool region_is_leo(struct cxl_region *r)
{
	unsigned int i, n = 0;

	for (i = 0; i < cxl_region_get_interleave_ways(r); i++) {
		struct cxl_decoder *d = cxl_region_get_target_decoder(r, i);
		struct cxl_memdev *m = d ? cxl_decoder_get_memdev(d) : NULL;
		char link[512], target[512];
		ssize_t len;

		if (!m)
			return false;
		snprintf(link, sizeof(link), "/sys/bus/pci/devices/%s/driver", cxl_memdev_get_host(m));
		len = readlink(link, target, sizeof(target) - 1);
		if (len <= 0)
			return false;
		target[len] = '\0';
		if (strcmp(basename(target), "cxl_leo"))
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
	p = json_object_new_object();
	json_object_object_add(p, "online", json_object_new_string(online_state_name(c->online)));
	json_object_object_add(p, "memmap", json_object_new_string(c->memmap == MEMMAP_EXPANDER ?
								  "expander" : "any"));
	json_object_object_add(p, "action", json_object_new_string(rc && strcmp(action, "left offline") ?
								  "failed" : action));
	if (balance)
		json_object_object_add(p, "zone_balance", balance);
	json_object_object_add(*out, "policy", p);
	return rc;
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
	r = find_region(ctx, argv[optind]);
	if (!r) {
		/* A memdev without a region, a dax device of something else: nothing to do. */
		fprintf(stderr, "cxl-leo: apply-policy: no CXL region for '%s': nothing to apply\n",
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
	if (geteuid()) {
		fprintf(stderr, "cxl-leo: apply-policy needs CAP_SYS_ADMIN (run as root)\n");
		return 1;
	}
	rc = policy_apply_region(r, &conf, &o);
	if (o) {
		json_print(o);
		json_object_put(o);
	}
	return rc ? 1 : 0;
}
