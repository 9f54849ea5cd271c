"""A real X server (Xvfb) of a given size with the app running on it (tests/screens/probe.py),
keys sent to it by xdotool and screenshots taken by ImageMagick's `import`: what a user on that
screen would see and do."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.screens.pixels import Shot

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).with_name("shots")  # kept for a reviewer to look at (README, "Screens")
TOOLS = ("Xvfb", "xdotool", "import", "tesseract")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


class Session:
    def __init__(self, size: tuple[int, int], data: Path, settings: dict[str, Any]) -> None:
        config = data / "config"
        config.mkdir(parents=True)
        (config / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
        self.server = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.server.stdout is not None
        self.display = f":{self.server.stdout.readline().strip()}"
        self.env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb", "TRAINER_DATA_DIR": str(data)}
        self.app = subprocess.Popen(
            [sys.executable, "-m", "tests.screens.probe"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env,
            cwd=ROOT,
        )
        try:
            self.state = self._read()
        except BaseException:  # never leave a server or an app running behind a failed start
            self.close()
            raise

    def _read(self) -> dict[str, Any]:
        assert self.app.stdout is not None
        line = self.app.stdout.readline()
        assert line, f"the app stopped: {self.app.stderr.read()[-3000:] if self.app.stderr else ''}"
        state: dict[str, Any] = json.loads(line)
        return state

    def tell(self, command: str) -> dict[str, Any]:
        assert self.app.stdin is not None
        self.app.stdin.write(command + "\n")
        self.app.stdin.flush()
        self.state = self._read()
        return self.state

    def keys(self, *keys: str) -> dict[str, Any]:
        """Real key presses through the X server, then where things are after them."""
        subprocess.run(["xdotool", "key", "--delay", "60", *keys], env=self.env, check=True, timeout=30)
        return self.tell("report")

    def click(self, rect: list[int]) -> dict[str, Any]:
        """A real mouse click in the middle of `rect` (screen pixels)."""
        x, y = rect[0] + rect[2] // 2, rect[1] + rect[3] // 2
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env=self.env, check=True, timeout=30)
        return self.tell("report")

    def shot(self, name: str) -> Shot:
        SHOTS.mkdir(exist_ok=True)
        path = SHOTS / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, check=True, timeout=30)
        return Shot.load(path)

    def close(self) -> None:
        if self.app.poll() is None and self.app.stdin is not None and not self.app.stdin.closed:
            with contextlib.suppress(AssertionError, BrokenPipeError, ValueError):  # it may be gone already
                self.tell("quit")
            with contextlib.suppress(subprocess.TimeoutExpired):  # killed below
                self.app.wait(timeout=10)
        if self.app.poll() is None:
            self.app.kill()
            self.app.wait(timeout=10)
        self.server.terminate()
        self.server.wait(timeout=10)
