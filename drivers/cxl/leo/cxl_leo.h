/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * State cxl_leo keeps per device next to the core's cxl_memdev_state, and
 * the interfaces between the driver's files. The PCI drvdata stays the
 * core's struct cxl_dev_state: the core's AER helpers rely on that.
 */
#ifndef CXL_LEO_H
#define CXL_LEO_H

#include <linux/irqreturn.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include "bind_policy.h"
#include "cmd_sender.h"

struct attribute_group;
struct cxl_leo_features;
struct cxl_leo_health_cache;
struct cxl_leo_repair;
struct cxl_dev_state;
struct cxl_memdev;
struct cxl_memdev_state;
struct device;
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
 * struct cxl_leo - per-device driver state
 * @pdev: the PCI function
 * @mds: the core's memory device state
 * @cxlmd: the registered memdev
 * @bind_reason: why cxl_leo drives this device
 * @irq_avail: MSI/MSI-X vectors were allocated
 * @events: how event records are delivered
 * @event_poll: the poll used for %CXL_LEO_EVENTS_POLL
 * @features: commands and Features the device supports (features.c)
 * @health: Health Info cache, NULL when unsupported (health.c)
 * @repair: Post Package Repair state, NULL when unsupported (repair.c)
 * @sender: the mailbox for the device-independent logic (mbox.c)
 */
struct cxl_leo {
	struct pci_dev *pdev;
	struct cxl_memdev_state *mds;
	struct cxl_memdev *cxlmd;
	enum cxl_leo_bind_reason bind_reason;
	bool irq_avail;
	enum cxl_leo_event_delivery events;
	struct delayed_work event_poll;
	struct cxl_leo_features *features;
	struct cxl_leo_health_cache *health;
	struct cxl_leo_repair *repair;
	struct cxl_leo_cmd_sender sender;
};

struct cxl_leo *devm_cxl_leo_alloc(struct device *dev);
struct cxl_leo *cxl_leo_from_dev(struct device *dev);

int cxl_leo_request_irq(struct cxl_dev_state *cxlds, unsigned int msgnum,
			irqreturn_t (*thread_fn)(int irq, void *id));
struct cxl_dev_state *cxl_leo_irq_cxlds(void *id);

int cxl_leo_mbox_setup(struct cxl_leo *leo);
int cxl_leo_events_setup(struct cxl_leo *leo);
const char *cxl_leo_event_delivery_name(enum cxl_leo_event_delivery d);
void cxl_leo_ras_unmask(struct cxl_leo *leo);
int cxl_leo_features_probe(struct cxl_leo *leo);
bool cxl_leo_cel_has(struct cxl_leo *leo, u16 opcode);
int cxl_leo_health_probe(struct cxl_leo *leo);
int cxl_leo_repair_probe(struct cxl_leo *leo);
int cxl_leo_feature_read(struct cxl_leo *leo, const u8 *uuid, void *buf, size_t len);
bool cxl_leo_dpa_online(struct cxl_memdev *cxlmd, u64 dpa);
int cxl_leo_online_guard_init(void);
void cxl_leo_online_guard_exit(void);
int devm_cxl_leo_online_guard_add(struct device *dev, struct cxl_dev_state *cxlds);

extern const struct pci_error_handlers cxl_leo_err_handlers;
extern const struct attribute_group *cxl_leo_dev_groups[];
extern const struct attribute_group cxl_leo_scrub_group;
extern const struct attribute_group cxl_leo_health_group;
extern const struct attribute_group cxl_leo_firmware_group;
extern struct attribute_group cxl_leo_repair_groups[2];
void cxl_leo_repair_init(void);
/* DDR5 ECS, one group per media FRU; devices with more FRUs show the first four. */
#define CXL_LEO_ECS_SYSFS_FRUS	4
extern struct attribute_group cxl_leo_ecs_groups[CXL_LEO_ECS_SYSFS_FRUS];
void cxl_leo_features_init(void);

#endif /* CXL_LEO_H */
