// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe-time DIR PATTERN CMD [ARG...]: run CMD, then wait (up to 10 s) until
 * DIR holds an entry whose name is PATTERN followed by digits, and print
 * "TOTAL_US CMD_US": microseconds (CLOCK_MONOTONIC) from just before CMD
 * started to that entry appearing, and to CMD exiting. For make bench:
 * modprobe -> memdev ready without the shell's clock reads and polls in the
 * interval (under TCG each read of /proc/timer_list through awk costs tens
 * of milliseconds, as much as the probe it would time). Exits 1 when CMD
 * fails or the entry never appears.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/* An entry PATTERN<digits> in DIR. */
static int present(const char *dir, const char *pattern)
{
	size_t len = strlen(pattern);
	struct dirent *e;
	int found = 0;
	DIR *d = opendir(dir);

	if (!d)
		return 0;
	while (!found && (e = readdir(d))) {
		const char *p = e->d_name + len;

		if (strncmp(e->d_name, pattern, len) || !*p)
			continue;
		while (*p >= '0' && *p <= '9')
			p++;
		found = !*p;
	}
	closedir(d);
	return found;
}

int main(int argc, char **argv)
{
	long long t0, t_cmd, deadline;
	int status;
	pid_t pid;

	if (argc < 4) {
		fprintf(stderr, "usage: probe-time DIR PATTERN CMD [ARG...]\n");
		return 2;
	}
	t0 = now_us();
	pid = fork();
	if (pid < 0) {
		perror("probe-time: fork");
		return 1;
	}
	if (!pid) {
		execvp(argv[3], argv + 3);
		perror("probe-time: exec");
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "probe-time: %s failed\n", argv[3]);
		return 1;
	}
	t_cmd = now_us();
	deadline = t_cmd + 10000000LL;
	while (!present(argv[1], argv[2])) {
		if (now_us() > deadline) {
			fprintf(stderr, "probe-time: no %s<N> in %s after 10 s\n", argv[2], argv[1]);
			return 1;
		}
		usleep(1000);
	}
	printf("%lld %lld\n", now_us() - t0, t_cmd - t0);
	return 0;
}
