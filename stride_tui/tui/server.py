"""textual-serve's server with stride's guard: who may open the app, and how it starts.

Without a token (``--no-token``, loopback only) the server answers only to loopback host
names, which keeps other web pages out (DNS rebinding). With one, a request must carry it: the
first page load trades it for a cookie that the page's own script, style and websocket
requests send back. A websocket must come from the page's own origin, so another site
open in the same browser cannot drive the app, token or not.
"""

from __future__ import annotations

import asyncio
import errno
import hmac
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware
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


class StrideServer(Server):
    """textual-serve's server with stride's guard, its own start-up and its own errors.

    Args:
        command: The shell command that runs the app for one browser tab.
        where: Where to listen, and the token.
    """

    def __init__(self, command: str, where: Listening) -> None:
        super().__init__(command, host=where.host, port=where.port, title="stride")
        self.public_url = where.base
        self.where = where

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
