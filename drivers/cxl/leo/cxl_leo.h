/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * State cxl_leo keeps per device next to the core's cxl_memdev_state, and
 * the interfaces between the driver's files. The PCI drvdata stays the
 * core's struct cxl_dev_state: the core's AER helpers rely on that.
 */
#ifndef CXL_LEO_H
#define CXL_LEO_H

#include <linux/irqreturn.h>
#include <linux/range.h>
#include <linux/spinlock_types.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include "bind_policy.h"
#include "cmd_sender.h"

struct attribute_group;
struct cxl_leo_features;
struct cxl_leo_health_cache;
struct cxl_leo_media_ops;
struct cxl_leo_repair;
struct cxl_dev_state;
struct cxl_memdev;
struct cxl_memdev_state;
struct device;
struct device_attribute;
struct pci_dev;
struct pci_error_handlers;

/**
 * enum cxl_leo_event_delivery - how event records reach the host
 * @CXL_LEO_EVENTS_NONE: not processed by the OS (platform firmware owns them)
 * @CXL_LEO_EVENTS_IRQ: MSI/MSI-X event interrupts
 * @CXL_LEO_EVENTS_POLL: a periodic poll, when interrupts are unavailable
 */
enum cxl_leo_event_delivery {
	CXL_LEO_EVENTS_NONE,
	CXL_LEO_EVENTS_IRQ,
	CXL_LEO_EVENTS_POLL,
};

/**
 * struct cxl_leo_bg - the background command the driver last started
 * @opcode: its opcode
 * @started: when, seconds since the epoch
 * @orphaned: its caller stopped waiting before it finished
 */
struct cxl_leo_bg {
	u16 opcode;
	time64_t started;
	bool orphaned;
};

/**
 * struct cxl_leo_bg_snap - a background command as sysfs shows it
 * @running: the device reports a background operation in progress
 * @opcode: the running command, or the last one when idle
 * @percent: its progress, 0-100
 * @return_code: its return code, valid at 100%
 * @started: when the driver started it (seconds since the epoch), 0 when
 *	not started by this driver instance
 */
struct cxl_leo_bg_snap {
	bool running;
	u16 opcode;
	u8 percent;
	u16 return_code;
	time64_t started;
};

/**
 * struct cxl_leo_cel_copy - the Command Effects Log as the core read it
 * @tap: the core's probe-time reads are under way (cxl_enumerate_cmds())
 * @buf: the log, @size bytes (devm), NULL until the core asked for its size
 * @size: its size, from Get Supported Logs
 * @got: bytes of it copied so far, in order
 */
struct cxl_leo_cel_copy {
	bool tap;
	void *buf;
	u32 size;
	u32 got;
};

/**
 * struct cxl_leo - per-device driver state
 * @pdev: the PCI function
 * @mds: the core's memory device state
 * @cxlmd: the registered memdev
 * @bind_reason: why cxl_leo drives this device
 * @irq_avail: MSI/MSI-X vectors were allocated
 * @events: how event records are delivered
 * @event_poll: the poll used for %CXL_LEO_EVENTS_POLL; with interrupts, the
 *	retry of a drain pass that ended with records left (event_drain.h)
 * @event_retry_ms: the delay of the last such retry, 0 after a full drain
 * @cper_records: firmware-first event records traced for this device (cper.c)
 * @aer_online_kept: uncorrectable errors met with memory online, memdev kept (ras.c)
 * @aer_online_lost: link resets that cleared the decoders of online memory (ras.c)
 * @aer_kept_online: the recovery under way kept the memdev for online memory
 * @cel: the Command Effects Log kept from the core's reading (features.c)
 * @features: commands and Features the device supports (features.c)
 * @health: Health Info cache, NULL when unsupported (health.c)
 * @repair: Post Package Repair state, NULL when unsupported (repair.c)
 * @media_ops: range wipes, NULL when unsupported (media_ops.c)
 * @fw_slots: firmware slots the device has, 0 when unknown (firmware.c)
 * @sender: the mailbox for the device-independent logic (mbox.c)
 * @bg_lock: protects @bg
 * @bg: the background command last started (mbox.c)
 */
struct cxl_leo {
	struct pci_dev *pdev;
	struct cxl_memdev_state *mds;
	struct cxl_memdev *cxlmd;
	enum cxl_leo_bind_reason bind_reason;
	bool irq_avail;
	enum cxl_leo_event_delivery events;
	struct delayed_work event_poll;
	unsigned int event_retry_ms;
	atomic64_t cper_records;
	atomic64_t aer_online_kept;
	atomic64_t aer_online_lost;
	bool aer_kept_online;
	struct cxl_leo_cel_copy cel;
	struct cxl_leo_features *features;
	struct cxl_leo_health_cache *health;
	struct cxl_leo_repair *repair;
	struct cxl_leo_media_ops *media_ops;
	unsigned int fw_slots;
	struct cxl_leo_cmd_sender sender;
	spinlock_t bg_lock;	/* see @bg_lock */
	struct cxl_leo_bg bg;
};

