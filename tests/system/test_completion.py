"""Shell completion, driven in the real shells: bash's function with COMP_WORDS, fish's
``complete -C``, zsh sourced without compinit, and Tab pressed in a real terminal."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stride_tui.commands.completion import install_path, run
from stride_tui.completion import MARKER, Shell, is_ours, script
from stride_tui.errors import CommandError
from stride_tui.parser import build_parser
from tests.helpers.components import require
from tests.helpers.terminal import Tmux

BIN = Path(sys.executable).parent
ROUTINE = "name: Hips\nkind: mobility\nsteps:\n  - name: Lunge\n    time: 30s\n"
HOSTILE_ID = "$(touch pwned)"
"""A routine file name that runs a command if a script ever expands the ids."""


def _require_shell(name: str) -> str:
    found = shutil.which(name)
    require(found is not None, f"{name} is not installed (apt-get install {name})")
    assert found is not None
    return found


@pytest.fixture
def place(tmp_path: Path, stride_home: Path) -> Path:
    """A working folder with folders and files to complete, and a user routine."""
    require((BIN / "stride").exists(), f"no installed stride in {BIN} (make test sets it up)")
    routines = stride_home / "config" / "routines"
    routines.mkdir(parents=True)
    (routines / "my-hips.yaml").write_text(ROUTINE)
    (routines / f"{HOSTILE_ID}.yaml").write_text(ROUTINE)
    work = tmp_path / "work"
    (work / "exports" / "sub").mkdir(parents=True)
    (work / "other").mkdir()
    (work / "hips.yaml").write_text(ROUTINE)
    (work / "notes.txt").write_text("not a routine\n")
    return work


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of the test's own, with no XDG folders or fpath set."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "BASH_COMPLETION_USER_DIR", "FPATH"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def env(home: Path, stride_home: Path) -> dict[str, str]:
    """The shells' environment: the venv's ``stride`` first on PATH, the test's home."""
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "STRIDE_HOME": str(stride_home),
        "TERM": "xterm-256color",
    }


