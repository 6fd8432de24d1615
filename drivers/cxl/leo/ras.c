// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCIe AER integration. The core decodes and traces the CXL RAS capability
 * (cxl_error_detected(), cxl_cor_error_detected()); this file unmasks the
 * errors the device should report and restores CXL.mem after a slot reset.
 */
#include <linux/aer.h>
#include <linux/io.h>
#include <linux/pci.h>
#include <cxlmem.h>
#include <cxlpci.h>
#include <cxl.h>
#include "compat.h"
#include "cxl_leo.h"

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

static pci_ers_result_t cxl_leo_slot_reset(struct pci_dev *pdev)
{
	struct cxl_dev_state *cxlds = pci_get_drvdata(pdev);
	struct cxl_memdev *cxlmd = cxlds->cxlmd;

	dev_info(&pdev->dev, "%s: restarting CXL.mem after slot reset\n",
		 dev_name(&cxlmd->dev));
	pci_restore_state(pdev);
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
	.error_detected = cxl_error_detected,
	.cor_error_detected = cxl_cor_error_detected,
	.slot_reset = cxl_leo_slot_reset,
	.resume = cxl_leo_error_resume,
	.reset_done = cxl_leo_reset_done,
};
