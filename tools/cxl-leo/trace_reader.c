// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-CPU trace buffers, read through libtracefs's per-CPU readers
 * (tracefs_cpu_*, in libtracefs 1.6 and later) and walked with
 * libtraceevent's kbuffer. libtracefs 1.8's tracefs_cpu_read_buf() would
 * hand back the kbuffer itself; Debian 12 has 1.6.4, so the sub-buffer is
 * read with tracefs_cpu_read() and loaded into a kbuffer of our own.
 *
 * The tep knows only one system's formats: parsing every event of every
 * system (tracefs_local_events()) and /proc/kallsyms took most of the ten
 * seconds a poison list cost under TCG, and cxl events print no symbols.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <tracefs/tracefs.h>
#include <traceevent/event-parse.h>
#include <traceevent/kbuffer.h>
#include "trace_reader.h"

void trace_reader_init(struct trace_reader *r, struct tep_handle *tep)
{
	memset(r, 0, sizeof(*r));
	r->tep = tep;
}

int trace_reader_add_cpu(struct trace_reader *r, int cpu, int fd)
{
	int subbuf_size = tep_get_sub_buffer_size(r->tep);
	struct trace_cpu_reader *c, *cpus;

	if (subbuf_size <= 0) {
		errno = EINVAL;
		return -1;
	}
	cpus = realloc(r->cpus, (r->nr_cpus + 1) * sizeof(*cpus));
	if (!cpus)
		return -1;
	r->cpus = cpus;
	c = &cpus[r->nr_cpus];
	memset(c, 0, sizeof(*c));
	c->cpu = cpu;
	c->fd = fd;
	c->subbuf = malloc(subbuf_size);
	c->kbuf = tep_kbuffer(r->tep);
	/* Non-blocking for good: the caller polls the fd itself. */
	c->tcpu = tracefs_cpu_alloc_fd(fd, subbuf_size, true);
	if (!c->subbuf || !c->kbuf || !c->tcpu) {
		if (c->tcpu)
			tracefs_cpu_free_fd(c->tcpu);
		if (c->kbuf)
			kbuffer_free(c->kbuf);
		free(c->subbuf);
		errno = ENOMEM;
		return -1;
	}
	r->nr_cpus++;
	return 0;
}

/* Load the next sub-buffer that is there: 1, 0 when none is, -1 on error. */
static int cpu_next_subbuf(struct trace_cpu_reader *c)
{
	int n = tracefs_cpu_read(c->tcpu, c->subbuf, true);

	if (n < 0)
		return errno == EAGAIN ? 0 : -1;
	if (n == 0)
		return 0;
	if (kbuffer_load_subbuffer(c->kbuf, c->subbuf) < 0) {
		errno = EIO;
		return -1;
	}
	c->has_subbuf = true;
	c->missed = kbuffer_missed_events(c->kbuf);
	return 1;
}

/*
 * Advance @c to its next record of a known event (the tep's system):
 * 1, 0 when the buffer is empty for now, -1 on a read error.
 */
static int cpu_next_record(struct trace_reader *r, struct trace_cpu_reader *c)
{
	for (;;) {
		while (c->has_subbuf) {
			struct tep_record rec = { .cpu = c->cpu };
			void *data = kbuffer_read_event(c->kbuf, &c->ts);

			if (!data) {
				c->has_subbuf = false;
				break;
			}
			c->data = data;
			c->size = kbuffer_event_size(c->kbuf);
			kbuffer_next_event(c->kbuf, NULL);
			rec.data = data;
			rec.size = c->size;
			c->event = tep_find_event(r->tep, tep_data_type(r->tep, &rec));
			if (c->event)
				return 1;
			/* Another system's event: not ours to parse. */
		}
		switch (cpu_next_subbuf(c)) {
		case 0:
			return 0;
		case -1:
			return -1;
		}
	}
}

