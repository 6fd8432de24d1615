#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot one end-to-end scenario in QEMU (TCG) with emulated CXL and count its checks.

run-vm.py [--stream] SCENARIO

The scenario's header names its topology and timeout:
    # topology: single
    # timeout: 240
and may set the guest's RAM and kernel parameters:
    # memory: 3G
    # maxmem: 16G                  (room for pc-dimm hotplug; 8G by default)
    # cmdline: memory_hotplug.memmap_on_memory=1 memhp_default_state=offline
(a cmdline parameter replaces the default one of the same name).
The guest reports on its second serial port (ttyS1):
    PASS <name> | FAIL <name>: <why> | INFO <text> | QMP <json> |
    QMPBURST <count> <json> | DEVCOUNT <n> <dpa> <size> <text> |
    DEVNONZERO <n> <dpa> <size> | DONE
and a QMP line is executed against the VM, answered with "QMPREPLY <json>"
(or "QMPERROR <message>"). DEVCOUNT/DEVNONZERO read device n's memory from
the host side of its backend file while the guest keeps running (answered
"DEVREPLY <number>"); tests/e2e/lib.sh turns a host physical range into them. The console goes to tests/logs/e2e/<name>.console.log.
The last line printed is "N passed, N failed".
"""
import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from qmp import QMP, QMPError  # noqa: E402
from topologies import TOPOLOGIES, backend_file  # noqa: E402

KERNEL_BAD = re.compile(r"^\s*\[\s*\d+\.\d+\] .*(WARNING:|BUG:|Oops|Kernel panic|general protection fault|"
                        r"UBSAN:|KASAN:|list_add corruption|INFO: task .* blocked|"
                        r"rcu: INFO: .*stall|self-detected stall|"
                        r"possible circular locking|inconsistent lock state|possible recursive locking)")


def headers(path):
    h = {"topology": "single", "timeout": "240"}
    with open(path) as f:
        for line in f:
            m = re.match(r"#\s*(topology|timeout|memory|maxmem|disk|boots):\s*(\S+)", line)
            if m:
                h[m.group(1)] = m.group(2)
            m = re.match(r"#\s*cmdline:\s*(.*\S)", line)
            if m:
                h["cmdline"] = m.group(1)
    return h


DEFAULT_CMDLINE = "console=ttyS0 quiet memhp_default_state=online_movable panic=-1"


def kernel_cmdline(extra):
    """The default kernel parameters with a scenario's added or replacing them
    (by name: memhp_default_state=offline replaces the default's)."""
    params = DEFAULT_CMDLINE.split()
    for p in extra.split():
        name = p.split("=", 1)[0]
        params = [q for q in params if q.split("=", 1)[0] != name] + [p]
    return " ".join(params)


def kernel_image():
    """The image of the kernel CXL_LEO_KSERIES selects (tools/build/common.sh)."""
    out = subprocess.run(["bash", "-c", f". {TOP}/tools/build/common.sh; "
                          "echo \"$(vm_kernel_root)/boot/vmlinuz-$(vm_kernel_release)\""],
                         capture_output=True, text=True).stdout.strip()
    return out if not out.endswith("vmlinuz-") else ""


class Run:
    def __init__(self, name, stream, mem_dir):
        self.name = name
        self.mem_dir = mem_dir
        self.stream = stream
        self.passed = []
        self.failed = []
        self.done = False
        self.qmp = None

    def result(self, ok, text):
        (self.passed if ok else self.failed).append(text)
        print(f"{'PASS' if ok else 'FAIL'} {self.name}: {text}", flush=True)

    def dev_chunks(self, n, dpa, size, overlap=0):
        """Device n's bytes [dpa, dpa + size) in 16 MiB pieces, read from the
        host side of its backend file: QEMU keeps running (QMP pmemsave
        stopped the VM for ~20 s under TCG, long enough for RCU stalls)."""
        path = backend_file(self.mem_dir, int(n))
        if dpa < 0 or size < 0 or dpa + size > os.path.getsize(path):
            raise ValueError(f"device {n}: {dpa:#x}+{size:#x} outside its memory")
        with open(path, "rb") as f:
            f.seek(dpa)
            tail = b""
            while size > 0:
                data = f.read(min(size, 16 << 20))
                if not data:
                    raise ValueError(f"device {n}: short read at {f.tell():#x}")
                size -= len(data)
                yield tail + data
                tail = data[-overlap:] if overlap else b""

    def dev_count(self, n, dpa, size, text):
        """Occurrences of text in device n's range: each piece carries the
        previous one's last len(text) - 1 bytes, too few to hold a match, so
        one across a boundary is counted once."""
        pat = text.encode()
        return sum(data.count(pat) for data in self.dev_chunks(n, dpa, size, len(pat) - 1))

    def dev_nonzero(self, n, dpa, size):
        return sum(len(data) - data.count(0) for data in self.dev_chunks(n, dpa, size))

    def control(self, sock):
        """Serve the guest's control channel until it closes."""
        f = sock.makefile("rw", newline="\n")
        for raw in f:
            line = raw.strip("\r\n")
            if line.startswith("PASS "):
                self.result(True, line[5:])
            elif line.startswith("FAIL "):
                self.result(False, line[5:])
            elif line.startswith("INFO "):
                print(f"     {self.name}: {line[5:]}", flush=True)
            elif line == "DONE":
                self.done = True
            elif line.startswith("QMPBURST "):
                # QMPBURST <n> <json>: the same command n times, back to back,
                # faster than the guest can drain (event storms).
                try:
                    count, body = line[9:].split(" ", 1)
                    req = json.loads(body)
                    for _ in range(int(count)):
                        self.qmp.execute(req["execute"], req.get("arguments"))
                    f.write("QMPREPLY {}\n")
                except (QMPError, ValueError, KeyError, OSError) as e:
                    f.write("QMPERROR " + str(e).replace("\n", " ") + "\n")
                f.flush()
            elif line.startswith(("DEVNONZERO ", "DEVCOUNT ")):
                # DEVNONZERO <n> <dpa> <size>: bytes of device n that are not 0;
                # DEVCOUNT <n> <dpa> <size> <text>: how often <text> occurs there.
                # What the device holds, whatever the guest's page tables say.
                try:
                    cmd, rest = line.split(" ", 1)
                    if cmd == "DEVCOUNT":
                        n, dpa, size, text = rest.split(" ", 3)
                        val = self.dev_count(n, int(dpa, 0), int(size, 0), text)
                    else:
                        n, dpa, size = rest.split(" ")
                        val = self.dev_nonzero(n, int(dpa, 0), int(size, 0))
                    f.write(f"DEVREPLY {val}\n")
                except (ValueError, OSError) as e:
                    f.write("QMPERROR " + str(e).replace("\n", " ") + "\n")
                f.flush()
            elif line.startswith("QMP "):
                # @MEM_DIR@ names the run's backend directory (a hot-added
                # device's memory-backend-file goes there too).
                try:
                    req = json.loads(line[4:].replace("@MEM_DIR@", self.mem_dir))
                    ret = self.qmp.execute(req["execute"], req.get("arguments"))
                    f.write("QMPREPLY " + json.dumps(ret) + "\n")
                except (QMPError, ValueError, KeyError, OSError) as e:
                    f.write("QMPERROR " + str(e).replace("\n", " ") + "\n")
                f.flush()


def connect(path, deadline):
    while time.time() < deadline:
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            return s
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"QEMU did not create {path}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stream", action="store_true", help="copy the console to stdout")
    ap.add_argument("scenario")
    args = ap.parse_args()

    name = os.path.basename(args.scenario).removesuffix(".sh")
    run = Run(name, args.stream, None)
    h = headers(args.scenario)
    logdir = os.path.join(TOP, "tests", "logs", "e2e")
    os.makedirs(logdir, exist_ok=True)
    console_log = os.path.join(logdir, f"{name}.console.log")

    # QEMU 11.1.3 inside the Debian 13 root (tools/build/qemu.sh), or the
    # host's own with CXL_LEO_QEMU=host.
    qemu = os.path.join(TOP, "tools", "build", "qemu.sh")
    # Resolved: 7.3's boot/vmlinuz-* links into lib/modules, which the
    # Debian 13 root would not see through the image's directory alone.
    kernel = os.path.realpath(kernel_image()) if kernel_image() else ""
    if not kernel or not os.path.exists(kernel):
        if os.environ.get("CXL_LEO_KSERIES", "6.12") == "6.12":
            run.result(False, "boot: no Debian 6.12 kernel image (apt-get install linux-image-6.12-amd64)")
        else:
            run.result(False, f"boot: no kernel image {kernel} (run tools/build/prereqs-7.3.sh)")
        return finish(run)
    version = subprocess.run([qemu], capture_output=True, text=True)
    if version.returncode or "QEMU emulator version" not in version.stdout:
        run.result(False, "boot: no QEMU (tools/build/qemu.sh: "
                   f"{(version.stderr or version.stdout).strip()[-300:]})")
        return finish(run)
    print(f"     {name}: {version.stdout.strip()}", flush=True)
    # For scenarios that assert what this QEMU's device offers (major.minor).
    m = re.search(r"QEMU emulator version (\d+)\.(\d+)", version.stdout)
    qemu_version = f"{m.group(1)}.{m.group(2)}" if m else "unknown"
    if h["topology"] not in TOPOLOGIES:
        run.result(False, f"boot: unknown topology {h['topology']}")
        return finish(run)

    with tempfile.TemporaryDirectory(prefix="cxl-leo-vm-") as tmp:
        run.mem_dir = tmp
        initrd = os.path.join(tmp, "initrd.gz")
        disk = os.path.join(tmp, "disk.img") if h.get("disk") == "install" else None
        if disk:
            mk = subprocess.run([os.path.join(HERE, "mkdisk.sh"), disk, initrd, args.scenario],
                                capture_output=True, text=True)
        else:
            mk = subprocess.run([os.path.join(HERE, "mkinitramfs.sh"), initrd, args.scenario],
                                capture_output=True, text=True)
        if mk.returncode:
            run.result(False, f"image: {(mk.stderr or mk.stdout).strip()[-500:]}")
            return finish(run)
        mem = h.get("memory", "2G")
        # What QEMU's arguments name, for the root's private mounts. The 7.3
        # image is a symlink into its modules directory: QEMU gets the file.
        kernel = os.path.realpath(kernel)
        os.environ["CXL_LEO_ROOT_BINDS"] = " ".join([tmp, os.path.dirname(kernel)])
        base = [qemu, "run", "-M", "q35,cxl=on", "-cpu", "max,hypervisor=off",
                "-m", f"{mem},maxmem={h.get('maxmem', '8G')},slots=4", "-smp", "2",
                "-display", "none", "-no-reboot", "-kernel", kernel, "-initrd", initrd,
                "-append", kernel_cmdline(h.get("cmdline", "")) + f" qemu_version={qemu_version}"]
        if disk:
            # On the root bus: the CXL host bridges take only CXL ports.
            base += ["-drive", f"file={disk},if=none,id=disk0,format=raw",
                     "-device", "virtio-blk-pci,drive=disk0,bus=pcie.0"]
        t0 = time.time()
        # Several boots of the same disk image are a reboot.
        for n in range(int(h.get("boots", "1"))):
            log = console_log if n == 0 else console_log.replace(".console.log",
                                                                 f".boot{n + 1}.console.log")
            if not boot(run, args, h, base + TOPOLOGIES[h["topology"]](tmp), tmp, log):
                break
        print(f"     {name}: {time.time() - t0:.1f} s, console: {os.path.relpath(console_log, TOP)}",
              flush=True)
    return finish(run)


