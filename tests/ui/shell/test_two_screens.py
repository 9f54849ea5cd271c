"""The presenter's two screens for real (#6 section 3): the app runs on the xcb platform under
Xvfb with two X screens, a 1280x720 laptop and a 1920x1080 projector. F5 puts the presentation
full screen on the projector and the console, maximised, on the laptop; keys pressed on the
console step the room's screen; Esc closes both. (The other GUI tests run offscreen, which has
one screen; where to put what is decided in trainer.present.screens, tested there with plain values.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.infra.paths import bundled_trees_dir

PROBE = Path(__file__).with_name("two_screens_probe.py")
LAPTOP, PROJECTOR = (0, 0, 1280, 720), (0, 0, 1920, 1080)


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (apt install xvfb; .ci/run installs it)")
def test_f5_with_two_screens_puts_the_room_and_the_console_apart(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "TRAINER_DATA_DIR": str(tmp_path / "data")}
    run = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1280x720x24 -screen 1 1920x1080x24",
            sys.executable,
            str(PROBE),
            str(bundled_trees_dir()),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[3],
    )
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert sorted(map(tuple, report["screens"])) == sorted([LAPTOP, PROJECTOR])
    assert tuple(report["window"]["screen"]) == LAPTOP
    room, console = report["presentation"], report["console"]
    assert tuple(room["screen"]) == PROJECTOR and room["full_screen"] and tuple(room["geometry"]) == PROJECTOR
    assert tuple(console["screen"]) == LAPTOP and console["maximised"] and not console["full_screen"]
    assert report["stepped"] == ["question", "answers"], "a key on the console stepped the room's screen"
    assert "— answers shown: 1 " in report["console_now"], "the console followed"
    assert report["after_esc"] == [True, True]
