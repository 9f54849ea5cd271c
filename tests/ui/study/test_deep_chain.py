"""A deep chain opens (issue 15): a valid 50,000-step chain of questions crashed the window about
13 s after opening, Qt laying out the outline's rows nested one level per step recursively until
the stack ran out. Opened in a child process, so a crash is this test failing with its signal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.ui.study.deep_chain_probe import chain_yaml
from trainer.ui.study.outline import MAX_NESTING

PROBE = Path(__file__).with_name("deep_chain_probe.py")
STEPS = 50_000


def test_a_50000_step_chain_opens_walks_and_shows_its_outline_and_graph(tmp_path: Path) -> None:
    folder = tmp_path / "deep"
    folder.mkdir()
    (folder / "deep-chain.yaml").write_text(chain_yaml(STEPS), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRAINER_DATA_DIR": str(tmp_path / "data")}
    run = subprocess.run(
        [sys.executable, str(PROBE), str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=Path(__file__).parents[3],
    )
    assert run.returncode == 0, (
        f"the window died (exit {run.returncode}) on a {STEPS:,}-step chain:\n{run.stderr[-3000:]}"
    )
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["opened"], "the chain was not shown within 4 minutes"
    assert report["rows"] == STEPS + 1  # every node listed once
    assert report["walked"] == STEPS - 1  # the walk followed the graph to the chain's last question
    assert report["current"] == f"q{STEPS - 1}"
    assert report["current_text"].startswith(f"▶ you are here · step {STEPS:,}: Go on → Question: Step")
    assert report["last_text"].startswith(f"step {STEPS + 1:,}: Go on → Outcome: The end")  # depth in words
    assert report["deepest"] <= MAX_NESTING + 1  # nesting stops, so nothing recurses per step
    assert "more answers" in report["crumbs"] and report["crumbs"].count("<a ") <= 12  # the way, its ends shown
