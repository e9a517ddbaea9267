"""Runs from FIT files, decoded by Garmin's own FIT SDK (``garmin-fit-sdk``).

The frame (headers, sizes, checksums) is checked first by :mod:`.fit_frame`; only a
whole file reaches the decoder, with its own CRC check off (it would check the same
bytes again, slower). What is read, from which message:

- ``file_id``: the file's type (an activity, or a monitoring, course… file), the
  manufacturer, product and serial number (the device, and the run's identity);
- ``session``: start, sport and sub-sport, distance, moving or timer time, average
  cadence (``avg_cadence`` + ``avg_fractional_cadence``, strides per minute), average
  step length (``avg_step_length``, mm), ground-contact time balance
  (``avg_stance_time_balance``, % left) and total strides;
- ``record``: per-record time, distance, speed (``enhanced_speed`` or ``speed``),
  cadence (``cadence`` + ``fractional_cadence``) and ``step_length`` (mm);
- ``device_info``: the creator's product name, where it gives one;
- ``activity``: the local time at the end, for the device's offset from UTC.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from stride_tui.runs import units
from stride_tui.runs.fit_frame import check_frame
from stride_tui.runs.model import Run, RunIdentity, RunSport, Samples
from stride_tui.runs.outcomes import Damaged, FileResult, Skipped

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
"""FIT's timestamps count seconds from here."""

_SUB_SPORTS = {
    "trail": RunSport.TRAIL,
    "treadmill": RunSport.TREADMILL,
    "track": RunSport.TRACK,
    "indoor_running": RunSport.INDOOR,
    "virtual_activity": RunSport.VIRTUAL,
}

_FILE_TYPES = {
    "monitoring_a": "a monitoring file (all-day tracking)",
    "monitoring_b": "a monitoring file (all-day tracking)",
    "monitoring_daily": "a monitoring file (all-day tracking)",
    "course": "a course file",
    "workout": "a workout file",
    "settings": "a settings file",
    "device": "a device file",
    "sport": "a sport settings file",
    "totals": "a totals file",
    "weight": "a weight file",
    "segment": "a segment file",
}

Message = Mapping[str, Any]


def sport_of(sport: object, sub_sport: object) -> RunSport | None:
    """The kind of run for FIT's sport and sub-sport words; ``None`` when not a run."""
    if sport != "running":
        return None
    return _SUB_SPORTS.get(str(sub_sport), RunSport.RUNNING)


def _not_a_run(sport: object) -> str:
    if sport is None:
        return "an activity with no sport given"
    if isinstance(sport, int):
        return f"an activity of a sport this decoder does not know ({sport})"
    word = str(sport).replace("_", " ")
    article = "an" if word[:1] in "aeiou" else "a"
    return f"{article} {word} activity"


def _decode(data: bytes) -> tuple[dict[str, list[Message]], list[Exception], int]:
    import garmin_fit_sdk  # 0.1 s to import: only when a file is read

    stream = garmin_fit_sdk.Stream.from_byte_array(bytearray(data))
    decoder = garmin_fit_sdk.Decoder(stream)
    messages, errors = decoder.read(
        apply_scale_and_offset=True,
        convert_datetimes_to_dates=False,
        convert_types_to_strings=False,  # the few words needed are looked up in _words
        enable_crc_check=False,  # checked by check_frame, over the same bytes
        expand_sub_fields=False,
        expand_components=False,
        merge_heart_rates=False,
    )
    # Each message is a TypedDict in the SDK's stubs; read here as plain mappings.
    found = cast("dict[str, list[Message]]", messages)
    _words(found, garmin_fit_sdk.Profile["types"])
    return found, errors, int(stream.position())


_ENUMS = {
    "file_id_mesgs": (("type", "file"), ("manufacturer", "manufacturer")),
    "session_mesgs": (("sport", "sport"), ("sub_sport", "sub_sport")),
    "sport_mesgs": (("sport", "sport"), ("sub_sport", "sub_sport")),
    "lap_mesgs": (("sport", "sport"), ("sub_sport", "sub_sport")),
}
"""The enumerated fields read, and their FIT types: looked up here for these few
messages rather than by the decoder for every field of every record (a tenth faster)."""


