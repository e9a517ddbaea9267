"""FIT files written by fit-tool, an encoder independent of the decoder stride ships.

Records are streamed: one message of each kind is defined once and re-encoded for every
record, so an hour at one record a second takes a fraction of a second to write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fit_tool.definition_message import DefinitionMessage
from fit_tool.fit_file_header import FitFileHeader
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.device_info_message import DeviceInfoMessage
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.monitoring_message import MonitoringMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import (
    Event,
    EventType,
    FileType,
    Manufacturer,
    Sport,
    SubSport,
)
from fit_tool.record import Record
from fit_tool.utils.crc import crc16

__all__ = ["FileType", "RunSpec", "Sport", "SubSport", "fit_bytes", "write_fit"]

FIT_EPOCH_MS = int(datetime(1989, 12, 31, tzinfo=UTC).timestamp() * 1000)


@dataclass
class RunSpec:
    """What a written FIT file holds.

    ``speed`` and ``step_mm`` are functions of the second since the start (or constants);
    cadence follows from them (speed over step length), written as FIT does: strides per
    minute in whole numbers plus a fractional part. ``step_mm=None`` leaves out the
    device's step length (cadence is then ``strides``), ``cadence=False`` leaves out
    cadence and step length altogether.
    """

    start: datetime = datetime(2026, 11, 14, 7, 0, tzinfo=UTC)
    seconds: int = 600
    speed: float | Callable[[int], float] = 3.0
    step_mm: float | Callable[[int], float] | None = 1050.0
    strides: float = 85.7
    cadence: bool = True
    sport: Sport = Sport.RUNNING
    sub_sport: SubSport = SubSport.GENERIC
    file_type: FileType = FileType.ACTIVITY
    serial: int = 3_456_789_012
    gct_balance: float | None = None
    session_averages: bool = True


def _value(source: float | Callable[[int], float], second: int) -> float:
    return source(second) if callable(source) else source


class _Writer:
    def __init__(self) -> None:
        self.body = bytearray()
        self.defined: set[int] = set()

    def add(self, message: Any) -> None:
        if message.global_id not in self.defined:
            message.local_id = len(self.defined) % 16
            definition = DefinitionMessage.from_data_message(message)
            message.set_definition_message(definition)
            self.body += Record.from_message(definition).to_bytes()
            self.defined.add(message.global_id)
        self.body += Record.from_message(message).to_bytes()

    def finish(self) -> bytes:
        header: bytes = FitFileHeader(records_size=len(self.body)).to_bytes()
        data = header + bytes(self.body)
        crc: int = crc16(data)
        return data + crc.to_bytes(2, "little")


def fit_bytes(spec: RunSpec) -> bytes:
    """The bytes of a FIT file for ``spec``."""
    start_ms = int(spec.start.timestamp() * 1000)
    writer = _Writer()
    file_id = FileIdMessage()
    file_id.type = spec.file_type
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 3113
    file_id.serial_number = spec.serial
    file_id.time_created = start_ms
    writer.add(file_id)
    creator = DeviceInfoMessage()
    creator.timestamp = start_ms
    creator.device_index = 0
    creator.manufacturer = Manufacturer.GARMIN.value
    creator.product = 3113
    creator.product_name = "Forerunner \x1b]0;pwned\x07945"
    writer.add(creator)
    if spec.file_type == FileType.MONITORING_B:
        monitoring = MonitoringMessage()
        for minute in range(spec.seconds // 60):
            monitoring.timestamp = start_ms + minute * 60_000
            monitoring.cycles = 10.0 * minute
            writer.add(monitoring)
        return writer.finish()
    event = EventMessage()
    event.event = Event.TIMER
    event.event_type = EventType.START
    event.timestamp = start_ms
    writer.add(event)
    record = RecordMessage()
    distance = 0.0
    steps = 0.0
    cadence_sum = 0.0
    for second in range(spec.seconds):
        speed = _value(spec.speed, second)
        record.timestamp = start_ms + second * 1000
        record.distance = distance
        record.speed = speed
        if spec.cadence:
            if spec.step_mm is not None:
                step = _value(spec.step_mm, second)
                strides = speed / (step / 1000) * 60 / 2
                record.step_length = step
            else:
                strides = spec.strides
            whole = int(strides)
            record.cadence = whole
            record.fractional_cadence = strides - whole
            steps += 2 * strides / 60
            cadence_sum += 2 * strides
            if spec.gct_balance is not None:
                record.stance_time_balance = spec.gct_balance
        writer.add(record)
        distance += speed
    end_ms = start_ms + spec.seconds * 1000
    event.event_type = EventType.STOP_ALL
    event.timestamp = end_ms
    writer.add(event)
    for message in (LapMessage(), SessionMessage()):
        message.timestamp = end_ms
        message.start_time = start_ms
        message.total_elapsed_time = spec.seconds
        message.total_timer_time = spec.seconds
        message.total_distance = distance
        if isinstance(message, SessionMessage):
            message.sport = spec.sport
            message.sub_sport = spec.sub_sport
            if spec.cadence and spec.session_averages:
                average = cadence_sum / spec.seconds / 2
                message.avg_cadence = int(average)
                message.avg_fractional_cadence = average - int(average)
                message.total_strides = round(steps / 2)
                if spec.step_mm is not None:
                    message.avg_step_length = distance / steps * 1000
                if spec.gct_balance is not None:
                    message.avg_stance_time_balance = spec.gct_balance
        writer.add(message)
    activity = ActivityMessage()
    activity.timestamp = end_ms
    activity.local_timestamp = (end_ms - FIT_EPOCH_MS) // 1000 + 3600
    activity.num_sessions = 1
    writer.add(activity)
    return writer.finish()


def write_fit(path: Path, spec: RunSpec | None = None) -> Path:
    """Write ``spec`` (a ten-minute run by default) to ``path``."""
    path.write_bytes(fit_bytes(spec or RunSpec()))
    return path
