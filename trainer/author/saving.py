"""Saving an edited tree without ever losing what the author wrote (Qt-free).

A save writes atomically (trainer.infra.fileio), so a full disk, a read-only folder or a vanished
folder leaves the original byte for byte and raises SaveError with what happened; the editor
keeps the edits and offers "Save As". A file that another program changed since the editor read
it is never overwritten silently (ConflictError: the author chooses). Before each overwrite the
previous version is copied to a few rotating backups in the user data folder, not beside the
file. Saving text identical to the file writes nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from trainer.infra.fileio import Syncer, Writer, explain, write_atomically

BACKUPS_KEPT = 5


class SaveError(Exception):
    """The file could not be written; the message says why, for the author."""


class ConflictError(SaveError):
    """The file changed on disk since it was read (or was deleted)."""


@dataclass(frozen=True)
class DiskState:
    """A file's content as the editor last read or wrote it (None: there was no file)."""

    digest: str | None

    @classmethod
    def of(cls, path: Path) -> DiskState:
        try:
            return cls(hashlib.sha256(path.read_bytes()).hexdigest())
        except FileNotFoundError:
            return cls(None)
        except OSError as exc:
            raise SaveError(f"cannot read {path}: {explain(exc)}") from None


def changed_on_disk(path: Path, known: DiskState) -> bool:
    try:
        return DiskState.of(path) != known
    except SaveError:
        return True


def save_text(
    path: Path,
    text: str,
    known: DiskState | None,
    backups: Path | None = None,
    write: Writer = os.write,
    sync: Syncer = os.fsync,
) -> DiskState:
    """Write `text` to `path`. `known` is what the editor read (None: overwrite whatever is there,
    after the author chose to). Returns the new state; raises ConflictError or SaveError.
    `write` and `sync` go to write_atomically (the fault-injection tests fill the disk there)."""
    data = text.encode("utf-8")
    if not path.parent.is_dir():  # a folder renamed, a USB stick pulled out: not a conflict
        raise SaveError(
            f"{path.name} was not saved: the folder no longer exists ({path.parent}). "
            "Your edits are still here; use Save As to put them elsewhere."
        )
    current = DiskState.of(path)
    if known is not None and current != known:
        what = "was deleted" if current.digest is None else "was changed by another program"
        raise ConflictError(f"{path.name} {what} since it was opened here")
    if current.digest == hashlib.sha256(data).hexdigest():
        return current  # byte-identical: nothing to write, the file keeps its date
    if backups is not None and current.digest is not None:
        back_up(path, backups)
    try:
        write_atomically(path, data, write, sync)
    except OSError as exc:
        raise SaveError(
            f"{path.name} was not saved: {explain(exc)}. The file on disk is unchanged "
            "and your edits are still here; use Save As to put them elsewhere."
        ) from None
    return DiskState(hashlib.sha256(data).hexdigest())


def back_up(path: Path, backups: Path) -> Path | None:
    """Copy the file as it is now into `backups/<name>-<hash of its folder>/`, keeping the
    newest BACKUPS_KEPT copies. A backup that cannot be made does not stop the save."""
    folder = backups / backup_folder_name(path)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{path.stem}-{stamp}{path.suffix}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(target, path.read_bytes())
    except OSError:
        return None
    for old in sorted(folder.glob(f"{path.stem}-*{path.suffix}"))[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


def backup_folder_name(path: Path) -> str:
    """One folder per file: its name, and a short hash of its full path (two trees called the
    same in different folders keep separate backups)."""
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:10]
    return f"{re.sub(r'[^A-Za-z0-9._-]+', '-', path.stem)}-{digest}"


def backups_of(path: Path, backups: Path) -> list[Path]:
    """The backups of `path`, newest first."""
    return sorted((backups / backup_folder_name(path)).glob(f"{path.stem}-*{path.suffix}"), reverse=True)