def _words(messages: dict[str, list[Message]], types: Mapping[str, Mapping[int, str]]) -> None:
    for key, fields in _ENUMS.items():
        for message in messages.get(key) or []:
            assert isinstance(message, dict)
            for name, kind in fields:
                value = message.get(name)
                if isinstance(value, int):
                    message[name] = types[kind].get(value, value)
    for message in messages.get("file_id_mesgs") or []:
        assert isinstance(message, dict)
        product = message.get("product")
        garmin = message.get("manufacturer") in ("garmin", "dynastream", "dynastream_oem")
        if garmin and isinstance(product, int) and product in types["garmin_product"]:
            message["garmin_product"] = types["garmin_product"][product]


_SDK_PREFIX = re.compile(r"^FIT Runtime Error(?: at byte: \d+)?\s*")


def _reason(error: Exception) -> str:
    """The decoder's words for a failure, without its prefix: ``invalid local message…``."""
    words = _SDK_PREFIX.sub("", str(error)).strip().rstrip(".")
    if "compressed timestamp" in words.lower():
        return "it uses compressed timestamps, which the FIT decoder does not read"
    return (words[:1].lower() + words[1:]) if words else type(error).__name__


def _number(message: Message, *names: str) -> float | None:
    for name in names:
        value = message.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
            if math.isfinite(number):
                return number
    return None


def _instant(seconds: float) -> datetime:
    return FIT_EPOCH + timedelta(seconds=seconds)


def _device(file_id: Message, creator: Message | None) -> tuple[str, str]:
    """The device's name to show, and the part of the identity that names it."""
    maker = file_id.get("manufacturer")
    product = file_id.get("garmin_product") or file_id.get("product")
    name = ""
    if creator is not None and isinstance(creator.get("product_name"), str):
        name = str(creator["product_name"])
    if not name:
        name = " ".join(str(part).replace("_", " ") for part in (maker, product) if part)
    serial = file_id.get("serial_number")
    key = f"serial:{serial}" if serial else f"product:{maker}/{product}"
    return name, key


def read_fit(data: bytes, sha256: str) -> FileResult:
    """Read one FIT file's bytes into a run, or say why it holds none.

    Args:
        data: The whole file.
        sha256: Its SHA-256 in hex, for the run's identity.

    Returns:
        The :class:`Run`; :class:`Skipped` for a file that is not a run (a ride, a
        walk, a monitoring file); :class:`Damaged`, located, for one that cannot be read
        whole. Never raises for anything in the file.
    """
    damage = check_frame(data)
    if damage is not None:
        return damage
    try:
        messages, errors, stopped = _decode(data)
    except Exception as error:  # the decoder's own failure: the file is not usable
        return Damaged(f"damaged: the decoder stopped ({error})")
    if errors:
        return Damaged(f"damaged at byte {stopped}: {_reason(errors[0])}", stopped)
    try:
        return _run(messages, sha256)
    except (TypeError, ValueError, KeyError, OverflowError) as error:
        return Damaged(f"damaged: a message holds values that make no sense ({error})")


