"""stride-tui unit tests for modules that stand alone (runs from the watch)."""
