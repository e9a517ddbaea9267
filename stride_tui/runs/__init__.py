"""Runs from the watch: reading FIT, TCX and GPX files, and the figures taken from them.

Plain Python with no Textual and no SQLite: :mod:`.reading` turns one file into a run or
a reason it is not one, :mod:`.importing` walks files and folders and leaves out what is
already known, :mod:`.controlled` gives step length and cadence at the runner's reference
pace, and :mod:`.summary` says what moved over the last twelve weeks.

One name for one figure: stride shows **step length**, the distance covered from one
foot's contact to the other's, in metres. It is what watches call "stride length".
"""
