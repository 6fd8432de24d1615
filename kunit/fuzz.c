// SPDX-License-Identifier: GPL-2.0-only
/* The seeded fuzzer behind the cxl_leo_fuzz_* suites (see fuzz.h). */
#include <kunit/test.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/ktime.h>
#include <linux/minmax.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include "fuzz.h"

static unsigned long long fuzz_seed = 0x1dfa01e2;
module_param(fuzz_seed, ullong, 0444);
MODULE_PARM_DESC(fuzz_seed, "Base seed of the cxl_leo_fuzz_* suites");

static unsigned int fuzz_first;
module_param(fuzz_first, uint, 0444);
MODULE_PARM_DESC(fuzz_first, "First fuzzing iteration (to replay one)");

static unsigned int fuzz_iters = 100000;
module_param(fuzz_iters, uint, 0444);
MODULE_PARM_DESC(fuzz_iters, "Fuzzing iterations per case");

/* Printed of a failing input: enough for any payload cxl_leo parses. */
#define FUZZ_DUMP_MAX	512

/* splitmix64's finaliser: nearby seeds and iterations give unrelated streams. */
static u64 fuzz_mix(u64 x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* FNV-1a: each case gets its own inputs from the same base seed. */
static u64 fuzz_name_hash(const char *s)
{
	u64 h = 0xcbf29ce484222325ULL;

	while (*s) {
		h ^= (u8)*s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void fuzz_free_iteration(struct fuzz *fz)
{
	while (fz->nr_scratch)
		kfree(fz->scratch[--fz->nr_scratch]);
	kfree(fz->buf);
	fz->buf = NULL;
	fz->len = 0;
}

static void fuzz_report(struct fuzz *fz)
{
	size_t i, n = min_t(size_t, fz->len, FUZZ_DUMP_MAX);
	char line[16 * 3 + 1];

	if (fz->reported || !fz->inputs)
		return;
	fz->reported = true;
	kunit_err(fz->test, "fuzz %s: failed at seed %#llx iteration %u, input of %zu bytes\n",
		  fz->test->name, fz->seed, fz->iter, fz->len);
	kunit_err(fz->test,
		  "replay: kunit/run.sh --kernel_args=cxl_leo_test.fuzz_seed=%#llx --kernel_args=cxl_leo_test.fuzz_first=%u --kernel_args=cxl_leo_test.fuzz_iters=1 '*.%s'\n",
		  fz->seed, fz->iter, fz->test->name);
	for (i = 0; i < n; i += 16) {
		hex_dump_to_buffer(fz->buf + i, min_t(size_t, 16, n - i), 16, 1, line,
				   sizeof(line), false);
		kunit_err(fz->test, "%04zx: %s\n", i, line);
	}
}

/* Runs when the case ends, also when an assertion ended it early. */
static void fuzz_cleanup(void *data)
{
	struct fuzz *fz = data;

	if (READ_ONCE(fz->test->status) == KUNIT_FAILURE)
		fuzz_report(fz);
	fuzz_free_iteration(fz);
}

/**
 * fuzz_start() - begin a fuzzing case
 * @test: the case; its name selects its inputs
 *
 * Return: the fuzzer, freed with the case. Call fuzz_next() before each
 * input.
 */
struct fuzz *fuzz_start(struct kunit *test)
{
	struct fuzz *fz = kunit_kzalloc(test, sizeof(*fz), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fz);
	fz->work = kunit_kzalloc(test, FUZZ_MAX_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fz->work);
	fz->test = test;
	fz->seed = fuzz_seed;
	fz->iter = fuzz_first;
	fz->end = fuzz_first + min(fuzz_iters, UINT_MAX - fuzz_first);
	fz->name_hash = fuzz_name_hash(test->name);
	fz->started = ktime_get_ns();
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, fuzz_cleanup, fz), 0);
	kunit_info(test, "fuzz %s: seed %#llx, iterations %u..%u\n", test->name, fz->seed,
		   fz->iter, fz->end);
	return fz;
}

/**
 * fuzz_next() - move to the next iteration
 * @fz: the fuzzer
 *
 * Frees the previous iteration's buffers and seeds the generator for the
 * next one. A sanitizer report during the previous iteration stops the
 * case there, with that input printed.
 *
 * Return: false when the case is done or has failed.
 */
bool fuzz_next(struct fuzz *fz)
{
	if (fz->inputs) {
		if (READ_ONCE(fz->test->status) == KUNIT_FAILURE) {
			fuzz_report(fz);
			return false;
		}
		fz->iter++;
	}
	fuzz_free_iteration(fz);
	if (fz->iter >= fz->end)
		return false;
	/* Long runs must not look like a stall. */
	cond_resched();
	prandom_seed_state(&fz->rnd, fuzz_mix(fz->seed ^ fz->name_hash ^ fuzz_mix(fz->iter)));
	fz->inputs++;
	return true;
}

/**
 * fuzz_accepted() - count an input the parser under test accepted
 * @fz: the fuzzer
 */
void fuzz_accepted(struct fuzz *fz)
{
	fz->accepted++;
}

/**
 * fuzz_finish() - end a fuzzing case
 * @fz: the fuzzer
 * @min_accept_permille: share of inputs that must have been accepted, so
 *	that the mutations are known to reach past the length checks
 *	(checked on runs of 1000 inputs or more)
 */
void fuzz_finish(struct fuzz *fz, unsigned int min_accept_permille)
{
	u64 ms = (ktime_get_ns() - fz->started) / NSEC_PER_MSEC;

	kunit_info(fz->test, "fuzz %s: %u inputs, %u accepted, %llu ms\n", fz->test->name,
		   fz->inputs, fz->accepted, ms);
	/* Past the last input: a failure from here on is about them all. */
	fz->reported = true;
	if (fz->inputs >= 1000)
		KUNIT_EXPECT_GE_MSG(fz->test, (u64)fz->accepted * 1000,
				    (u64)fz->inputs * min_accept_permille,
				    "too few inputs reach the decoding past the length checks");
}

/**
 * fuzz_u32() - a random number from the current iteration's stream
 * @fz: the fuzzer
 *
 * Return: 32 random bits.
 */
u32 fuzz_u32(struct fuzz *fz)
{
	return prandom_u32_state(&fz->rnd);
}

/**
 * fuzz_u64() - 64 random bits
 * @fz: the fuzzer
 *
 * Return: the bits.
 */
u64 fuzz_u64(struct fuzz *fz)
{
	return (u64)fuzz_u32(fz) << 32 | fuzz_u32(fz);
}

/**
 * fuzz_below() - a random number below a bound
 * @fz: the fuzzer
 * @n: the bound, 0 for any u32
 *
 * Return: 0 .. @n - 1.
 */
u32 fuzz_below(struct fuzz *fz, u32 n)
{
	return n ? fuzz_u32(fz) % n : fuzz_u32(fz);
}

/**
 * fuzz_chance() - true once in @one_in times
 * @fz: the fuzzer
 * @one_in: the odds
 *
 * Return: the coin.
 */
bool fuzz_chance(struct fuzz *fz, u32 one_in)
{
	return !fuzz_below(fz, one_in);
}

/**
 * fuzz_bytes() - fill a buffer with random bytes
 * @fz: the fuzzer
 * @buf: the buffer
 * @len: its length
 */
void fuzz_bytes(struct fuzz *fz, void *buf, size_t len)
{
	prandom_bytes_state(&fz->rnd, buf, len);
}

/**
 * fuzz_boundary() - a value at an edge of a field's range, or random
 * @fz: the fuzzer
 * @width: the field's width in bytes (1, 2, 4 or 8)
 *
 * Return: 0, 1, 2, the maximum and its neighbours, the sign boundary and
 * its neighbours, a power of two and its neighbours, or random bits.
 */
u64 fuzz_boundary(struct fuzz *fz, unsigned int width)
{
	u64 max = width >= 8 ? U64_MAX : (1ULL << (8 * width)) - 1;
	u64 pow2 = 1ULL << fuzz_below(fz, 8 * min(width, 8U));
	u64 v;

	switch (fuzz_below(fz, 8)) {
	case 0:
		v = fuzz_below(fz, 3);
		break;
	case 1:
		v = max - fuzz_below(fz, 2);
		break;
	case 2:
		v = (max >> 1) + fuzz_below(fz, 2);
		break;
	case 3:
		v = pow2 + fuzz_below(fz, 3) - 1;
		break;
	case 4:
		v = fuzz_below(fz, 256);
		break;
	default:
		v = fuzz_u64(fz);
		break;
	}
	return v & max;
}

/**
 * fuzz_around() - a value at or next to a limit
 * @fz: the fuzzer
 * @limit: the limit
 *
 * Return: @limit - 2 .. @limit + 2, not below 0.
 */
u64 fuzz_around(struct fuzz *fz, u64 limit)
{
	u64 d = fuzz_below(fz, 5);

	return limit + d < 2 ? 0 : limit + d - 2;
}

/**
 * fuzz_alloc() - a buffer of exactly @len bytes for this iteration
 * @fz: the fuzzer
 * @len: its length (0 gives ZERO_SIZE_PTR, which faults when touched)
 *
 * Return: the buffer, freed at the next fuzz_next(). Its contents are
 * random.
 */
void *fuzz_alloc(struct fuzz *fz, size_t len)
{
	void *p;

	KUNIT_ASSERT_LT(fz->test, fz->nr_scratch, FUZZ_SCRATCH);
	p = kmalloc(len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(fz->test, p);
	fz->scratch[fz->nr_scratch++] = p;
	if (len)
		fuzz_bytes(fz, p, len);
	return p;
}

static void fuzz_put(u8 *p, unsigned int width, u64 v)
{
	switch (width) {
	case 1:
		*p = v;
		break;
	case 2:
		put_unaligned_le16(v, p);
		break;
	case 4:
		put_unaligned_le32(v, p);
		break;
	default:
		put_unaligned_le64(v, p);
		break;
	}
}

static void fuzz_set_field(struct fuzz *fz, const struct fuzz_field *f, size_t len)
{
	u64 v;

	if (f->off + f->width > len)
		return;
	if (f->stride && fuzz_chance(fz, 2)) {
		/* Entry counts at and around what the length holds. */
		v = fuzz_around(fz, len >= f->hdr ? (len - f->hdr) / f->stride : 0);
	} else {
		v = fuzz_boundary(fz, f->width);
	}
	fuzz_put(fz->work + f->off, f->width, v);
}

static size_t fuzz_new_length(struct fuzz *fz, size_t len, size_t cap,
			      const struct fuzz_field *fields, unsigned int nr_fields)
{
	const struct fuzz_field *f = nr_fields ? &fields[fuzz_below(fz, nr_fields)] : NULL;
	size_t n;

	switch (fuzz_below(fz, 4)) {
	case 0:		/* cut anywhere */
		n = fuzz_below(fz, len + 1);
		break;
	case 1:		/* one entry boundary of a counted array, give or take */
		if (f && f->stride && cap >= f->hdr) {
			n = f->hdr + f->stride * fuzz_below(fz, (cap - f->hdr) / f->stride + 1);
			n = fuzz_around(fz, n);
			break;
		}
		fallthrough;
	case 2:		/* a few bytes short or long */
		n = fuzz_around(fz, len);
		break;
	default:	/* anywhere up to the largest input */
		n = fuzz_below(fz, cap + 1);
		break;
	}
	n = min(n, cap);
	if (n > len)
		fuzz_bytes(fz, fz->work + len, n - len);
	return n;
}

static void fuzz_mutate_bytes(struct fuzz *fz, size_t len)
{
	unsigned int k = 1 + fuzz_below(fz, 4);
	size_t at;

	while (len && k--) {
		at = fuzz_below(fz, len);
		switch (fuzz_below(fz, 3)) {
		case 0:
			fz->work[at] ^= 1 << fuzz_below(fz, 8);
			break;
		case 1:
			fz->work[at] = fuzz_boundary(fz, 1);
			break;
		default:
			fz->work[at] = fuzz_u32(fz);
			break;
		}
	}
}

/**
 * fuzz_input() - this iteration's input: a mutation of a valid payload
 * @fz: the fuzzer
 * @valid: a payload the parser should accept
 * @valid_len: its length
 * @max_len: longest input to make (at most %FUZZ_MAX_LEN)
 * @fields: the payload's counts and fields worth boundary values
 * @nr_fields: how many
 *
 * One time in eight the input is random bytes of a random length and one
 * time in eight @valid unchanged; otherwise @valid with fields set to
 * boundary values, counts set around what the length holds, the length
 * moved to and around entry boundaries, bytes flipped, or several of these.
 *
 * Return: the input, @fz->len bytes in a buffer of exactly that size, freed
 * at the next fuzz_next().
 */
const u8 *fuzz_input(struct fuzz *fz, const void *valid, size_t valid_len, size_t max_len,
		     const struct fuzz_field *fields, unsigned int nr_fields)
{
	size_t cap = min_t(size_t, max(max_len, valid_len), FUZZ_MAX_LEN);
	size_t len = min(valid_len, cap);
	unsigned int strategy = fuzz_below(fz, 8), rounds = 1, i;

	memcpy(fz->work, valid, len);
	if (strategy >= 6) {
		rounds = 2 + fuzz_below(fz, 3);
		strategy = 2;
	}
	for (i = 0; i < rounds; i++, strategy = 2 + fuzz_below(fz, 4)) {
		switch (strategy) {
		case 0:
			len = fuzz_below(fz, cap + 1);
			fuzz_bytes(fz, fz->work, len);
			break;
		case 1:
			break;
		case 2:
			fuzz_mutate_bytes(fz, len);
			break;
		case 3:
		case 4:
			if (nr_fields)
				fuzz_set_field(fz, &fields[fuzz_below(fz, nr_fields)], len);
			else
				fuzz_mutate_bytes(fz, len);
			break;
		default:
			len = fuzz_new_length(fz, len, cap, fields, nr_fields);
			break;
		}
	}

	kfree(fz->buf);
	fz->buf = kmalloc(len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(fz->test, fz->buf);
	memcpy(fz->buf, fz->work, len);
	fz->len = len;
	return fz->buf;
}
