"""The live session: the engine, the sound and the log tied together as a session plays.

The driver both front ends play through, the recorder, the status file, stop signals
and the services a session runs on. Nothing here imports Textual.
"""
