"""Reading and writing the files stride keeps, safely.

Reading takes regular files only (after following links), checks the size before
reading and reads no more than the limit, so a FIFO, a device, a folder or a link loop
in the routines folder gives a message instead of a hang. Writing goes through a
temporary file in the same folder, ``fsync`` and a rename, so a crash leaves the old
file or the new one, never half of one; a symbolic link is written through, not replaced.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
import stat
from pathlib import Path

MAX_ROUTINE_BYTES = 1_000_000
"""Largest routine file read; the biggest built-in is a few kilobytes."""


class Unusable(enum.Enum):
    """Why a path cannot be read as a file."""

    MISSING = "there is no such file"
    DANGLING = "it is a symbolic link to {target}, which does not exist; fix or remove the link"
    LOOP = "it is a symbolic link loop (the links lead back to themselves); fix or remove them"
    FOLDER = "it is a folder, not a file"
    FIFO = "it is a named pipe (FIFO), not a file"
    DEVICE = "it is a device, not a file"
    SOCKET = "it is a socket, not a file"
    OTHER = "it is not a regular file"
    TOO_LARGE = "it is {size} bytes; at most {limit} are read"
    DENIED = "permission denied; make it readable (chmod u+r)"
    FAILED = "{reason}"


class ReadFailure(Exception):
    """A file could not be read; ``str()`` says why in words for the runner.

    Attributes:
        path: The path as given.
        why: The kind of failure.
        detail: Words filled into the reason's template.
    """

    def __init__(self, path: str, why: Unusable, **detail: str) -> None:
        super().__init__(path, why)
        self.path = path
        self.why = why
        self.detail = detail

    def __str__(self) -> str:
        return self.why.value.format(**self.detail)


_KINDS = (
    (stat.S_ISDIR, Unusable.FOLDER),
    (stat.S_ISFIFO, Unusable.FIFO),
    (stat.S_ISCHR, Unusable.DEVICE),
    (stat.S_ISBLK, Unusable.DEVICE),
    (stat.S_ISSOCK, Unusable.SOCKET),
)


def _kind(mode: int) -> Unusable | None:
    if stat.S_ISREG(mode):
        return None
    return next((why for test, why in _KINDS if test(mode)), Unusable.OTHER)


def _failure(path: Path, error: OSError) -> ReadFailure:
    shown = str(path)
    if error.errno == errno.ELOOP:
        return ReadFailure(shown, Unusable.LOOP)
    if error.errno == errno.ENOENT:
        if os.path.islink(path):
            with contextlib.suppress(OSError):
                return ReadFailure(shown, Unusable.DANGLING, target=os.readlink(path))
        return ReadFailure(shown, Unusable.MISSING)
    if error.errno in (errno.EACCES, errno.EPERM):
        return ReadFailure(shown, Unusable.DENIED)
    return ReadFailure(shown, Unusable.FAILED, reason=error.strerror or str(error))


def check_regular(path: Path, limit: int) -> int:
    """Check that ``path`` leads to a regular file of at most ``limit`` bytes.

    Args:
        path: The path; symbolic links are followed.
        limit: The largest size accepted.

    Returns:
        The file's size.

    Raises:
        ReadFailure: The path is missing, a dangling link or loop, not a regular
            file, or too large.
    """
    try:
        info = os.stat(path)
    except OSError as error:
        raise _failure(path, error) from None
    return _checked(path, info, limit)


def _checked(path: Path, info: os.stat_result, limit: int) -> int:
    why = _kind(info.st_mode)
    if why is not None:
        raise ReadFailure(str(path), why)
    if info.st_size > limit:
        raise ReadFailure(
            str(path), Unusable.TOO_LARGE, size=f"{info.st_size:,}", limit=f"{limit:,}"
        )
    return info.st_size


def read_regular(path: Path, limit: int) -> bytes:
    """Read a regular file of at most ``limit`` bytes, refusing anything else.

    The file is opened without blocking, and checked again once open, so a file
    swapped for a FIFO between the check and the open cannot hang the read.

    Args:
        path: The file; symbolic links are followed.
        limit: The largest size accepted.

    Returns:
        The file's bytes.

    Raises:
        ReadFailure: The file cannot be read, or is not a regular file of at most
            ``limit`` bytes; the message says which.
    """
    check_regular(path, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _failure(path, error) from None
    try:
        _checked(path, os.fstat(descriptor), limit)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as error:
        raise _failure(path, error) from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:  # the file grew after the check
        raise ReadFailure(str(path), Unusable.TOO_LARGE, size=f"{len(data):,}", limit=f"{limit:,}")
    return data


def file_stamp(path: Path) -> tuple[int, int] | None:
    """What a change to the file changes: its modification time (ns) and size.

    ``None`` when it cannot be looked at (missing, a dangling link, a loop).
    """
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


PRIVATE_FOLDER = 0o700
"""Every folder stride makes: the owner's alone, whatever the umask."""
PRIVATE_FILE = 0o600
"""Every file stride makes (the log, settings, routines, exports): likewise."""


def make_folder(path: Path) -> Path:
    """Make ``path`` and any missing parents, each private (0700) whatever the umask.

    ``Path.mkdir(parents=True)`` gives the parents the umask's permissions, which under
    ``umask 000`` is 0777; folders that exist already are left as they are.

    Raises:
        OSError: A folder cannot be made (read-only, full, a file in the way).
    """
    missing: list[Path] = []
    here = path
    while not os.path.isdir(here) and here != here.parent:
        missing.append(here)
        here = here.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, PRIVATE_FOLDER)
        except FileExistsError:
            if not os.path.isdir(folder):
                raise
            continue
        os.chmod(folder, PRIVATE_FOLDER)  # a umask can only take bits away; be sure
    return path


def write_atomic(
    path: Path,
    data: bytes,
    *,
    mode: int = PRIVATE_FILE,
    exclusive: bool = False,
    durable: bool = True,
) -> Path:
    """Replace (or create) ``path`` with ``data`` so that it is never half written.

    The bytes go to a temporary file beside the target, are flushed to disk, and the
    temporary file is renamed over the target. When ``path`` is a symbolic link, the
    file it points to is replaced and the link kept.

    Args:
        path: Where to write.
        data: The whole new content.
        mode: Permissions of a new file: the owner's alone unless asked otherwise.
        exclusive: Fail with ``FileExistsError`` when the file already exists.
        durable: Flush to disk before and after the rename. ``False`` for a file that is
            worthless after a crash: a reader still sees the old content or the new, and
            the writer never waits on the disk.

    Returns:
        The path actually written (the link's target, for a link).

    Raises:
        OSError: The file cannot be written; the target is then unchanged.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_TRUNC, mode)
    try:
        try:
            with contextlib.suppress(OSError):  # keep an existing file's permissions
                os.fchmod(descriptor, stat.S_IMODE(os.stat(target).st_mode))
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            if durable:
                os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if exclusive:
            _link_new(temporary, target)
        else:
            os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    if durable:
        _sync_folder(target.parent)
    return target


def _link_new(temporary: Path, target: Path) -> None:
    """Give the finished file its name only if that name is free: no overwrite race."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.replace(temporary, target)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system lets a folder be synced."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
