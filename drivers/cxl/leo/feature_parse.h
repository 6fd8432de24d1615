/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoding and encoding of the Features, logs and health payloads in
 * include/cxl_leo/payloads.h. No device access: everything here checks
 * lengths and values the device reported before anything is believed.
 */
#ifndef CXL_LEO_FEATURE_PARSE_H
#define CXL_LEO_FEATURE_PARSE_H

#include <linux/types.h>
#include <uapi/cxl_leo/payloads.h>

#define CXL_LEO_ECS_MAX_FRUS	8

/**
 * struct cxl_leo_feature - one supported Feature, decoded
 * @uuid: Feature identifier
 * @get_size: bytes Get Feature returns
 * @set_size: bytes Set Feature takes
 * @changeable: attributes can be written
 * @set_version: version Set Feature must carry
 */
struct cxl_leo_feature {
	u8 uuid[CXL_LEO_UUID_LEN];
	u16 get_size;
	u16 set_size;
	bool changeable;
	u8 set_version;
};

/**
 * struct cxl_leo_scrub - patrol scrub state
 * @cycle_changeable: the cycle can be set
 * @realtime_report: the device reports scrub results in real time
 * @cycle_hours: current scrub cycle
 * @min_cycle_hours: shortest cycle the device supports
 * @enabled: background patrol scrub runs
 */
struct cxl_leo_scrub {
	bool cycle_changeable;
	bool realtime_report;
	u8 cycle_hours;
	u8 min_cycle_hours;
	bool enabled;
};

/**
 * enum cxl_leo_ecs_layout - where the ECS log capability lives
 * @CXL_LEO_ECS_PER_FRU: CXL r3.1, five bytes per FRU, log capability in each
 * @CXL_LEO_ECS_SHARED_LOG_CAP: CXL r3.2, one shared log capability byte,
 *	then four bytes per FRU
 */
enum cxl_leo_ecs_layout {
	CXL_LEO_ECS_PER_FRU,
	CXL_LEO_ECS_SHARED_LOG_CAP,
};

/**
 * struct cxl_leo_ecs_fru - ECS state of one media FRU
 * @log_entry_type: 0 per DRAM, 1 per memory media FRU
 * @realtime_report: the FRU reports in real time
 * @threshold: error count threshold per Gb (256, 1024 or 4096; 0 if unknown)
 * @codeword_mode: counts codewords (true) or rows (false)
 * @log_cap: the ECS Log Capabilities byte as read (shared by all FRUs in
 *	the r3.2 layout)
 * @config: the ECS Configuration field as read, so that a write can carry
 *	values this driver does not decode back unchanged
 */
struct cxl_leo_ecs_fru {
	u8 log_entry_type;
	bool realtime_report;
	u16 threshold;
	bool codeword_mode;
	u8 log_cap;
	u16 config;
};

/**
 * enum cxl_leo_ecs_field - one writable ECS setting of a FRU
 * @CXL_LEO_ECS_LOG_ENTRY_TYPE: 0 per DRAM, 1 per memory media FRU (for the
 *	whole device in the r3.2 layout, which has one log capability)
 * @CXL_LEO_ECS_THRESHOLD: errors per Gb, 256, 1024 or 4096
 * @CXL_LEO_ECS_MODE: 0 counts rows, 1 counts codewords
 * @CXL_LEO_ECS_RESET: 1 resets the FRU's error counter
 */
enum cxl_leo_ecs_field {
	CXL_LEO_ECS_LOG_ENTRY_TYPE,
	CXL_LEO_ECS_THRESHOLD,
	CXL_LEO_ECS_MODE,
	CXL_LEO_ECS_RESET,
};

/**
 * struct cxl_leo_ecs - ECS state of a device
 * @layout: payload layout the device uses
 * @nr_frus: FRUs reported
 * @fru: per-FRU state
 */
struct cxl_leo_ecs {
	enum cxl_leo_ecs_layout layout;
	unsigned int nr_frus;
	struct cxl_leo_ecs_fru fru[CXL_LEO_ECS_MAX_FRUS];
};

/**
 * struct cxl_leo_health - Health Info, decoded
 * @health_status: bit 0 maintenance needed, 1 performance degraded, 2 replace
 * @media_status: 0 normal, 1 not ready, 2 write persistency lost, ...
 * @additional_status: life-used and temperature warning states
 * @life_used: percent, 0xff when not implemented
 * @temperature_valid: the device reports a temperature
 * @temperature: degrees C
 * @dirty_shutdowns: dirty shutdown count
 * @corrected_volatile: corrected volatile error count
 * @corrected_persistent: corrected persistent error count
 */
struct cxl_leo_health {
	u8 health_status;
	u8 media_status;
	u8 additional_status;
	u8 life_used;
	bool temperature_valid;
	s16 temperature;
	u32 dirty_shutdowns;
	u32 corrected_volatile;
	u32 corrected_persistent;
};

/**
 * struct cxl_leo_fw - Get FW Info, decoded
 * @slots: firmware slots the device has (1-4)
 * @active: slot running now (1-based)
 * @staged: slot activated at the next reset, 0 for none
 * @online_activation: a new image can be activated without a reset
 * @revision: NUL-terminated revision of each slot, "" when empty
 */
struct cxl_leo_fw {
	u8 slots;
	u8 active;
	u8 staged;
	bool online_activation;
	char revision[CXL_LEO_FW_SLOTS_MAX][CXL_LEO_FW_REV_LEN + 1];
};

int cxl_leo_fw_info_decode(const void *buf, size_t len, struct cxl_leo_fw *fw);
int cxl_leo_logs_find(const void *buf, size_t len, const u8 *uuid, u32 *size);
int cxl_leo_cel_find(const void *cel, size_t len, u16 opcode);
int cxl_leo_features_parse(const void *buf, size_t len, struct cxl_leo_feature *out,
			   unsigned int max, unsigned int *nr);
const struct cxl_leo_feature *cxl_leo_feature_find(const struct cxl_leo_feature *f,
						   unsigned int nr, const u8 *uuid);
int cxl_leo_scrub_decode(const void *buf, size_t len, struct cxl_leo_scrub *s);
int cxl_leo_scrub_encode(const struct cxl_leo_scrub *cur, u8 cycle_hours, bool enable,
			 struct cxl_leo_scrub_wr *wr);
int cxl_leo_ecs_layout(size_t get_size, size_t set_size, enum cxl_leo_ecs_layout *layout,
		       unsigned int *nr_frus);
int cxl_leo_ecs_decode(const void *buf, size_t len, size_t set_size, struct cxl_leo_ecs *e);
ssize_t cxl_leo_ecs_encode(const struct cxl_leo_ecs *cur, unsigned int fru,
			   enum cxl_leo_ecs_field field, unsigned int value, u8 *buf, size_t len);
int cxl_leo_ecs_threshold_valid(unsigned int threshold);
int cxl_leo_health_decode(const void *buf, size_t len, struct cxl_leo_health *h);

#endif /* CXL_LEO_FEATURE_PARSE_H */
