// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hotplug state kmem keeps for a dax device on Linux 7.x: its "state"
 * attribute (unplugged, online, online_movable, online_kernel) adds and
 * onlines, or offlines and removes, the whole device at once under kmem's
 * own lock. Where it exists cxl-leo uses it instead of libdaxctl's
 * block-by-block changes, for two reasons met on 7.3:
 * - kmem binds asynchronously there, so a device can be seen while its
 *   blocks are still being added and onlined; the attribute appears only
 *   once kmem's probe has finished, which makes it the sign to wait for;
 * - kmem warns ("Hotplug memory regions stuck online until reboot") and
 *   keeps the memory for good when it is unbound while its state is still
 *   online, even if every block was offlined one by one.
 * 6.12's kmem has no such attribute and binds synchronously: libdaxctl's
 * path stays in use there.
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <daxctl/libdaxctl.h>
#include "kmem_state.h"
#include "sysfs.h"

#define DAX_DEVICES	"/sys/bus/dax/devices"
#define SETTLE_POLL_MS	100

static void dax_dir(struct daxctl_dev *dev, char *dir, size_t len)
{
	snprintf(dir, len, DAX_DEVICES "/%s", daxctl_dev_get_devname(dev));
}

int kmem_state_read(struct daxctl_dev *dev, char *buf, size_t len)
{
	char dir[128];

	dax_dir(dev, dir, sizeof(dir));
	return sysfs_read(dir, "state", buf, len);
}

int kmem_state_write(struct daxctl_dev *dev, const char *state)
{
	char dir[128];

	dax_dir(dev, dir, sizeof(dir));
	return sysfs_write(dir, "state", state);
}

/* The driver the dax device is bound to ("kmem", "device_dax"), or "". */
static void bound_driver(struct daxctl_dev *dev, char *name, size_t len)
{
	char dir[128], link[160], target[256];
	const char *base;
	ssize_t n;

	dax_dir(dev, dir, sizeof(dir));
	snprintf(link, sizeof(link), "%s/driver", dir);
	n = readlink(link, target, sizeof(target) - 1);
	name[0] = '\0';
	if (n <= 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= len)
		return;
	memcpy(name, base, strlen(base) + 1);
}

bool kmem_state_kernel(void)
{
	static int known = -1;
	struct utsname u;

	if (known < 0)
		known = !uname(&u) && atoi(u.release) >= 7;
	return known;
}

bool kmem_state_settle(struct daxctl_dev *dev, int timeout_ms, bool may_bind)
{
	struct timespec ts = { .tv_nsec = SETTLE_POLL_MS * 1000000L };
	char drv[32], state[32];
	int waited;

	if (!kmem_state_kernel())
		return false;
	for (waited = 0; waited <= timeout_ms; waited += SETTLE_POLL_MS) {
		if (!kmem_state_read(dev, state, sizeof(state)))
			return true;
		bound_driver(dev, drv, sizeof(drv));
		/*
		 * kmem bound and still probing: its state comes. device_dax
		 * owns it: it never will. Nothing bound: kmem may still bind
		 * a device just made, never one that was already there.
		 */
		if (!strcmp(drv, "device_dax") || (!drv[0] && !may_bind))
			return false;
		nanosleep(&ts, NULL);
	}
	return false;
}

bool kmem_state_is_online(const char *state)
{
	return !strncmp(state, "online", 6);
}
