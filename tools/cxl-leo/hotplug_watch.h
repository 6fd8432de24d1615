/* SPDX-License-Identifier: GPL-2.0-only */
/* Memdevs arriving and leaving (hot-add, hot-remove), from kernel uevents. */
#ifndef CXL_LEO_HOTPLUG_WATCH_H
#define CXL_LEO_HOTPLUG_WATCH_H

#include <json-c/json.h>

struct udev;
struct udev_monitor;

struct hotplug_watch {
	struct udev *udev;
	struct udev_monitor *mon;
	int fd;			/* to poll(2); -1 when not watching */
};

int hotplug_watch_open(struct hotplug_watch *h);
void hotplug_watch_close(struct hotplug_watch *h);
struct json_object *hotplug_watch_next(struct hotplug_watch *h);

#endif
