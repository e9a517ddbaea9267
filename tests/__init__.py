"""stride-tui tests."""
