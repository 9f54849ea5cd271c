"""An outcome that continues in another tree: read, cached, and checked against the library,
while each tree still loads on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.core.library import TreeEntry, load_library, needs_library_reload, read_tree
from trainer.core.problems import Pos, Severity

CHOOSE = """\
format: 1
id: choose-db
title: Which database
start: q
nodes:
  q:
    question: Relational?
    answers:
      - {label: "Yes", next: rds}
      - {label: "No", next: ddb}
  rds:
    outcome: Amazon RDS
    explanation: Relational.
    continue: next-decision
  ddb:
    outcome: DynamoDB
    explanation: Key-value.
scenarios:
  - {prompt: Orders with joins., expect: rds}
  - {prompt: A shopping cart by key., expect: ddb}
"""

READS = CHOOSE.replace("id: choose-db", "id: next-decision").replace("    continue: next-decision\n", "")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_link_to_a_tree_of_the_library_is_fine_and_kept(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", CHOOSE)
    write(tmp_path, "b.yaml", READS)
    library = load_library([tmp_path])
    assert library.problems == []
    assert library.by_id("choose-db").tree.nodes["rds"].continues == "next-decision"


def test_a_link_to_a_missing_tree_is_a_located_error_and_the_tree_still_reads(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", CHOOSE)
    library = load_library([tmp_path])
    [problem] = library.problems
    assert (problem.severity, problem.pos) == (Severity.ERROR, Pos(14, 15))
    assert "continues in tree 'next-decision', which the library does not have" in problem.message
    assert read_tree(tmp_path / "a.yaml").usable  # on its own it loads


def test_continuing_in_its_own_tree_or_with_a_bad_id_is_an_error(tmp_path: Path) -> None:
    own = read_tree(write(tmp_path, "own.yaml", CHOOSE.replace("continue: next-decision", "continue: choose-db")))
    assert any("continues in its own tree" in p.message for p in own.problems)
    bad = read_tree(write(tmp_path, "bad.yaml", CHOOSE.replace("continue: next-decision", "continue: Database Reads")))
    assert any("is not a valid id" in p.message for p in bad.problems)


def test_the_command_line_resolves_links_against_the_users_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.cli import main

    mine = write(tmp_path / "elsewhere", "a.yaml", CHOOSE)
    assert main(["validate", str(mine)]) == 1
    assert "which the library does not have" in capsys.readouterr().out
    monkeypatch.setenv("TRAINER_DATA_DIR", str(tmp_path / "data"))
    from trainer.infra.paths import user_trees_dir

    write(user_trees_dir(create=True), "reads.yaml", READS)
    assert main(["validate", "--strict", str(mine)]) == 0


def test_a_reload_of_a_file_with_links_reloads_the_library(tmp_path: Path) -> None:
    a = read_tree(write(tmp_path, "a.yaml", CHOOSE))
    b = read_tree(write(tmp_path, "b.yaml", READS))
    plain = TreeEntry(tmp_path / "c.yaml", b.tree, [])
    assert needs_library_reload(a, a, [b])  # its links may now resolve or not
    assert needs_library_reload(b, b, [a])  # a tree others continue in
    assert not needs_library_reload(plain, plain, [])


def test_a_tree_opened_on_its_own_may_continue_in_the_users_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`trainer quiz some/file.yaml` quizzes a tree that links to a bundled tree."""
    from trainer.cli import main

    mine = write(
        tmp_path / "elsewhere", "a.yaml", CHOOSE.replace("continue: next-decision", "continue: database-reads")
    )
    assert main(["quiz", "--audit", "--seeds", "2", str(mine)]) == 0
    assert "choose-db" in capsys.readouterr().out
