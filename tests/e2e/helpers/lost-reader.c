// SPDX-License-Identifier: GPL-2.0-only
/*
 * lost-reader NODE MIB STATUS [pipes]: fill MIB MiB of anonymous memory bound
 * to NODE (mbind on the buffer only: the task's page tables stay on local
 * memory) with a known pattern, then check all of it in a loop. With
 * "pipes", 1 MiB of pipe buffers (kernel pages, unmovable) is then
 * allocated on NODE as well and held: allocated right after the buffer on
 * a freshly onlined node, they share its memory block, which therefore
 * cannot be offlined.
 * STATUS holds "ready", then "passes N" after each clean pass; a pass that
 * reads anything but the pattern writes "WRONG DATA" and exits 2; SIGBUS
 * writes "SIGBUS" and exits 3. Used to see what a reader of memory that
 * could not be moved off a leaving device gets.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MPOL_DEFAULT 0
#define MPOL_BIND 2
#define PIPES 16		/* x 64 KiB (the default pipe size) */

static int status_fd;

static void status(const char *text)
{
	/* Never empty in between: a reader of STATUS sees the old or the new. */
	if (pwrite(status_fd, text, strlen(text), 0) < 0 || ftruncate(status_fd, strlen(text)))
		_exit(4);
}

static void on_sigbus(int sig)
{
	(void)sig;
	status("SIGBUS\n");
	_exit(3);
}

static uint64_t pattern(size_t i)
{
	return (i + 1) * 0x9e3779b97f4a7c15ull;
}

/*
 * Fill PIPES pipes, kept open. Only their buffer pages are allocated on
 * @mask's node: the pipes (inode, files, buffer array) are made before
 * the policy, so no kernel object that is used again at exit sits on the
 * memory that goes away.
 */
static int hold_pipes(unsigned long mask)
{
	static char chunk[4096];
	int fds[PIPES][2], i, k;

	memset(chunk, 0x5a, sizeof(chunk));
	for (i = 0; i < PIPES; i++) {
		if (pipe(fds[i]))
			return -1;
		fcntl(fds[i][1], F_SETFL, O_NONBLOCK);
	}
	if (syscall(__NR_set_mempolicy, MPOL_BIND, &mask, 64))
		return -1;
	for (i = 0; i < PIPES; i++)
		for (k = 0; k < 16; k++)
			if (write(fds[i][1], chunk, sizeof(chunk)) != sizeof(chunk))
				break;
	return syscall(__NR_set_mempolicy, MPOL_DEFAULT, NULL, 0);
}

int main(int argc, char **argv)
{
	unsigned long passes = 0, node, mask;
	char line[64];
	uint64_t *mem;
	size_t n, i;

	if (argc < 4 || argc > 5 || (argc == 5 && strcmp(argv[4], "pipes"))) {
		fprintf(stderr, "usage: lost-reader NODE MIB STATUS [pipes]\n");
		return 1;
	}
	node = strtoul(argv[1], NULL, 0);
	n = strtoul(argv[2], NULL, 0) << 20;
	status_fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (status_fd < 0 || node >= 64) {
		perror(argv[3]);
		return 1;
	}
	mem = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	mask = 1ul << node;
	if (syscall(__NR_mbind, mem, n, MPOL_BIND, &mask, 64, 0)) {
		perror("mbind");
		return 1;
	}
	n /= sizeof(*mem);
	for (i = 0; i < n; i++)
		mem[i] = pattern(i);
	if (argc == 5 && hold_pipes(mask)) {
		perror("pipes");
		return 1;
	}
	signal(SIGBUS, on_sigbus);
	status("ready\n");
	for (;;) {
		for (i = 0; i < n; i++)
			if (mem[i] != pattern(i)) {
				snprintf(line, sizeof(line), "WRONG DATA at byte %zu\n", i * sizeof(*mem));
				status(line);
				return 2;
			}
		snprintf(line, sizeof(line), "passes %lu\n", ++passes);
		status(line);
	}
}
