"""Coaching from the log: what is due, how holds grow, which side needs more.

Today's session, the weekly template, progression, side balance, trends, the calendar
and the report; their settings in ``coaching.toml``. Nothing here imports Textual.
"""
