// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-leo monitor: stream the core's cxl: RAS trace events as JSON lines;
 * cxl-leo poison: read poison lists (triggered through libcxl) from the
 * cxl_poison trace event. Both use a tracefs instance of their own so they
 * neither disturb nor depend on other tracing.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <tracefs/tracefs.h>
#include <traceevent/event-parse.h>
#include <traceevent/trace-seq.h>
#include "args.h"
#include "builtin.h"
#include "event.h"
#include "hotplug_watch.h"
#include "memdev.h"
#include "sysfs.h"

#define MAX_FIELDS	64

static const char monitor_usage[] =
	"cxl-leo monitor " CXL_FILTER_USAGE " [--count <n>] [--timeout <seconds>] [--daemon --log <file>]";
static const char monitor_help[] =
	CXL_FILTER_HELP \
	"      --count <n>      exit after n events\n" \
	"      --timeout <s>    exit after s seconds\n" \
	"      --daemon --log <file>  detach, appending events to file\n";
static const char poison_usage[] =
	"cxl-leo poison [list] " CXL_FILTER_USAGE " | poison inject|clear -m <memdev> --dpa <address>";
static const char poison_help[] =
	"  list (default), inject, clear\n" \
	CXL_FILTER_HELP \
	"      --dpa <addr>     the address to inject or clear (64-byte aligned)\n";

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct trace_session {
	struct tracefs_instance *inst;
	struct tep_handle *tep;
};

static int session_open(struct trace_session *s, const char *event)
{
	char name[64];

	if (!tracefs_tracing_dir()) {
		fprintf(stderr, "cxl-leo: tracefs is not mounted\n");
		return -1;
	}
	snprintf(name, sizeof(name), "cxl_leo_%d", (int)getpid());
	s->inst = tracefs_instance_create(name);
	if (!s->inst) {
		fprintf(stderr, "cxl-leo: cannot create a tracefs instance: %s\n", errno_text(errno));
		return -1;
	}
	if (tracefs_event_enable(s->inst, "cxl", event)) {
		fprintf(stderr, "cxl-leo: no cxl trace events (is the CXL core loaded?)\n");
		goto err;
	}
	s->tep = tracefs_local_events(NULL);
	if (!s->tep) {
		fprintf(stderr, "cxl-leo: cannot parse trace event formats\n");
		goto err;
	}
	return 0;
err:
	tracefs_instance_destroy(s->inst);
	tracefs_instance_free(s->inst);
	s->inst = NULL;
	return -1;
}

static void session_close(struct trace_session *s)
{
	if (s->tep)
		tep_free(s->tep);
	if (s->inst) {
		tracefs_instance_destroy(s->inst);
		tracefs_instance_free(s->inst);
	}
}

struct collect {
	const char *memdev_filter;
	struct json_object *out;	/* array */
	bool stream;			/* print each as a JSON line */
	unsigned long count;		/* stop after this many; 0 = no limit */
	unsigned long seen;
	int write_error;		/* errno of a failed write of the stream */
};

/* Resolve the record's region (if mapped) to the NUMA node holding it. */
static void event_add_numa_node(struct json_object *obj)
{
	struct json_object *r;
	int node;

	if (!json_object_object_get_ex(obj, "region", &r) &&
	    !json_object_object_get_ex(obj, "region_name", &r))
		return;
	node = region_numa_node(json_object_get_string(r));
	if (node >= 0)
		json_object_object_add(obj, "numa_node", json_object_new_int(node));
}

/* One event more: streamed as a JSON line, or kept for the array. */
static void collect_add(struct collect *c, struct json_object *obj)
{
	c->seen++;
	if (c->stream) {
		if (printf("%s\n", json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
					JSON_C_TO_STRING_NOSLASHESCAPE)) < 0 || fflush(stdout))
			c->write_error = errno ? errno : EIO;
		json_object_put(obj);
	} else {
		json_object_array_add(c->out, obj);
	}
}

/* Memdevs that arrived or left, as events (monitor only). */
static void collect_hotplug(struct collect *c, struct hotplug_watch *h)
{
	struct json_object *obj, *name;

	while (!c->write_error && (!c->count || c->seen < c->count) &&
	       (obj = hotplug_watch_next(h))) {
		json_object_object_get_ex(obj, "memdev", &name);
		if (c->memdev_filter &&
		    !memdev_filter_match(c->memdev_filter, json_object_get_string(name), NULL)) {
			json_object_put(obj);
			continue;
		}
		collect_add(c, obj);
	}
}

