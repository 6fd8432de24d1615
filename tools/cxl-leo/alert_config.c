// SPDX-License-Identifier: GPL-2.0-only
/*
 * Warning thresholds through Set Alert Configuration (CXL r3.1 8.2.9.9.3.3)
 * on the core's command interface, the same path as `cxl set-alert-config`:
 * one validation (the device's), and cxl_leo's health/ files, which read the
 * device every time, show the result at once. The tool checks only that a
 * value fits its field (libcxl would truncate it silently); whether the
 * device takes it is the device's answer, not Programmable Alerts read
 * beforehand: QEMU 11.1 reports there what it has been set to, not what may
 * be set. A refusal is explained from the device's own critical thresholds.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxl/libcxl.h>
#include "alert_config.h"

#define MBOX_INVALID_INPUT	0x2	/* CXL r3.1 Table 8-34 */
#define MBOX_UNSUPPORTED	0x15

struct alert_ops {
	const char *name;
	int (*writable)(struct cxl_cmd *get);
	int (*get)(struct cxl_cmd *get);
	int (*set)(struct cxl_cmd *set, int threshold);
	int (*crit)(struct cxl_cmd *get);	/* NULL: no critical threshold */
	int min, max;			/* what the field holds */
	const char *rule;
};

static const struct alert_ops alerts[] = {
	{ "life_used", cxl_cmd_alert_config_life_used_prog_warn_threshold_writable,
	  cxl_cmd_alert_config_get_life_used_prog_warn_threshold,
	  cxl_cmd_alert_config_set_life_used_prog_warn_threshold,
	  cxl_cmd_alert_config_get_life_used_crit_alert_threshold, 0, 100,
	  "a percentage below the critical threshold" },
	{ "over_temperature",
	  cxl_cmd_alert_config_dev_over_temperature_prog_warn_threshold_writable,
	  cxl_cmd_alert_config_get_dev_over_temperature_prog_warn_threshold,
	  cxl_cmd_alert_config_set_dev_over_temperature_prog_warn_threshold,
	  cxl_cmd_alert_config_get_dev_over_temperature_crit_alert_threshold, -32768, 32767,
	  "degrees C below the critical threshold" },
	{ "under_temperature",
	  cxl_cmd_alert_config_dev_under_temperature_prog_warn_threshold_writable,
	  cxl_cmd_alert_config_get_dev_under_temperature_prog_warn_threshold,
	  cxl_cmd_alert_config_set_dev_under_temperature_prog_warn_threshold,
	  cxl_cmd_alert_config_get_dev_under_temperature_crit_alert_threshold, -32768, 32767,
	  "degrees C above the critical threshold" },
	{ "corrected_volatile",
	  cxl_cmd_alert_config_corrected_volatile_mem_err_prog_warn_threshold_writable,
	  cxl_cmd_alert_config_get_corrected_volatile_mem_err_prog_warn_threshold,
	  cxl_cmd_alert_config_set_corrected_volatile_mem_err_prog_warn_threshold,
	  NULL, 0, 65535, "an error count, 0-65535" },
	{ "corrected_persistent",
	  cxl_cmd_alert_config_corrected_pmem_err_prog_warn_threshold_writable,
	  cxl_cmd_alert_config_get_corrected_pmem_err_prog_warn_threshold,
	  cxl_cmd_alert_config_set_corrected_pmem_err_prog_warn_threshold,
	  NULL, 0, 65535, "an error count, 0-65535" },
};

/* Runs @cmd; 0, or an errno with the device's status in *@status. */
static int submit(struct cxl_cmd *cmd, int *status)
{
	int rc = cxl_cmd_submit(cmd);

	*status = rc < 0 ? 0 : cxl_cmd_get_mbox_status(cmd);
	if (rc < 0)
		return rc;
	return *status ? -EIO : 0;
}

