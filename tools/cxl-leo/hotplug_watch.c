// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memdevs arriving and leaving, for cxl-leo monitor: the kernel's own
 * uevents for the cxl bus (no udevd needed), one JSON object per memdev
 * added or removed, in the monitor's event shape.
 */
#include <string.h>
#include <time.h>
#include <libudev.h>
#include "hotplug_watch.h"

/* 0, or -1 when uevents cannot be read (the monitor then traces only). */
int hotplug_watch_open(struct hotplug_watch *h)
{
	h->fd = -1;
	h->mon = NULL;
	h->udev = udev_new();
	if (!h->udev)
		return -1;
	h->mon = udev_monitor_new_from_netlink(h->udev, "kernel");
	if (!h->mon || udev_monitor_filter_add_match_subsystem_devtype(h->mon, "cxl", NULL) < 0 ||
	    udev_monitor_enable_receiving(h->mon) < 0) {
		hotplug_watch_close(h);
		return -1;
	}
	h->fd = udev_monitor_get_fd(h->mon);
	return 0;
}

void hotplug_watch_close(struct hotplug_watch *h)
{
	if (h->mon)
		udev_monitor_unref(h->mon);
	if (h->udev)
		udev_unref(h->udev);
	h->mon = NULL;
	h->udev = NULL;
	h->fd = -1;
}

/* The PCI device above a memdev's devpath (its last component's parent). */
static void host_of(const char *devpath, char *host, size_t len)
{
	const char *end = strrchr(devpath, '/'), *start;

	host[0] = '\0';
	if (!end || end == devpath)
		return;
	for (start = end - 1; start > devpath && *start != '/'; start--)
		;
	if (*start == '/')
		start++;
	if ((size_t)(end - start) < len) {
		memcpy(host, start, end - start);
		host[end - start] = '\0';
	}
}

/*
 * The next memdev add or remove waiting, or NULL (nothing waiting, or only
 * other cxl devices: ports, decoders, regions).
 */
struct json_object *hotplug_watch_next(struct hotplug_watch *h)
{
	struct udev_device *d;

	while (h->mon && (d = udev_monitor_receive_device(h->mon))) {
		const char *action = udev_device_get_action(d);
		const char *name = udev_device_get_sysname(d);
		const char *devtype = udev_device_get_devtype(d);
		struct json_object *o;
		struct timespec ts;
		char host[64];

		if (!action || !name || !devtype || strcmp(devtype, "cxl_memdev") ||
		    (strcmp(action, "add") && strcmp(action, "remove"))) {
			udev_device_unref(d);
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &ts);
		host_of(udev_device_get_devpath(d) ?: "", host, sizeof(host));
		o = json_object_new_object();
		json_object_object_add(o, "system", json_object_new_string("cxl-leo"));
		json_object_object_add(o, "event", json_object_new_string(strcmp(action, "add") ?
						"memdev_removed" : "memdev_added"));
		json_object_object_add(o, "timestamp",
				       json_object_new_uint64((unsigned long long)ts.tv_sec * 1000000000ull +
							      ts.tv_nsec));
		json_object_object_add(o, "memdev", json_object_new_string(name));
		if (host[0])
			json_object_object_add(o, "host", json_object_new_string(host));
		udev_device_unref(d);
		return o;
	}
	return NULL;
}
