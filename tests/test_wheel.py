"""Build the wheel, install it into a fresh venv, and use the installed ``stride``."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the freshly built wheel installed; returns its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    wheels = list(work.glob("stride_tui-*.whl"))
    require(
        build.returncode == 0 and len(wheels) == 1,
        f"could not build the wheel: {build.stderr[-2000:]}",
    )
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    install = subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheels[0])],
        capture_output=True,
        text=True,
        check=False,
    )
    require(install.returncode == 0, f"could not install the wheel: {install.stderr[-2000:]}")
    return env_dir / "bin"


def stride(bin_dir: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["STRIDE_HOME"] = str(home)
    return subprocess.run(
        [str(bin_dir / "stride"), *args],
        capture_output=True,
        text=True,
        cwd=home.parent,
        env=env,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_installed_stride_lists_and_checks_the_shipped_routines(
    installed: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    listing = stride(installed, home, "list")
    assert listing.returncode == 0, listing.stderr
    assert "pre-run-warmup" in listing.stdout and "7:33" in listing.stdout

    located = stride(installed, home, "locate")
    routines = Path(located.stdout.split("built-in routines", 1)[1].split("\n")[0].strip())
    sounds = Path(located.stdout.split("built-in sounds", 1)[1].split("\n")[0].strip())
    # The routines come from inside the installed package, not from this checkout.
    assert ROOT not in routines.parents
    assert routines.parent.name == "stride_tui"
    assert sounds.parent == routines.parent
    assert len(list(sounds.glob("*.wav"))) == 9
    shipped = sorted(str(p) for p in routines.glob("*.yaml"))
    assert len(shipped) == 5

    checked = stride(installed, home, "check", *shipped)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": ok") == 5

    broken = tmp_path / "broken.yaml"
    broken.write_text("name: B\nsteps:\n  - {name: A, time: 1m70s}\n")
    failed = stride(installed, home, "check", str(broken))
    assert failed.returncode == 1
    assert "broken.yaml:3:21: steps[0].time: `1m70s` is not a duration; write 2m10s" in (
        failed.stdout
    )
    assert "Traceback" not in failed.stderr

    shown = stride(installed, home, "show", "pre")
    assert "Total 7:33 in 10 steps" in shown.stdout
    module = subprocess.run(
        [str(installed / "python"), "-m", "stride_tui", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert module.stdout.strip().startswith("stride-tui ")
