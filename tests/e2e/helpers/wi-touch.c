// SPDX-License-Identifier: GPL-2.0-only
/*
 * wi-touch NODE,NODE... PAGES: fault in PAGES pages under the weighted
 * interleave policy (MPOL_WEIGHTED_INTERLEAVE, Linux 6.9) over the given
 * nodes and print "node N: COUNT" for where they landed. Bookworm's numactl
 * predates that policy, so the e2e tests use this to see the weights act.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MPOL_WEIGHTED_INTERLEAVE 6
#define MPOL_F_NODE (1 << 0)
#define MPOL_F_ADDR (1 << 1)
#define MAX_NODES 64

int main(int argc, char **argv)
{
	unsigned long mask = 0, count[MAX_NODES] = { 0 }, pages, i;
	long psize = sysconf(_SC_PAGESIZE);
	char *list, *tok, *end, *mem;
	int node;

	if (argc != 3) {
		fprintf(stderr, "usage: wi-touch NODE[,NODE...] PAGES\n");
		return 2;
	}
	list = argv[1];
	for (tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		long n = strtol(tok, &end, 10);

		if (*end || n < 0 || n >= MAX_NODES) {
			fprintf(stderr, "wi-touch: bad node '%s'\n", tok);
			return 2;
		}
		mask |= 1UL << n;
	}
	pages = strtoul(argv[2], &end, 10);
	if (*end || !pages || pages > 1UL << 20) {
		fprintf(stderr, "wi-touch: bad page count '%s'\n", argv[2]);
		return 2;
	}
	if (syscall(SYS_set_mempolicy, MPOL_WEIGHTED_INTERLEAVE, &mask, MAX_NODES + 1)) {
		fprintf(stderr, "wi-touch: set_mempolicy: %s\n", strerror(errno));
		return 1;
	}
	mem = mmap(NULL, pages * psize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	if (mem == MAP_FAILED) {
		fprintf(stderr, "wi-touch: mmap: %s\n", strerror(errno));
		return 1;
	}
	for (i = 0; i < pages; i++)
		mem[i * psize] = 1;
	for (i = 0; i < pages; i++) {
		if (syscall(SYS_get_mempolicy, &node, NULL, 0, mem + i * psize,
			    MPOL_F_NODE | MPOL_F_ADDR) || node < 0 || node >= MAX_NODES) {
			fprintf(stderr, "wi-touch: get_mempolicy: %s\n", strerror(errno));
			return 1;
		}
		count[node]++;
	}
	for (node = 0; node < MAX_NODES; node++)
		if (count[node])
			printf("node %d: %lu\n", node, count[node]);
	munmap(mem, pages * psize);
	return 0;
}