def _run(messages: Mapping[str, list[Message]], sha256: str) -> FileResult:
    file_ids = messages.get("file_id_mesgs") or [{}]
    file_id = file_ids[0]
    kind = file_id.get("type")
    if kind in _FILE_TYPES:
        return Skipped(_FILE_TYPES[str(kind)])
    sessions = messages.get("session_mesgs") or []
    sport_mesgs = messages.get("sport_mesgs") or []
    laps = messages.get("lap_mesgs") or []
    first = sessions[0] if sessions else (sport_mesgs[0] if sport_mesgs else {})
    if len({str(s.get("sport")) for s in sessions}) > 1:
        return Skipped("a multisport activity")
    sport_word = first.get("sport") or (laps[0].get("sport") if laps else None)
    sport = sport_of(sport_word, first.get("sub_sport"))
    if sport is None:
        return Skipped(_not_a_run(sport_word))
    records = messages.get("record_mesgs") or []
    session: Message = sessions[0] if sessions else {}
    start_seconds = _number(session, "start_time") or _number(
        records[0] if records else {}, "timestamp"
    )
    if start_seconds is None:
        return Damaged("damaged: it gives no start time")
    samples = _samples(records, start_seconds)
    distance = _number(session, "total_distance")
    if distance is None:
        distance = _last(samples.distance_m) or 0.0
    moving = _number(session, "total_moving_time", "total_timer_time", "total_elapsed_time")
    if moving is None:
        moving = float(samples.time_s[-1]) if len(samples) else 0.0
    cadence = _average_cadence(session, samples)
    step = _number(session, "avg_step_length")
    if cadence is None:
        step_m = None
    elif step is not None and step > 0:
        step_m = step / 1000
    else:
        strides = _number(session, "total_strides")
        steps = 2 * strides if strides else cadence * moving / 60
        step_m = distance / steps if steps > 0 else None
    creators = [
        info
        for info in messages.get("device_info_mesgs") or []
        if info.get("device_index") in (0, "creator")
    ]
    name, device_key = _device(file_id, creators[0] if creators else None)
    start = _instant(start_seconds)
    activity = (messages.get("activity_mesgs") or [{}])[0]
    offset = None
    local, stamp = _number(activity, "local_timestamp"), _number(activity, "timestamp")
    if local is not None and stamp is not None and abs(local - stamp) <= 18 * 3600:
        offset = timedelta(minutes=round((local - stamp) / 900) * 15)
    return Run(
        start=start,
        sport=sport,
        sub_sport=str(first.get("sub_sport") or "generic"),
        distance_m=distance,
        moving_time_s=moving,
        cadence_spm=cadence,
        step_length_m=step_m,
        gct_balance_left_pct=_balance(session, records),
        device=name,
        identity=RunIdentity(sha256, start, device_key),
        samples=samples,
        utc_offset=offset,
    )


def _balance(session: Message, records: list[Message]) -> float | None:
    """The left foot's share of ground-contact time: the session's, else the records'."""
    average = _number(session, "avg_stance_time_balance")
    if average is not None:
        return average
    shares = [v for r in records if (v := _field(r, "stance_time_balance")) is not None]
    return sum(shares) / len(shares) if shares else None


def _last(values: Any) -> float | None:
    for value in reversed(values):
        if not math.isnan(value):
            return float(value)
    return None


def _average_cadence(session: Message, samples: Samples) -> float | None:
    strides = _number(session, "avg_cadence")
    if strides is not None and strides > 0:
        return units.strides_to_steps(strides, _number(session, "avg_fractional_cadence"))
    moving = [
        c
        for c, v in zip(samples.cadence_spm, samples.speed_mps, strict=True)
        if c > 0 and not (v < 0.5)  # NaN speed keeps the sample; a stop does not
    ]
    return sum(moving) / len(moving) if moving else None


def _field(record: Message, name: str) -> float | None:
    value = record.get(name)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else None


def _samples(records: list[Message], start_seconds: float) -> Samples:
    """The records' samples; the hot loop of an import, so written for speed."""
    samples = Samples()
    add = samples.append
    for record in records:
        stamp = record.get("timestamp")
        if not isinstance(stamp, int):
            continue
        speed = _field(record, "enhanced_speed")
        if speed is None:
            speed = _field(record, "speed")
        strides = _field(record, "cadence")
        cadence = None
        if strides is not None:
            fraction = _field(record, "fractional_cadence")
            cadence = 2 * (strides + fraction) if fraction is not None else 2 * strides
        step = _field(record, "step_length")
        if step is not None and step > 0:
            step_m: float | None = step / 1000
        elif cadence and speed is not None:
            step_m = speed / (cadence / 60)
        else:
            step_m = None
        add(stamp - start_seconds, _field(record, "distance"), speed, cadence or None, step_m)
    return samples
