"""``stride serve``: the app in a browser, so a phone by the mat can show the countdown.

textual-serve runs ``stride`` once per browser tab and relays its screen over a
websocket. On this machine only (127.0.0.1, the default) the server answers only to
loopback host names, which keeps other web pages (DNS rebinding) out. With ``--host``
it is open to the local network, and then only with the random token that the printed
address (and its QR code) carries: the first page load trades it for a cookie that the
page's own script, style and websocket requests send back. Any websocket must come from
the page's own origin, so another site open in the same browser cannot drive the app.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import hmac
import ipaddress
import logging
import os
import secrets
import shlex
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware
from textual_serve.server import Server

from stride_tui.errors import CommandError
from stride_tui.serve import LEVEL_VARIABLE

TOKEN_PARAMETER = "token"
"""The query parameter the token travels in."""
COOKIE = "stride_token"
"""The cookie the browser keeps the token in after the first page load."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Listening:
    """Where the server listens and the address to open.

    Attributes:
        host: The address to bind (``127.0.0.1``, ``0.0.0.0``, a LAN address...).
        port: The TCP port.
        token: The secret a request must carry; ``None`` on loopback.
        public_host: The host name a browser reaches the server at.
    """

    host: str
    port: int
    token: str | None
    public_host: str

    @property
    def base(self) -> str:
        """``http://host:port`` as a browser reaches it."""
        host = self.public_host
        if ":" in host:  # an IPv6 address needs brackets in a URL
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    @property
    def url(self) -> str:
        """The address to open, the token included."""
        query = f"?{TOKEN_PARAMETER}={self.token}" if self.token else ""
        return f"{self.base}/{query}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (``localhost``, ``127.0.0.1``, ``::1``)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listening(host: str, port: int, *, token: str | None = None) -> Listening:
    """Where to listen and what to print, with a fresh token unless ``host`` is loopback.

    Raises:
        CommandError: The port is outside 1 to 65535.
    """
    if not 0 < port < 65536:
        raise CommandError(f"--port {port}: a port is a number from 1 to 65535")
    if is_loopback(host):
        return Listening(host, port, None, host)
    secret = token or secrets.token_urlsafe(24)
    try:
        wildcard = ipaddress.ip_address(host).is_unspecified
    except ValueError:
        wildcard = False
    return Listening(host, port, secret, _this_machine() if wildcard else host)


def _this_machine() -> str:
    """This machine's address on the local network, for a server bound to every address."""
    # Connecting a UDP socket sends nothing; it only picks the interface a packet would
    # leave by, whose address the phone on the same network can reach.
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere
        address: str = probe.getsockname()[0]
        if not ipaddress.ip_address(address).is_unspecified:
            return address
    return socket.gethostname()


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
        """Listen, call ``announce`` once listening, and serve until SIGINT or SIGTERM.

        Raises:
            CommandError: The address can't be listened on (port in use, not this
                machine's address, a port that needs administrator rights).
        """
        stopped = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # not on Windows
                loop.add_signal_handler(signum, stopped.set)
        runner = web.AppRunner(
            await self._make_app(), handle_signals=False, access_log=None, shutdown_timeout=2.0
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.where.host, self.where.port)
            try:
                await site.start()
            except OSError as error:
                raise CommandError(_cannot_listen(self.where, error)) from None
            announce()
            await stopped.wait()
        finally:
            await runner.cleanup()


def _cannot_listen(where: Listening, error: OSError) -> str:
    """One line on why the server can't listen, and what to do."""
    address = f"{where.host}:{where.port}"
    if isinstance(error, socket.gaierror):
        return f"--host {where.host}: no such address on this machine"
    if error.errno == errno.EADDRINUSE:
        return f"port {where.port} is in use (another `stride serve`?); try --port {where.port + 1}"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"--host {where.host}: not an address of this machine"
    if error.errno == errno.EACCES:
        return f"port {where.port} needs administrator rights; use one above 1023"
    return f"cannot listen on {address}: {error.strerror or error}"


def served_command() -> str:
    """The shell command textual-serve runs for each browser tab: this stride's app."""
    return shlex.join([sys.executable, "-m", "stride_tui"])


def announce(where: Listening) -> None:
    """Print the address to open, and as a QR code when it is for another device."""
    out = sys.stdout
    if where.token is not None:
        import segno

        # Coloured cells scan best; blocks of characters survive a pipe or a log file.
        segno.make(where.url, error="m").terminal(out=out, compact=not out.isatty())
        out.write(
            "Scan this, or open the address below on a phone or tablet on the same network.\n"
            "Anyone with the address can use stride here; it changes each time.\n"
        )
    out.write(f"stride is served at {where.url}\nCtrl+C stops it.\n")
    out.flush()


def run(args: argparse.Namespace) -> int:
    """Serve the app until Ctrl+C.

    Raises:
        CommandError: The address can't be listened on.
    """
    where = listening(args.host, args.port)
    # The server passes its own environment to each app it starts: that is how the
    # picker there learns the level.
    os.environ[LEVEL_VARIABLE] = args.level
    logging.basicConfig(level=logging.WARNING, format="stride serve: %(message)s")
    server = StrideServer(served_command(), where)
    asyncio.run(server.serve_until_stopped(lambda: announce(where)))
    return 0
