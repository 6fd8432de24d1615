// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel side of onlining terabytes. Every 4 KiB page onlined needs a
 * 64-byte struct page (the memmap, 1.56 %): the kernel takes it from DRAM
 * unless booted with memory_hotplug.memmap_on_memory=1 and the dax device
 * allows it (dax_cxl does), when it carves it out of the new memory. And
 * movable memory needs kernel memory beside it for every unmovable
 * allocation it causes: past the kernel's MOVABLE:KERNEL ratio
 * (Documentation/admin-guide/mm/memory-hotplug.rst, "Zone Imbalances") the
 * host can run out of kernel memory with the expander still free.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "capacity.h"
#include "sysfs.h"

#define HOTPLUG_PARAMS	"/sys/module/memory_hotplug/parameters"
#define MEMMAP_PARAM	"memory_hotplug.memmap_on_memory=1"

/* A whole /proc file (their size is not known before reading); NULL on failure. */
static char *read_text(const char *path)
{
	size_t len = 0, cap = 65536;
	char *buf = malloc(cap);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0 || !buf) {
		if (fd >= 0)
			close(fd);
		free(buf);
		return NULL;
	}
	while ((n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += n;
		if (len + 1 == cap) {
			char *grown = realloc(buf, cap * 2);

			if (!grown) {
				n = -1;
				break;
			}
			buf = grown;
			cap *= 2;
		}
	}
	close(fd);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

static unsigned long long page_size(void)
{
	long ps = sysconf(_SC_PAGESIZE);

	return ps > 0 ? (unsigned long long)ps : 4096;
}

/*
 * 0 with @s filled; -errno when /proc/zoneinfo cannot be read or parsed.
 * Free page counts are per-CPU deltas until folded: fold them first
 * (vm.stat_refresh, root only; without it small changes read as none).
 */
int capacity_snapshot_take(struct capacity_snapshot *s)
{
	char *zoneinfo, *vmstat;
	int rc = -ENOMEM;

	sysfs_write("/proc/sys/vm", "stat_refresh", "1");
	zoneinfo = read_text("/proc/zoneinfo");
	vmstat = read_text("/proc/vmstat");

	s->memmap_pages = vmstat ? vmstat_value(vmstat, "nr_memmap_pages") : -1;
	free(vmstat);
	s->zones = malloc(sizeof(*s->zones));
	if (!zoneinfo)
		rc = -errno ?: -EIO;
	else if (s->zones)
		rc = zoneinfo_parse(zoneinfo, s->zones);
	free(zoneinfo);
	if (rc) {
		free(s->zones);
		s->zones = NULL;
	}
	return rc;
}

void capacity_snapshot_free(struct capacity_snapshot *s)
{
	free(s->zones);
	s->zones = NULL;
}

/* memory_hotplug.memmap_on_memory: 1 on, 0 off, -errno unknown (no hotplug). */
int memmap_on_memory_kernel(void)
{
	char v[32];
	int rc = sysfs_read(HOTPLUG_PARAMS, "memmap_on_memory", v, sizeof(v));

	return rc ? rc : memmap_param_on(v);
}

static double mib(unsigned long long bytes)
{
	return bytes / 1048576.0;
}

static double gib(unsigned long long bytes)
{
	return bytes / 1073741824.0;
}

/*
 * The memmap figures of one online as JSON, and a warning naming the
 * parameter to set when the memmap went to DRAM. NULL when either
 * snapshot is missing.
 */
struct json_object *memmap_report(const struct capacity_snapshot *before,
				  const struct capacity_snapshot *after, int node,
				  const char *dax, const char *region)
{
	struct json_object *o;
	struct memmap_cost c;
	const char *placement;
	char dir[128], attr[16] = "";
	int kernel = memmap_on_memory_kernel();

	if (!before->zones || !after->zones || before->memmap_pages < 0 || after->memmap_pages < 0)
		return NULL;
	memmap_cost_compute(before->zones, after->zones, before->memmap_pages,
			    after->memmap_pages, node, page_size(), &c);
	if (!c.bytes)
		placement = "none";
	else if (!c.dram_bytes)
		placement = "expander";
	else if (!c.expander_bytes)
		placement = "dram";
	else
		placement = "mixed";
	o = json_object_new_object();
	json_object_object_add(o, "placement", json_object_new_string(placement));
	json_object_object_add(o, "bytes", json_object_new_uint64(c.bytes));
	json_object_object_add(o, "expander_bytes", json_object_new_uint64(c.expander_bytes));
	json_object_object_add(o, "dram_bytes", json_object_new_uint64(c.dram_bytes));
	json_object_object_add(o, "dram_used_bytes", json_object_new_int64(c.dram_used));
	json_object_object_add(o, "memmap_on_memory_kernel", kernel < 0 ? NULL :
			       json_object_new_boolean(kernel == 1));
	snprintf(dir, sizeof(dir), "/sys/bus/dax/devices/%s", dax ?: "");
	if (dax && !sysfs_read(dir, "memmap_on_memory", attr, sizeof(attr)))
		json_object_object_add(o, "memmap_on_memory_dax",
				       json_object_new_boolean(!strcmp(attr, "1")));
	if (c.dram_bytes) {
		fprintf(stderr, "cxl-leo: online: %s: its memmap (%.1f MiB) was taken from DRAM; ",
			region, mib(c.dram_bytes));
		if (kernel != 1)
			fprintf(stderr, "boot with %s to keep the memmap of CXL memory on the expander (cxl-leo-online(1), MEMMAP PLACEMENT)\n",
				MEMMAP_PARAM);
		else if (!strcmp(attr, "0"))
			fprintf(stderr, "the kernel has memmap_on_memory on but %s does not (echo 1 > %s/memmap_on_memory while it is not bound)\n",
				dax, dir);
		else
			fprintf(stderr, "the kernel has memmap_on_memory on but could not use it for this range (alignment: see dmesg)\n");
	}
	return o;
}

static void guard_json(struct json_object *o, const struct zone_guard *g)
{
	json_object_object_add(o, "kernel_bytes", json_object_new_uint64(g->kernel));
	json_object_object_add(o, "movable_bytes", json_object_new_uint64(g->movable));
	json_object_object_add(o, "adding_bytes", json_object_new_uint64(g->adding));
	json_object_object_add(o, "memmap_dram_bytes", json_object_new_uint64(g->memmap_dram));
	json_object_object_add(o, "page_table_bytes", json_object_new_uint64(g->page_tables));
	json_object_object_add(o, "kernel_after_bytes", json_object_new_uint64(g->kernel_after));
	json_object_object_add(o, "movable_after_bytes", json_object_new_uint64(g->movable_after));
	json_object_object_add(o, "ratio_percent", json_object_new_uint64(g->ratio_pct));
	json_object_object_add(o, "limit_percent", json_object_new_uint64(g->limit_pct));
	json_object_object_add(o, "over_limit", json_object_new_boolean(g->over));
}

/* The operator's MOVABLE:KERNEL limit: the kernel's own auto_movable_ratio. */
static unsigned int ratio_limit(void)
{
	char v[32];
	char *end;
	unsigned long pct;

	if (sysfs_read(HOTPLUG_PARAMS, "auto_movable_ratio", v, sizeof(v)))
		return ZONE_RATIO_DEFAULT_PCT;
	pct = strtoul(v, &end, 10);
	return *end || !pct || pct > 100000 ? ZONE_RATIO_DEFAULT_PCT : (unsigned int)pct;
}

/*
 * Before @adding bytes go online movable: 0 if the zones stay within the
 * limit (or @force), 1 when refused, with the numbers and the choices on
 * stderr. @report gets the figures as JSON (NULL if zoneinfo is unreadable:
 * then nothing is refused, and a warning says the check was not made).
 */
int zone_guard_check(unsigned long long adding, bool force, const char *what,
		     struct json_object **report)
{
	struct capacity_snapshot now;
	struct zone_guard g, mom;
	int kernel_mom = memmap_on_memory_kernel();
	unsigned int limit = ratio_limit();
	int rc = capacity_snapshot_take(&now);

	*report = NULL;
	if (rc) {
		fprintf(stderr, "cxl-leo: online: zone balance not checked: /proc/zoneinfo: %s\n",
			strerror(-rc));
		return 0;
	}
	zone_guard_compute(now.zones, page_size(), adding, kernel_mom == 1, limit, &g);
	zone_guard_compute(now.zones, page_size(), adding, true, limit, &mom);
	capacity_snapshot_free(&now);
	*report = json_object_new_object();
	guard_json(*report, &g);
	json_object_object_add(*report, "forced", json_object_new_boolean(force && g.over));
	if (!g.over)
		return 0;
	fprintf(stderr, "cxl-leo: online: %s %s: %.2f GiB more movable memory would make ZONE_MOVABLE : kernel zones %.2f : %.2f GiB (%u%%), past the limit of %u%% (memory_hotplug.auto_movable_ratio)\n",
		force ? "forced past the zone balance limit," : "refused:", what, gib(g.adding),
		gib(g.movable_after), gib(g.kernel_after), g.ratio_pct, g.limit_pct);
	fprintf(stderr, "  kernel zones: %.2f GiB now, less %.1f MiB for its memmap in DRAM and %.1f MiB for the page tables mapping it; movable now %.2f GiB\n",
		gib(g.kernel), mib(g.memmap_dram), mib(g.page_tables), gib(g.movable));
	if (force)
		return 0;
	fprintf(stderr, "  choices:\n");
	fprintf(stderr, "    --no-movable   online it into the kernel's zone: it adds kernel memory instead, but may never go offline again\n");
	if (kernel_mom != 1)
		fprintf(stderr, "    boot with %s: its memmap stays on the expander (%u%% then: %s)\n",
			MEMMAP_PARAM, mom.ratio_pct, mom.over ? "still past the limit" : "within the limit");
	fprintf(stderr, "    --force        online it movable anyway (the kernel may run out of memory for unmovable allocations with the expander free)\n");
	return 1;
}
