/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Seeded, reproducible fuzzing of what the device sends cxl_leo.
 *
 * Each input is a function of the seed, the case name and the iteration
 * alone, so one iteration replays by itself. The defaults (module
 * parameters of cxl_leo_test, given on the UML command line) are:
 *
 *   cxl_leo_test.fuzz_seed=0x1dfa01e2  base seed
 *   cxl_leo_test.fuzz_first=0          first iteration
 *   cxl_leo_test.fuzz_iters=100000     iterations per case
 *
 * A case that fails (an assertion, or a KASAN or UBSAN report, which mark
 * the running test failed) stops at that iteration and prints its seed,
 * iteration and input, with the replay command line.
 *
 * Inputs are valid payloads built by the case, then mutated with what
 * breaks parsers: lengths at and around the header and entry boundaries,
 * entry counts around what the length holds, fields set to boundary values,
 * flipped bits, and plain random bytes. Each input is kmalloc'ed to exactly
 * its length, so KASAN sees a read one byte past it.
 */
#ifndef CXL_LEO_FUZZ_H
#define CXL_LEO_FUZZ_H

#include <linux/prandom.h>
#include <linux/types.h>

struct kunit;

/**
 * struct fuzz_field - a field of a payload worth setting to boundary values
 * @off: byte offset
 * @width: 1, 2, 4 or 8 bytes, little endian
 * @hdr: for an entry count: bytes before the first entry, else 0
 * @stride: for an entry count: bytes per entry, else 0
 */
struct fuzz_field {
	u16 off;
	u8 width;
	u16 hdr;
	u16 stride;
};

/* Largest input fuzz_input() builds, and per-iteration buffers. */
#define FUZZ_MAX_LEN	4096
#define FUZZ_SCRATCH	4

#define FUZZ_FIELD(o, w)		{ .off = (o), .width = (w) }
#define FUZZ_COUNT(o, w, h, s)	{ .off = (o), .width = (w), .hdr = (h), .stride = (s) }

/**
 * struct fuzz - one fuzzing case in progress
 * @test: the KUnit case
 * @seed: base seed
 * @iter: current iteration
 * @end: one past the last iteration
 * @rnd: generator for the current iteration
 * @buf: current input, exactly @len bytes (owned by the fuzzer)
 * @len: its length
 * @scratch: buffers from fuzz_alloc() for the current iteration
 * @nr_scratch: how many
 * @work: room to build an input in
 * @name_hash: the case name's share of the seed
 * @started: ktime_get_ns() at fuzz_start()
 * @inputs: inputs generated
 * @accepted: inputs the parser under test accepted (fuzz_accepted())
 * @reported: the failing input was printed
 */
struct fuzz {
	struct kunit *test;
	u64 seed;
	unsigned int iter;
	unsigned int end;
	struct rnd_state rnd;
	u8 *buf;
	size_t len;
	void *scratch[FUZZ_SCRATCH];
	unsigned int nr_scratch;
	u8 *work;
	u64 name_hash;
	u64 started;
	unsigned int inputs;
	unsigned int accepted;
	bool reported;
};

struct fuzz *fuzz_start(struct kunit *test);
bool fuzz_next(struct fuzz *fz);
void fuzz_accepted(struct fuzz *fz);
void fuzz_finish(struct fuzz *fz, unsigned int min_accept_permille);

u32 fuzz_u32(struct fuzz *fz);
u64 fuzz_u64(struct fuzz *fz);
u32 fuzz_below(struct fuzz *fz, u32 n);
bool fuzz_chance(struct fuzz *fz, u32 one_in);
void fuzz_bytes(struct fuzz *fz, void *buf, size_t len);
u64 fuzz_boundary(struct fuzz *fz, unsigned int width);
u64 fuzz_around(struct fuzz *fz, u64 limit);

const u8 *fuzz_input(struct fuzz *fz, const void *valid, size_t valid_len, size_t max_len,
		     const struct fuzz_field *fields, unsigned int nr_fields);
void *fuzz_alloc(struct fuzz *fz, size_t len);

#endif /* CXL_LEO_FUZZ_H */
