"""The ``stride`` command: parse the arguments, run the subcommand, report its failure.

Start-up time matters (``stride list`` should feel instant), so only the subcommand's
own module is imported (see ``stride_tui.commands``).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
import traceback
from collections.abc import Sequence

from stride_tui.errors import EXIT_BUG, EXIT_PROBLEMS, StrideError
from stride_tui.parser import HANDLER, build_parser
from stride_tui.text import visible

APP = "play:app"
"""The subcommand ``stride`` alone runs, in a terminal or a browser: the picker."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``stride`` command and return its exit status."""
    from stride_tui.commands import handler

    _tolerant_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    name = getattr(args, HANDLER, None)
    if name is None:
        if not _interactive():
            parser.print_help()
            return 0
        from stride_tui.serve import served_level

        args.level = served_level()
        name = APP
    try:
        status = int(handler(name)(args))
        sys.stdout.flush()  # a full disk or device must be seen here, not at exit
        return status
    except StrideError as error:
        sys.stderr.write(f"stride: {visible(str(error), newlines=True)}\n")
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`stride list | head`); leave quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as error:
        if error.filename is not None:
            return _report_unusable_path(error)
        if _output_failed(error):
            return _report_output_failure(error)
        return _report_bug(args, error)
    except Exception as error:
        return _report_bug(args, error)


def _tolerant_streams() -> None:
    r"""Let every character reach the output somehow, whatever the locale can encode.

    Under a Latin-1 (or ASCII) locale a routine's CJK name, or a sparkline, cannot be
    encoded; it is written as an escape (``\u5c71``) instead of ending the command.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _output_failed(error: OSError) -> bool:
    """Whether ``error`` came from writing the command's output (a full disk, /dev/full)."""
    return error.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG)


def _report_unusable_path(error: OSError) -> int:
    """A file or folder stride needs can't be made or written: name it, and what to set."""
    from stride_tui.locations import folder_of, what_to_set

    raw = os.fsdecode(error.filename)
    path = visible(raw)
    where = what_to_set(folder_of(raw))
    reason = error.strerror or str(error)
    hint = {
        errno.ENOSPC: "free some space there",
        errno.EDQUOT: "free some space there",
        errno.EROFS: "it is on a read-only file system; " + where,
        errno.ENOTDIR: "a file stands where a folder should be; " + where,
        errno.EEXIST: "a file stands where a folder should be; " + where,
        errno.EACCES: "you may not write there; " + where,
        errno.EPERM: "you may not write there; " + where,
    }.get(error.errno or 0, where)
    sys.stderr.write(f"stride: cannot write {path}: {reason}; {hint}\n")
    return EXIT_PROBLEMS


def _report_output_failure(error: OSError) -> int:
    """Say that the output could not be written, and leave without a traceback."""
    # What is still buffered would fail again at exit: drop it.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    with contextlib.suppress(OSError, ValueError):
        reason = error.strerror or str(error)
        sys.stderr.write(
            f"stride: the output could not be written ({reason});"
            " free some space, or send it elsewhere\n"
        )
        sys.stderr.flush()
    return EXIT_PROBLEMS


def _interactive() -> bool:
    """Whether someone can use the app here: a terminal, or a browser serving it."""
    from stride_tui.serve import served_by_browser

    return served_by_browser() or (sys.stdout.isatty() and sys.stdin.isatty())


def _report_bug(args: argparse.Namespace, error: Exception) -> int:
    """Say that stride failed, where the details went, and where to report it."""
    from stride_tui import __version__, locations
    from stride_tui.files import make_folder, write_atomic

    details = "".join(traceback.format_exception(error))
    try:
        report = locations.cache_dir() / "last-crash.txt"
        make_folder(report.parent)
        text = f"stride-tui {__version__}\n{args}\n\n{details}"
        write_atomic(report, text.encode("utf-8", "backslashreplace"), durable=False)
        where = f"the details are in {visible(str(report))}"
    except (OSError, StrideError):  # no folder for it: the details go here instead
        sys.stderr.write(details)
        where = "the details are above"
    sys.stderr.write(
        f"stride: this is a bug in stride ({type(error).__name__}: {visible(str(error))});"
        f" {where}; please send that to stride-tui's issue tracker\n"
    )
    return EXIT_BUG