@pytest.fixture
def shell_run(place: Path, env: dict[str, str]) -> Callable[..., str]:
    """Runs a shell command line in the test's folder and home; it must succeed quietly."""

    def run_shell(*argv: str) -> str:
        result = subprocess.run(
            argv, cwd=place, env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert (result.returncode, result.stderr) == (0, ""), argv
        return result.stdout

    return run_shell


def _script_file(tmp_path: Path, shell: Shell) -> Path:
    path = tmp_path / f"stride.{shell.value}"
    path.write_text(script(build_parser(), shell))
    return path


# The function is the one `complete -p stride` names, called as bash calls it.
_BASH_DRIVER = r"""
source "$1" || exit 3
line=$2
read -ra COMP_WORDS <<<"$line"
[[ $line == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE=$line
COMP_POINT=${#line}
spec=$(complete -p stride) || exit 4
function=${spec##*-F }
function=${function%% *}
"$function" stride "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"""


@pytest.fixture
def bash_complete(tmp_path: Path, shell_run: Callable[..., str]) -> Callable[[str], list[str]]:
    """What bash's completion function offers for a command line (cursor at its end)."""
    bash = _require_shell("bash")
    source = _script_file(tmp_path, Shell.BASH)

    def complete(line: str) -> list[str]:
        out = shell_run(
            bash, "--norc", "--noprofile", "-c", _BASH_DRIVER, "bash", str(source), line
        )
        return [word for word in out.splitlines() if word]

    return complete


BUILT_IN = {"pre-run-warmup", "quick-prelude", "post-run-recovery", "long-hold-day"}


def test_bash_completes_subcommands_options_and_levels(
    bash_complete: Callable[[str], list[str]],
) -> None:
    assert bash_complete("stride pro") == ["progress"]
    assert set(bash_complete("stride ")) >= {"run", "list", "check", "completion", "log"}
    assert bash_complete("stride run --l") == ["--level"]
    assert bash_complete("stride run pre-run-warmup --level e") == ["experienced"]
    assert bash_complete("stride list --level ") == ["beginner", "standard", "experienced"]
    assert bash_complete("stride completion ") == ["bash", "zsh", "fish"]
    assert bash_complete("stride completion fish --i") == ["--install"]


def test_bash_completes_routine_ids_from_stride_list(
    bash_complete: Callable[[str], list[str]], place: Path
) -> None:
    assert bash_complete("stride run my") == ["my-hips"]
    assert bash_complete("stride show my") == ["my-hips"]
    assert bash_complete("stride new x --from my") == ["my-hips"]
    everything = bash_complete("stride progress ")
    assert BUILT_IN | {"my-hips", HOSTILE_ID} <= set(everything)
    # A routine given as a path: routine files and folders, never other files.
    assert {"hips.yaml", "exports", "other"} <= set(everything)
    assert "notes.txt" not in everything
    # --from takes an id only.
    assert "hips.yaml" not in bash_complete("stride new x --from ")
    # An id is offered as it is written, never run as a command.
    assert not (place / "pwned").exists()


def test_bash_completes_check_with_ids_and_files(
    bash_complete: Callable[[str], list[str]],
) -> None:
    offered = bash_complete("stride check hips.yaml ")
    assert BUILT_IN | {"my-hips", "hips.yaml", "exports", "other"} <= set(offered)
    assert "notes.txt" not in offered
    assert bash_complete("stride check h") == ["hips.yaml"]


def test_bash_completes_folders_for_the_csv_export(
    bash_complete: Callable[[str], list[str]],
) -> None:
    assert bash_complete("stride log --csv ") == ["exports", "other"]
    assert bash_complete("stride log --csv ex") == ["exports"]
    assert bash_complete("stride log --csv exports/") == ["exports/sub"]


@pytest.fixture
def terminal(place: Path, env: dict[str, str]) -> Iterator[Callable[[str], Tmux]]:
    """An interactive shell (bash or zsh, no start-up files) in a real tmux terminal."""
    require(shutil.which("tmux") is not None, "tmux is not installed (apt-get install tmux)")
    opened: list[Tmux] = []

    def open_shell(command: str) -> Tmux:
        variables = " ".join(
            f"{name}='{env[name]}'" for name in ("PATH", "HOME", "STRIDE_HOME", "TERM")
        )
        session = Tmux(f"cd '{place}' && env PS1='ready> ' PROMPT='ready> ' {variables} {command}")
        opened.append(session)
        session.wait_for(lambda screen: "ready>" in screen)
        return session

    yield open_shell
    for session in opened:
        session.close()


def _last_line(screen: str) -> str:
    return [line for line in screen.splitlines() if line.strip()][-1]


def test_bash_tab_descends_into_folders_in_a_real_terminal(
    terminal: Callable[[str], Tmux], tmp_path: Path
) -> None:
    bash = _require_shell("bash")
    source = _script_file(tmp_path, Shell.BASH)
    shell = terminal(f"{bash} --norc --noprofile")
    shell.keys(f"source '{source}'", "Enter")
    shell.keys("stride log --csv ex", "Tab")
    # The folder gets its slash and no space, so the next Tab descends into it.
    shell.wait_for(lambda screen: _last_line(screen).endswith("stride log --csv exports/"))
    shell.keys("s", "Tab")
    shell.wait_for(lambda screen: _last_line(screen).endswith("--csv exports/sub/"))
    # The screen hides trailing spaces: a letter typed after Tab shows whether one came.
    shell.keys("Z")
    shell.wait_for(lambda screen: _last_line(screen).endswith("--csv exports/sub/Z"))
    shell.keys("C-u", "stride run --l", "Tab", "Z")
    shell.wait_for(lambda screen: _last_line(screen).endswith("stride run --level Z"))


def test_zsh_script_loads_without_compinit(tmp_path: Path, shell_run: Callable[..., str]) -> None:
    zsh = _require_shell("zsh")
    source = _script_file(tmp_path, Shell.ZSH)
    out = shell_run(zsh, "-f", "-c", f"source '{source}' && print -r -- ${{_comps[stride]}}")
    assert out.strip() == "_shtab_stride"


def test_zsh_completes_in_a_real_terminal(terminal: Callable[[str], Tmux], tmp_path: Path) -> None:
    zsh = _require_shell("zsh")
    source = _script_file(tmp_path, Shell.ZSH)
    shell = terminal(f"{zsh} -f")
    shell.keys(f"source '{source}'", "Enter")
    shell.keys("stride run --l", "Tab")
    shell.wait_for(lambda screen: "stride run --level" in _last_line(screen))
    shell.keys("C-u", "stride run my", "Tab")
    shell.wait_for(lambda screen: "stride run my-hips" in _last_line(screen))
    shell.keys("C-u", "stride log --csv ex", "Tab")
    shell.wait_for(lambda screen: _last_line(screen).endswith("stride log --csv exports/"))


@pytest.fixture
def fish_complete(tmp_path: Path, shell_run: Callable[..., str]) -> Callable[[str], list[str]]:
    """What fish offers for a command line (``complete -C``), candidates without notes."""
    fish = _require_shell("fish")
    source = _script_file(tmp_path, Shell.FISH)

    def complete(line: str) -> list[str]:
        out = shell_run(fish, "--no-config", "-c", f"source '{source}'; complete -C '{line}'")
        return [entry.split("\t")[0] for entry in out.splitlines()]

    return complete


def test_fish_completes_options_levels_ids_and_paths(
    fish_complete: Callable[[str], list[str]], place: Path
) -> None:
    assert fish_complete("stride pro") == ["progress"]
    assert fish_complete("stride run --l") == ["--level"]
    assert fish_complete("stride run x --level e") == ["experienced"]
    assert fish_complete("stride run my") == ["my-hips"]
    assert fish_complete("stride new x --from my") == ["my-hips"]
    assert fish_complete("stride log --csv ex") == ["exports/"]
    offered = fish_complete("stride check ")
    assert BUILT_IN | {"my-hips", HOSTILE_ID, "hips.yaml", "exports/", "other/"} <= set(offered)
    assert "notes.txt" not in offered
    assert not (place / "pwned").exists()


def _install(shell: Shell, capsys: pytest.CaptureFixture[str]) -> str:
    assert run(argparse.Namespace(shell=shell.value, install=True)) == 0
    out: str = capsys.readouterr().out
    return out


def test_install_writes_where_each_shell_looks(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = {
        Shell.BASH: home / ".local/share/bash-completion/completions/stride",
        Shell.ZSH: home / ".local/share/zsh/site-functions/_stride",
        Shell.FISH: home / ".config/fish/completions/stride.fish",
    }
    for shell, path in expected.items():
        out = _install(shell, capsys)
        assert out.splitlines()[0] == f"wrote {path}"
        assert path.read_text() == script(build_parser(), shell)
        assert is_ours(path.read_text())
    zsh_out = _install(Shell.ZSH, capsys)
    assert f"  fpath=({home}/.local/share/zsh/site-functions $fpath)" in zsh_out.splitlines()


def test_install_follows_xdg_folders_and_fpath(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert install_path(Shell.BASH) == tmp_path / "data/bash-completion/completions/stride"
    assert install_path(Shell.FISH) == tmp_path / "config/fish/completions/stride.fish"
    assert install_path(Shell.ZSH) == tmp_path / "data/zsh/site-functions/_stride"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert install_path(Shell.ZSH) == home / ".local/share/zsh/site-functions/_stride"
    monkeypatch.setenv("FPATH", f"/usr/share/zsh/functions:{home}/.local/share/zsh/site-functions")
    assert "fpath=(" not in _install(Shell.ZSH, capsys)


def test_install_replaces_its_own_file_but_never_someone_elses(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = install_path(Shell.FISH)
    path.parent.mkdir(parents=True)
    path.write_text(f"{MARKER}\n# an older stride's script\n")
    _install(Shell.FISH, capsys)
    assert "an older stride" not in path.read_text()
    path.write_text("complete -c stride -a 'mine'\n")
    with pytest.raises(CommandError, match="was not written by stride, so it is left as it is"):
        _install(Shell.FISH, capsys)
    assert path.read_text() == "complete -c stride -a 'mine'\n"
    zsh_path = install_path(Shell.ZSH)
    zsh_path.mkdir(parents=True)
    with pytest.raises(CommandError, match="it is a folder, not a file"):
        _install(Shell.ZSH, capsys)


def test_installed_scripts_load_in_each_shell(
    home: Path, shell_run: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    for shell in Shell:
        _install(shell, capsys)

    # fish finds it in its completions folder by itself (with its usual start-up).
    fish = _require_shell("fish")
    assert shell_run(fish, "-c", "complete -C 'stride run --l'").startswith("--level")
    # zsh: on fpath, compinit registers it as the function `_stride`.
    zsh = _require_shell("zsh")
    folder = install_path(Shell.ZSH).parent
    registered = shell_run(
        zsh,
        "-f",
        "-c",
        f"fpath=('{folder}' $fpath); autoload -Uz compinit; compinit -D; "
        "print -r -- ${_comps[stride]}",
    )
    assert registered.strip() == "_stride"
    bash = _require_shell("bash")
    spec = shell_run(
        bash, "--norc", "-c", f"source '{install_path(Shell.BASH)}'; complete -p stride"
    )
    assert spec.strip().endswith(" stride")


def test_stride_completion_prints_the_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stride_tui", "completion", "bash"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(MARKER + "\n")
    assert "_stride_routine_ids" in result.stdout
    assert "complete -o bashdefault -F _shtab_stride stride" in result.stdout
