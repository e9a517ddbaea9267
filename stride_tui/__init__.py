"""stride-tui: a calm terminal coach for runners' mobility routines."""

__version__ = "0.1.0"
