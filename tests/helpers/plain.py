"""What plain mode prints, as the tests read it."""

from __future__ import annotations

import re

LINE = re.compile(r"^\s*(\d+):(\d\d\.\d\d)  plan\s+(\d+):(\d\d\.\d\d)  (.{28})  (.{5})  (.*)$")
"""One event line: actual time, planned time, step (28 wide), side (5 wide), what happened."""
