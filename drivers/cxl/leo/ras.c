// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCIe AER integration. The core decodes and traces the CXL RAS capability
 * (cxl_error_detected(), cxl_cor_error_detected()); this file unmasks the
 * errors the device should report, restores CXL.mem after a slot reset,
 * and keeps the core's recovery away from online memory: on an
 * uncorrectable error cxl_error_detected() releases the memdev, which
 * uncommits the decoders of every region the device is in, under memory
 * the kernel still uses. With memory online cxl_leo keeps the memdev and
 * reports instead (ras_decode.h, Documentation/ras.rst).
 */
#include <linux/aer.h>
#include <linux/bitfield.h>
#include <linux/io.h>
#include <linux/memory.h>
#include <linux/memory_hotplug.h>
#include <linux/pci.h>
#include <linux/pfn.h>
#include <cxlmem.h>
#include <cxlpci.h>
#include <cxl.h>
#include "compat.h"
#include "cxl_leo.h"
#include "ras_decode.h"

static void ras_unmask_reg(struct pci_dev *pdev, void __iomem *reg, u32 mask, const char *what)
{
	u32 old = readl(reg);

	writel(old & ~mask, reg);
	dev_dbg(&pdev->dev, "%s RAS error mask %#x -> %#x\n", what, old, old & ~mask);
}

/*
 * CXL protocol errors reach AER as Corrected/Uncorrectable Internal Errors,
 * which PCIe masks by default (PCIe r6.0 7.8.4.3, 7.8.4.6); the 6.12 core
 * unmasks them only for RCH ports. Without this no RAS report ever arrives.
 */
static void cxl_leo_aer_unmask_internal(struct pci_dev *pdev)
{
	u16 aer = pdev->aer_cap;
	u32 mask;

	if (!aer)
		return;
	pci_read_config_dword(pdev, aer + PCI_ERR_UNCOR_MASK, &mask);
	pci_write_config_dword(pdev, aer + PCI_ERR_UNCOR_MASK, mask & ~PCI_ERR_UNC_INTN);
	pci_read_config_dword(pdev, aer + PCI_ERR_COR_MASK, &mask);
	pci_write_config_dword(pdev, aer + PCI_ERR_COR_MASK, mask & ~PCI_ERR_COR_INTERNAL);
}

/**
 * cxl_leo_ras_unmask() - let the RAS capability report what AER will handle
 * @leo: the device
 *
 * Only when the OS owns AER (_OSC): the device's internal-error AER masks,
 * and the RAS capability masks whose reporting the device's PCIe control
 * enables; CXL r3.1 8.2.4.16.
 */
void cxl_leo_ras_unmask(struct cxl_leo *leo)
{
	struct pci_dev *pdev = leo->pdev;
	void __iomem *ras;
	u16 devctl;

	guard(device)(&leo->cxlmd->dev);
	ras = cxl_leo_compat_ras_regs(&leo->mds->cxlds);
	if (!ras) {
		dev_dbg(&pdev->dev, "no RAS capability\n");
		return;
	}
	if (!pcie_aer_is_native(pdev))
		return;
	cxl_leo_aer_unmask_internal(pdev);
	if (pcie_capability_read_word(pdev, PCI_EXP_DEVCTL, &devctl))
		return;
	if (devctl & PCI_EXP_DEVCTL_URRE)
		ras_unmask_reg(pdev, ras + CXL_RAS_UNCORRECTABLE_MASK_OFFSET,
			       CXL_RAS_UNCORRECTABLE_MASK_MASK |
			       CXL_RAS_UNCORRECTABLE_MASK_F256B_MASK, "uncorrectable");
	if (devctl & PCI_EXP_DEVCTL_CERE)
		ras_unmask_reg(pdev, ras + CXL_RAS_CORRECTABLE_MASK_OFFSET,
			       CXL_RAS_CORRECTABLE_MASK_MASK, "correctable");
}

