"""The session engine: a plan played against a clock, its events, alerts and outcome.

No I/O and no Textual: everything here runs in tests on a manual clock.
"""
