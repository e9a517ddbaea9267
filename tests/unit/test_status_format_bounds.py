"""``stride status --format`` refuses widths and precisions no status line needs."""

from __future__ import annotations

import pytest

from stride_tui.commands.status import MAX_WIDTH, check_format
from stride_tui.errors import CommandError


@pytest.mark.parametrize(
    "spec", [f">{MAX_WIDTH}", f".{MAX_WIDTH}", f"*^{MAX_WIDTH}.{MAX_WIDTH}", "9>10", "<"]
)
def test_widths_up_to_the_bound_are_accepted(spec: str) -> None:
    check_format(f"{{step:{spec}}}")


@pytest.mark.parametrize(
    "spec", [f">{MAX_WIDTH + 1}", ">9223372036854775807", f".{MAX_WIDTH + 1}", "0100000"]
)
def test_a_wider_field_is_refused_before_anything_is_read(spec: str) -> None:
    with pytest.raises(CommandError, match=f"at most {MAX_WIDTH}"):
        check_format(f"{{step:{spec}}}")