static int on_event(struct tep_event *ev, struct tep_record *rec, int cpu, void *data)
{
	struct collect *c = data;
	struct event_field fields[MAX_FIELDS];
	struct trace_seq seqs[MAX_FIELDS];
	struct tep_format_field *f;
	struct json_object *obj;
	const char *memdev;
	size_t n = 0, i;

	(void)cpu;
	if (strcmp(ev->system, "cxl") || !event_is_ras(ev->name))
		return 0;
	for (f = ev->format.fields; f && n < MAX_FIELDS; f = f->next, n++) {
		struct event_field *ef = &fields[n];
		unsigned long long val = 0;

		trace_seq_init(&seqs[n]);
		ef->name = f->name;
		ef->is_signed = f->flags & TEP_FIELD_IS_SIGNED;
		ef->is_string = f->flags & (TEP_FIELD_IS_STRING | TEP_FIELD_IS_DYNAMIC |
					    TEP_FIELD_IS_ARRAY);
		if (f->size == 16 && !(f->flags & (TEP_FIELD_IS_STRING | TEP_FIELD_IS_DYNAMIC))) {
			/* uuid_t and u8[16] identifiers: print them as UUIDs. */
			const unsigned char *b = (const unsigned char *)rec->data + f->offset;
			int k;

			for (k = 0; k < 16; k++)
				trace_seq_printf(&seqs[n], "%s%02x",
						 k == 4 || k == 6 || k == 8 || k == 10 ? "-" : "", b[k]);
			trace_seq_terminate(&seqs[n]);
			ef->is_string = true;
			ef->str = seqs[n].buffer;
		} else if (ef->is_string) {
			tep_print_field_content(&seqs[n], rec->data, rec->size, f);
			trace_seq_terminate(&seqs[n]);
			ef->str = seqs[n].buffer;
		} else {
			tep_read_number_field(f, rec->data, &val);
			ef->num = val;
		}
	}
	memdev = event_memdev(fields, n);
	if (!c->memdev_filter || (memdev && memdev_filter_match(c->memdev_filter, memdev, NULL))) {
		obj = event_to_json(ev->system, ev->name, rec->ts, fields, n);
		event_add_numa_node(obj);
		collect_add(c, obj);
	}
	for (i = 0; i < n; i++)
		trace_seq_destroy(&seqs[i]);
	return c->write_error || (c->count && c->seen >= c->count) ? 1 : 0;
}

/*
 * Wait for trace data without spinning: poll every CPU's trace_pipe_raw in
 * the instance (libtracefs does the reading). The instance's buffer_percent
 * is 0, so one event wakes us; the default, 50, would sit on events until
 * half a buffer filled.
 */
struct trace_waiter {
	struct pollfd fds[CPU_SETSIZE + 1];	/* + the monitor's uevent socket */
	int n;
};

static void waiter_close(struct trace_waiter *w)
{
	while (w->n)
		close(w->fds[--w->n].fd);
}

static int waiter_open(struct trace_waiter *w, struct tracefs_instance *inst)
{
	int cpus = sysconf(_SC_NPROCESSORS_CONF), i;

	w->n = 0;
	if (tracefs_instance_file_write(inst, "buffer_percent", "0") < 0)
		return -1;
	for (i = 0; i < cpus && w->n < CPU_SETSIZE; i++) {
		char file[64], *path;
		int fd;

		snprintf(file, sizeof(file), "per_cpu/cpu%d/trace_pipe_raw", i);
		path = tracefs_instance_get_file(inst, file);
		fd = path ? open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) : -1;
		tracefs_put_tracing_file(path);
		if (fd < 0)
			continue;	/* an offline CPU has no buffer */
		w->fds[w->n++] = (struct pollfd) { .fd = fd, .events = POLLIN };
	}
	return w->n ? 0 : -1;
}

/*
 * Any filter is resolved to the memdevs it selects now (names, so a memdev
 * that is re-probed under its name is still followed; a region's members
 * do not change while it exists). 0, or the exit status.
 */
static int monitor_filter(struct cxl_ctx *ctx, const struct cxl_filter *f, char *names,
			  size_t len, const char **out)
{
	struct cxl_memdev **mds;
	size_t used = 0;
	int n, i;

	*out = NULL;
	if (!cxl_filter_given(f))
		return 0;
	n = memdev_select(ctx, f, &mds);
	if (n < 0)
		return 1;
	names[0] = '\0';
	for (i = 0; i < n && used < len; i++)
		used += snprintf(names + used, len - used, "%s%s", i ? "," : "",
				 cxl_memdev_get_devname(mds[i]));
	free(mds);
	if (used >= len) {
		fprintf(stderr, "cxl-leo: monitor: the filter selects %d memdevs, too many to follow by name; narrow it\n",
			n);
		return 1;
	}
	*out = names;
	return 0;
}

