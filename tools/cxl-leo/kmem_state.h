/* SPDX-License-Identifier: GPL-2.0-only */
/* kmem's whole-device hotplug state on Linux 7.x (kmem_state.c). */
#ifndef CXL_LEO_KMEM_STATE_H
#define CXL_LEO_KMEM_STATE_H

#include <stdbool.h>
#include <stddef.h>

struct daxctl_dev;

/* True on kernels whose kmem keeps the state (7.x). */
bool kmem_state_kernel(void);
/*
 * Wait up to timeout_ms for kmem's probe to finish (and, with may_bind, for
 * kmem to bind a device nothing drives yet); true if the state is there.
 */
bool kmem_state_settle(struct daxctl_dev *dev, int timeout_ms, bool may_bind);
int kmem_state_read(struct daxctl_dev *dev, char *buf, size_t len);
int kmem_state_write(struct daxctl_dev *dev, const char *state);
bool kmem_state_is_online(const char *state);

#endif