struct cxl_leo *devm_cxl_leo_alloc(struct device *dev);
struct cxl_leo *cxl_leo_from_dev(struct device *dev);
struct cxl_leo *cxl_leo_from_ras_dev(struct device *dev);
int devm_cxl_leo_edac_add(struct cxl_leo *leo);

int cxl_leo_request_irq(struct cxl_dev_state *cxlds, unsigned int msgnum,
			irqreturn_t (*thread_fn)(int irq, void *id));
struct cxl_dev_state *cxl_leo_irq_cxlds(void *id);

int cxl_leo_may_change(struct device *dev, const struct device_attribute *attr);
int cxl_leo_mbox_setup(struct cxl_leo *leo);
void cxl_leo_bg_snapshot(struct cxl_leo *leo, struct cxl_leo_bg_snap *snap);
int cxl_leo_events_setup(struct cxl_leo *leo);
const char *cxl_leo_event_delivery_name(enum cxl_leo_event_delivery d);
int cxl_leo_cper_init(void);
void cxl_leo_cper_exit(void);
const char *cxl_leo_cper_consumer(void);
void cxl_leo_ras_unmask(struct cxl_leo *leo);
int cxl_leo_features_probe(struct cxl_leo *leo);
struct cxl_mbox_cmd;
void cxl_leo_cel_observe(struct cxl_leo *leo, const struct cxl_mbox_cmd *cmd);
bool cxl_leo_cel_has(struct cxl_leo *leo, u16 opcode);
bool cxl_leo_features_ras_controls(struct cxl_leo *leo);
int cxl_leo_health_probe(struct cxl_leo *leo);
int cxl_leo_repair_probe(struct cxl_leo *leo);
int cxl_leo_media_ops_probe(struct cxl_leo *leo);
void cxl_leo_firmware_probe(struct cxl_leo *leo);
void cxl_leo_repair_note_error(const struct cxl_memdev *cxlmd, u64 dpa, u32 nibble_mask,
			       bool nibble_valid);
int cxl_leo_feature_read(struct cxl_leo *leo, const u8 *uuid, void *buf, size_t len);
bool cxl_leo_dpa_online(struct cxl_memdev *cxlmd, u64 dpa);
bool cxl_leo_dpa_range_online(struct cxl_memdev *cxlmd, u64 dpa, u64 len);
int cxl_leo_online_guard_init(void);
void cxl_leo_online_guard_exit(void);
int devm_cxl_leo_online_guard_add(struct device *dev, struct cxl_dev_state *cxlds);

/* CXL r3.1 8.2.4.20.1: at most 32 HDM decoders per component. */
#define CXL_LEO_HDM_DECODERS_MAX	32

/**
 * struct cxl_leo_leaving - what a device that is going away holds online
 * @ranges: the host ranges its committed HDM decoders map (its regions)
 * @nr_ranges: entries in @ranges (0 when the device no longer answers)
 * @blocks: ids of its memory blocks that are online (kcalloc'ed)
 * @nr_blocks: entries in @blocks
 */
struct cxl_leo_leaving {
	struct range ranges[CXL_LEO_HDM_DECODERS_MAX];
	int nr_ranges;
	unsigned long *blocks;
	unsigned long nr_blocks;
};

int cxl_leo_online_guard_seal(struct device *dev, struct cxl_leo_leaving *l);
void cxl_leo_online_guard_unseal(struct device *dev);
int cxl_leo_evacuate_init(void);
void cxl_leo_evacuate_exit(void);

extern const struct pci_error_handlers cxl_leo_err_handlers;
extern const struct attribute_group *cxl_leo_dev_groups[];
extern const struct attribute_group cxl_leo_scrub_group;
extern const struct attribute_group cxl_leo_health_group;
extern const struct attribute_group cxl_leo_firmware_group;
extern const struct attribute_group cxl_leo_media_ops_group;
extern struct attribute_group cxl_leo_repair_groups[2];
void cxl_leo_repair_init(void);
/* DDR5 ECS, one group per media FRU, as many as a device can report. */
#define CXL_LEO_ECS_SYSFS_FRUS	8
extern struct attribute_group cxl_leo_ecs_groups[CXL_LEO_ECS_SYSFS_FRUS];
void cxl_leo_features_init(void);

#endif /* CXL_LEO_H */
