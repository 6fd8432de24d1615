// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmocka: the per-CPU trace reader and record decoding, on a tracing
 * directory made here (the page header and two cxl formats) and ring
 * buffer sub-buffers written into pipes, one per CPU.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <traceevent/event-parse.h>
#include "event_record.h"
#include "trace_reader.h"

#define SUBBUF		4096
#define ID_POISON	1001
#define ID_MODULE	1002
#define ID_OTHER	999	/* another system's event: not in the tep */

/* What the kernel prints in events/header_page (64-bit). */
static const char header_page[] =
	"\tfield: u64 timestamp;\toffset:0;\tsize:8;\tsigned:0;\n"
	"\tfield: local_t commit;\toffset:8;\tsize:8;\tsigned:1;\n"
	"\tfield: int overwrite;\toffset:8;\tsize:1;\tsigned:1;\n"
	"\tfield: char data;\toffset:16;\tsize:4080;\tsigned:1;\n";

#define COMMON_FIELDS \
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n" \
	"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n" \
	"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n" \
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"

static const char poison_format[] =
	"name: cxl_poison\nID: 1001\nformat:\n" COMMON_FIELDS
	"\tfield:__data_loc char[] memdev;\toffset:8;\tsize:4;\tsigned:0;\n"
	"\tfield:u8 trace_type;\toffset:12;\tsize:1;\tsigned:0;\n"
	"\tfield:u64 dpa;\toffset:16;\tsize:8;\tsigned:0;\n"
	"\tfield:char uuid[16];\toffset:24;\tsize:16;\tsigned:0;\n"
	"\tfield:u32 dpa_length;\toffset:40;\tsize:4;\tsigned:0;\n\n"
	"print fmt: \"memdev=%s dpa=0x%llx\", __get_str(memdev), REC->dpa\n";

static const char module_format[] =
	"name: cxl_memory_module\nID: 1002\nformat:\n" COMMON_FIELDS
	"\tfield:uuid_t hdr_uuid;\toffset:8;\tsize:16;\tsigned:0;\n"
	"\tfield:s16 temperature;\toffset:24;\tsize:2;\tsigned:1;\n"
	"\tfield:u8 comp_id[4];\toffset:26;\tsize:4;\tsigned:0;\n"
	"\tfield:__data_loc char[] memdev;\toffset:32;\tsize:4;\tsigned:0;\n\n"
	"print fmt: \"memdev=%s\", __get_str(memdev)\n";

static char dir[64];

static void write_file(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void make_dirs(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

static int setup_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/cxl-leo-tracefs.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	make_dirs("events");
	make_dirs("events/cxl");
	make_dirs("events/cxl/cxl_poison");
	make_dirs("events/cxl/cxl_memory_module");
	make_dirs("events/cxl/cxl_broken");
	write_file("events/header_page", header_page);
	write_file("events/cxl/enable", "0\n");
	write_file("events/cxl/cxl_poison/format", poison_format);
	write_file("events/cxl/cxl_memory_module/format", module_format);
	/* No format file: skipped, the others still load. */
	return 0;
}

static int teardown_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) ? -1 : 0;
}

/* A sub-buffer: a timestamp, the commit (bytes of events), the events. */
struct subbuf {
	unsigned char b[SUBBUF];
	unsigned int used;
};

static void subbuf_init(struct subbuf *s, uint64_t ts)
{
	memset(s, 0, sizeof(*s));
	memcpy(s->b, &ts, 8);
}

/* One event: type_len (length / 4) in the low 5 bits, the delta above. */
static void subbuf_add(struct subbuf *s, uint32_t delta, const void *data, unsigned int len)
{
	uint32_t hdr = (len / 4) | delta << 5;

	assert_true(len % 4 == 0 && len && len <= 112);
	memcpy(s->b + 16 + s->used, &hdr, 4);
	memcpy(s->b + 16 + s->used + 4, data, len);
	s->used += 4 + len;
}

static void subbuf_write(struct subbuf *s, int fd, uint64_t missed)
{
	uint64_t commit = s->used;

	if (missed == UINT64_MAX) {
		/* Missed events, no room to store how many. */
		commit |= 1ULL << 31;
	} else if (missed) {
		/* Missed events, their count stored after the data. */
		commit |= 1ULL << 31 | 1ULL << 30;
		memcpy(s->b + 16 + s->used, &missed, 8);
	}
	memcpy(s->b + 8, &commit, 8);
	assert_int_equal(write(fd, s->b, SUBBUF), SUBBUF);
}

static unsigned int poison_record(unsigned char *r, const char *memdev, uint64_t dpa,
				  uint8_t type)
{
	uint16_t id = ID_POISON;
	uint32_t len = strlen(memdev) + 1, loc = len << 16 | 44, dpa_len = 64;

	memset(r, 0, 64);
	memcpy(r, &id, 2);
	memcpy(r + 8, &loc, 4);
	r[12] = type;
	memcpy(r + 16, &dpa, 8);
	r[24] = 0xab;		/* uuid[0] */
	memcpy(r + 40, &dpa_len, 4);
	memcpy(r + 44, memdev, len);
	return (44 + len + 3) & ~3U;
}

