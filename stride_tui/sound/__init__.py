"""Sound: which chime each session event gets, how chimes are played, and spoken cues.

Nothing here imports Textual; the app and plain mode both use it.
"""
