// SPDX-License-Identifier: GPL-2.0-only
/*
 * memory.numa_stat: one line per memory type, "anon N0=4096 N1=8192 ...".
 * Sum the chosen types per node: what a cgroup holds on each node.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "numa_stat.h"

/*
 * Adds each node's bytes of the @keys lines of @text into @per_node.
 * Returns the number of lines used, or -EINVAL for a malformed entry of a
 * wanted line (the sums are then incomplete and must not be used).
 */
int numa_stat_sum(const char *text, const char *const *keys, size_t nkeys,
		  unsigned long long per_node[NUMA_STAT_MAX_NODES])
{
	const char *line = text;
	int used = 0;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *sp = memchr(line, ' ', len);
		size_t i;
		bool wanted = false;

		for (i = 0; sp && i < nkeys; i++)
			if ((size_t)(sp - line) == strlen(keys[i]) &&
			    !strncmp(line, keys[i], sp - line))
				wanted = true;
		if (wanted) {
			const char *p = sp;

			while (p < line + len) {
				char *next;
				unsigned long node;
				unsigned long long bytes;

				while (p < line + len && *p == ' ')
					p++;
				if (p >= line + len)
					break;
				if (*p != 'N')
					return -EINVAL;
				node = strtoul(p + 1, &next, 10);
				if (next == p + 1 || *next != '=' || node >= NUMA_STAT_MAX_NODES)
					return -EINVAL;
				p = next + 1;
				bytes = strtoull(p, &next, 10);
				if (next == p || (next < line + len && *next != ' '))
					return -EINVAL;
				per_node[node] += bytes;
				p = next;
			}
			used++;
		}
		line = end ? end + 1 : NULL;
	}
	return used;
}
