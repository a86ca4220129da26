"""Open pages in headless Chromium and record everything that must not happen.

A tiny Chrome DevTools Protocol client over ``--remote-debugging-pipe``
(JSON messages separated by NUL bytes on file descriptors 3 and 4), so it
needs no TCP port, no websocket library and nothing beyond the standard
library.  :meth:`Browser.visit` loads one page and returns a list of
:class:`Finding` for:

- a JavaScript dialog (``alert``, ``confirm``, ``prompt``, ``beforeunload``);
- an uncaught exception, a ``console.error``/``console.assert`` call, or a
  browser log entry at level ``error`` (which includes Content-Security-Policy
  violations and resources that fail to load);
- a request, websocket or popup to anything but a local address (``file:``,
  ``data:``, ``blob:``, ``about:``, or http(s) to localhost);
- a crashed page.

The browser runs with networking switched off as far as flags allow
(``--host-resolver-rules`` maps every host name to nothing), so a hostile
page can be *detected* trying to reach out without ever reaching anything.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-default-browser-check", "--disable-extensions", "--disable-default-apps",
    "--disable-dev-shm-usage", "--mute-audio", "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-pipe",
)
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def find_chromium() -> str | None:
    """Path of the Chromium binary (Debian package ``chromium``), or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS


@dataclass(frozen=True)
class Finding:
    kind: str  # dialog | exception | console-error | log-error | external-request | popup | crash
    detail: str
    page: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail} (on {self.page})"


