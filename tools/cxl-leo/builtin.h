/* SPDX-License-Identifier: GPL-2.0-only */
/* The cxl-leo commands, one entry each in main.c's table. */
#ifndef CXL_LEO_BUILTIN_H
#define CXL_LEO_BUILTIN_H

struct cxl_ctx;

int cmd_list(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_health(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_errors(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_decoders(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_scrub(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_ecs(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_poison(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_monitor(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_repair(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_online(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_apply_policy(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_offline(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_release(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_weights(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_usage(int argc, char **argv, struct cxl_ctx *ctx);
int cmd_update_firmware(int argc, char **argv, struct cxl_ctx *ctx);

#endif
