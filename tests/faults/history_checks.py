"""Reading a history database back the way a repair tool would: its integrity and its rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def integrity(path: Path) -> str:
    """SQLite's full integrity check ("ok" when sound), read through a fresh connection."""
    db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return "; ".join(row[0] for row in db.execute("PRAGMA integrity_check"))
    finally:
        db.close()


def attempts(path: Path) -> list[tuple]:
    """Every recorded attempt, in the order recorded."""
    db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return db.execute("SELECT id, tree_id, item_key, answered_at, correct FROM attempts ORDER BY id").fetchall()
    finally:
        db.close()


def cards(path: Path) -> int:
    db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return db.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    finally:
        db.close()