def boot(run, args, h, cmd, tmp, console_log):
    """One VM run until poweroff; True if the scenario reported DONE."""
    ctl, qmp_sock = os.path.join(tmp, "ctl.sock"), os.path.join(tmp, "qmp.sock")
    for sock in (ctl, qmp_sock):
        if os.path.exists(sock):
            os.unlink(sock)
    cmd = cmd + ["-serial", "stdio",
                 "-chardev", f"socket,id=ctl,path={ctl},server=on,wait=off",
                 "-serial", "chardev:ctl",
                 "-qmp", f"unix:{qmp_sock},server=on,wait=off"]
    run.done = False
    t0 = time.time()
    console = []
    with open(console_log, "w") as log:
        # Its own process group: QEMU runs under the root's chroot wrapper,
        # and a timeout must stop QEMU, not only the wrapper.
        vm = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, start_new_session=True)
        deadline = t0 + int(h["timeout"])
        try:
            connect(qmp_sock, t0 + 30).close()
            run.qmp = QMP(qmp_sock)
            ctl_sock = connect(ctl, t0 + 30)
            threading.Thread(target=run.control, args=(ctl_sock,), daemon=True).start()
        except (RuntimeError, QMPError, OSError) as e:
            run.result(False, f"boot: {e}")
            kill(vm)

        def pump():
            for raw in vm.stdout:
                line = raw.decode(errors="replace")
                log.write(line)
                console.append(line)
                if args.stream:
                    sys.stdout.write(line)
                    sys.stdout.flush()
        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
        try:
            vm.wait(timeout=max(1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            kill(vm)
            vm.wait()
            run.result(False, f"timeout: scenario did not finish in {h['timeout']} s")
        reader.join(timeout=5)
        time.sleep(0.2)   # let the control thread take the last lines
    bad = [line.strip() for line in console if KERNEL_BAD.search(line)]
    if bad:
        run.result(False, f"kernel log clean: {bad[0][:200]}")
    elif run.done:
        run.result(True, "kernel log has no WARN/BUG/Oops")
    if not run.done and not any(t.startswith("timeout") for t in run.failed):
        run.result(False, "scenario ended without DONE (see console log)")
    return run.done


def kill(vm):
    """Stop the VM's whole process group (wrapper and QEMU)."""
    try:
        os.killpg(vm.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def finish(run):
    print(f"{len(run.passed)} passed, {len(run.failed)} failed", flush=True)
    return 1 if run.failed or not run.passed else 0


if __name__ == "__main__":
    sys.exit(main())
