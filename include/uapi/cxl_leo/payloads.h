/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Mailbox payload layouts cxl_leo uses beyond what the 6.12 CXL core knows:
 * logs, Features, Health Info, Media Operations. Shared by the driver, its
 * KUnit suites and the cxl-leo tool (hence uapi/: plain types, no
 * kernel-only macros); all multi-byte fields are little endian.
 */
#ifndef CXL_LEO_PAYLOADS_H
#define CXL_LEO_PAYLOADS_H

#include <linux/types.h>

/* Opcodes, CXL r3.1 Table 8-37 */
#define CXL_LEO_OP_GET_FW_INFO			0x0200
#define CXL_LEO_OP_GET_SUPPORTED_LOGS		0x0400
#define CXL_LEO_OP_GET_LOG			0x0401
#define CXL_LEO_OP_GET_SUPPORTED_FEATURES	0x0500
#define CXL_LEO_OP_GET_FEATURE			0x0501
#define CXL_LEO_OP_SET_FEATURE			0x0502
#define CXL_LEO_OP_PERFORM_MAINTENANCE		0x0600
#define CXL_LEO_OP_GET_HEALTH_INFO		0x4200
#define CXL_LEO_OP_GET_ALERT_CONFIG		0x4201
#define CXL_LEO_OP_SET_ALERT_CONFIG		0x4202
#define CXL_LEO_OP_MEDIA_OPERATIONS		0x4402

#define CXL_LEO_UUID_LEN	16

/* Command Effects Log, CXL r3.1 8.2.9.5.2.1 */
#define CXL_LEO_CEL_UUID { 0x0d, 0xa9, 0xc0, 0xb5, 0xbf, 0x41, 0x4b, 0x78, \
			   0x8f, 0x79, 0x96, 0xb1, 0x62, 0x3b, 0x3f, 0x17 }

struct cxl_leo_supported_logs {
	__le16 entries;
	__u8 rsvd[6];
	struct {
		__u8 uuid[CXL_LEO_UUID_LEN];
		__le32 size;
	} __attribute__((packed)) entry[];
} __attribute__((packed));

struct cxl_leo_get_log_in {
	__u8 uuid[CXL_LEO_UUID_LEN];
	__le32 offset;
	__le32 length;
} __attribute__((packed));

struct cxl_leo_cel_entry {
	__le16 opcode;
	__le16 effects;
} __attribute__((packed));

/* Get Supported Features, CXL r3.1 8.2.9.6.1 */
struct cxl_leo_get_supported_features_in {
	__le32 count;		/* bytes of output wanted */
	__le16 start_index;
	__u8 rsvd[2];
} __attribute__((packed));

struct cxl_leo_feature_entry {
	__u8 uuid[CXL_LEO_UUID_LEN];
	__le16 index;
	__le16 get_size;
	__le16 set_size;
	__le32 attr_flags;
	__u8 get_version;
	__u8 set_version;
	__le16 set_effects;
	__u8 rsvd[18];
} __attribute__((packed));

struct cxl_leo_supported_features {
	__le16 entries;		/* in this reply */
	__le16 supported;	/* on the device */
	__u8 rsvd[4];
	struct cxl_leo_feature_entry entry[];
} __attribute__((packed));

#define CXL_LEO_FEAT_ATTR_CHANGEABLE	0x1

/* Get Feature / Set Feature, CXL r3.1 8.2.9.6.2 and 8.2.9.6.3 */
#define CXL_LEO_FEAT_SELECT_CURRENT	0

struct cxl_leo_get_feature_in {
	__u8 uuid[CXL_LEO_UUID_LEN];
	__le16 offset;
	__le16 count;
	__u8 selection;
} __attribute__((packed));

#define CXL_LEO_SET_FEAT_FULL_TRANSFER	0x0
#define CXL_LEO_SET_FEAT_SAVED_ACROSS_RESET	0x8	/* CXL r3.1 Table 8-101, bit 3 */

struct cxl_leo_set_feature_hdr {
	__u8 uuid[CXL_LEO_UUID_LEN];
	__le32 flags;
	__le16 offset;
	__u8 version;
	__u8 rsvd[9];
} __attribute__((packed));

/* Device Patrol Scrub Control, CXL r3.1 8.2.9.9.11.1 */
#define CXL_LEO_PATROL_SCRUB_UUID { 0x96, 0xda, 0xd7, 0xd6, 0xfd, 0xe8, 0x48, 0x2b, \
				    0xa7, 0x33, 0x75, 0x77, 0x4e, 0x06, 0xdb, 0x8a }

struct cxl_leo_scrub_rd {
	__u8 cycle_cap;		/* bit 0: cycle changeable, bit 1: realtime report */
	__le16 cycle;		/* 7:0 current hours, 15:8 minimum hours */
	__u8 flags;		/* bit 0: enabled */
} __attribute__((packed));

struct cxl_leo_scrub_wr {
	__u8 cycle_hours;
	__u8 flags;
} __attribute__((packed));

/* DDR5 Error Check Scrub Control, CXL r3.1 8.2.9.9.11.2 */
#define CXL_LEO_ECS_UUID { 0xe5, 0xb1, 0x3f, 0x22, 0x23, 0x28, 0x4a, 0x14, \
			   0xb8, 0xba, 0xb9, 0x69, 0x1e, 0x89, 0x33, 0x86 }

/* Get FW Info, CXL r3.1 8.2.9.3.1 */
#define CXL_LEO_FW_SLOTS_MAX	4
#define CXL_LEO_FW_REV_LEN	16

