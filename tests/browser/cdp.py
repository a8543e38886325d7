"""A minimal Chrome DevTools Protocol client (Python 3 standard library only).

WebSocket (RFC 6455) over a raw socket: HTTP upgrade, masked client frames,
fragmented and 64-bit-length server frames; JSON calls matched by id, events
queued. Plus launching and stopping headless Chromium in its own session.
"""

import base64
import http.client
import json
import os
import pathlib
import signal
import socket
import struct
import subprocess
import time
import urllib.parse

PAGE_TIMEOUT = 30.0   # default seconds per call


class CdpError(Exception):
    pass


class Cdp:
    """One WebSocket connection to a page target; calls by id, events queued."""

    def __init__(self, ws_url):
        u = urllib.parse.urlsplit(ws_url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        # No Origin header: Chromium then accepts the connection without
        # --remote-allow-origins.
        self.sock.sendall((f"GET {u.path} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\n"
                           "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buf = bytearray()
        deadline = time.monotonic() + 10
        while b"\r\n\r\n" not in self.buf:
            self._fill(deadline)
        head, _, rest = bytes(self.buf).partition(b"\r\n\r\n")
        self.buf = bytearray(rest)
        if not head.startswith(b"HTTP/1.1 101"):
            raise CdpError("WebSocket upgrade refused: " + head.decode(errors="replace").splitlines()[0])
        self.next_id = 0
        self.events = []

    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(1 << 20)
        except socket.timeout:
            raise TimeoutError from None
        if not data:
            raise CdpError("DevTools connection closed")
        self.buf += data

    def _send_frame(self, opcode, payload):
        head = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack("!Q", n)
        mask = os.urandom(4)   # client frames must be masked (RFC 6455 5.3)
        masked = bytes(b ^ mask[i & 3] for i, b in enumerate(payload))
        self.sock.sendall(head + mask + masked)

    def _parse_frame(self):
        """Returns (fin, opcode, payload) if a whole frame is buffered, else None."""
        b = self.buf
        if len(b) < 2:
            return None
        n, pos = b[1] & 0x7F, 2
        if n == 126:
            if len(b) < 4:
                return None
            n, pos = struct.unpack("!H", b[2:4])[0], 4
        elif n == 127:
            if len(b) < 10:
                return None
            n, pos = struct.unpack("!Q", b[2:10])[0], 10
        if b[1] & 0x80:        # servers never mask, but tolerate it
            pos += 4
        if len(b) < pos + n:
            return None
        payload = bytes(b[pos:pos + n])
        if b[1] & 0x80:
            mask = b[pos - 4:pos]
            payload = bytes(x ^ mask[i & 3] for i, x in enumerate(payload))
        fin, opcode = bool(b[0] & 0x80), b[0] & 0x0F
        del b[:pos + n]
        return fin, opcode, payload

    def _recv_message(self, deadline):
        parts = []
        while True:
            frame = self._parse_frame()
            if frame is None:
                self._fill(deadline)
                continue
            fin, opcode, payload = frame
            if opcode == 0x9:
                self._send_frame(0xA, payload)
            elif opcode == 0x8:
                raise CdpError("DevTools connection closed by browser")
            elif opcode in (0x0, 0x1, 0x2):
                parts.append(payload)
                if fin:
                    return json.loads(b"".join(parts))

    def call(self, method, params=None, timeout=PAGE_TIMEOUT):
        self.next_id += 1
        my_id = self.next_id
        self._send_frame(0x1, json.dumps({"id": my_id, "method": method, "params": params or {}}).encode())
        deadline = time.monotonic() + timeout
        while True:
            try:
                msg = self._recv_message(deadline)
            except TimeoutError:
                raise CdpError(f"{method}: no answer within {timeout:.0f} s") from None
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise CdpError(f"{method}: {msg['error'].get('message')}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def pump(self, seconds, until=None):
        """Collects events for `seconds`, or until an event named `until` arrives."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                msg = self._recv_message(deadline)
            except TimeoutError:
                return False
            if "method" in msg:
                self.events.append(msg)
                if msg["method"] == until:
                    return True

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def start_chromium(profile):
    cmd = [os.environ.get("CHROMIUM", "/usr/bin/chromium"), "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={profile}", "--remote-debugging-port=0",
           "--window-size=1280,1600", "about:blank"]
    # Own session, so every Chromium helper process can be ended by this group id.
    with open(os.path.join(profile, "..", "chromium.log"), "wb") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                                start_new_session=True)
    try:
        return proc, _connect(proc, pathlib.Path(profile, "DevToolsActivePort"))
    except BaseException:
        stop_process_group(proc, signal.SIGKILL, 1)   # the caller never got the handle
        raise


def _connect(proc, port_file):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise CdpError(f"chromium exited with {proc.returncode} before DevTools was ready")
        lines = port_file.read_text().split("\n") if port_file.exists() else []
        if len(lines) >= 2 and lines[0].strip().isdigit():
            conn = http.client.HTTPConnection("127.0.0.1", int(lines[0]), timeout=10)
            conn.request("GET", "/json")
            targets = json.loads(conn.getresponse().read())
            conn.close()
            pages = [t for t in targets if t.get("type") == "page" and "webSocketDebuggerUrl" in t]
            if pages:
                return Cdp(pages[0]["webSocketDebuggerUrl"])
        time.sleep(0.1)
    raise CdpError("chromium DevTools did not come up within 20 s")


def stop_process_group(proc, sig, grace):
    """Ends a process we started in its own session, then any helper left in its group."""
    if proc is None:
        return
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=grace)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)
