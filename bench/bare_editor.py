"""A minimal Textual app editing one YAML file in a TextArea: the baseline for stride's editor."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import TextArea


class BareEditor(App[None]):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.text = path.read_text()

    def compose(self) -> ComposeResult:
        yield TextArea.code_editor(self.text, language="yaml")


if __name__ == "__main__":
    BareEditor(Path(sys.argv[1])).run()
