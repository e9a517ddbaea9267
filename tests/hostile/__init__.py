"""Hostile input and surroundings: broken files, damaged or locked logs, special files,
control characters, full disks; a session plays on whatever happens."""
