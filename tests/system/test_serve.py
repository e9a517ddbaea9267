"""``stride serve``: the app in a real headless Chromium, the token, the origin, the errors.

The server runs as a real process with isolated user folders; Chromium is driven over
the DevTools protocol (aiohttp's websocket client, already installed with textual-serve).
What the page shows is read from the xterm.js terminal's own buffer, which the page
draws on a canvas: a script added before the page's own catches textual-serve's
terminal object as the page creates it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from stride_tui.serve import (
    COOKIE,
    LEVEL_VARIABLE,
    WEB_DRIVER,
    is_loopback,
    listening,
    served_by_browser,
    served_level,
)
from tests.helpers.components import require

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
STARTUP = 30.0
"""Seconds a server, the browser or the app in it may take to come up on a busy machine."""


# -- a real server process -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    output: str


class _Lines:
    """A process's output, line by line, read on a thread so waits can have deadlines."""

    def __init__(self, stream: Any) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: Any) -> None:
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)

    def until(self, pattern: str, timeout: float) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            self.seen.append(line)
            found = re.search(pattern, line)
            if found:
                return found
        raise AssertionError(f"no line matching {pattern!r} in:\n{''.join(self.seen)}")


def _environment(home: Path) -> dict[str, str]:
    """The user's folders all under ``home``; started from a terminal, as a user would."""
    env = {**os.environ, "HOME": str(home), "TERM": "xterm-256color"}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        env[name] = str(home / name.lower())
    return env


@contextmanager
def serve(home: Path, *options: str) -> Iterator[Served]:
    process = subprocess.Popen(
        [sys.executable, "-m", "stride_tui", "serve", *options],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=_environment(home),
    )
    assert process.stdout is not None
    lines = _Lines(process.stdout)
    try:
        found = lines.until(r"served at (http://\S+)", STARTUP)
        yield Served(process, found[1], "".join(lines.seen))
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STARTUP)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# -- Chromium over the DevTools protocol -----------------------------------------------

_CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "fitAddon", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "fitAddon", {value, writable: true, configurable: true});
    window.__strideTextual = this;
  },
});
"""
"""textual-serve's page keeps its terminal in a closure; its constructor sets ``fitAddon``
right after ``terminal``, so a setter on the prototype catches the object."""

_SCREEN_TEXT = """(() => {
  const textual = window.__strideTextual;
  if (!textual || !textual.terminal) return "";
  const buffer = textual.terminal.buffer.active;
  const lines = [];
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i);
    if (line) lines.push(line.translateToString(true));
  }
  return lines.join("\\n");
})()"""


class DevTools:
    """The few DevTools protocol calls the test needs, on one page."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.ids = itertools.count(1)
        self.session: str | None = None

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self.ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if self.session is not None:
            message["sessionId"] = self.session
        await self.socket.send_str(json.dumps(message))
        while True:
            reply = json.loads(await asyncio.wait_for(self.socket.receive_str(), STARTUP))
            if reply.get("id") == number:
                assert "error" not in reply, reply
                result: dict[str, Any] = reply["result"]
                return result

    async def open_page(self) -> None:
        target = await self.call("Target.createTarget", url="about:blank")
        attached = await self.call(
            "Target.attachToTarget", targetId=target["targetId"], flatten=True
        )
        self.session = attached["sessionId"]
        await self.call("Page.enable")
        await self.call("Page.addScriptToEvaluateOnNewDocument", source=_CATCH_TERMINAL)

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def screen(self) -> str:
        text = await self.evaluate(_SCREEN_TEXT)
        return str(text or "")

    async def press(self, key: str) -> None:
        await self.evaluate("window.__strideTextual.terminal.focus()")
        code = f"Key{key.upper()}"
        virtual = ord(key.upper())
        for kind in ("keyDown", "keyUp"):
            await self.call(
                "Input.dispatchKeyEvent",
                type=kind,
                key=key,
                code=code,
                windowsVirtualKeyCode=virtual,
                **({"text": key} if kind == "keyDown" else {}),
            )

    async def tap(self, text: str) -> None:
        """Press and release the mouse once on the first cell showing ``text``."""
        found = await self.evaluate(_CELL_OF % json.dumps(text))
        assert found, f"{text!r} is not on the screen"
        for kind in ("mousePressed", "mouseReleased"):
            await self.call(
                "Input.dispatchMouseEvent",
                type=kind,
                x=found["x"],
                y=found["y"],
                button="left",
                clickCount=1,
            )