struct cxl_leo_fw_info {
	__u8 slots_supported;
	__u8 slot_info;		/* 2:0 active slot, 5:3 slot staged for next activation */
	__u8 activation_caps;	/* bit 0: online activation */
	__u8 rsvd[13];
	char revision[CXL_LEO_FW_SLOTS_MAX][CXL_LEO_FW_REV_LEN];
} __attribute__((packed));

/* Health Info, CXL r3.1 8.2.9.9.3.1 */
struct cxl_leo_health_info {
	__u8 health_status;
	__u8 media_status;
	__u8 additional_status;
	__u8 life_used;
	__le16 temperature;	/* signed degrees C; 0xffff: not implemented */
	__le32 dirty_shutdowns;
	__le32 corrected_volatile;
	__le32 corrected_persistent;
} __attribute__((packed));

/* Get Alert Configuration, CXL r3.1 8.2.9.9.3.2; bit n of the masks is alert n */
#define CXL_LEO_ALERT_LIFE_USED_BIT		0
#define CXL_LEO_ALERT_OVER_TEMP_BIT		1
#define CXL_LEO_ALERT_UNDER_TEMP_BIT		2
#define CXL_LEO_ALERT_CORR_VOLATILE_BIT		3
#define CXL_LEO_ALERT_CORR_PERSISTENT_BIT	4

struct cxl_leo_alert_config {
	__u8 valid;		/* warning thresholds in force */
	__u8 programmable;	/* warning thresholds the host may set */
	__u8 life_used_crit;
	__u8 life_used_warn;
	__le16 over_temp_crit;	/* signed degrees C */
	__le16 under_temp_crit;
	__le16 over_temp_warn;
	__le16 under_temp_warn;
	__le16 corr_volatile_warn;
	__le16 corr_persistent_warn;
} __attribute__((packed));

/* Soft and hard Post Package Repair Features, CXL r3.2 8.2.10.7.2 */
#define CXL_LEO_SPPR_UUID { 0x89, 0x2b, 0xa4, 0x75, 0xfa, 0xd8, 0x47, 0x4e, \
			    0x9d, 0x3e, 0x69, 0x2c, 0x91, 0x75, 0x68, 0xbb }
#define CXL_LEO_HPPR_UUID { 0x80, 0xea, 0x45, 0x21, 0x78, 0x6f, 0x41, 0x27, \
			    0xaf, 0xb1, 0xec, 0x74, 0x59, 0xfb, 0x0e, 0x24 }

#define CXL_LEO_MAINT_CLASS_PPR		0x01
#define CXL_LEO_MAINT_SUBCLASS_SPPR	0x00
#define CXL_LEO_MAINT_SUBCLASS_HPPR	0x01

struct cxl_leo_ppr_rd {
	__u8 max_latency;	/* 3:0 encoded maximum maintenance latency */
	__le16 op_caps;
	__le16 op_mode;
	__u8 op_class;
	__u8 op_subclass;
	__u8 rsvd[9];
	__u8 ppr_flags;		/* bit 0: repairs by DPA, bit 1: nibble mask */
	__le16 restrictions;	/* bit 0: media inaccessible, bit 2: data lost */
	__u8 ppr_op_mode;
} __attribute__((packed));

#define CXL_LEO_PPR_FLAG_DPA		0x01
#define CXL_LEO_PPR_FLAG_NIBBLE		0x02
#define CXL_LEO_PPR_RESTRICT_MEDIA	0x0001
#define CXL_LEO_PPR_RESTRICT_DATA	0x0004

/* Perform Maintenance, CXL r3.1 8.2.9.7.1, with the PPR parameters */
struct cxl_leo_ppr_maintenance {
	__u8 op_class;
	__u8 op_subclass;
	__u8 flags;		/* bit 0: only query resources */
	__le64 dpa;
	__u8 nibble_mask[3];
} __attribute__((packed));

/* Media Operations, CXL r3.2 8.2.10.9.5.3 */
#define CXL_LEO_MEDIA_OP_CLASS_GENERAL		0x00
#define CXL_LEO_MEDIA_OP_GENERAL_DISCOVERY	0x00
#define CXL_LEO_MEDIA_OP_CLASS_SANITIZE		0x01
#define CXL_LEO_MEDIA_OP_SANITIZE_SANITIZE	0x00
#define CXL_LEO_MEDIA_OP_SANITIZE_ZERO		0x01

struct cxl_leo_media_op_hdr {
	__u8 op_class;
	__u8 op_subclass;
	__u8 rsvd[2];
	__le32 dpa_range_count;
} __attribute__((packed));

/* Discovery input: which part of the supported operations list to return */
struct cxl_leo_media_op_discovery_in {
	struct cxl_leo_media_op_hdr hdr;
	__le16 start_index;
	__le16 num_ops;
} __attribute__((packed));

struct cxl_leo_media_op_entry {
	__u8 op_class;
	__u8 op_subclass;
} __attribute__((packed));

struct cxl_leo_media_op_discovery_out {
	__le64 dpa_range_granularity;
	__le16 total_ops;
	__le16 returned_ops;
	struct cxl_leo_media_op_entry entry[];
} __attribute__((packed));

struct cxl_leo_media_op_range {
	__le64 dpa;
	__le64 length;
} __attribute__((packed));

/* Sanitize and Zero input: the DPA ranges to act on */
struct cxl_leo_media_op_ranges_in {
	struct cxl_leo_media_op_hdr hdr;
	struct cxl_leo_media_op_range range[];
} __attribute__((packed));

#endif /* CXL_LEO_PAYLOADS_H */
