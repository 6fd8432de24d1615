#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Minimal QMP client (standard library only).

As a program: qmp.py SOCKET COMMAND [JSON-ARGUMENTS] prints the reply.
"""
import json
import socket
import sys


class QMPError(Exception):
    pass


class QMP:
    def __init__(self, path, timeout=30):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.reader = self.sock.makefile("r")
        self._read()                       # greeting
        self.execute("qmp_capabilities")

    def _read(self):
        while True:
            line = self.reader.readline()
            if not line:
                raise QMPError("QMP connection closed")
            msg = json.loads(line)
            if "event" not in msg:          # asynchronous events are not replies
                return msg

    def execute(self, command, arguments=None):
        req = {"execute": command}
        if arguments:
            req["arguments"] = arguments
        self.sock.sendall((json.dumps(req) + "\n").encode())
        reply = self._read()
        if "error" in reply:
            raise QMPError(f"{command}: {reply['error'].get('desc', reply['error'])}")
        return reply.get("return")

    def close(self):
        self.sock.close()


def main():
    if len(sys.argv) < 3:
        print("usage: qmp.py SOCKET COMMAND [JSON-ARGUMENTS]", file=sys.stderr)
        return 2
    args = json.loads(sys.argv[3]) if len(sys.argv) > 3 else None
    try:
        q = QMP(sys.argv[1])
        print(json.dumps(q.execute(sys.argv[2], args)))
    except (OSError, QMPError, ValueError) as e:
        print(f"qmp: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
