/* SPDX-License-Identifier: GPL-2.0-only */
/* Memory blocks done / total while a region goes online or offline (blocks.c). */
#ifndef CXL_LEO_BLOCKS_H
#define CXL_LEO_BLOCKS_H

#include <pthread.h>
#include <stdbool.h>
#include "progress.h"

struct block_watch {
	struct progress p;
	pthread_t thread;
	pthread_mutex_t lock;	/* @stop */
	unsigned long first, count;
	bool want_online, stop, running;
};

int block_watch_start(struct block_watch *w, const char *op, const char *device,
		      unsigned long long start, unsigned long long size,
		      unsigned long block_size, bool want_online);
void block_watch_stop(struct block_watch *w, bool ok);

struct daxctl_dev;
struct daxctl_memory;
int block_watch_dax(struct block_watch *w, const char *op, const char *region,
		    struct daxctl_dev *dev, struct daxctl_memory *mem, bool want_online);

#endif
