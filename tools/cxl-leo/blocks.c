// SPDX-License-Identifier: GPL-2.0-only
/*
 * Progress of onlining or offlining a region's memory, in memory blocks.
 * libdaxctl changes every block in one call, so a watcher thread counts the
 * blocks of the dax device's range that have reached the wanted state
 * (/sys/devices/system/memory/memoryN/state) while that call runs.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <daxctl/libdaxctl.h>
#include "blocks.h"
#include "sysfs.h"

#define MEMORY_DIR	"/sys/devices/system/memory"
/* A terabyte region has thousands of blocks: poll less often then. */
#define WATCH_MS_SMALL	200
#define WATCH_MS_LARGE	1000
#define WATCH_LARGE	1024

static unsigned long blocks_in_state(const struct block_watch *w)
{
	char dir[96], state[32];
	unsigned long i, n = 0;

	for (i = 0; i < w->count; i++) {
		snprintf(dir, sizeof(dir), MEMORY_DIR "/memory%lu", w->first + i);
		if (sysfs_read(dir, "state", state, sizeof(state)))
			continue;
		if (!strcmp(state, "online") == w->want_online)
			n++;
	}
	return n;
}

static void *watch(void *arg)
{
	struct block_watch *w = arg;
	int ms = w->count > WATCH_LARGE ? WATCH_MS_LARGE : WATCH_MS_SMALL;
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	for (;;) {
		progress_update(&w->p, blocks_in_state(w), w->count, progress_now());
		pthread_mutex_lock(&w->lock);
		if (w->stop) {
			pthread_mutex_unlock(&w->lock);
			return NULL;
		}
		pthread_mutex_unlock(&w->lock);
		nanosleep(&ts, NULL);
	}
}

int block_watch_start(struct block_watch *w, const char *op, const char *device,
		      unsigned long long start, unsigned long long size,
		      unsigned long block_size, bool want_online)
{
	memset(w, 0, sizeof(*w));
	if (!block_size)
		return -1;
	/* kmem adds whole blocks inside the range. */
	w->first = (start + block_size - 1) / block_size;
	w->count = (start + size) / block_size > w->first ?
		   (start + size) / block_size - w->first : 0;
	w->want_online = want_online;
	pthread_mutex_init(&w->lock, NULL);
	progress_begin(&w->p, stderr, progress_mode, op, device, "blocks", progress_now());
	/* Without the thread the operation still runs; only its progress is missing. */
	w->running = w->p.mode != PROGRESS_NONE && w->count &&
		     !pthread_create(&w->thread, NULL, watch, w);
	return 0;
}

void block_watch_stop(struct block_watch *w, bool ok)
{
	if (w->running) {
		pthread_mutex_lock(&w->lock);
		w->stop = true;
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->thread, NULL);
	}
	if (w->p.mode != PROGRESS_NONE)
		progress_update(&w->p, blocks_in_state(w), w->count, progress_now());
	progress_end(&w->p, ok ? "done" : "failed", progress_now());
	pthread_mutex_destroy(&w->lock);
}

int block_watch_dax(struct block_watch *w, const char *op, const char *region,
		    struct daxctl_dev *dev, struct daxctl_memory *mem, bool want_online)
{
	return block_watch_start(w, op, region, daxctl_dev_get_resource(dev),
				 daxctl_dev_get_size(dev), daxctl_memory_get_block_size(mem),
				 want_online);
}
