"""Every path stride-tui reads or writes, in one place.

User folders come from ``platformdirs``. ``STRIDE_HOME`` moves all of them under one
folder (tests use it; so can a runner who keeps everything in a synced folder), and
``STRIDE_CONFIG_DIR``, ``STRIDE_DATA_DIR``, ``STRIDE_CACHE_DIR`` and ``STRIDE_RUNTIME_DIR``
move one each.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from stride_tui.errors import StrideError
from stride_tui.text import visible

APP_NAME = "stride-tui"
_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """A folder shipped with the package: inside the wheel, or at the repository's top."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


_XDG = {
    "config": "XDG_CONFIG_HOME",
    "data": "XDG_DATA_HOME",
    "cache": "XDG_CACHE_HOME",
    "runtime": "XDG_RUNTIME_DIR",
}


class FolderUnknown(StrideError):
    """A user folder cannot be placed (no home, a relative or unusable variable)."""


_OWN = {
    "config": "STRIDE_CONFIG_DIR",
    "data": "STRIDE_DATA_DIR",
    "cache": "STRIDE_CACHE_DIR",
    "runtime": "STRIDE_RUNTIME_DIR",
}


def what_to_set(sub: str | None = None) -> str:
    """The variables that place the ``sub`` folder (``config``, ``data``...), for a message."""
    everything = "set HOME to a folder you can write, or STRIDE_HOME (one folder for everything)"
    if sub == "runtime":
        return "set XDG_RUNTIME_DIR (or STRIDE_RUNTIME_DIR) to a folder only you can write"
    if sub is None:
        return everything
    return f"{everything}, or {_OWN[sub]} or {_XDG[sub]} for this one"


def folder_of(path: str) -> str | None:
    """Which user folder (``config``, ``data``...) ``path`` is in or names, if any."""
    for sub, variable in _OWN.items():
        for name in (variable, _XDG[sub]):
            value = os.environ.get(name)
            if value and (path == value or path.startswith(value.rstrip(os.sep) + os.sep)):
                return sub
    return None


def _absolute(variable: str, value: str, sub: str) -> Path:
    path = Path(value).expanduser()
    if not path.is_absolute():
        raise FolderUnknown(
            f"{variable}={visible(value)} is not an absolute path, so stride's {sub} folder"
            f" has no fixed place; {what_to_set(sub)}"
        )
    return path


def _user_dir(variable: str, sub: str) -> Path:
    explicit = os.environ.get(variable)
    if explicit:
        return _absolute(variable, explicit, sub)
    home = os.environ.get("STRIDE_HOME")
    if home:
        return _absolute("STRIDE_HOME", home, sub) / sub
    try:
        return _platform_dir(sub)
    except OSError as error:
        # platformdirs refuses a runtime folder in /tmp that someone else made, or opened.
        reason = str(error).removesuffix("; set XDG_RUNTIME_DIR instead")
        raise FolderUnknown(
            f"stride's {sub} folder can't be used: {visible(reason)}; {what_to_set(sub)}"
        ) from None
    except (RuntimeError, KeyError):
        # platformdirs needs a home: a uid with no password entry and HOME unset has none.
        raise FolderUnknown(
            f"cannot tell where stride's {sub} folder goes: HOME is not set and this user"
            f" (uid {os.getuid() if hasattr(os, 'getuid') else '?'}) has no home folder;"
            f" {what_to_set(sub)}"
        ) from None


def _platform_dir(sub: str) -> Path:
    import platformdirs  # deferred: only commands that touch user folders pay for it

    finder = {
        "config": platformdirs.user_config_path,
        "data": platformdirs.user_data_path,
        "cache": platformdirs.user_cache_path,
        "runtime": platformdirs.user_runtime_path,
    }[sub]
    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR platformdirs falls back to a private folder in /tmp and
        # warns; that fallback suits files that only live as long as a session.
        warnings.simplefilter("ignore")
        return finder(APP_NAME, appauthor=False)


def runtime_dir() -> Path:
    """Where running sessions publish their status for ``stride status``.

    ``$XDG_RUNTIME_DIR/stride-tui`` on Linux, which the system empties at log-out.
    """
    return _user_dir("STRIDE_RUNTIME_DIR", "runtime")


def builtin_routines_dir() -> Path:
    """The routines that ship with stride-tui."""
    return _shipped("routines")


def builtin_sounds_dir() -> Path:
    """The chimes that ship with stride-tui."""
    return _shipped("sounds")


def config_dir() -> Path:
    """The user's configuration folder."""
    return _user_dir("STRIDE_CONFIG_DIR", "config")


def data_dir() -> Path:
    """The user's data folder (the training log)."""
    return _user_dir("STRIDE_DATA_DIR", "data")


def cache_dir() -> Path:
    """A folder for caches that can be deleted at any time."""
    return _user_dir("STRIDE_CACHE_DIR", "cache")


def user_routines_dir() -> Path:
    """The user's own routines; one here overrides a built-in of the same id."""
    return config_dir() / "routines"


def user_sounds_dir() -> Path:
    """The user's own chimes; a file here replaces the built-in of the same name."""
    return config_dir() / "sounds"


def config_file() -> Path:
    """The settings file."""
    return config_dir() / "config.toml"


def schema_file() -> Path:
    """Where the routine JSON Schema is exported for editors."""
    return config_dir() / "routine.schema.json"


def history_file() -> Path:
    """The training log database."""
    return data_dir() / "history.sqlite3"


def routine_index_file() -> Path:
    """The cache of routine summaries used to list routines quickly."""
    return cache_dir() / "routine-index.json"