static const char *submit_error(int rc, int status)
{
	if (rc == -EPERM || rc == -EACCES)
		return "needs CAP_SYS_ADMIN (run as root)";
	if (rc == -EIO && status == MBOX_UNSUPPORTED)
		return "the device does not support alert configuration";
	return strerror(-rc);
}

/**
 * alert_config_set() - set or switch off one warning threshold
 * @m: the memdev
 * @alert: life_used, over_temperature, under_temperature,
 *	corrected_volatile or corrected_persistent
 * @enable: false to switch the warning off
 * @value: the threshold when @enable
 *
 * Only @alert's bit is set in Valid Alert Actions, so the device keeps the
 * others; switching a warning off sends its current threshold back, so a
 * device that checks the field anyway does not refuse the request. Prints
 * the reason for any failure.
 *
 * Return: 0 or 1.
 */
int alert_config_set(struct cxl_memdev *m, const char *alert, bool enable, int value)
{
	const char *dev = cxl_memdev_get_devname(m);
	const struct alert_ops *a = NULL;
	struct cxl_cmd *get, *set = NULL;
	int i, rc, status, ret = 1;

	/* The table's order is the bit order of Valid and Enable Alert Actions. */
	for (i = 0; i < (int)(sizeof(alerts) / sizeof(alerts[0])); i++)
		if (!strcmp(alerts[i].name, alert)) {
			a = &alerts[i];
			break;
		}
	if (!a) {
		fprintf(stderr, "cxl-leo: %s: no alert named %s\n", dev, alert);
		return 1;
	}
	if (enable && (value < a->min || value > a->max)) {
		fprintf(stderr, "cxl-leo: %s=%d refused: out of range %d..%d; nothing sent to %s\n",
			alert, value, a->min, a->max, dev);
		return 1;
	}
	get = cxl_cmd_new_get_alert_config(m);
	if (!get) {
		fprintf(stderr, "cxl-leo: %s: alert configuration not supported by %s\n", alert, dev);
		return 1;
	}
	rc = submit(get, &status);
	if (rc) {
		/* The core refuses commands the device's CEL lacks. */
		if ((rc == -EIO && status == MBOX_UNSUPPORTED) || rc == -ENOTTY ||
		    rc == -EOPNOTSUPP)
			fprintf(stderr, "cxl-leo: %s: alert configuration not supported by %s\n",
				alert, dev);
		else
			fprintf(stderr, "cxl-leo: %s: reading the alert configuration of %s: %s\n",
				alert, dev, submit_error(rc, status));
		goto out;
	}
	set = cxl_cmd_new_set_alert_config(m);
	if (!set || a->set(set, enable ? value : a->get(get)) ||
	    cxl_cmd_alert_config_set_valid_alert_actions(set, 1 << i) ||
	    cxl_cmd_alert_config_set_enable_alert_actions(set, enable ? 1 << i : 0)) {
		fprintf(stderr, "cxl-leo: %s: cannot build Set Alert Configuration for %s\n",
			alert, dev);
		goto out;
	}
	rc = submit(set, &status);
	if (rc == -EIO && status == MBOX_INVALID_INPUT) {
		const char *prog = a->writable(get) == 1 ? "" :
				   "; the device does not list it as host-programmable";

		if (!enable)
			fprintf(stderr, "cxl-leo: %s=off refused by %s%s\n", alert, dev, prog);
		else if (a->crit)
			fprintf(stderr, "cxl-leo: %s=%d refused by %s: want %s (%d)%s\n", alert,
				value, dev, a->rule, a->crit(get), prog);
		else
			fprintf(stderr, "cxl-leo: %s=%d refused by %s: want %s%s\n", alert, value,
				dev, a->rule, prog);
		goto out;
	}
	if (rc) {
		fprintf(stderr, "cxl-leo: %s: %s: %s\n", alert, dev, submit_error(rc, status));
		goto out;
	}
	ret = 0;
out:
	cxl_cmd_unref(set);
	cxl_cmd_unref(get);
	return ret;
}
