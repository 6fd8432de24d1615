// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading and writing driver attributes. Read with open/read at each call,
 * not through libudev's udev_device_get_sysattr_value(): libudev keeps the
 * first value it read for the life of its device object, and most of these
 * (background progress, counters, health, kmem state) change while the
 * tool watches them; a failed read or write must also keep its errno for
 * the message. (libudev also refuses any tree that is not sysfs, such as
 * the fake one the CLI tests run on.)
 */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sysfs.h"

/* One attribute's value without the trailing newline; -errno on failure. */
int sysfs_read(const char *dir, const char *attr, char *buf, size_t len)
{
	char path[4096];
	ssize_t n;
	int fd;

	if (len < 2)
		return -EINVAL;
	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

/* Write a value; the kernel's refusal comes back as -errno. */
int sysfs_write(const char *dir, const char *attr, const char *val)
{
	char path[4096];
	size_t len = strlen(val);
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, val, len);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	return (size_t)n == len ? 0 : -EIO;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

/*
 * An attribute's JSON type follows its name, never its value: revisions
 * and versions are strings even when they look numeric ("12"); a disabled
 * threshold ("off") is null, so the key stays a number or null; other
 * values are numbers when the whole value is one (decimal or 0x-hex).
 */
static struct json_object *value_to_json(const char *name, const char *v)
{
	char *end;
	long long n;

	if (ends_with(name, "_revision") || ends_with(name, "_version") || !*v)
		return json_object_new_string(v);
	if (ends_with(name, "_threshold") && !strcmp(v, "off"))
		return NULL;
	n = strtoll(v, &end, 0);
	if (!*end && (v[0] != '0' || v[1] == '\0' || v[1] == 'x'))
		return json_object_new_int64(n);
	return json_object_new_string(v);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every readable regular file of a directory as a JSON member, numbers as
 * numbers, sorted by name so the output is stable. NULL if the directory
 * cannot be opened; unreadable attributes (write-only, or refused by the
 * driver) are left out.
 */
struct json_object *sysfs_dir_to_json(const char *dir)
{
	struct json_object *obj;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;
	DIR *d = opendir(dir);

	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		char path[4096];
		struct stat st;
		char **grown;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode) || !(st.st_mode & 0444))
			continue;
		grown = realloc(names, (n + 1) * sizeof(*names));
		if (!grown)
			break;
		names = grown;
		names[n] = strdup(de->d_name);
		if (!names[n])
			break;
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	obj = json_object_new_object();
	for (i = 0; i < n; i++) {
		char val[256];

		if (!sysfs_read(dir, names[i], val, sizeof(val)))
			json_object_object_add(obj, names[i], value_to_json(names[i], val));
		free(names[i]);
	}
	free(names);
	return obj;
}
