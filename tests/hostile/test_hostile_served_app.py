"""``stride serve`` under attack on 127.0.0.1: huge screens, floods, bad messages, many tabs.

The server runs as a real process with a limit of two sessions. Each websocket asks for
a 100000 by 100000 screen (in its query, then in ``resize`` messages) and sends
messages the page never sends; the app processes must stay under 200 MB each, a third
websocket must be refused, each app must end with its websocket, and the server must
print no traceback. Everything is bounded in count and in time.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.helpers.paths import ROOT

LIMIT_MB = 200
SESSIONS = 2
STARTUP = 30.0


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(parent, []).append(int(entry))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def test_sizes_are_clamped_to_what_a_browser_shows() -> None:
    from stride_tui.tui.server import MAX_HEIGHT, MAX_WIDTH, clamped

    assert clamped("100000", "100000") == (MAX_WIDTH, MAX_HEIGHT)
    assert clamped(-5, 0) == (10, 10)
    assert clamped(MAX_WIDTH, MAX_HEIGHT) == (500, 200)
    assert clamped("80", "24") == (80, 24)
    assert clamped("wide", None) is None
    assert clamped([1], {}) is None


Served = tuple[subprocess.Popen[bytes], str, Path]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Served]:
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(f"[serve]\nsessions = {SESSIONS}\n")
    with socket_port() as port:
        pass
    log = tmp_path / "server.txt"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "stride_tui", "serve", "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "STRIDE_HOME": str(home)},
        )
    deadline = time.monotonic() + STARTUP
    url = ""
    while time.monotonic() < deadline and not url:
        for line in log.read_text().splitlines():
            if "served at " in line:
                url = line.split("served at ", 1)[1].strip()
        if process.poll() is not None:
            break
        time.sleep(0.1)
    assert url, log.read_text()
    try:
        yield process, url, log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


class socket_port:
    def __enter__(self) -> int:
        import socket

        self.probe = socket.socket()
        self.probe.bind(("127.0.0.1", 0))
        port: int = self.probe.getsockname()[1]
        return port

    def __exit__(self, *_: object) -> None:
        self.probe.close()


HOSTILE_MESSAGES = [
    '["resize", {"width": 100000, "height": 100000}]',
    '["resize", {"width": "x", "height": []}]',
    '["resize", 5]',
    "not json at all",
    "[]",
    "{}",
    "[1, 2, 3]",
    '["stdin", 12]',
    '["ping", {"deep": [[[[]]]]}]',
    '["unknown", null]',
    '["resize", {"width": 1e308, "height": -1e308}]',
]


async def _attack(url: str, process: subprocess.Popen[bytes]) -> dict[str, float]:
    base, _, token = url.partition("/?token=")
    ws = base.replace("http://", "ws://") + f"/ws?token={token}&width=100000&height=100000"
    figures: dict[str, float] = {}
    async with aiohttp.ClientSession() as session:
        timeout = aiohttp.ClientWSTimeout(ws_close=5)
        sockets = [await session.ws_connect(ws, timeout=timeout) for _ in range(SESSIONS)]
        for sock in sockets:
            for text in HOSTILE_MESSAGES:
                await sock.send_str(text)
            await sock.send_bytes(b"\x00" * 1000)
        # The limit: one more is refused, politely.
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(ws)
        figures["refused_status"] = refused.value.status
        # Let each app draw its (clamped) screen, then measure: until both run, then 3 s.
        deadline = time.monotonic() + 20
        peak = 0.0
        while time.monotonic() < deadline:
            apps = _descendants(process.pid)
            per = sum(_rss_mb(pid) for pid in apps) / SESSIONS
            peak = max(peak, per)
            if len(apps) >= SESSIONS and per > 30:
                break
            await asyncio.sleep(0.2)
        for _ in range(3):
            await asyncio.sleep(1.0)
            peak = max(peak, sum(_rss_mb(p) for p in _descendants(process.pid)) / SESSIONS)
        figures["peak_mb_per_connection"] = peak
        figures["apps"] = len(_descendants(process.pid))
        for sock in sockets:
            await sock.close()
    deadline = time.monotonic() + 20
    while _descendants(process.pid) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    figures["left_after_close"] = len(_descendants(process.pid))
    return figures


def test_the_served_app_holds_under_attack(server: Served) -> None:
    process, url, log = server
    figures = asyncio.run(asyncio.wait_for(_attack(url, process), 120))
    print(f"served app under attack: {figures}")
    assert figures["refused_status"] == 503
    assert figures["peak_mb_per_connection"] < LIMIT_MB, figures
    assert figures["left_after_close"] == 0, figures
    output = log.read_text()
    assert "Traceback" not in output, output


MALFORMED = [
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Nul: a\x00b\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked"
    b"\r\n\r\n0\r\n\r\n",
    b"\x00\x01\x02 garbage\r\n\r\n",
    b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
]  # fmt: skip
"""Oversized headers, a NUL, request smuggling, no HTTP at all, a websocket without a key."""


async def _malformed(url: str) -> list[int]:
    host, port = url.partition("/?token=")[0].removeprefix("http://").split(":")
    statuses = []
    for raw in MALFORMED:
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            writer.write(raw)
            await writer.drain()
            line = await asyncio.wait_for(reader.readline(), 10)
        except (ConnectionError, TimeoutError):
            line = b""
        finally:
            writer.close()
        statuses.append(int(line.split()[1]) if line.startswith(b"HTTP/") else 0)
    return statuses


def test_malformed_requests_get_an_answer_and_no_traceback(server: Served) -> None:
    process, url, log = server
    statuses = asyncio.run(asyncio.wait_for(_malformed(url), 60))
    assert all(status in (0, 400, 403, 431) for status in statuses), statuses
    assert "Traceback" not in log.read_text(), log.read_text()
    assert process.poll() is None


def test_the_page_loads_nothing_from_the_internet(server: Served) -> None:
    _, url, _ = server

    async def page() -> str:
        async with aiohttp.ClientSession() as session, session.get(url) as response:
            assert response.status == 200
            return await response.text()

    html = asyncio.run(page())
    assert "https://" not in html
    assert "fonts.googleapis" not in html