_CELL_OF = """(() => {
  const textual = window.__strideTextual;
  const terminal = textual.terminal;
  const buffer = terminal.buffer.active;
  for (let row = 0; row < terminal.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    const col = line ? line.translateToString(true).indexOf(%s) : -1;
    if (col < 0) continue;
    const box = terminal.element.querySelector(".xterm-screen").getBoundingClientRect();
    const width = box.width / terminal.cols, height = box.height / terminal.rows;
    return {x: box.left + (col + 1.5) * width, y: box.top + (row + 0.5) * height};
  }
  return null;
})()"""
"""The middle of the cell just inside the first place ``text`` shows, in page pixels."""


@asynccontextmanager
async def chromium(profile: Path) -> AsyncIterator[DevTools]:
    assert CHROMIUM is not None
    arguments = [
        CHROMIUM,
        "--headless",
        "--disable-gpu",
        "--disable-dev-shm-usage",  # containers often give /dev/shm only 64 MB
        "--no-first-run",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
        "about:blank",
    ]
    if os.geteuid() == 0:
        arguments.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
    browser = subprocess.Popen(
        arguments, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert browser.stderr is not None
    lines = _Lines(iter(line.decode(errors="replace") for line in browser.stderr))
    try:
        address = (await asyncio.to_thread(lines.until, r"(ws://\S+)", STARTUP))[1]
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(address, max_msg_size=0) as socket,
        ):
            tools = DevTools(socket)
            await tools.open_page()
            yield tools
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=STARTUP)
        except subprocess.TimeoutExpired:
            browser.kill()
            browser.wait()


