"""Sessions: playing a plan against a clock, and the training log.

Nothing in this package imports Textual: it is pure domain code.
"""
