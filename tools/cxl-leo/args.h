/* SPDX-License-Identifier: GPL-2.0-only */
/* Argument parsing shared by the commands; no libcxl, unit tested. */
#ifndef CXL_LEO_ARGS_H
#define CXL_LEO_ARGS_H

#include <stdbool.h>
#include <stddef.h>

int parse_u64(const char *s, unsigned long long min, unsigned long long max,
	      unsigned long long *out);
int parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out);
int parse_bool_word(const char *s, bool *out);
int parse_threshold(const char *s, char *attr, size_t attr_len, char *val, size_t val_len);
int filter_tokens(const char *filter);
bool cxl_ident_match(const char *filter, const char *devname, const char *prefix,
		     const char *alias);
bool memdev_filter_match(const char *filter, const char *devname, const char *host);
bool decoder_filter_match(const char *filter, const char *devname, const char *kind);
bool serial_filter_match(const char *filter, unsigned long long serial);
int serial_filter_check(const char *filter);

#endif
