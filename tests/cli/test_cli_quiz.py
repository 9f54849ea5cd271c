"""`trainer quiz` and `trainer stats` in a terminal: piped answers, seeds, recording."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TREES = Path(__file__).parents[2] / "trees"


def run(args: list[str], answers: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRAINER_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args], input=answers, capture_output=True, text=True, env=env, timeout=60
    )


def test_a_piped_walk_quiz_is_scored_and_reproducible(tmp_path: Path) -> None:
    args = ["quiz", str(TREES / "identity-access.yaml"), "--seed", "5", "--count", "1", "--kind", "walk"]
    first = run(args, "2\n2\n1\n", tmp_path)
    assert first.returncode == 0, first.stderr
    assert "[1/1] Walk the tree to the right outcome" in first.stdout
    assert (
        "✓ Right (1 point). The answer: Cognito user pool for sign-in, plus an identity pool for AWS credentials"
        in first.stdout
    )
    assert "Score: 1 of 1 (100%)" in first.stdout
    again = run(args + ["--no-record"], "2\n2\n1\n", tmp_path / "other")
    assert again.stdout == first.stdout and again.returncode == 0


def test_no_outcome_is_printed_before_the_walk_is_answered(tmp_path: Path) -> None:
    out = run(
        ["quiz", str(TREES / "identity-access.yaml"), "--seed", "5", "--count", "1", "--kind", "walk"], "2\n", tmp_path
    ).stdout
    before_end = out.split("Score:")[0]
    assert "A note-taking app" in before_end  # the scenario this seed asks
    for outcome in ("Cognito user pool for sign-in", "identity pool issuing", "as the API's authorizer"):
        assert outcome not in before_end


def test_end_of_input_stops_with_a_partial_score(tmp_path: Path) -> None:
    result = run(["quiz", str(TREES), "--seed", "1", "--count", "4", "--kind", "choice"], "1\n", tmp_path)
    assert result.returncode == 0
    assert "3 not answered" in result.stdout and "Score: " in result.stdout


def test_hint_and_bad_input_are_handled(tmp_path: Path) -> None:
    result = run(
        ["quiz", str(TREES / "identity-access.yaml"), "--seed", "5", "--count", "1", "--kind", "walk"],
        "x\n9\nh\n2\n2\n1\n",
        tmp_path,
    )
    assert result.stdout.count("Type a number, h for a hint, or q to stop.") == 2
    assert "Hint: " in result.stdout
    assert "(0.5 points, hint used)" in result.stdout


def test_attempts_are_recorded_and_shown_by_stats(tmp_path: Path) -> None:
    run(
        ["quiz", str(TREES / "identity-access.yaml"), "--seed", "5", "--count", "1", "--kind", "walk"],
        "2\n2\n1\n",
        tmp_path,
    )
    stats = run(["stats", str(TREES / "identity-access.yaml")], "", tmp_path)
    assert stats.returncode == 0, stats.stderr
    line = next(row for row in stats.stdout.splitlines() if row.startswith("Signing users in"))
    assert line.split()[-5:-2] == ["1", "100%", "0"]
    assert (tmp_path / "history.sqlite3").exists()


def test_no_record_leaves_no_history(tmp_path: Path) -> None:
    run(["quiz", str(TREES / "identity-access.yaml"), "--seed", "5", "--count", "1", "--no-record"], "q\n", tmp_path)
    assert not (tmp_path / "history.sqlite3").exists()


def test_a_damaged_history_still_lets_the_quiz_run(tmp_path: Path) -> None:
    (tmp_path / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    result = run(
        ["quiz", str(TREES / "identity-access.yaml"), "--seed", "5", "--count", "1", "--kind", "walk"],
        "2\n2\n1\n",
        tmp_path,
    )
    assert result.returncode == 0
    assert "not being recorded" in result.stderr
    assert "Score: 1 of 1" in result.stdout


def test_data_dir_option_moves_the_history(tmp_path: Path) -> None:
    elsewhere = tmp_path / "stick"
    run(
        [
            "quiz",
            str(TREES / "identity-access.yaml"),
            "--seed",
            "5",
            "--count",
            "1",
            "--kind",
            "walk",
            "--data-dir",
            str(elsewhere),
        ],
        "2\n2\n1\n",
        tmp_path / "default",
    )
    assert (elsewhere / "history.sqlite3").exists()
    assert not (tmp_path / "default" / "history.sqlite3").exists()