int trace_reader_drain(struct trace_reader *r, trace_record_fn fn, void *ctx)
{
	int i, rc;

	for (i = 0; i < r->nr_cpus; i++)
		if (!r->cpus[i].event && cpu_next_record(r, &r->cpus[i]) < 0)
			return -1;
	for (;;) {
		struct trace_cpu_reader *first = NULL;
		struct tep_record rec;

		/* The oldest record across the CPUs goes first. */
		for (i = 0; i < r->nr_cpus; i++)
			if (r->cpus[i].event && (!first || r->cpus[i].ts < first->ts))
				first = &r->cpus[i];
		if (!first)
			return 0;
		memset(&rec, 0, sizeof(rec));
		rec.ts = first->ts;
		rec.cpu = first->cpu;
		rec.data = first->data;
		rec.size = first->size;
		rec.missed_events = first->missed;
		rec.ref_count = 1;
		/* -1: the kernel had no room in the page to say how many. */
		if (first->missed)
			r->lost += first->missed > 0 ? (unsigned long long)first->missed : 1;
		first->missed = 0;
		rc = fn(first->event, &rec, ctx);
		/* Consumed either way: a stop never repeats a record. */
		first->event = NULL;
		if (cpu_next_record(r, first) < 0)
			return -1;
		if (rc)
			return rc;
	}
}

int trace_reader_pollfds(const struct trace_reader *r, struct pollfd *fds, int max)
{
	int i;

	for (i = 0; i < r->nr_cpus && i < max; i++)
		fds[i] = (struct pollfd) { .fd = r->cpus[i].fd, .events = POLLIN };
	return i;
}

void trace_reader_close(struct trace_reader *r)
{
	int i;

	for (i = 0; i < r->nr_cpus; i++) {
		tracefs_cpu_free_fd(r->cpus[i].tcpu);
		close(r->cpus[i].fd);
		kbuffer_free(r->cpus[i].kbuf);
		free(r->cpus[i].subbuf);
	}
	free(r->cpus);
	r->cpus = NULL;
	r->nr_cpus = 0;
}

/* A tracefs file whole (their size is unknown until read); NULL on error. */
static char *read_whole(const char *path, int *len)
{
	size_t cap = 4096, used = 0;
	char *buf = malloc(cap), *more;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0 || !buf)
		goto err;
	while ((n = read(fd, buf + used, cap - used - 1)) > 0) {
		used += n;
		if (cap - used > 1)
			continue;
		more = realloc(buf, cap * 2);
		if (!more)
			goto err;
		buf = more;
		cap *= 2;
	}
	if (n < 0)
		goto err;
	close(fd);
	buf[used] = '\0';
	*len = (int)used;
	return buf;
err:
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

int trace_tep_load_system(struct tep_handle *tep, const char *tracing_dir, const char *system)
{
	char path[512], **events;
	char *buf;
	int len, i, loaded = 0;

	if (!tracing_dir)
		tracing_dir = tracefs_tracing_dir();
	if (!tracing_dir)
		return -1;
	snprintf(path, sizeof(path), "%s/events/header_page", tracing_dir);
	buf = read_whole(path, &len);
	if (!buf)
		return -1;
	i = tep_parse_header_page(tep, buf, len, sizeof(long));
	free(buf);
	if (i < 0)
		return -1;
	tep_set_long_size(tep, tep_get_header_page_size(tep));
	events = tracefs_system_events(tracing_dir, system);
	for (i = 0; events && events[i]; i++) {
		snprintf(path, sizeof(path), "%s/events/%s/%s/format", tracing_dir, system, events[i]);
		buf = read_whole(path, &len);
		/* An event whose format this libtraceevent cannot parse is skipped. */
		if (buf && tep_parse_event(tep, buf, len, system) == TEP_ERRNO__SUCCESS)
			loaded++;
		free(buf);
	}
	tracefs_list_free(events);
	return loaded ? loaded : -1;
}