int cmd_monitor(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		CXL_FILTER_LONGOPTS,
		{ "count", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "daemon", no_argument, NULL, 'D' },
		{ "log", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct collect c = { .stream = true };
	struct cxl_filter filter = { };
	char names[1024];
	struct trace_session s = { };
	struct trace_waiter w = { };
	struct hotplug_watch hp = { .fd = -1 };
	unsigned long timeout = 0;
	const char *log = NULL;
	bool daemonize = false;
	time_t end;
	int opt, logfd = -1, ret = 0;

	while ((opt = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "c:t:h", opts, NULL)) != -1) {
		if (cxl_filter_option(opt, optarg, &filter))
			continue;
		switch (opt) {
		case 'c':
			if (parse_uint(optarg, 1, 1000000000UL, &c.count))
				return usage_error(monitor_usage, "--count '%s' is not a positive number", optarg);
			break;
		case 't':
			if (parse_uint(optarg, 1, 86400UL * 365, &timeout))
				return usage_error(monitor_usage, "--timeout '%s' is not a number of seconds", optarg);
			break;
		case 'D':
			daemonize = true;
			break;
		case 'l':
			log = optarg;
			break;
		case 'h':
			print_help(monitor_usage, monitor_help);
			return 0;
		default:
			return usage_error(monitor_usage, "bad option");
		}
	}
	opt = cxl_filter_finish(&filter, argc, argv, optind, monitor_usage, NULL);
	if (opt)
		return opt;
	if (daemonize && !log)
		return usage_error(monitor_usage, "--daemon needs --log <file> for its events");
	if (monitor_filter(ctx, &filter, names, sizeof(names), &c.memdev_filter))
		return 1;
	if (log) {
		logfd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
		if (logfd < 0) {
			fprintf(stderr, "cxl-leo: monitor: cannot open log %s: %s\n", log,
				errno_text(errno));
			return 1;
		}
	}
	/*
	 * Best effort: without uevents (no netlink) the RAS events still flow.
	 * Before the trace instance: once that exists, no arrival is missed.
	 */
	hotplug_watch_open(&hp);
	if (session_open(&s, NULL) || waiter_open(&w, s.inst)) {
		if (s.inst)
			fprintf(stderr, "cxl-leo: monitor: cannot read the trace buffers\n");
		hotplug_watch_close(&hp);
		waiter_close(&w);
		session_close(&s);
		if (logfd >= 0)
			close(logfd);
		return 1;
	}
	/* Everything that can fail has been checked: now detach, if asked. */
	if (daemonize && daemon(0, 0)) {
		fprintf(stderr, "cxl-leo: monitor: cannot become a daemon: %s\n", strerror(errno));
		hotplug_watch_close(&hp);
		waiter_close(&w);
		session_close(&s);
		close(logfd);
		return 1;
	}
	if (logfd >= 0) {
		dup2(logfd, STDOUT_FILENO);
		close(logfd);
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	end = time(NULL) + (time_t)timeout;
	while (!stop && (!c.count || c.seen < c.count)) {
		int wait_ms = -1;

		if (timeout) {
			time_t left = end - time(NULL);

			if (left <= 0)
				break;
			wait_ms = left > 86400 ? 86400000 : (int)left * 1000;
		}
		if (tracefs_iterate_raw_events(s.tep, s.inst, NULL, 0, on_event, &c) < 0 &&
		    !c.write_error && !stop) {
			fprintf(stderr, "cxl-leo: monitor: reading the trace buffers failed\n");
			ret = 1;
			break;
		}
		if (c.write_error) {
			fprintf(stderr, "cxl-leo: monitor: cannot write the events: %s\n",
				strerror(c.write_error));
			ret = 1;
			break;
		}
		collect_hotplug(&c, &hp);
		if (c.write_error) {
			fprintf(stderr, "cxl-leo: monitor: cannot write the events: %s\n",
				strerror(c.write_error));
			ret = 1;
			break;
		}
		if (c.count && c.seen >= c.count)
			break;
		/* The uevent socket polls in the slot after the trace buffers. */
		if (hp.fd >= 0)
			w.fds[w.n] = (struct pollfd) { .fd = hp.fd, .events = POLLIN };
		if (poll(w.fds, w.n + (hp.fd >= 0), wait_ms) < 0 && errno != EINTR) {
			fprintf(stderr, "cxl-leo: monitor: waiting for events failed: %s\n",
				strerror(errno));
			ret = 1;
			break;
		}
	}
	hotplug_watch_close(&hp);
	waiter_close(&w);
	session_close(&s);
	return ret;
}

/*
 * Inject or clear poison at one DPA through the core's debugfs files
 * (cxl_mem creates them for devices that support it; libcxl 81 has no
 * call for this). The kernel checks CAP_SYS_ADMIN and logs the action.
 */
static int poison_change(struct cxl_ctx *ctx, const char *action,
			 const struct cxl_filter *filter, const char *dpa_arg)
{
	unsigned long dpa;
	struct cxl_memdev *m;
	unsigned long long size;
	char dir[256], val[32];
	const char *name;
	int rc;

	if (!cxl_filter_given(filter) || !dpa_arg)
		return usage_error(poison_usage, "%s needs -m <memdev> and --dpa <address>", action);
	if (parse_uint(dpa_arg, 0, ~0UL, &dpa))
		return usage_error(poison_usage, "--dpa '%s' is not an address", dpa_arg);
	if (dpa % 64)
		return usage_error(poison_usage, "--dpa %#lx is not 64-byte aligned", dpa);
	rc = memdev_select_one(ctx, filter, poison_usage, &m);
	if (rc)
		return rc;
	name = cxl_memdev_get_devname(m);
	size = cxl_memdev_get_ram_size(m) + cxl_memdev_get_pmem_size(m);
	if (dpa >= size) {
		fprintf(stderr, "cxl-leo: DPA %#lx is beyond %s's %llu bytes\n", dpa, name, size);
		return 1;
	}
	snprintf(dir, sizeof(dir), "/sys/kernel/debug/cxl/%s", name);
	snprintf(val, sizeof(val), "%#lx", dpa);
	rc = sysfs_write(dir, strcmp(action, "inject") ? "clear_poison" : "inject_poison", val);
	if (rc == -ENOENT) {
		fprintf(stderr, "cxl-leo: %s does not support poison %s (or debugfs is not mounted)\n",
			name, action);
		return 1;
	}
	if (rc) {
		fprintf(stderr, "cxl-leo: poison %s at %#lx on %s: %s\n", action, dpa, name,
			errno_text(rc));
		return 1;
	}
	{
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "memdev", json_object_new_string(name));
		json_object_object_add(o, action, json_object_new_uint64(dpa));
		json_print(o);
		json_object_put(o);
	}
	return 0;
}

