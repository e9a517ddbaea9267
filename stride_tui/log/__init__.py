"""The training log: its schema, the store, opening the file, the writer, markers, export.

Nothing in this package imports Textual.
"""
