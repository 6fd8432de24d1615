// SPDX-License-Identifier: GPL-2.0-only
/*
 * dropcap CAP COMMAND [ARG...]: run COMMAND as root without capability
 * number CAP (e.g. 17 for CAP_SYS_RAWIO) in any of its sets, so a test can
 * tell a capability check from the file mode check that keeps other users
 * out. Busybox has no setpriv or capsh.
 */
#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	char *end;
	long cap;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: dropcap CAP COMMAND [ARG...]\n");
		return 2;
	}
	cap = strtol(argv[1], &end, 10);
	if (*end || cap < 0 || cap > CAP_LAST_CAP) {
		fprintf(stderr, "dropcap: '%s' is not a capability number\n", argv[1]);
		return 2;
	}
	if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) ||
	    syscall(SYS_capget, &hdr, data)) {
		fprintf(stderr, "dropcap: %s\n", strerror(errno));
		return 1;
	}
	i = cap / 32;
	data[i].effective &= ~(1U << (cap % 32));
	data[i].permitted &= ~(1U << (cap % 32));
	data[i].inheritable &= ~(1U << (cap % 32));
	if (syscall(SYS_capset, &hdr, data)) {
		fprintf(stderr, "dropcap: capset: %s\n", strerror(errno));
		return 1;
	}
	execvp(argv[2], argv + 2);
	fprintf(stderr, "dropcap: %s: %s\n", argv[2], strerror(errno));
	return 127;
}
