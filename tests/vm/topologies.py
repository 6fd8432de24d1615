# SPDX-License-Identifier: GPL-2.0-only
"""Named QEMU CXL topologies (recipes measured in shared/PLATFORM.md).

Each takes the run's temporary directory and returns the device arguments;
the Type-3 devices are named cxl-vmem0, cxl-vmem1, ... (serial 0x1234 + N) so
QMP paths are /machine/peripheral/cxl-vmemN. Their memory is the file
MEM_DIR/vmemN, shared with QEMU, so the harness reads what a device holds
from the host side without stopping the guest (see backend_file()).
"""
import os

SERIAL_BASE = 0x1234


def backend_file(mem_dir, n):
    """The host file behind device N's memory: byte K of it is DPA K."""
    return os.path.join(mem_dir, f"vmem{n}")


def _type3(mem_dir, n, bus, size="512M"):
    return ["-object", f"memory-backend-file,id=vmem{n},share=on,size={size},"
            f"mem-path={backend_file(mem_dir, n)}",
            "-device", f"cxl-type3,bus={bus},volatile-memdev=vmem{n},id=cxl-vmem{n},"
            f"sn={SERIAL_BASE + n}"]


def single(mem_dir):
    """One volatile Type-3 device under one host bridge."""
    return (["-device", "pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1",
             "-device", "cxl-rp,port=0,bus=cxl.1,id=rp0,chassis=0,slot=2"]
            + _type3(mem_dir, 0, "rp0")
            + ["-M", "cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.size=4G"])


def single_2win(mem_dir):
    """single-hdm, with two CXL windows over its host bridge: root decoders
    decoder0.0 and decoder0.1, each its own NUMA node, so two regions on the
    one device are two nodes and a workload lands in the region it binds to.
    The second region needs a second host bridge decoder: the software
    passthrough has only one."""
    return (["-device", "pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1,hdm_for_passthrough=on",
             "-device", "cxl-rp,port=0,bus=cxl.1,id=rp0,chassis=0,slot=2"]
            + _type3(mem_dir, 0, "rp0")
            + ["-M", "cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.size=4G,"
               "cxl-fmw.1.targets.0=cxl.1,cxl-fmw.1.size=4G"])


def interleave2(mem_dir):
    """Two devices under one host bridge, for a 2-way interleaved region."""
    return (["-device", "pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1",
             "-device", "cxl-rp,port=0,bus=cxl.1,id=rp0,chassis=0,slot=2",
             "-device", "cxl-rp,port=1,bus=cxl.1,id=rp1,chassis=0,slot=3"]
            + _type3(mem_dir, 0, "rp0") + _type3(mem_dir, 1, "rp1")
            + ["-M", "cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.size=4G,"
               "cxl-fmw.0.interleave-granularity=8k"])


def twohb(mem_dir):
    """Two host bridges with a device each; the window interleaves across them."""
    return (["-device", "pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1",
             "-device", "pxb-cxl,bus_nr=222,bus=pcie.0,id=cxl.2",
             "-device", "cxl-rp,port=0,bus=cxl.1,id=rp0,chassis=0,slot=2",
             "-device", "cxl-rp,port=0,bus=cxl.2,id=rp1,chassis=0,slot=3"]
            + _type3(mem_dir, 0, "rp0") + _type3(mem_dir, 1, "rp1")
            + ["-M", "cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.targets.1=cxl.2,"
               "cxl-fmw.0.size=4G,cxl-fmw.0.interleave-granularity=8k"])


def switch(mem_dir):
    """A CXL switch (upstream port, two downstream ports) under one root port."""
    return (["-device", "pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1",
             "-device", "cxl-rp,port=0,bus=cxl.1,id=rp0,chassis=0,slot=2",
             "-device", "cxl-upstream,bus=rp0,id=us0",
             "-device", "cxl-downstream,port=0,bus=us0,id=dsp0,chassis=0,slot=4",
             "-device", "cxl-downstream,port=1,bus=us0,id=dsp1,chassis=0,slot=5"]
            + _type3(mem_dir, 0, "dsp0") + _type3(mem_dir, 1, "dsp1")
            + ["-M", "cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.size=4G,"
               "cxl-fmw.0.interleave-granularity=8k"])


