"""Chimes: how long ``play()`` takes to return, and boundary-to-first-sample delay.

The default ALSA device is pointed at the file plugin (the same set-up as the real-audio
tests). A routine plays on the real clock, driven as the app drives it; a thread watches
the file grow. Each chime is then found in the capture by its samples (the device also
writes the silence between chimes), and the delay from its boundary to the moment the
file grew past its first samples is reported.

Run: python -m bench.bench_sound
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.stats import Figure

TEXT = (
    "name: Ticks\ndefaults: {get_ready: 3s, switch: 1s}\nsteps:\n"
    "  - {name: Hold, time: 4s, sides: both}\n  - {name: Reps, reps: 4, tempo: 1s}\n"
)


def run() -> dict[str, Figure]:
    folder = Path(tempfile.mkdtemp(prefix="stride-sound-"))
    capture = folder / "capture.raw"
    config = folder / "asound.conf"
    config.write_text(
        "pcm.!default {\n  type file\n  slave.pcm { type null }\n"
        f'  file "|cat >> {capture}"\n  format "raw"\n}}\n'
    )
    os.environ["ALSA_CONFIG_PATH"] = str(config)  # before ALSA is first loaded

    from stride_tui.routine.loader import parse_routine
    from stride_tui.routine.plan import expand
    from stride_tui.session.engine import Engine, State
    from stride_tui.settings import Settings
    from stride_tui.sound.chimes import chime_for_batch, load_chime
    from stride_tui.sound.player import ChimePlayer

    player = ChimePlayer(Settings(volume=1.0))
    backend = player.wait_ready()
    if backend is None or backend.name not in ("miniaudio", "simpleaudio"):
        raise SystemExit(f"needs miniaudio, got {player.backend_name}: {player.failures}")

    returns = []
    for _ in range(2000):
        start = time.perf_counter()
        player.play("rep")
        returns.append((time.perf_counter() - start) * 1000)
    time.sleep(0.5)
    base = capture.stat().st_size if capture.exists() else 0

    growth: list[tuple[float, int]] = []
    watching = True

    def watch() -> None:
        last = capture.stat().st_size if capture.exists() else 0
        while watching:
            size = capture.stat().st_size if capture.exists() else 0
            if size != last:
                growth.append((time.monotonic(), size))
                last = size
            time.sleep(0.0002)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    plan = expand(parse_routine(TEXT))
    engine = Engine(plan)
    engine.start()
    boundaries: list[tuple[float, str]] = []
    while engine.state is not State.FINISHED:
        events = engine.update()
        name = chime_for_batch(events, plan, "standard") if events else None
        if name:
            boundaries.append((events[0].due, name))
            player.play(name)
        due = engine.next_due()
        if due is not None:
            time.sleep(max(0.0, min(0.1, due - time.monotonic())))
    time.sleep(2.5)
    watching = False
    watcher.join()
    player.close()
    captured = capture.read_bytes()
    delays = []
    at = base
    for boundary, name in boundaries:
        opening = load_chime(name).pcm[:2048]
        found = captured.find(opening, at)
        if found < 0:
            continue
        at = found + len(opening)
        first = next((t for t, size in growth if size > found), None)
        if first is not None:
            delays.append((first - boundary) * 1000)
    print(f"(backend {backend.name}; {len(boundaries)} chimes, {len(delays)} seen in the capture)")
    return {
        "chime_play_return_ms": Figure.of(returns),
        "chime_boundary_delay_ms": Figure.of(delays),
    }


TARGETS = {"chime_play_return_ms": 5.0, "chime_boundary_delay_ms": 30.0}

if __name__ == "__main__":
    for key, figure in run().items():
        print(f"{key:28} {figure}   target < {TARGETS[key]:g} ms", file=sys.stdout)