async def until(what: str, check: Callable[[], Awaitable[str | None]], timeout: float) -> str:
    """Poll ``check`` until it returns text; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = await check()
        if found is not None:
            return found
        await asyncio.sleep(0.2)
    raise AssertionError(f"{what} never came within {timeout:g} s")


# -- the browser test ------------------------------------------------------------------

_TIME_LEFT = re.compile(r"(\d+:\d\d) left of (\d+:\d\d)")


@pytest.mark.slow
async def test_the_app_in_headless_chromium_starts_the_warm_up_and_counts_down(
    tmp_path: Path,
) -> None:
    require(CHROMIUM is not None, "the browser test needs Chromium: apt-get install chromium")
    with serve(tmp_path / "home", "--port", str(free_port())) as served:
        async with chromium(tmp_path / "profile") as page:
            await page.call("Page.navigate", url=served.url)

            async def showing(text: str) -> str | None:
                screen = await page.screen()
                return screen if text in screen else None

            picker = await until("the picker", lambda: showing("Post-run recovery"), STARTUP)
            assert "Pre-run warm-up" in picker
            await page.press("w")
            player = await until(
                "the warm-up's first step", lambda: showing("Easy trot in place"), STARTUP
            )
            first = _TIME_LEFT.search(player)
            assert first is not None, player
            assert first[2] == "7:33"

            async def moved() -> str | None:
                now = _TIME_LEFT.search(await page.screen())
                return now[1] if now and now[1] != first[1] else None

            later = await until("a countdown that moves", moved, 15.0)
            assert later < first[1] or len(later) < len(first[1]), (first[1], later)


@pytest.mark.slow
async def test_in_the_browser_a_tap_chooses_and_start_starts(tmp_path: Path) -> None:
    require(CHROMIUM is not None, "the browser test needs Chromium: apt-get install chromium")
    with serve(tmp_path / "home", "--port", str(free_port())) as served:
        async with chromium(tmp_path / "profile") as page:
            await page.call("Page.navigate", url=served.url)

            async def showing(text: str) -> str | None:
                screen = await page.screen()
                return screen if text in screen else None

            await until("the picker", lambda: showing("Quick prelude"), STARTUP)
            await page.tap("Quick prelude")
            # The tap shows the prelude's preview, and the picker stays: nothing started.
            chosen = await until("the preview", lambda: showing("Quick prelude  (prelude"), 15.0)
            assert "Routines" in chosen and "Start" in chosen
            await page.tap("Start ▶")
            await until("the prelude's first step", lambda: showing("Pelvic tilts"), STARTUP)


# -- the token and the origin, over plain HTTP -----------------------------------------


async def _status(url: str, **options: Any) -> int:
    async with aiohttp.ClientSession() as session, session.get(url, **options) as response:
        return response.status


@pytest.mark.slow
async def test_on_the_network_a_request_without_the_token_is_refused(tmp_path: Path) -> None:
    port = free_port()
    with serve(tmp_path / "home", "--host", "0.0.0.0", "--port", str(port)) as served:
        token = served.url.partition("?token=")[2]
        assert len(token) >= 32, served.url
        assert "█" in served.output or "▀" in served.output  # the QR code
        local = f"http://127.0.0.1:{port}"
        assert await _status(f"{local}/") == 403
        assert await _status(f"{local}/static/js/textual.js") == 403
        assert await _status(f"{local}/ws") == 403
        assert await _status(f"{local}/?token=wrong-{token}") == 403
        assert await _status(f"{local}/?token={token}") == 200
        # The page's script and websocket carry the token in the cookie the page set.
        # (unsafe: the jar keeps cookies of hosts given as IP addresses, as browsers do)
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            async with session.get(f"{local}/?token={token}") as page:
                assert page.cookies[COOKIE].value == token
                assert page.cookies[COOKIE]["httponly"]
            async with session.get(f"{local}/static/js/textual.js") as script:
                assert script.status == 200
        assert await _status(f"{local}/static/js/textual.js", cookies={COOKIE: token}) == 200
        # Another site's page can't drive the app through the browser, token or not.
        foreign = {"Origin": "http://example.com"}
        assert await _status(f"{local}/ws?token={token}", headers=foreign) == 403


@pytest.mark.slow
async def test_on_this_machine_too_a_request_without_the_token_is_refused(
    tmp_path: Path,
) -> None:
    port = free_port()
    with serve(tmp_path / "home", "--port", str(port)) as served:
        token = served.url.partition("?token=")[2]
        assert len(token) >= 32, served.url
        assert served.url == f"http://127.0.0.1:{port}/?token={token}"
        assert "▀" not in served.output  # no QR code for this machine's own browser
        local = f"http://127.0.0.1:{port}"
        assert await _status(f"{local}/") == 403  # another account here has no token
        assert await _status(f"{local}/ws") == 403
        assert await _status(served.url) == 200


@pytest.mark.slow
async def test_without_a_token_by_choice_other_host_names_are_refused(tmp_path: Path) -> None:
    port = free_port()
    with serve(tmp_path / "home", "--port", str(port), "--no-token") as served:
        assert served.url == f"http://127.0.0.1:{port}/"
        assert "▀" not in served.output  # no QR code for this machine's own browser
        assert await _status(served.url) == 200
        # A page from elsewhere whose name was pointed at 127.0.0.1 (DNS rebinding):
        assert await _status(served.url, headers={"Host": f"rebound.example:{port}"}) == 403


def test_a_port_in_use_is_one_line_without_a_traceback(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "stride_tui", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=STARTUP,
            check=False,
            env=_environment(tmp_path),
        )
    assert result.returncode == 1
    assert result.stderr == (
        f"stride: port {port} is in use (another `stride serve`?); try --port {port + 1}\n"
    )
    assert "served at" not in result.stdout


def test_a_host_that_is_not_this_machine_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stride_tui", "serve", "--host", "192.0.2.123", "--port", "8000"],
        capture_output=True,
        text=True,
        timeout=STARTUP,
        check=False,
        env=_environment(tmp_path),
    )
    assert result.returncode == 1
    assert result.stderr == "stride: --host 192.0.2.123: not an address of this machine\n"


# -- units -----------------------------------------------------------------------------


def test_loopback_names() -> None:
    assert all(is_loopback(h) for h in ("localhost", "127.0.0.1", "127.1.2.3", "::1"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.5", "::", "phone.local"))


def test_a_token_always_and_fresh_each_time() -> None:
    mine = listening("127.0.0.1", 8000)
    assert mine.token and mine.url == f"http://127.0.0.1:8000/?token={mine.token}"
    assert listening("127.0.0.1", 8000, token=False).token is None  # --no-token
    first, second = listening("192.168.1.5", 8000), listening("192.168.1.5", 8000)
    assert first.token and second.token and first.token != second.token
    assert first.url == f"http://192.168.1.5:8000/?token={first.token}"
    assert listening("::1", 8001, token=False).url == "http://[::1]:8001/"
    wildcard = listening("0.0.0.0", 8000)
    assert wildcard.public_host != "0.0.0.0"


@pytest.mark.parametrize("host", ["192.168.1.5", "0.0.0.0", "::", "phone.local"])
def test_no_token_is_refused_off_this_machine(host: str) -> None:
    from stride_tui.errors import CommandError

    with pytest.raises(CommandError, match=re.escape("--no-token is for 127.0.0.1 only")):
        listening(host, 8000, token=False)


@pytest.mark.parametrize(
    ("host", "said"),
    [
        ("", "--host is empty"),
        ("   ", "--host is empty"),
        ("garbage..x", "--host garbage..x: not an IP address or a host name"),
        ("-bad.example", "not an IP address or a host name"),
        ("a" * 64 + ".example", "not an IP address or a host name"),
        ("\x1b[2J", "--host \\x1b[2J: not"),
        ("ex ample", "not an IP address"),
    ],
)
def test_a_malformed_host_is_one_clear_line(host: str, said: str) -> None:
    from stride_tui.errors import CommandError

    with pytest.raises(CommandError, match=re.escape(said)):
        listening(host, 8000)


@pytest.mark.parametrize("host", ["localhost", "phone.local", "my-host.", "10.0.0.1", "fe80::1"])
def test_well_formed_hosts_are_accepted(host: str) -> None:
    assert listening(host, 8000).token


def test_an_empty_or_malformed_host_exits_1_without_a_traceback(tmp_path: Path) -> None:
    for host in ("", "garbage..x"):
        result = subprocess.run(
            [sys.executable, "-m", "stride_tui", "serve", "--host", host],
            capture_output=True,
            text=True,
            timeout=STARTUP,
            env=_environment(tmp_path),
            check=False,
        )
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith("stride: --host") and result.stderr.count("\n") == 1


def test_a_port_out_of_range_is_refused() -> None:
    from stride_tui.errors import CommandError

    with pytest.raises(CommandError, match="from 1 to 65535"):
        listening("127.0.0.1", 70000)


def test_served_by_browser_and_its_level(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setenv(LEVEL_VARIABLE, "beginner")
    assert not served_by_browser()
    assert served_level() == "standard"
    monkeypatch.setenv("TEXTUAL_DRIVER", WEB_DRIVER)
    assert served_by_browser()
    assert served_level() == "beginner"
    monkeypatch.setenv(LEVEL_VARIABLE, "heroic")
    assert served_level() == "standard"
