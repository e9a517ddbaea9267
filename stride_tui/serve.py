"""Serving the app to a browser: where the server listens, and what a served app knows.

``stride serve`` (through textual-serve) starts ``stride`` with pipes for standard input
and output and the web driver named in ``TEXTUAL_DRIVER``; such a process opens the app
even though it has no terminal. The level the picker starts on comes from the server
through the environment, since the served command line is fixed.

On this machine only (127.0.0.1, the default) no token is needed; anywhere else the
address carries a random token, new each time.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import secrets
import socket
from dataclasses import dataclass

from stride_tui.errors import CommandError
from stride_tui.routine.model import LEVELS, Level

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""The Textual driver textual-serve starts the app with."""

LEVEL_VARIABLE = "STRIDE_SERVED_LEVEL"
"""The environment variable ``stride serve`` passes the picker's level in."""

TOKEN_PARAMETER = "token"
"""The query parameter the token travels in."""

COOKIE = "stride_token"
"""The cookie the browser keeps the token in after the first page load."""


def served_by_browser() -> bool:
    """Whether this process was started by a server to draw in a browser."""
    return os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER


def served_level() -> Level:
    """The level the served picker starts on: the one ``stride serve`` was given.

    ``standard`` when not served, or when the variable holds no level.
    """
    wanted = os.environ.get(LEVEL_VARIABLE, "")
    if served_by_browser():
        for level in LEVELS:
            if level == wanted:
                return level
    return "standard"


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


def listening(host: str, port: int) -> Listening:
    """Where to listen and what to print, with a fresh token unless ``host`` is loopback.

    Raises:
        CommandError: The port is outside 1 to 65535.
    """
    if not 0 < port < 65536:
        raise CommandError(f"--port {port}: a port is a number from 1 to 65535")
    if is_loopback(host):
        return Listening(host, port, None, host)
    try:
        wildcard = ipaddress.ip_address(host).is_unspecified
    except ValueError:
        wildcard = False
    token = secrets.token_urlsafe(24)
    return Listening(host, port, token, this_machine() if wildcard else host)


def this_machine() -> str:
    """This machine's address on the local network, for a server bound to every address."""
    # Connecting a UDP socket sends nothing; it only picks the interface a packet would
    # leave by, whose address a phone on the same network can reach.
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere
        address: str = probe.getsockname()[0]
        if not ipaddress.ip_address(address).is_unspecified:
            return address
    return socket.gethostname()
