"""textual-serve's server with stride's guard: who may open the app, and how it starts.

Without a token (``--no-token``, loopback only) the server answers only to loopback host
names, which keeps other web pages out (DNS rebinding). With one, a request must carry it: the
first page load trades it for a cookie that the page's own script, style and websocket
requests send back. A websocket must come from the page's own origin, so another site
open in the same browser cannot drive the app, token or not.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hmac
import json
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web
from aiohttp.typedefs import Middleware
from textual_serve.app_service import AppService
from textual_serve.server import Server

from stride_tui.errors import CommandError
from stride_tui.live.signals import call_on_stop_signals
from stride_tui.serve import COOKIE, TOKEN_PARAMETER, Listening, is_loopback

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def guard(where: Listening) -> Middleware:
    """The middleware that refuses requests from anywhere the runner didn't open."""

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
            raise web.HTTPForbidden(text="stride: requests from another site are refused\n")
        if where.token is None:
            name = urlsplit(f"http://{request.host}").hostname or ""
            if not is_loopback(name):
                raise web.HTTPForbidden(text="stride: this server answers to 127.0.0.1 only\n")
            return await handler(request)
        given = request.query.get(TOKEN_PARAMETER) or request.cookies.get(COOKIE, "")
        if not hmac.compare_digest(given.encode(), where.token.encode()):
            raise web.HTTPForbidden(
                text="stride: open the whole address that `stride serve` printed (with its token)\n"
            )
        response = await handler(request)
        if request.query.get(TOKEN_PARAMETER) and isinstance(response, web.Response):
            response.set_cookie(COOKIE, where.token, httponly=True, samesite="Strict")
        return response

    return check


MAX_WIDTH = 500
MAX_HEIGHT = 200
"""The largest screen a browser tab may ask for, in cells: more than any display shows."""
MIN_SIZE = 10
STOP_LIMIT = 5.0
"""Seconds an app process has to quit once its websocket closes before it is killed."""


def clamped(width: object, height: object) -> tuple[int, int] | None:
    """A screen size a browser may ask for, bounded; ``None`` when it is no size at all."""
    try:
        w, h = int(str(width)), int(str(height))
    except (TypeError, ValueError):
        return None
    return (min(max(w, MIN_SIZE), MAX_WIDTH), min(max(h, MIN_SIZE), MAX_HEIGHT))


class StrideServer(Server):
    """textual-serve's server with stride's guard, its own start-up and its own errors.

    Each websocket runs one app process, at most ``sessions`` at once; a screen size
    (in the query or a ``resize`` message) is clamped to 500 by 200 cells; a message the
    page never sends is dropped; the process ends with its websocket, killed if it won't.

    Args:
        command: The shell command that runs the app for one browser tab.
        where: Where to listen, and the token.
        sessions: How many tabs may run at once.
    """

    def __init__(self, command: str, where: Listening, sessions: int = 4) -> None:
        super().__init__(command, host=where.host, port=where.port, title="stride")
        # textual-serve's page, less the font it loads from the internet.
        self.templates_path = Path(__file__).parent / "served"
        self.public_url = where.base
        self.where = where
        self.sessions = sessions
        self.open = 0
        """Websockets with an app running now."""

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab's app, within the limit, sized within bounds, ended with its websocket."""
        if self.open >= self.sessions:
            raise web.HTTPServiceUnavailable(
                text=f"stride: {self.sessions} sessions are open already; close a tab, or"
                " raise [serve] sessions in config.toml\n"
            )
        size = clamped(request.query.get("width", "80"), request.query.get("height", "24"))
        width, height = size or (80, 24)
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        self.open += 1
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,  # type: ignore[arg-type]  # as textual-serve passes it
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except (asyncio.CancelledError, ConnectionError, OSError):
            pass
        finally:
            self.open -= 1
            if app_service is not None:
                await _end(app_service)
            with contextlib.suppress(Exception):
                await websocket.close()
        return websocket

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        """Pass on what the page sends; drop anything else without a word."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                size = clamped(data.get("width"), data.get("height"))
                if size is not None:
                    await app_service.set_terminal_size(*size)
            elif kind == "ping" and isinstance(data, str | int | float) and len(str(data)) < 100:
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    async def _make_app(self) -> web.Application:
        # textual-serve builds its application here and has no other way in for a guard.
        app = await super()._make_app()
        app.middlewares.append(guard(self.where))
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing yet: the address is printed once the port is really ours."""

    async def serve_until_stopped(self, announce: Callable[[], None]) -> None:
        """Listen, call ``announce`` once listening, and serve until a stop signal.

        Raises:
            CommandError: The address can't be listened on (port in use, not this
                machine's address, a port that needs administrator rights).
        """
        stopped = asyncio.Event()
        call_on_stop_signals(asyncio.get_running_loop(), lambda _: stopped.set())
        runner = web.AppRunner(
            await self._make_app(), handle_signals=False, access_log=None, shutdown_timeout=2.0
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.where.host, self.where.port)
            try:
                await site.start()
            except OSError as error:
                raise CommandError(cannot_listen(self.where, error)) from None
            announce()
            await stopped.wait()
        finally:
            await runner.cleanup()


async def _end(app_service: AppService) -> None:
    """Ask the app to quit; kill its process (and what it started) if it won't in time."""
    with contextlib.suppress(Exception):  # a timeout included: the kill below follows
        await asyncio.wait_for(app_service.stop(), STOP_LIMIT)
    process = getattr(app_service, "_process", None)
    if process is not None and process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(process.wait(), STOP_LIMIT)


def cannot_listen(where: Listening, error: OSError) -> str:
    """One line on why the server can't listen, and what to do."""
    if isinstance(error, socket.gaierror):
        return f"--host {where.host}: no such address on this machine"
    if error.errno == errno.EADDRINUSE:
        return f"port {where.port} is in use (another `stride serve`?); try --port {where.port + 1}"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"--host {where.host}: not an address of this machine"
    if error.errno == errno.EACCES:
        return f"port {where.port} needs administrator rights; use one above 1023"
    return f"cannot listen on {where.host}:{where.port}: {error.strerror or error}"
