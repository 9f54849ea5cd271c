"""Unsaved edits written aside every few seconds, so a crash or a killed process loses at most
those seconds; the next start offers them back (Qt-free: the editor's timer calls `write`).

One JSON file per editing session in the recovery folder: the tree's path (none for a tree never
saved), the text, the digest of the file the edits started from (so a restore can tell whether the
file moved on since), and the process that wrote it. Two running copies of the app editing the
same tree keep a file each, and neither offers the other's edits while the other is still running.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from trainer.infra.fileio import write_atomically


@dataclass(frozen=True)
class Recovery:
    """Edits found after a crash."""

    file: Path  # the recovery file itself
    tree_path: Path | None
    text: str
    base: str | None  # sha256 of the tree file when the edits began (None: a new file)
    saved_at: datetime
    pid: int = 0  # the process that wrote it

    def owner_running(self) -> bool:
        """True while the process that wrote it runs (this one included): its edits are not lost."""
        if self.pid <= 0:
            return False
        if self.pid == os.getpid():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # someone else's process with that number: running
            return True
        except OSError:
            return False
        return True

    @property
    def name(self) -> str:
        return self.tree_path.name if self.tree_path else "a new tree"

    def still_needed(self) -> bool:
        """False when the tree file already holds exactly this text (saved after all)."""
        if self.tree_path is None:
            return True
        try:
            return self.tree_path.read_text(encoding="utf-8") != self.text
        except (OSError, UnicodeDecodeError):
            return True


class RecoveryStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, tree_path: Path | None, session: str) -> Path:
        """The recovery file of one editing session of a tree (or of a new, unsaved tree)."""
        name = f"{tree_path.resolve() if tree_path else 'new'}\0{session}"
        return self.folder / f"{hashlib.sha1(name.encode('utf-8')).hexdigest()[:16]}.json"

    def write(self, tree_path: Path | None, text: str, base: str | None, session: str) -> bool:
        """Keep these edits; False when the folder cannot be written (the editor says so)."""
        record = {
            "tree_path": str(tree_path) if tree_path else None,
            "text": text,
            "base": base,
            "saved_at": datetime.now(UTC).isoformat(),
            "pid": os.getpid(),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self.key(tree_path, session), json.dumps(record).encode("utf-8"))
        except OSError:
            return False
        return True

    def discard(self, tree_path: Path | None, session: str) -> None:
        self.key(tree_path, session).unlink(missing_ok=True)

    def pending(self) -> list[Recovery]:
        """Every recovery left by an editor that did not close cleanly, newest first; files
        that cannot be read are left alone (never deleted unread)."""
        found = []
        for file in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else ():
            try:
                raw = json.loads(file.read_text(encoding="utf-8"))
                found.append(
                    Recovery(
                        file,
                        Path(raw["tree_path"]) if raw["tree_path"] else None,
                        str(raw["text"]),
                        raw.get("base"),
                        datetime.fromisoformat(raw["saved_at"]),
                        int(raw.get("pid", 0)),
                    )
                )
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return sorted(found, key=lambda r: r.saved_at, reverse=True)
