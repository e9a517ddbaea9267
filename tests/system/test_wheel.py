"""Installing stride: the wheel into a fresh venv (wheels only), and the set-up's optional extra."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from textwrap import dedent

import pytest

from tests.helpers.components import require
from tests.helpers.paths import ROOT
from tests.helpers.sound import alsa_capture_config, find_in_order

PLAY_A_CHIME = """
from stride_tui.settings import Settings
from stride_tui.sound.player import ChimePlayer

player = ChimePlayer(Settings(volume=1.0))
backend = player.wait_ready()
print(player.backend_name, player.failures)
player.play("finish")
player.close(drain=True)
"""


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
    assert len(shipped) == len(list((ROOT / "routines").glob("*.yaml"))) == 6

    checked = stride(installed, home, "check", *shipped)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": ok") == len(shipped)

    broken = tmp_path / "broken.yaml"
    broken.write_text(
        dedent("""\
            name: B
            steps:
              - {name: A, time: 1m70s}
            """)
    )
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


def test_set_up_tries_the_extra_again_once_the_machine_can_build_it(tmp_path: Path) -> None:
    make, cc = shutil.which("make"), shutil.which("cc")
    require(make is not None, "make is not installed (make)")
    require(cc is not None, "no C compiler (gcc)")
    assert make is not None and cc is not None
    # A venv whose installer only records what it is asked: the Makefile's logic is under test.
    venv_dir = tmp_path / "venv"
    (venv_dir / "bin").mkdir(parents=True)
    python = venv_dir / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec {sys.executable} "$@"\n')
    uv = venv_dir / "bin" / "uv"
    uv.write_text('#!/bin/sh\necho "$*" >>"$INSTALL_LOG"; exit "$INSTALL_EXIT"\n')
    for fake in (python, uv):
        fake.chmod(0o755)
    (venv_dir / ".installed").touch()  # set up already, after pyproject.toml changed
    log = tmp_path / "install.log"
    log.touch()
    state = venv_dir / ".extra-simpleaudio"
    # A machine with no compiler: only the tools the recipe needs are on PATH.
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in ("cat", "tr"):
        found = shutil.which(tool)
        assert found is not None
        (tools / tool).symlink_to(found)
    headers = tmp_path / "include"
    for header in ("Python.h", "alsa/asoundlib.h"):
        (headers / header).parent.mkdir(parents=True, exist_ok=True)
        (headers / header).write_text("")
    env = {**os.environ, "PATH": str(tools), "CPATH": str(headers), "INSTALL_LOG": str(log)}

    def extras(install_exit: int = 1) -> str:
        done = subprocess.run(
            [make, "-s", "-C", str(ROOT), "extras", f"VENV={venv_dir}"],
            env={**env, "INSTALL_EXIT": str(install_exit)},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def attempts() -> int:
        return len(log.read_text().splitlines())

    assert "did not build" in extras() and attempts() == 1
    assert state.read_text().strip() == "failed Python.h:no alsa/asoundlib.h:no"
    assert extras() == "" and attempts() == 1  # nothing changed: not tried again
    (tools / "cc").symlink_to(cc)  # a compiler, and the headers, are there now
    assert extras(install_exit=0).strip() == "note: the simpleaudio extra is installed now"
    last = log.read_text().splitlines()[-1]
    assert attempts() == 2 and "sync --locked" in last and "--extra simpleaudio" in last
    assert state.read_text().strip() == "ok"
    assert extras() == "" and attempts() == 2
