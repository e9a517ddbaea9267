"""The frame of a FIT file: headers, sizes and checksums, checked before decoding.

A FIT file is one or more chained parts, each a 12- or 14-byte header (its size, the
data's size and ``.FIT``), the data, and a CRC-16 of both. Checking the frame first
gives every damaged file one located reason (cut short at which byte, which checksum
fails) whatever the decoder would have said, and keeps the decoder from ever being
handed a part of a file.
"""

from __future__ import annotations

import struct

from stride_tui.runs.outcomes import Damaged


def _table() -> tuple[int, ...]:
    entries = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        entries.append(crc)
    return tuple(entries)


_TABLE = _table()


def crc16(data: bytes | memoryview, crc: int = 0) -> int:
    """FIT's CRC-16 (the ARC polynomial, reflected, starting at ``crc``) of ``data``."""
    table = _TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def looks_like_fit(data: bytes) -> bool:
    """Whether ``data`` starts as a FIT file does (header size 12 or 14, then ``.FIT``)."""
    return len(data) >= 12 and data[0] in (12, 14) and data[8:12] == b".FIT"


def check_frame(data: bytes) -> Damaged | None:
    """Check every chained part's header, size and CRC.

    Args:
        data: The whole file.

    Returns:
        ``None`` when the frame is whole; else the first damage, located.
    """
    if not data:
        return Damaged("empty (0 bytes)", 0)
    position = 0
    while position < len(data):
        left = len(data) - position
        if data[position] not in (12, 14) or (
            left >= 12 and data[position + 8 : position + 12] != b".FIT"
        ):
            if position == 0:
                return Damaged("not a FIT file (it does not start with a FIT header)", 0)
            if not any(data[position:]):
                return None  # zero padding after the last part, as some devices write
            return Damaged(
                f"unreadable bytes after the end of its data at byte {position}", position
            )
        header_size = data[position]
        if left < header_size:
            return Damaged(f"cut short at byte {len(data)}", len(data))
        (data_size,) = struct.unpack_from("<I", data, position + 4)
        if header_size == 14:
            (header_crc,) = struct.unpack_from("<H", data, position + 12)
            if header_crc and crc16(memoryview(data)[position : position + 12]) != header_crc:
                return Damaged(
                    f"damaged: its header's checksum does not match at byte {position}", position
                )
        end = position + header_size + data_size + 2
        if end > len(data):
            return Damaged(f"cut short at byte {len(data)}", len(data))
        if crc16(memoryview(data)[position:end]) != 0:
            return Damaged(
                f"damaged: the checksum at byte {end - 2} does not match its data", end - 2
            )
        position = end
    return None
