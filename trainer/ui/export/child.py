"""A large drawing exported by `trainer export` in a child process, so the window never waits.

Why a process and not a thread: PySide holds Python's GIL through every Qt call, and the last
call of a drawing export (QPainter.end, which writes out a SVG of tens of megabytes or
compresses a PDF) is long on a large tree; from any thread of the app's own process that froze
the window. The child is the command line the user can run too (`trainer export … --theme`), in
the window's theme, and it reports each step on its standard output for the progress line.
Cancel kills it; its write is atomic (a temporary file renamed at the end), and the temporary
file a killed child leaves is removed here.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from trainer.infra.progress import Snapshot


def command(tree: Path, fmt: str, out: Path, direction: str, theme: str, scale: float) -> tuple[str, list[str]]:
    """The program and arguments of the export: this Python running the package, or in the
    frozen app its own executable (which takes the same subcommands)."""
    args = [
        "export",
        str(tree),
        "-f",
        fmt,
        "-o",
        str(out),
        "--direction",
        direction,
        "--theme",
        theme,
        "--scale",
        str(scale),
        "--progress",
    ]
    if getattr(sys, "frozen", False):
        return sys.executable, args
    return sys.executable, ["-m", "trainer", *args]


def parse_step(line: str) -> Snapshot | None:
    """A progress line of the child ("Drawing<TAB>300<TAB>20499"), or None for anything else."""
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return Snapshot(parts[0], int(parts[1]), int(parts[2]))


class ChildExport(QObject):
    """One export in a child process. `progressed(Snapshot)` as it goes, then `finished(Path)`
    or `failed(message)`; `cancel()` kills it and leaves no file behind."""

    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process: QProcess | None = None
        self._out: Path | None = None
        self._started = 0.0
        self._pending = ""

    @property
    def running(self) -> bool:
        return self.process is not None

    def start(self, tree: Path, fmt: str, out: Path, direction: str, theme: str, scale: float = 1.0) -> None:
        process = self.process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("QT_QPA_PLATFORM", "offscreen")  # it draws, it shows nothing
        process.setProcessEnvironment(environment)
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._out, self._started, self._pending = out, time.time(), ""
        program, args = command(tree, fmt, out, direction, theme, scale)
        process.start(program, args)

    def cancel(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        process.blockSignals(True)
        process.kill()
        process.waitForFinished(5000)
        process.deleteLater()
        self._remove_leftovers()

    def _remove_leftovers(self) -> None:
        """The temporary file a killed child was writing (`.NAME.xxxxxxxx.tmp`, made after it started)."""
        out = self._out
        if out is None:
            return
        for candidate in out.parent.glob(f".{out.name}.*.tmp"):
            try:
                if candidate.stat().st_mtime >= self._started - 1:
                    candidate.unlink()
            except OSError:
                pass

    def _read(self) -> None:
        process = self.process
        if process is None:
            return
        self._pending += bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            step = parse_step(line)
            if step is not None:
                self.progressed.emit(step)

    def _on_finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        errors = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        process.deleteLater()
        if code == 0 and self._out is not None:
            self.finished.emit(self._out)
        else:
            self._remove_leftovers()
            last = errors.splitlines()[-1] if errors else f"the export stopped (exit status {code})"
            self.failed.emit(last.removeprefix("trainer export: "))

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.process is not None:
            self.process = None
            self.failed.emit("the export could not be started")
