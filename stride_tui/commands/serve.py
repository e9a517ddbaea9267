"""``stride serve``: the app in a browser, so a phone by the mat can show the countdown.

textual-serve runs ``stride`` once per browser tab and relays its screen over a
websocket; :mod:`stride_tui.tui.server` guards it. Every request must carry the token in
the printed address, on 127.0.0.1 (the default) too, as Jupyter does: another account
on this machine must not open the log. ``--no-token`` drops it on loopback only. With
``--host`` the local network can open it, and the address is printed as a QR code too.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shlex
import sys

from stride_tui.serve import LEVEL_VARIABLE, Listening, is_loopback, listening


def served_command() -> str:
    """The shell command textual-serve runs for each browser tab: this stride's app."""
    return shlex.join([sys.executable, "-m", "stride_tui"])


def announce(where: Listening) -> None:
    """Print the address to open, and as a QR code when it is for another device."""
    out = sys.stdout
    if not is_loopback(where.host):
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
        CommandError: The port is out of range or can't be listened on.
    """
    from stride_tui.tui.server import StrideServer

    where = listening(args.host, args.port, token=not getattr(args, "no_token", False))
    # The server passes its own environment to each app it starts: that is how the
    # picker there learns the level.
    os.environ[LEVEL_VARIABLE] = args.level
    logging.basicConfig(level=logging.WARNING, format="stride serve: %(message)s")
    # aiohttp answers a malformed request (huge headers, a NUL, smuggling) with 400 and
    # logs it with a traceback; the answer is enough.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    from stride_tui.settings import load_settings

    sessions = load_settings().settings.serve_sessions
    server = StrideServer(served_command(), where, sessions)
    asyncio.run(server.serve_until_stopped(lambda: announce(where)))
    return 0
