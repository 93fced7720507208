"""A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe`: enough to load one
page in a headless Chromium and print it with Chromium's own footer template, which the
`--print-to-pdf` command line cannot set (so it cannot number pages)."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from touchaudit.reading.errors import TouchauditError

# Chromium reads commands from fd 3 and writes replies and events to fd 4, each message a JSON
# text ended by a NUL byte.
_BROWSER_IN, _BROWSER_OUT = 3, 4


class DevTools:
    """One headless browser driven over its pipe; a context manager that always ends it."""

    def __init__(self, command: Sequence[str], *, timeout: float, stderr: IO[bytes]) -> None:
        self._deadline = time.monotonic() + timeout
        self._timeout = timeout
        self._name = command[0]
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def plug_pipes() -> None:  # in the child, before exec: the fds Chromium expects
            os.dup2(commands_read, _BROWSER_IN)
            os.dup2(replies_write, _BROWSER_OUT)

        try:
            self._process = subprocess.Popen(
                [*command, "--remote-debugging-pipe"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                pass_fds=(_BROWSER_IN, _BROWSER_OUT),
                preexec_fn=plug_pipes,  # safe: it only duplicates two fds before exec
            )
        except OSError as err:
            raise TouchauditError(f"cannot run {self._name}: {err.strerror}") from None
        finally:
            os.close(commands_read)
            os.close(replies_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> DevTools:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the browser (politely first) and close the pipes."""
        if self._process.poll() is None:
            try:
                self._send("Browser.close", {}, None)
                self._process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait()
        for fd in (self._commands, self._replies):
            with contextlib.suppress(OSError):  # closed already
                os.close(fd)

    # ------------------------------------------------------------------ the protocol

    def call(self, method: str, params: dict[str, Any], session: str | None = None) -> Any:
        """Send one command and return its result; TouchauditError for the browser's error."""
        sent = self._send(method, params, session)
        while True:
            message = self._receive()
            if message.get("id") != sent:
                if "method" in message:
                    self._events.append(message)
                continue
            if "error" in message:
                detail = message["error"].get("message", "unknown error")
                raise TouchauditError(f"{self._name} could not {method}: {detail}")
            return message.get("result", {})

    def wait_for(self, event: str, session: str | None) -> dict[str, Any]:
        """The first `event` of `session` (already received, or the next to come)."""
        while True:
            for i, message in enumerate(self._events):
                if message.get("method") == event and message.get("sessionId") == session:
                    return self._events.pop(i)
            message = self._receive()
            if "method" in message:
                self._events.append(message)

    def _send(self, method: str, params: dict[str, Any], session: str | None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        try:
            while data:
                data = data[os.write(self._commands, data) :]
        except OSError:  # the browser is gone: say how it ended
            raise self._stopped() from None
        return self._next_id

    def _stopped(self) -> TouchauditError:
        try:
            code = self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            return TouchauditError(f"{self._name} stopped answering")
        return TouchauditError(f"{self._name} stopped with exit code {code}")

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise TouchauditError(f"{self._name} did not finish within {self._timeout:g} s")
            ready, _, _ = select.select([self._replies], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise self._stopped()
            self._buffer += chunk
        text, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(text)
        return message


def print_page(browser: DevTools, page: Path, *, footer: str, target: Path) -> None:
    """Load `page` in a new tab and print it to `target`: the page's own @page size and
    margins, backgrounds, and `footer` (Chromium's footer template) on every page."""
    tab = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": tab, "flatten": True})["sessionId"]
    browser.call("Page.enable", {}, session)
    browser.call("Page.navigate", {"url": page.as_uri()}, session)
    browser.wait_for("Page.loadEventFired", session)
    printed = browser.call(
        "Page.printToPDF",
        {
            "printBackground": True,
            "preferCSSPageSize": True,
            "displayHeaderFooter": True,
            "headerTemplate": "<span></span>",
            "footerTemplate": footer,
        },
        session,
    )
    target.write_bytes(base64.b64decode(printed["data"]))
