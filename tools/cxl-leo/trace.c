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
#include <glob.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <tracefs/tracefs.h>
#include <traceevent/event-parse.h>
#include "args.h"
#include "builtin.h"
#include "event.h"
#include "event_record.h"
#include "hotplug_watch.h"
#include "memdev.h"
#include "sysfs.h"
#include "trace_reader.h"

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

/*
 * A tracefs instance of our own, with the cxl events enabled in it alone,
 * read per CPU. Its buffer_percent is 0, so one event wakes a poll; the
 * default, 50, would sit on events until half a buffer filled.
 */
struct trace_session {
	struct tracefs_instance *inst;
	struct tep_handle *tep;
	struct trace_reader reader;
};

static void session_close(struct trace_session *s)
{
	trace_reader_close(&s->reader);
	if (s->tep)
		tep_free(s->tep);
	if (s->inst) {
		tracefs_instance_destroy(s->inst);
		tracefs_instance_free(s->inst);
	}
	memset(s, 0, sizeof(*s));
}

static int session_open_cpus(struct trace_session *s)
{
	int cpus = sysconf(_SC_NPROCESSORS_CONF), i;

	for (i = 0; i < cpus; i++) {
		char file[64];
		int fd;

		snprintf(file, sizeof(file), "per_cpu/cpu%d/trace_pipe_raw", i);
		fd = tracefs_instance_file_open(s->inst, file, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;	/* an offline CPU has no buffer */
		if (trace_reader_add_cpu(&s->reader, i, fd)) {
			close(fd);
			return -1;
		}
	}
	return s->reader.nr_cpus ? 0 : -1;
}

/* @event: one cxl event, or NULL for all of them. */
static int session_open(struct trace_session *s, const char *event)
{
	char name[64];

	memset(s, 0, sizeof(*s));
	if (!tracefs_tracing_dir()) {
		fprintf(stderr, "cxl-leo: tracefs is not mounted\n");
		return -1;
	}
	/* Tracing first: an event that comes while the formats load is kept. */
	snprintf(name, sizeof(name), "cxl_leo_%d", (int)getpid());
	s->inst = tracefs_instance_create(name);
	if (!s->inst) {
		fprintf(stderr, "cxl-leo: cannot create a tracefs instance: %s\n", errno_text(errno));
		goto err;
	}
	if (tracefs_event_enable(s->inst, "cxl", event)) {
		fprintf(stderr, "cxl-leo: no cxl trace events (is the CXL core loaded?)\n");
		goto err;
	}
	s->tep = tep_alloc();
	if (!s->tep || trace_tep_load_system(s->tep, NULL, "cxl") < 0) {
		fprintf(stderr, "cxl-leo: cannot parse the cxl trace event formats\n");
		goto err;
	}
	trace_reader_init(&s->reader, s->tep);
	if (tracefs_instance_file_write(s->inst, "buffer_percent", "0") < 0 ||
	    session_open_cpus(s)) {
		fprintf(stderr, "cxl-leo: cannot read the trace buffers: %s\n", errno_text(errno));
		goto err;
	}
	return 0;
err:
	session_close(s);
	return -1;
}

struct collect {
	const char *memdev_filter;
	struct json_object *out;	/* array */
	bool stream;			/* print each as a JSON line */
	bool poison_listing;		/* only the entries of a poison list, once each */
	unsigned long count;		/* stop after this many; 0 = no limit */
	unsigned long seen;
	int write_error;		/* errno of a failed write of the stream */
};

/*
 * The NUMA node of the region an event names, or -1. Read from sysfs at the
 * event, not through libcxl/libdaxctl as the listings do (online.h's
 * region_target_node()): both libraries list a bus's regions and dax
 * devices once, at their first look, and a monitor outlives regions made
 * and destroyed while it runs.
 */
static int event_region_node(const char *region)
{
	char pattern[256], val[32];
	glob_t g;
	int node = -1;

	if (!region || !*region || strchr(region, '/'))
		return -1;
	snprintf(pattern, sizeof(pattern),
		 "/sys/bus/cxl/devices/%s/dax_region*/dax*.*/target_node", region);
	if (glob(pattern, 0, NULL, &g))
		return -1;
	if (g.gl_pathc) {
		char *slash = strrchr(g.gl_pathv[0], '/');

		*slash = '\0';
		if (!sysfs_read(g.gl_pathv[0], "target_node", val, sizeof(val)))
			node = atoi(val);
	}
	globfree(&g);
	return node;
}

/* Resolve the record's region (if mapped) to the NUMA node holding it. */
static void event_add_numa_node(struct json_object *obj)
{
	struct json_object *r;
	int node;

	if (!json_object_object_get_ex(obj, "region", &r) &&
	    !json_object_object_get_ex(obj, "region_name", &r))
		return;
	node = event_region_node(json_object_get_string(r));
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

static int on_record(struct tep_event *ev, struct tep_record *rec, void *data)
{
	struct collect *c = data;
	struct json_object *obj, *v;
	const char *memdev = NULL;

	if (!event_is_ras(ev->name))
		return 0;
	obj = event_record_to_json(ev, rec);
	if (json_object_object_get_ex(obj, "memdev", &v))
		memdev = json_object_get_string(v);
	if ((c->memdev_filter && !(memdev && memdev_filter_match(c->memdev_filter, memdev, NULL))) ||
	    (c->poison_listing && (!event_is_poison_listing(obj) ||
				   event_poison_listed(c->out, obj)))) {
		json_object_put(obj);
		return 0;
	}
	event_add_numa_node(obj);
	collect_add(c, obj);
	return c->write_error || (c->count && c->seen >= c->count) ? 1 : 0;
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
	static struct pollfd fds[CPU_SETSIZE + 1];	/* + the uevent socket */
	struct trace_session s = { };
	struct hotplug_watch hp = { .fd = -1 };
	unsigned long long lost = 0;
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
	if (session_open(&s, NULL)) {
		hotplug_watch_close(&hp);
		if (logfd >= 0)
			close(logfd);
		return 1;
	}
	/* Everything that can fail has been checked: now detach, if asked. */
	if (daemonize && daemon(0, 0)) {
		fprintf(stderr, "cxl-leo: monitor: cannot become a daemon: %s\n", strerror(errno));
		hotplug_watch_close(&hp);
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
		int wait_ms = -1, nfds;

		if (timeout) {
			time_t left = end - time(NULL);

			if (left <= 0)
				break;
			wait_ms = left > 86400 ? 86400000 : (int)left * 1000;
		}
		if (trace_reader_drain(&s.reader, on_record, &c) < 0) {
			fprintf(stderr, "cxl-leo: monitor: reading the trace buffers failed: %s\n",
				errno_text(errno));
			ret = 1;
			break;
		}
		if (s.reader.lost != lost) {
			fprintf(stderr, "cxl-leo: monitor: at least %llu trace records lost: the trace buffer was full\n",
				s.reader.lost - lost);
			lost = s.reader.lost;
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
		nfds = trace_reader_pollfds(&s.reader, fds, CPU_SETSIZE);
		if (hp.fd >= 0)
			fds[nfds++] = (struct pollfd) { .fd = hp.fd, .events = POLLIN };
		if (poll(fds, nfds, wait_ms) < 0 && errno != EINTR) {
			fprintf(stderr, "cxl-leo: monitor: waiting for events failed: %s\n",
				strerror(errno));
			ret = 1;
			break;
		}
	}
	hotplug_watch_close(&hp);
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
		struct collect c = { .memdev_filter = name, .out = json_object_new_array(),
				     .poison_listing = true };
		unsigned long long lost = s.reader.lost;
		struct json_object *o;
		int rc = cxl_memdev_trigger_poison_list(mds[i]);

		if (rc) {
			fprintf(stderr, "cxl-leo: %s: cannot read the poison list: %s\n", name,
				errno_text(rc));
			json_object_put(c.out);
			ret = 1;
			continue;
		}
		/*
		 * The write returns once the core has traced the whole list:
		 * what is in the buffers now is all of it (plus whatever other
		 * listings, injections and clears ran meanwhile, left out).
		 */
		if (trace_reader_drain(&s.reader, on_record, &c) < 0) {
			fprintf(stderr, "cxl-leo: %s: reading the trace buffers failed: %s\n", name,
				errno_text(errno));
			json_object_put(c.out);
			ret = 1;
			continue;
		}
		if (s.reader.lost != lost) {
			fprintf(stderr, "cxl-leo: %s: trace records lost (the trace buffer was full): the list may be incomplete\n",
				name);
			ret = 1;
		}
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
