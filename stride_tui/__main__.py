"""Entry point for ``python -m stride_tui``."""

from stride_tui.cli import main

raise SystemExit(main())
