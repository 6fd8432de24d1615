// SPDX-License-Identifier: GPL-2.0-only
/*
 * Warning thresholds through Set Alert Configuration (CXL r3.1 8.2.9.9.3.3)
 * on the core's command interface, the same path as `cxl set-alert-config`:
 * one validation (the device's), and cxl_leo's health/ files, which read the
 * device every time, show the result at once. A refusal is explained from
 * the device's own critical thresholds.
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
	int (*set)(struct cxl_cmd *set, int threshold);
	int (*crit)(struct cxl_cmd *get);	/* NULL: no critical threshold */
	const char *rule;
};

static const struct alert_ops alerts[] = {
	{ "life_used", cxl_cmd_alert_config_life_used_prog_warn_threshold_writable,
	  cxl_cmd_alert_config_set_life_used_prog_warn_threshold,
	  cxl_cmd_alert_config_get_life_used_crit_alert_threshold,
	  "a percentage below the critical threshold" },
	{ "over_temperature",
	  cxl_cmd_alert_config_dev_over_temperature_prog_warn_threshold_writable,
	  cxl_cmd_alert_config_set_dev_over_temperature_prog_warn_threshold,
	  cxl_cmd_alert_config_get_dev_over_temperature_crit_alert_threshold,
	  "degrees C below the critical threshold" },
	{ "under_temperature",
	  cxl_cmd_alert_config_dev_under_temperature_prog_warn_threshold_writable,
	  cxl_cmd_alert_config_set_dev_under_temperature_prog_warn_threshold,
	  cxl_cmd_alert_config_get_dev_under_temperature_crit_alert_threshold,
	  "degrees C above the critical threshold" },
	{ "corrected_volatile",
	  cxl_cmd_alert_config_corrected_volatile_mem_err_prog_warn_threshold_writable,
	  cxl_cmd_alert_config_set_corrected_volatile_mem_err_prog_warn_threshold,
	  NULL, "an error count, 0-65535" },
	{ "corrected_persistent",
	  cxl_cmd_alert_config_corrected_pmem_err_prog_warn_threshold_writable,
	  cxl_cmd_alert_config_set_corrected_pmem_err_prog_warn_threshold,
	  NULL, "an error count, 0-65535" },
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
 * others. Prints the reason for any failure.
 *
 * Return: 0 or 1.
 */
int alert_config_set(struct cxl_memdev *m, const char *alert, bool enable, int value)
{
	const char *dev = cxl_memdev_get_devname(m);
	const struct alert_ops *a = NULL;
	struct cxl_cmd *get, *set = NULL;
	int i, rc, status, ret = 1;

	for (i = 0; i < (int)(sizeof(alerts) / sizeof(alerts[0])); i++)
		if (!strcmp(alerts[i].name, alert))
			a = &alerts[i];
	if (!a) {
		fprintf(stderr, "cxl-leo: %s: no alert named %s\n", dev, alert);
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
	if (a->writable(get) != 1) {
		fprintf(stderr, "cxl-leo: %s: %s does not let the host program this alert\n",
			alert, dev);
		goto out;
	}
	set = cxl_cmd_new_set_alert_config(m);
	if (!set || a->set(set, enable ? value : 0) ||
	    cxl_cmd_alert_config_set_valid_alert_actions(set, 1 << i) ||
	    cxl_cmd_alert_config_set_enable_alert_actions(set, enable ? 1 << i : 0)) {
		fprintf(stderr, "cxl-leo: %s: cannot build Set Alert Configuration for %s\n",
			alert, dev);
		goto out;
	}
	rc = submit(set, &status);
	if (rc == -EIO && status == MBOX_INVALID_INPUT) {
		if (a->crit)
			fprintf(stderr, "cxl-leo: %s=%d refused by %s: want %s (%d)\n", alert, value,
				dev, a->rule, a->crit(get));
		else
			fprintf(stderr, "cxl-leo: %s=%d refused by %s: want %s\n", alert, value, dev,
				a->rule);
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
