"""Routines: the file format, its validation, the library of routines and the plan.

Nothing in this package imports Textual: it is pure domain code.
"""