static int decoder_memory_online(struct device *dev, void *unused)
{
	unsigned long block = memory_block_size_bytes();
	struct cxl_endpoint_decoder *cxled;
	u64 addr, end;

	if (!is_endpoint_decoder(dev))
		return 0;
	cxled = to_cxl_endpoint_decoder(dev);
	if (!READ_ONCE(cxled->cxld.region))
		return 0;
	end = cxled->cxld.hpa_range.end;
	for (addr = ALIGN_DOWN(cxled->cxld.hpa_range.start, block); addr <= end; addr += block)
		if (pfn_to_online_page(PHYS_PFN(addr)))
			return 1;
	return 0;
}

/* Caller holds the memdev's device lock: its endpoint port stays. */
static bool ras_memory_online(struct cxl_memdev *cxlmd)
{
	device_lock_assert(&cxlmd->dev);
	if (!cxlmd->dev.driver || !cxlmd->endpoint)
		return false;
	return device_for_each_child(&cxlmd->endpoint->dev, NULL, decoder_memory_online);
}

/*
 * What cxl_error_detected() would log and clear (CXL r3.1 8.2.4.17), when
 * its teardown must not run: the core's tracepoint cannot be raised from
 * here, so the same fields go to the kernel log.
 */
static u32 ras_report_uncorrectable(struct pci_dev *pdev, struct cxl_dev_state *cxlds)
{
	void __iomem *ras = cxl_leo_compat_ras_regs(cxlds);
	unsigned long bits;
	unsigned int bit;
	u32 status, fe;

	if (!ras)
		return 0;
	status = readl(ras + CXL_RAS_UNCORRECTABLE_STATUS_OFFSET) &
		 CXL_RAS_UNCORRECTABLE_STATUS_MASK;
	if (!status)
		return 0;
	fe = hweight32(status) > 1 ?
	     BIT(FIELD_GET(CXL_RAS_CAP_CONTROL_FE_MASK,
			   readl(ras + CXL_RAS_CAP_CONTROL_OFFSET))) : status;
	bits = status;
	for_each_set_bit(bit, &bits, CXL_LEO_RAS_UNCOR_BITS)
		dev_crit(&pdev->dev, "%s: uncorrectable CXL RAS error %s%s\n",
			 dev_name(&cxlds->cxlmd->dev),
			 cxl_leo_ras_bit_name(true, bit) ?: "reserved",
			 BIT(bit) & fe ? " (first)" : "");
	writel(status, ras + CXL_RAS_UNCORRECTABLE_STATUS_OFFSET);
	return status;
}

static enum cxl_leo_aer_channel ras_channel(pci_channel_state_t state)
{
	if (state == pci_channel_io_normal)
		return CXL_LEO_AER_IO_NORMAL;
	if (state == pci_channel_io_frozen)
		return CXL_LEO_AER_IO_FROZEN;
	return CXL_LEO_AER_IO_PERM_FAILURE;
}

static pci_ers_result_t cxl_leo_error_detected(struct pci_dev *pdev, pci_channel_state_t state)
{
	struct cxl_dev_state *cxlds = pci_get_drvdata(pdev);
	struct cxl_leo *leo = cxl_leo_from_dev(&pdev->dev);
	struct cxl_memdev *cxlmd = cxlds->cxlmd;
	enum cxl_leo_aer_plan plan;
	u32 status;

	scoped_guard(device, &cxlmd->dev) {
		plan = cxl_leo_aer_plan(ras_channel(state), ras_memory_online(cxlmd));
		if (plan == CXL_LEO_AER_CORE || plan == CXL_LEO_AER_DISCONNECT || !leo)
			break;
		status = ras_report_uncorrectable(pdev, cxlds);
		leo->aer_kept_online = true;
		atomic64_inc(&leo->aer_online_kept);
		if (plan == CXL_LEO_AER_KEEP) {
			dev_crit(&pdev->dev, "%s: uncorrectable error %#x under online memory: memdev, decoders and link kept (cxl_leo/aer_online_kept)\n",
				 dev_name(&cxlmd->dev), status);
			return PCI_ERS_RESULT_CAN_RECOVER;
		}
		dev_crit(&pdev->dev, "%s: fatal error %#x under online memory: memdev kept; the link reset that follows may clear its decoders\n",
			 dev_name(&cxlmd->dev), status);
		return PCI_ERS_RESULT_NEED_RESET;
	}
	return cxl_error_detected(pdev, state);
}