def tiers(mem_dir):
    """One device, with the firmware tables a real host has for tiering: an
    HMAT for DRAM and an ACPI Generic Port for the CXL host bridge, so the
    kernel derives access coordinates (bandwidth, latency) for the CXL node."""
    return (single(mem_dir)
            + ["-object", "memory-backend-ram,id=dram0,size=2G",
               "-numa", "node,nodeid=0,cpus=0-1,memdev=dram0",
               "-numa", "node,nodeid=1",
               "-object", "acpi-generic-port,id=gp0,pci-bus=cxl.1,node=1",
               "-M", "hmat=on"]
            + [a for target, lat, bw in ((0, 100, "20G"), (1, 200, "10G"))
               for a in ("-numa", f"hmat-lb,initiator=0,target={target},hierarchy=memory,"
                         f"data-type=access-latency,latency={lat}",
                         "-numa", f"hmat-lb,initiator=0,target={target},hierarchy=memory,"
                         f"data-type=access-bandwidth,bandwidth={bw}")])


def single_hdm(mem_dir):
    """single, with a real HDM decoder in the host bridge (hdm_for_passthrough):
    with one root port QEMU otherwise leaves the bridge a software passthrough
    with no register state, and a kexec'd kernel cannot rebuild a region the
    previous one committed ("failed to find decoder mapping"). The firmware
    hand-off scenario uses it; the rest of the suite keeps the passthrough."""
    return (["-device", "pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1,hdm_for_passthrough=on",
             "-device", "cxl-rp,port=0,bus=cxl.1,id=rp0,chassis=0,slot=2"]
            + _type3(mem_dir, 0, "rp0")
            + ["-M", "cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.size=4G"])


def hotplug(mem_dir):
    """single, plus an empty hot-pluggable root port (rp1, slot 3) for a
    device_add of cxl-vmem1 (its backend file: @MEM_DIR@/vmem1). Both root
    ports are pciehp slots: device_del presses the attention button."""
    return (["-device", "pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1",
             "-device", "cxl-rp,port=0,bus=cxl.1,id=rp0,chassis=0,slot=2",
             "-device", "cxl-rp,port=1,bus=cxl.1,id=rp1,chassis=0,slot=3"]
            + _type3(mem_dir, 0, "rp0")
            + ["-M", "cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.size=4G"])


def fourway(mem_dir):
    """Two host bridges with two root ports and a device each, under one window
    interleaving the bridges: a 4-way region (2 x 2)."""
    return (["-device", "pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1",
             "-device", "pxb-cxl,bus_nr=222,bus=pcie.0,id=cxl.2",
             "-device", "cxl-rp,port=0,bus=cxl.1,id=rp0,chassis=0,slot=2",
             "-device", "cxl-rp,port=1,bus=cxl.1,id=rp1,chassis=0,slot=3",
             "-device", "cxl-rp,port=0,bus=cxl.2,id=rp2,chassis=0,slot=4",
             "-device", "cxl-rp,port=1,bus=cxl.2,id=rp3,chassis=0,slot=5"]
            + _type3(mem_dir, 0, "rp0") + _type3(mem_dir, 1, "rp1")
            + _type3(mem_dir, 2, "rp2") + _type3(mem_dir, 3, "rp3")
            + ["-M", "cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.targets.1=cxl.2,"
               "cxl-fmw.0.size=4G,cxl-fmw.0.interleave-granularity=8k"])


def curve(mem_dir):
    """Three devices of 512 MiB, 2 GiB and 8 GiB (16x, sparse backends) on
    three root ports of one host bridge, in one 16 GiB window: make bench's
    online time and DRAM curve."""
    return (["-device", "pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1"]
            + [a for i in range(3) for a in
               ("-device", f"cxl-rp,port={i},bus=cxl.1,id=rp{i},chassis=0,slot={2 + i}")]
            + _type3(mem_dir, 0, "rp0", "512M") + _type3(mem_dir, 1, "rp1", "2G")
            + _type3(mem_dir, 2, "rp2", "8G")
            + ["-M", "cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.size=16G"])


def capacity(mem_dir):
    """Two devices of different size (1 GiB and 4 GiB, sparse backends) on two
    root ports of one host bridge, in one 8 GiB window: with a 1 GiB guest the
    small one onlines within the zone balance limit and the large one past it."""
    return (["-device", "pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1",
             "-device", "cxl-rp,port=0,bus=cxl.1,id=rp0,chassis=0,slot=2",
             "-device", "cxl-rp,port=1,bus=cxl.1,id=rp1,chassis=0,slot=3"]
            + _type3(mem_dir, 0, "rp0", "1G") + _type3(mem_dir, 1, "rp1", "4G")
            + ["-M", "cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.size=8G"])


TOPOLOGIES = {"hotplug": hotplug, "single": single, "single-hdm": single_hdm, "single-2win": single_2win,
              "interleave2": interleave2, "twohb": twohb, "switch": switch, "tiers": tiers,
              "capacity": capacity, "fourway": fourway, "curve": curve}
