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
import re
import secrets
import socket
from dataclasses import dataclass

from stride_tui.errors import CommandError
from stride_tui.routine.model import LEVELS, Level
from stride_tui.text import visible

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


_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
"""One label of a host name (RFC 1123)."""


def check_host(host: str) -> None:
    """Refuse a ``--host`` that is neither an IP address nor a well-formed host name.

    Raises:
        CommandError: The host is empty, or not an address or a name.
    """
    if not host.strip():
        raise CommandError(
            "--host is empty; give an address to listen on: 127.0.0.1 (this machine only),"
            " 0.0.0.0 (every network) or this machine's address on the network"
        )
    with contextlib.suppress(ValueError):
        ipaddress.ip_address(host)
        return
    name = host.removesuffix(".")
    if len(name) > 253 or not all(_LABEL.fullmatch(label) for label in name.split(".")):
        raise CommandError(
            f"--host {visible(host)}: not an IP address or a host name; give one such as"
            " 127.0.0.1, 0.0.0.0 or 192.168.1.5"
        )


def listening(host: str, port: int, *, token: bool = True) -> Listening:
    """Where to listen and what to print, with a fresh token.

    Args:
        host: The address to bind.
        port: The TCP port.
        token: Ask every request for a token. Only on loopback may this be ``False``,
            and then only because the runner chose it (``--no-token``): anyone else
            with an account on this machine could otherwise open the app.

    Raises:
        CommandError: The host is malformed, the port outside 1 to 65535, or no token
            is asked for off this machine.
    """
    check_host(host)
    if not 0 < port < 65536:
        raise CommandError(f"--port {port}: a port is a number from 1 to 65535")
    if not token:
        if not is_loopback(host):
            raise CommandError(
                f"--no-token is for 127.0.0.1 only: on --host {visible(host)} anyone on the"
                " network could open stride; leave the token on"
            )
        return Listening(host, port, None, host)
    if is_loopback(host):
        return Listening(host, port, secrets.token_urlsafe(24), host)
    try:
        wildcard = ipaddress.ip_address(host).is_unspecified
    except ValueError:
        wildcard = False
    return Listening(host, port, secrets.token_urlsafe(24), this_machine() if wildcard else host)


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