static pci_ers_result_t cxl_leo_slot_reset(struct pci_dev *pdev)
{
	struct cxl_dev_state *cxlds = pci_get_drvdata(pdev);
	struct cxl_leo *leo = cxl_leo_from_dev(&pdev->dev);
	struct cxl_memdev *cxlmd = cxlds->cxlmd;

	pci_restore_state(pdev);
	if (leo && leo->aer_kept_online) {
		guard(device)(&cxlmd->dev);
		leo->aer_kept_online = false;
		if (!cxlmd->dev.driver || !cxlmd->endpoint)
			return PCI_ERS_RESULT_DISCONNECT;
		if (!cxl_endpoint_decoder_reset_detected(cxlmd->endpoint)) {
			dev_info(&pdev->dev, "%s: decoders survived the reset, memory intact\n",
				 dev_name(&cxlmd->dev));
			return PCI_ERS_RESULT_RECOVERED;
		}
		/* Nothing brings the data back: say so, never pretend recovery. */
		atomic64_inc(&leo->aer_online_lost);
		dev_emerg(&pdev->dev, "%s: reset cleared the HDM decoders of online memory: its contents are unreachable (cxl_leo/aer_online_lost)\n",
			  dev_name(&cxlmd->dev));
		add_taint(TAINT_MACHINE_CHECK, LOCKDEP_STILL_OK);
		return PCI_ERS_RESULT_DISCONNECT;
	}

	dev_info(&pdev->dev, "%s: restarting CXL.mem after slot reset\n",
		 dev_name(&cxlmd->dev));
	/* Re-attaching the memdev re-enumerates its port and decoders. */
	if (device_attach(&cxlmd->dev) <= 0)
		return PCI_ERS_RESULT_DISCONNECT;
	return PCI_ERS_RESULT_RECOVERED;
}

static void cxl_leo_error_resume(struct pci_dev *pdev)
{
	struct cxl_dev_state *cxlds = pci_get_drvdata(pdev);
	struct cxl_memdev *cxlmd = cxlds->cxlmd;

	dev_info(&pdev->dev, "%s: error recovery %s\n", dev_name(&cxlmd->dev),
		 cxlmd->dev.driver ? "succeeded" : "failed");
}

static void cxl_leo_reset_done(struct pci_dev *pdev)
{
	struct cxl_dev_state *cxlds = pci_get_drvdata(pdev);
	struct cxl_memdev *cxlmd = cxlds->cxlmd;

	/*
	 * An FLR leaves the HDM decoders alone; a secondary bus reset clears
	 * them under memory that may be online. Say so loudly.
	 */
	guard(device)(&cxlmd->dev);
	if (!cxlmd->dev.driver || !cxlmd->endpoint)
		return;
	if (cxl_endpoint_decoder_reset_detected(cxlmd->endpoint)) {
		dev_crit(&pdev->dev, "reset cleared committed HDM decoders under online memory\n");
		dev_crit(&pdev->dev, "the system may be unstable if that memory was in use\n");
		add_taint(TAINT_USER, LOCKDEP_STILL_OK);
	}
}

const struct pci_error_handlers cxl_leo_err_handlers = {
	.error_detected = cxl_leo_error_detected,
	.cor_error_detected = cxl_cor_error_detected,
	.slot_reset = cxl_leo_slot_reset,
	.resume = cxl_leo_error_resume,
	.reset_done = cxl_leo_reset_done,
};
