/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trace records from per-CPU ring buffers (trace_pipe_raw), read through
 * libtracefs's per-CPU readers and decoded with a tep that knows only the
 * events it was given: records of any other event are skipped unparsed.
 * Works on file descriptors, so the unit tests feed it pipes.
 */
#ifndef CXL_LEO_TRACE_READER_H
#define CXL_LEO_TRACE_READER_H

#include <stdbool.h>

struct tep_handle;
struct tep_event;
struct tep_record;
struct tracefs_cpu;
struct kbuffer;
struct pollfd;

struct trace_cpu_reader {
	int cpu;
	int fd;
	struct tracefs_cpu *tcpu;
	void *subbuf;			/* one sub-buffer, as read */
	struct kbuffer *kbuf;		/* walks the sub-buffer's events */
	bool has_subbuf;
	/* The next record of this CPU, if any (ts order is per CPU). */
	struct tep_event *event;
	unsigned long long ts;
	void *data;
	int size;
	int missed;
};

struct trace_reader {
	struct tep_handle *tep;		/* not owned */
	struct trace_cpu_reader *cpus;
	int nr_cpus;
	unsigned long long lost;	/* at least this many dropped (buffer full) */
};

/* Called in timestamp order across CPUs; non-zero stops the drain. */
typedef int (*trace_record_fn)(struct tep_event *event, struct tep_record *rec, void *ctx);

void trace_reader_init(struct trace_reader *r, struct tep_handle *tep);
/* Take @fd (a trace_pipe_raw opened O_NONBLOCK) for @cpu; closed at trace_reader_close(). */
int trace_reader_add_cpu(struct trace_reader *r, int cpu, int fd);
int trace_reader_drain(struct trace_reader *r, trace_record_fn fn, void *ctx);
/* Fill up to @max pollfds (POLLIN on every CPU's buffer); the number filled. */
int trace_reader_pollfds(const struct trace_reader *r, struct pollfd *fds, int max);
void trace_reader_close(struct trace_reader *r);

/* tep of the ring buffer's page header and of @system's events only. */
int trace_tep_load_system(struct tep_handle *tep, const char *tracing_dir, const char *system);

#endif