class BrowserError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with a fresh profile, driven over the DevTools pipe.

    Use as a context manager; :meth:`visit` as often as needed.
    """

    def __init__(self, binary: str, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        # Move our pipe ends above 10 so dup2 onto 3 and 4 in the child
        # can never overwrite one of them.
        cmd_r, cmd_w = os.pipe()
        evt_r, evt_w = os.pipe()
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (cmd_r, cmd_w, evt_r, evt_w)]
        for fd in (cmd_r, cmd_w, evt_r, evt_w):
            os.close(fd)
        cmd_r, cmd_w, evt_r, evt_w = high

        def wire_pipes() -> None:  # runs in the child between fork and exec
            os.dup2(cmd_r, 3)
            os.dup2(evt_w, 4)

        self._stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._stderr,
            preexec_fn=wire_pipes, pass_fds=(3, 4),
        )
        os.close(cmd_r)
        os.close(evt_w)
        self._out = os.fdopen(cmd_w, "wb", buffering=0)
        self._in = evt_r
        self._ids = itertools.count(1)
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()
        self._responses: dict[int, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        try:
            self.version = self.call("Browser.getVersion")["product"]
        except BaseException:
            self.close()
            raise

    # --- protocol --------------------------------------------------------

    def _read_loop(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._in, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                self._messages.put(None)
                return
            buffer += chunk
            *complete, buffer = buffer.split(b"\0")
            for raw in complete:
                if raw:
                    self._messages.put(json.loads(raw))

    def _pump(self, timeout: float) -> bool:
        """Handle one incoming message; False if none arrived within ``timeout``."""
        try:
            msg = self._messages.get(timeout=timeout)
        except queue.Empty:
            return False
        if msg is None:
            raise BrowserError(f"Chromium exited (status {self.proc.poll()}): {self.stderr_tail()}")
        if "id" in msg:
            self._responses[msg["id"]] = msg
        else:
            self.events.append(msg)
            if msg.get("method") == "Page.javascriptDialogOpening":
                # Dismiss at once, or the page would hang on the dialog.
                self.send("Page.handleJavaScriptDialog", {"accept": False}, msg.get("sessionId"))
            elif msg.get("method") == "Target.attachedToTarget":
                # An out-of-process frame or a worker: watch it too.
                child = msg["params"]["sessionId"]
                for domain in ("Runtime", "Log", "Network"):
                    self.send(f"{domain}.enable", {}, child)
                self.send("Runtime.runIfWaitingForDebugger", {}, child)
        return True

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        msg_id = next(self._ids)
        message: dict[str, Any] = {"id": msg_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._out.write(json.dumps(message).encode() + b"\0")
        return msg_id

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        msg_id = self.send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while msg_id not in self._responses:
            if time.monotonic() > deadline:
                raise BrowserError(f"no answer to {method} within {self.timeout}s")
            self._pump(0.1)
        reply = self._responses.pop(msg_id)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    # --- pages -----------------------------------------------------------

    def visit(self, url: str, settle: float = 0.75, max_wait: float = 20.0) -> list[Finding]:
        """Load ``url`` in a new tab; return what went wrong while it loaded and settled.

        Waits for the load event, then until no event has arrived for
        ``settle`` seconds (at most ``max_wait`` seconds in all).
        """
        start_event = len(self.events)
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", {}, session)
        self.call("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True,
                                           "flatten": True}, session)
        self.call("Page.navigate", {"url": url}, session)
        deadline = time.monotonic() + max_wait
        loaded = False
        while time.monotonic() < deadline and not loaded:
            self._pump(0.1)
            loaded = any(e.get("method") == "Page.loadEventFired" and e.get("sessionId") == session
                         for e in self.events[start_event:])
        quiet_since = time.monotonic()
        while time.monotonic() < deadline and time.monotonic() - quiet_since < settle:
            if self._pump(0.05):
                quiet_since = time.monotonic()
        sessions = {session} | {e["params"]["sessionId"] for e in self.events[start_event:]
                                if e.get("method") == "Target.attachedToTarget"}
        findings = [f for e in self.events[start_event:] if e.get("sessionId") in sessions
                    for f in _classify(e, url)]
        if not loaded:
            findings.append(Finding("timeout", f"no load event within {max_wait}s", url))
        self.call("Target.closeTarget", {"targetId": target})
        return findings

    def evaluate(self, url: str, expression: str, max_wait: float = 20.0, width: int = 1280) -> Any:
        """Load ``url`` in a new tab ``width`` pixels wide and return the JSON value of ``expression``.

        DevTools evaluation is not subject to the page's Content-Security-Policy,
        so this inspects the laid-out page (sizes, links) of a script-free report.
        """
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            start_event = len(self.events)
            self.call("Page.enable", {}, session)
            self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": 1000, "deviceScaleFactor": 1,
                                                             "mobile": False}, session)
            self.call("Page.navigate", {"url": url}, session)
            deadline = time.monotonic() + max_wait
            while time.monotonic() < deadline:
                self._pump(0.1)
                if any(e.get("method") == "Page.loadEventFired" and e.get("sessionId") == session
                       for e in self.events[start_event:]):
                    break
            else:
                raise BrowserError(f"{url}: no load event within {max_wait}s")
            reply = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
            if "exceptionDetails" in reply:
                raise BrowserError(f"{url}: {reply['exceptionDetails']}")
            return reply["result"].get("value")
        finally:
            self.call("Target.closeTarget", {"targetId": target})

    # --- lifetime --------------------------------------------------------

    def stderr_tail(self, n: int = 800) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")[-n:]

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                try:
                    self.send("Browser.close")
                    self.proc.wait(timeout=10)
                except (OSError, subprocess.TimeoutExpired):
                    self.proc.kill()
                    self.proc.wait(timeout=10)
        finally:
            try:
                self._out.close()
            except OSError:
                pass
            self._stderr.close()
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _classify(event: dict[str, Any], page: str) -> list[Finding]:
    method, params = event.get("method"), event.get("params", {})
    if method == "Page.javascriptDialogOpening":
        return [Finding("dialog", f"{params.get('type')}({params.get('message')!r})", page)]
    if method == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        text = (details.get("exception") or {}).get("description") or details.get("text", "")
        return [Finding("exception", text, page)]
    if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
        return [Finding("console-error", args, page)]
    if method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
        entry = params["entry"]
        return [Finding("log-error", f"{entry.get('text')} {entry.get('url', '')}".strip(), page)]
    if method == "Network.requestWillBeSent" and not is_local(params.get("request", {}).get("url", "")):
        return [Finding("external-request", params["request"]["url"], page)]
    if method == "Network.webSocketCreated" and not is_local(params.get("url", "")):
        return [Finding("external-request", params["url"], page)]
    if method == "Page.windowOpen":
        return [Finding("popup", params.get("url", ""), page)]
    if method in ("Inspector.targetCrashed", "Target.targetCrashed"):
        return [Finding("crash", method, page)]
    return []
