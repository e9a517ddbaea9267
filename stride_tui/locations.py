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

APP_NAME = "stride-tui"
_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """A folder shipped with the package: inside the wheel, or at the repository's top."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def _user_dir(variable: str, sub: str) -> Path:
    explicit = os.environ.get(variable)
    if explicit:
        return Path(explicit).expanduser()
    home = os.environ.get("STRIDE_HOME")
    if home:
        return Path(home).expanduser() / sub
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
