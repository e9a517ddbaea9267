"""Build the wheel, install it (wheels only) into a fresh venv, use the installed ``stride``."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import require
from tests.sound_helpers import alsa_capture_config, find_in_order

PLAY_A_CHIME = """
from stride_tui.settings import Settings
from stride_tui.sound.player import ChimePlayer

player = ChimePlayer(Settings(volume=1.0))
backend = player.wait_ready()
print(player.backend_name, player.failures)
player.play("finish")
player.close(drain=True)
"""

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
    # Wheels only, dependencies too: a plain install must never need a compiler.
    install = subprocess.run(
        [
            str(env_dir / "bin" / "python"),
            *("-m", "pip", "install", "--quiet", "--only-binary", ":all:", str(wheels[0])),
        ],
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
    assert len(list(sounds.glob("*.wav"))) == len(list((ROOT / "sounds").glob("*.wav")))
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


@pytest.mark.slow
def test_installed_stride_plays_a_chime_with_the_default_backend(
    installed: Path, tmp_path: Path
) -> None:
    config, capture = alsa_capture_config(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(ALSA_CONFIG_PATH=str(config), STRIDE_HOME=str(tmp_path / "home"))
    played = subprocess.run(
        [str(installed / "python"), "-c", PLAY_A_CHIME],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert played.returncode == 0, played.stderr
    assert played.stdout.startswith("miniaudio []"), played.stdout
    assert find_in_order(capture.read_bytes(), ["finish"]) != [-1]