static unsigned int module_record(unsigned char *r, const char *memdev, int16_t temp)
{
	uint16_t id = ID_MODULE;
	uint32_t len = strlen(memdev) + 1, loc = len << 16 | 36;
	static const unsigned char uuid[16] = {
		0xfe, 0x92, 0x74, 0x75, 0xdd, 0x59, 0x45, 0x39,
		0x9a, 0x8c, 0x9f, 0xb7, 0x81, 0x1c, 0xf3, 0x23,
	};

	memset(r, 0, 64);
	memcpy(r, &id, 2);
	memcpy(r + 8, uuid, 16);
	memcpy(r + 24, &temp, 2);
	r[26] = 1;
	r[29] = 0xff;
	memcpy(r + 32, &loc, 4);
	memcpy(r + 36, memdev, len);
	return (36 + len + 3) & ~3U;
}

struct seen {
	int n;
	char names[8][32];
	unsigned long long ts[8];
	int cpu[8];
	struct json_object *json[8];
	int stop_after;		/* return 1 after this many; 0 = never */
};

static int record(struct tep_event *ev, struct tep_record *rec, void *data)
{
	struct seen *s = data;

	assert_true(s->n < 8);
	snprintf(s->names[s->n], sizeof(s->names[0]), "%s", ev->name);
	s->ts[s->n] = rec->ts;
	s->cpu[s->n] = rec->cpu;
	s->json[s->n] = event_record_to_json(ev, rec);
	s->n++;
	return s->stop_after && s->n >= s->stop_after;
}

static void seen_free(struct seen *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		json_object_put(s->json[i]);
	memset(s, 0, sizeof(*s));
}

struct fixture {
	struct tep_handle *tep;
	struct trace_reader r;
	int wr[2];		/* write ends, one pipe per CPU */
};

static void fixture_open(struct fixture *f)
{
	int i, p[2];

	f->tep = tep_alloc();
	assert_non_null(f->tep);
	assert_int_equal(trace_tep_load_system(f->tep, dir, "cxl"), 2);
	trace_reader_init(&f->r, f->tep);
	for (i = 0; i < 2; i++) {
		assert_int_equal(pipe2(p, O_NONBLOCK), 0);
		f->wr[i] = p[1];
		assert_int_equal(trace_reader_add_cpu(&f->r, i, p[0]), 0);
	}
}

static void fixture_close(struct fixture *f)
{
	close(f->wr[0]);
	close(f->wr[1]);
	trace_reader_close(&f->r);
	tep_free(f->tep);
}

static void loads_only_the_system_asked(void **state)
{
	struct tep_handle *tep = tep_alloc();

	(void)state;
	assert_int_equal(trace_tep_load_system(tep, dir, "cxl"), 2);
	assert_non_null(tep_find_event_by_name(tep, "cxl", "cxl_poison"));
	assert_non_null(tep_find_event_by_name(tep, "cxl", "cxl_memory_module"));
	assert_int_equal(tep_get_sub_buffer_size(tep), SUBBUF);
	tep_free(tep);
	tep = tep_alloc();
	assert_int_equal(trace_tep_load_system(tep, dir, "kmem"), -1);
	tep_free(tep);
}

/* Records of both CPUs come oldest first; another system's are skipped. */
static void drains_cpus_in_time_order(void **state)
{
	unsigned char rec[64];
	struct fixture f;
	struct subbuf s;
	struct seen seen = { 0 };
	uint16_t other = ID_OTHER;

	(void)state;
	fixture_open(&f);
	subbuf_init(&s, 1000);
	subbuf_add(&s, 0, rec, poison_record(rec, "mem0", 0x1000, 0));	/* 1000 */
	memset(rec, 0, 12);
	memcpy(rec, &other, 2);
	subbuf_add(&s, 5, rec, 12);					/* 1005 */
	subbuf_add(&s, 20, rec, module_record(rec, "mem0", -5));	/* 1025 */
	subbuf_write(&s, f.wr[0], 0);
	subbuf_init(&s, 1010);
	subbuf_add(&s, 0, rec, poison_record(rec, "mem1", 0x2000, 0));	/* 1010 */
	subbuf_write(&s, f.wr[1], 0);

	assert_int_equal(trace_reader_drain(&f.r, record, &seen), 0);
	assert_int_equal(seen.n, 3);
	assert_string_equal(seen.names[0], "cxl_poison");
	assert_true(seen.ts[0] == 1000 && seen.cpu[0] == 0);
	assert_string_equal(seen.names[1], "cxl_poison");
	assert_true(seen.ts[1] == 1010 && seen.cpu[1] == 1);
	assert_string_equal(seen.names[2], "cxl_memory_module");
	assert_true(seen.ts[2] == 1025);
	assert_true(f.r.lost == 0);
	seen_free(&seen);
	/* Empty now: nothing more, no error. */
	assert_int_equal(trace_reader_drain(&f.r, record, &seen), 0);
	assert_int_equal(seen.n, 0);
	fixture_close(&f);
}