int cmd_poison(int argc, char **argv, struct cxl_ctx *ctx)
{
	static const struct option opts[] = {
		CXL_FILTER_LONGOPTS,
		{ "dpa", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct trace_session s = { };
	struct cxl_memdev **mds;
	struct json_object *arr;
	const char *dpa = NULL, *action = "list";
	struct cxl_filter filter = { };
	int opt, n, i, ret = 0;

	if (argc > 1 && argv[1][0] != '-') {
		action = argv[1];
		if (strcmp(action, "list") && strcmp(action, "inject") && strcmp(action, "clear"))
			return usage_error(poison_usage, "unknown poison action '%s'", action);
		argc--;
		argv++;
	}
	while ((opt = getopt_long(argc, argv, CXL_FILTER_SHORTOPTS "h", opts, NULL)) != -1) {
		if (cxl_filter_option(opt, optarg, &filter))
			continue;
		switch (opt) {
		case 'a':
			dpa = optarg;
			break;
		case 'h':
			print_help(poison_usage, poison_help);
			return 0;
		default:
			return usage_error(poison_usage, "bad option");
		}
	}
	opt = cxl_filter_finish(&filter, argc, argv, optind, poison_usage, NULL);
	if (opt)
		return opt;
	if (strcmp(action, "list"))
		return poison_change(ctx, action, &filter, dpa);
	if (dpa)
		return usage_error(poison_usage, "--dpa goes with inject or clear");
	n = memdev_select(ctx, &filter, &mds);
	if (n < 0)
		return json_print_empty();
	if (session_open(&s, "cxl_poison")) {
		free(mds);
		return 1;
	}
	arr = json_object_new_array();
	for (i = 0; i < n; i++) {
		const char *name = cxl_memdev_get_devname(mds[i]);
		struct collect c = { .memdev_filter = name, .out = json_object_new_array() };
		struct json_object *o;
		int rc = cxl_memdev_trigger_poison_list(mds[i]);

		if (rc) {
			fprintf(stderr, "cxl-leo: %s: cannot read the poison list: %s\n", name,
				errno_text(rc));
			json_object_put(c.out);
			ret = 1;
			continue;
		}
		/* The list is emitted synchronously by the write; drain it. */
		tracefs_iterate_raw_events(s.tep, s.inst, NULL, 0, on_event, &c);
		o = json_object_new_object();
		json_object_object_add(o, "memdev", json_object_new_string(name));
		json_object_object_add(o, "poison", c.out);
		json_object_array_add(arr, o);
	}
	json_print_list(arr, "memdevs");
	json_object_put(arr);
	session_close(&s);
	free(mds);
	return ret;
}
