"""The real ``yaml-language-server``, installed once per lock file and spoken to over stdio.

The server is an npm package pinned in ``tests/language_server/package-lock.json``; it is
installed with ``npm ci`` into the user's cache folder (outside the repository), under a
name that changes with the lock file, so a new pin installs afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from tests.helpers.components import require
from tests.helpers.paths import ROOT

PACKAGE = ROOT / "tests" / "language_server"
NEEDS = "nodejs and npm (apt install nodejs npm) to run yaml-language-server"
DEADLINE = 60.0
"""Seconds to wait for the server to answer; generous for a cold start on a busy machine."""


def _cache_folder() -> Path:
    lock = (PACKAGE / "package-lock.json").read_bytes()
    digest = hashlib.sha256(lock + (PACKAGE / "package.json").read_bytes()).hexdigest()[:12]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "stride-tui-tests" / f"yaml-language-server-{digest}"


def server_command() -> list[str]:
    """The command that starts the pinned server on stdio, installing it first if needed.

    Skips locally (fails in CI) when node or npm is missing or the install fails.
    """
    node, npm = shutil.which("node"), shutil.which("npm")
    require(bool(node and npm), NEEDS)
    assert node and npm
    folder = _cache_folder()
    entry = folder / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    if not entry.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="install-", dir=folder.parent))
        for name in ("package.json", "package-lock.json"):
            shutil.copy(PACKAGE / name, work / name)
        done = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", str(work)],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            shutil.rmtree(work, ignore_errors=True)
            require(False, f"`npm ci` of yaml-language-server failed: {done.stderr[-400:]}")
        try:
            work.rename(folder)  # atomic: a concurrent run sees all of it or none
        except OSError:
            shutil.rmtree(work, ignore_errors=True)  # another run installed it first
    return [node, str(entry), "--stdio"]


class LanguageServer:
    """A running server: send requests and notifications, wait for what it publishes."""

    def __init__(self, command: list[str], root: Path, settings: dict[str, Any]) -> None:
        self.settings = settings
        """What the server reads when it asks for its configuration, by section."""
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=root,
        )
        assert self.process.stdin and self.process.stdout
        self._in: IO[bytes] = self.process.stdin
        self._messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self._seen: list[dict[str, Any]] = []
        self._next_id = 0
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self._messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self._in.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._in.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        """Send a notification."""
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        """Send a request and return its result."""
        self._next_id += 1
        number = self._next_id
        self._send({"id": number, "method": method, "params": params})
        reply = self.wait_for(lambda m: m.get("id") == number and "method" not in m)
        assert "error" not in reply, reply
        return reply.get("result")

    def wait_for(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The first message (seen before or arriving within the deadline) that is ``wanted``."""
        for message in self._seen:
            if wanted(message):
                self._seen.remove(message)
                return message
        deadline = time.monotonic() + DEADLINE
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = self._messages.get(timeout=left)
            except queue.Empty:
                break
            if "method" in message and "id" in message:
                self._answer(message)
                continue
            if wanted(message):
                return message
            self._seen.append(message)
        raise AssertionError(f"yaml-language-server sent nothing wanted in {DEADLINE:.0f} s")

    def _answer(self, request: dict[str, Any]) -> None:
        """Answer a request from the server: its configuration, or nothing to add."""
        result: Any = None
        if request["method"] == "workspace/configuration":
            items = request["params"]["items"]
            result = [self.settings.get(item.get("section", ""), {}) for item in items]
        self._send({"id": request["id"], "result": result})

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri``."""
        message = self.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        found: list[dict[str, Any]] = message["params"]["diagnostics"]
        return found

    def close(self) -> None:
        """Ask the server to stop; kill it if it does not."""
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