/* A callback's stop keeps the rest for the next drain, none repeated. */
static void stop_resumes_where_it_left(void **state)
{
	unsigned char rec[64];
	struct fixture f;
	struct subbuf s;
	struct seen seen = { .stop_after = 1 };

	(void)state;
	fixture_open(&f);
	subbuf_init(&s, 10);
	subbuf_add(&s, 0, rec, poison_record(rec, "mem0", 0x1000, 0));
	subbuf_add(&s, 1, rec, poison_record(rec, "mem0", 0x2000, 0));
	subbuf_add(&s, 1, rec, poison_record(rec, "mem0", 0x3000, 0));
	subbuf_write(&s, f.wr[0], 0);
	assert_int_equal(trace_reader_drain(&f.r, record, &seen), 1);
	assert_int_equal(seen.n, 1);
	seen.stop_after = 0;
	assert_int_equal(trace_reader_drain(&f.r, record, &seen), 0);
	assert_int_equal(seen.n, 3);
	assert_true(seen.ts[0] == 10 && seen.ts[1] == 11 && seen.ts[2] == 12);
	seen_free(&seen);
	fixture_close(&f);
}

static void counts_records_the_kernel_dropped(void **state)
{
	unsigned char rec[64];
	struct fixture f;
	struct subbuf s;
	struct seen seen = { 0 };

	(void)state;
	fixture_open(&f);
	subbuf_init(&s, 50);
	subbuf_add(&s, 0, rec, poison_record(rec, "mem0", 0x1000, 0));
	subbuf_write(&s, f.wr[1], 3);
	assert_int_equal(trace_reader_drain(&f.r, record, &seen), 0);
	assert_int_equal(seen.n, 1);
	assert_true(f.r.lost == 3);
	/* A count the kernel could not store: at least one more. */
	subbuf_init(&s, 60);
	subbuf_add(&s, 0, rec, poison_record(rec, "mem0", 0x2000, 0));
	subbuf_write(&s, f.wr[0], UINT64_MAX);
	assert_int_equal(trace_reader_drain(&f.r, record, &seen), 0);
	assert_int_equal(seen.n, 2);
	assert_true(f.r.lost == 4);
	seen_free(&seen);
	fixture_close(&f);
}

static struct json_object *get(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	assert_true(json_object_object_get_ex(o, key, &v));
	return v;
}

/* Fields typed as cxl-cli's monitor types them. */
static void record_fields_as_cxl_cli(void **state)
{
	unsigned char rec[64];
	struct fixture f;
	struct subbuf s;
	struct seen seen = { 0 };
	struct json_object *p, *m, *v;

	(void)state;
	fixture_open(&f);
	subbuf_init(&s, 7);
	subbuf_add(&s, 0, rec, poison_record(rec, "mem0", 0x40000, 1));
	subbuf_add(&s, 1, rec, module_record(rec, "mem3", -5));
	subbuf_write(&s, f.wr[0], 0);
	assert_int_equal(trace_reader_drain(&f.r, record, &seen), 0);
	assert_int_equal(seen.n, 2);
	p = seen.json[0];
	m = seen.json[1];
	assert_string_equal(json_object_get_string(get(p, "system")), "cxl");
	assert_string_equal(json_object_get_string(get(p, "event")), "cxl_poison");
	assert_true(json_object_get_uint64(get(p, "timestamp")) == 7);
	assert_string_equal(json_object_get_string(get(p, "memdev")), "mem0");
	assert_true(json_object_get_uint64(get(p, "dpa")) == 0x40000);
	assert_int_equal(json_object_get_int(get(p, "trace_type")), 1);
	assert_int_equal(json_object_get_int(get(p, "dpa_length")), 64);
	/* char uuid[16]: an array of numbers, as cxl-cli prints it */
	v = get(p, "uuid");
	assert_true(json_object_is_type(v, json_type_array));
	assert_int_equal(json_object_array_length(v), 16);
	assert_int_equal(json_object_get_int(json_object_array_get_idx(v, 0)), 0xab);
	assert_false(json_object_object_get_ex(p, "common_pid", &v));

	assert_string_equal(json_object_get_string(get(m, "memdev")), "mem3");
	assert_string_equal(json_object_get_string(get(m, "hdr_uuid")),
			    "fe927475-dd59-4539-9a8c-9fb7811cf323");
	assert_int_equal(json_object_get_int64(get(m, "temperature")), -5);
	v = get(m, "comp_id");
	assert_int_equal(json_object_array_length(v), 4);
	assert_int_equal(json_object_get_int(json_object_array_get_idx(v, 0)), 1);
	assert_int_equal(json_object_get_int(json_object_array_get_idx(v, 3)), 255);
	seen_free(&seen);
	fixture_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_only_the_system_asked),
		cmocka_unit_test(drains_cpus_in_time_order),
		cmocka_unit_test(stop_resumes_where_it_left),
		cmocka_unit_test(counts_records_the_kernel_dropped),
		cmocka_unit_test(record_fields_as_cxl_cli),
	};

	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
