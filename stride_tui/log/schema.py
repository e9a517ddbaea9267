"""The training log's schema: its tables, and the migrations that bring an old log forward.

The version is ``PRAGMA user_version``; each migration runs in one transaction, so a log
is at one version or the next, never between. ``STRIDE_APPLICATION_ID`` marks a file as
a stride log, so no other SQLite file passes as one.
"""

from __future__ import annotations

SCHEMA_VERSION = 4

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        routine_id TEXT NOT NULL,
        routine_name TEXT NOT NULL,
        routine_kind TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        level TEXT NOT NULL,
        started_at TEXT NOT NULL,
        day TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('completed', 'stopped')),
        stopped_at_step INTEGER,
        steps_total INTEGER NOT NULL,
        planned_seconds REAL NOT NULL,
        taken_seconds REAL,
        stiffness INTEGER CHECK (stiffness BETWEEN 1 AND 5),
        stride_feel INTEGER CHECK (stride_feel BETWEEN 1 AND 5),
        notes TEXT,
        reviewed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sessions_by_day ON sessions (day);
    CREATE TABLE session_steps (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('done', 'skipped', 'pending')),
        seconds REAL,
        key_movement INTEGER NOT NULL DEFAULT 0,
        with_control INTEGER,
        PRIMARY KEY (session_id, step_index)
    );
    CREATE TABLE markers (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        value REAL NOT NULL,
        recorded_at TEXT NOT NULL,
        day TEXT NOT NULL,
        note TEXT
    );
    CREATE INDEX markers_by_kind ON markers (kind, day);
    """,
    # How a session ended, honestly: `status` (kept for version 1's constraint) said
    # "completed" even when steps were skipped. Old rows are classified from their steps.
    2: """
    ALTER TABLE sessions ADD COLUMN outcome TEXT NOT NULL DEFAULT 'stopped'
        CHECK (outcome IN ('completed', 'stopped', 'skipped'));
    ALTER TABLE sessions ADD COLUMN skipped_steps INTEGER NOT NULL DEFAULT 0;
    UPDATE sessions SET skipped_steps = (
        SELECT count(*) FROM session_steps
        WHERE session_steps.session_id = sessions.id AND session_steps.status = 'skipped'
    );
    UPDATE sessions SET outcome = CASE
        WHEN status = 'stopped' THEN 'stopped'
        WHEN skipped_steps > 0 THEN 'skipped'
        ELSE 'completed' END;
    """,
    # Coaching over weeks: which side felt tighter per two-sided step, and when the
    # runner last started a routine's progression over.
    3: """
    ALTER TABLE session_steps ADD COLUMN tighter TEXT
        CHECK (tighter IN ('left', 'right', 'even'));
    CREATE TABLE progress_resets (
        routine_id TEXT PRIMARY KEY,
        reset_at TEXT NOT NULL
    );
    """,
    # Runs from the watch, and markers that say their side and the run they came from.
    # A run is known by either key: its file's SHA-256, or its start and device.
    4: """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        sha256_key TEXT NOT NULL UNIQUE,
        start_key TEXT NOT NULL UNIQUE,
        started_at TEXT NOT NULL,
        utc_offset_seconds INTEGER,
        day TEXT NOT NULL,
        sport TEXT NOT NULL,
        sub_sport TEXT NOT NULL,
        distance_m REAL NOT NULL,
        moving_time_s REAL NOT NULL,
        cadence_spm REAL,
        step_length_m REAL,
        gct_balance_left_pct REAL,
        device TEXT NOT NULL,
        reference_pace_s_per_km REAL,
        ref_step_length_m REAL,
        ref_cadence_spm REAL,
        ref_slope_m_per_mps REAL,
        ref_words TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL
    );
    CREATE INDEX runs_by_start ON runs (started_at);
    ALTER TABLE markers ADD COLUMN side TEXT CHECK (side IN ('left', 'right'));
    ALTER TABLE markers ADD COLUMN run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL;
    """,
}

STRIDE_APPLICATION_ID = 0x53545244
"""``PRAGMA application_id`` of a stride log ("STRD"), so no other SQLite file passes as one."""

EXPECTED_TABLES = frozenset({"sessions", "session_steps", "markers"})
"""Tables every version of the log has; a file with stride's version but not these is not ours."""
