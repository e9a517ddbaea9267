"""Fast tests of the domain: routines, plans, the engine, the log, the coaching, sound logic."""
