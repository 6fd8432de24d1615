// SPDX-License-Identifier: GPL-2.0-only
/*
 * kexec-boot KERNEL INITRD CMDLINE: boot KERNEL now, the way "kexec -s -l
 * KERNEL --initrd=INITRD --command-line=CMDLINE; kexec -e" does
 * (kexec_file_load, then reboot into it). Nothing is reset on the way, so
 * the devices keep their state, as on a firmware hand-off. Debian 12's
 * kexec-tools links Xen's libraries (libxenctrl and ten more packages);
 * these two system calls are all the scenario needs.
 */
#include <fcntl.h>
#include <linux/reboot.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int kernel, initrd;

	if (argc != 4) {
		fprintf(stderr, "usage: kexec-boot KERNEL INITRD CMDLINE\n");
		return 2;
	}
	kernel = open(argv[1], O_RDONLY);
	initrd = open(argv[2], O_RDONLY);
	if (kernel < 0 || initrd < 0) {
		perror("kexec-boot: open");
		return 1;
	}
	/* The length counts the terminating NUL. */
	if (syscall(SYS_kexec_file_load, kernel, initrd, strlen(argv[3]) + 1, argv[3], 0UL)) {
		perror("kexec-boot: kexec_file_load");
		return 1;
	}
	sync();
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_KEXEC, NULL);
	perror("kexec-boot: reboot");
	return 1;
}
