"""TCX and GPX runs with cadence, and XML that is refused."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from stride_tui.runs.model import Run
from stride_tui.runs.outcomes import Damaged, Skipped
from stride_tui.runs.reading import read_run_file
from stride_tui.runs.safe_xml import XmlRefused, parse

START = datetime(2026, 11, 14, 7, 0, tzinfo=UTC)
METRES_PER_DEGREE = 111_194.9  # along a meridian, at the mean Earth radius


def stamp(second: int) -> str:
    return (START + timedelta(seconds=second)).strftime("%Y-%m-%dT%H:%M:%SZ")


def gpx(seconds: int = 600, speed: float = 3.0, cad: float = 86, kind: str = "running") -> str:
    points = "".join(
        f'<trkpt lat="{45 + s * speed / METRES_PER_DEGREE:.8f}" lon="6.0"><ele>400</ele>'
        f"<time>{stamp(s)}</time><extensions><gpxtpx:TrackPointExtension>"
        f"<gpxtpx:hr>150</gpxtpx:hr><gpxtpx:cad>{cad:g}</gpxtpx:cad>"
        "</gpxtpx:TrackPointExtension></extensions></trkpt>"
        for s in range(seconds)
    )
    kind_element = f"<type>{kind}</type>" if kind else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx creator="Garmin Connect" version="1.1" xmlns="http://www.topografix.com/GPX/1/1"'
        ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><name>Morning Run</name>{kind_element}<trkseg>{points}</trkseg></trk></gpx>"
    )


def tcx(seconds: int = 600, speed: float = 3.2, cadence: int = 88, sport: str = "Running") -> str:
    points = "".join(
        f"<Trackpoint><Time>{stamp(s)}</Time><DistanceMeters>{s * speed:.1f}</DistanceMeters>"
        f"<Extensions><ns3:TPX><ns3:Speed>{speed}</ns3:Speed>"
        f"<ns3:RunCadence>{cadence}</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>"
        for s in range(seconds)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"'
        ' xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{stamp(0)}</Id>'
        f'<Lap StartTime="{stamp(0)}"><TotalTimeSeconds>{seconds - 1}</TotalTimeSeconds>'
        f"<DistanceMeters>{(seconds - 1) * speed:.1f}</DistanceMeters><Track>{points}</Track></Lap>"
        "<Creator><Name>Forerunner 265</Name></Creator></Activity></Activities>"
        "</TrainingCenterDatabase>"
    )


def read(tmp_path: Path, name: str, text: str) -> Run | Skipped | Damaged:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_run_file(path)


def test_gpx_cadence_from_the_track_point_extension(tmp_path: Path) -> None:
    run = read(tmp_path, "run.gpx", gpx(speed=3.0, cad=86))
    assert isinstance(run, Run)
    assert run.cadence_spm == pytest.approx(172, abs=0.5)  # strides doubled into steps
    assert run.step_length_m == pytest.approx(3.0 / (172 / 60), abs=0.01)
    assert run.distance_m == pytest.approx(599 * 3.0, rel=0.002)
    assert run.moving_time_s == 599
    assert run.start == START
    assert run.device == "Garmin Connect"


def test_gpx_cadence_already_in_steps_is_kept(tmp_path: Path) -> None:
    run = read(tmp_path, "run.gpx", gpx(cad=172))
    assert isinstance(run, Run)
    assert run.cadence_spm == pytest.approx(172, abs=0.5)


def test_gpx_of_another_sport_is_skipped(tmp_path: Path) -> None:
    assert read(tmp_path, "ride.gpx", gpx(kind="cycling")) == Skipped("a cycling activity")


def test_tcx_run_cadence_speed_and_laps(tmp_path: Path) -> None:
    run = read(tmp_path, "run.tcx", tcx(speed=3.2, cadence=88))
    assert isinstance(run, Run)
    assert run.cadence_spm == pytest.approx(176, abs=0.5)
    assert run.step_length_m == pytest.approx(3.2 / (176 / 60), abs=0.01)
    assert run.distance_m == pytest.approx(599 * 3.2, abs=0.1)
    assert run.moving_time_s == 599
    assert run.device == "Forerunner 265"
    assert run.samples.speed_mps[10] == pytest.approx(3.2, abs=0.001)


def test_tcx_ride_is_skipped(tmp_path: Path) -> None:
    assert read(tmp_path, "ride.tcx", tcx(sport="Biking")) == Skipped("a cycling activity")


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{(f"&lol{n - 1};" if n > 1 else "&lol;") * 10}">' for n in range(1, 10)
    )
    + "]><gpx>&lol9;</gpx>"
)


def test_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    began = time.perf_counter()
    result = read(tmp_path, "bomb.gpx", BOMB)
    assert time.perf_counter() - began < 0.1
    assert isinstance(result, Damaged)
    assert result.words().startswith("it declares a document type (<!DOCTYPE>)")


@pytest.mark.parametrize(
    "text",
    [
        '<!DOCTYPE gpx SYSTEM "file:///etc/passwd"><gpx/>',
        '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]><gpx>&x;</gpx>',
        '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY % p SYSTEM "http://x/evil.dtd"> %p;]><gpx/>',
    ],
)
def test_external_entities_and_any_dtd_are_refused(text: str) -> None:
    with pytest.raises(XmlRefused, match="document type"):
        parse(text.encode())


def test_malformed_xml_is_located(tmp_path: Path) -> None:
    result = read(tmp_path, "cut.gpx", gpx()[:500])
    assert isinstance(result, Damaged)
    assert result.why.startswith("not well-formed XML at line 1, column ")


def test_gpx_without_a_type_is_a_run_and_stravas_numbers_are_read(tmp_path: Path) -> None:
    assert isinstance(read(tmp_path, "a.gpx", gpx(kind="")), Run)
    assert isinstance(read(tmp_path, "b.gpx", gpx(kind="9")), Run)
    assert read(tmp_path, "c.gpx", gpx(kind="1")) == Skipped("an activity of type 1")
    assert read(tmp_path, "d.tcx", tcx(sport="Other")) == Skipped("an activity of sport Other")
