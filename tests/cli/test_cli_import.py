"""`trainer import`: a Mermaid flowchart becomes a tree file; nothing is overwritten silently."""

from __future__ import annotations

from pathlib import Path

from trainer.cli import main
from trainer.core.library import read_tree

FLOWCHART = """flowchart TD
  A{Need static IPs?} -->|Yes| B[Global Accelerator]
  A -->|No| C(CloudFront)
  click A "https://example.org"
"""


def test_import_writes_a_valid_tree_and_reports_what_it_dropped(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "edge.mmd"
    source.write_text(FLOWCHART, encoding="utf-8")
    out = tmp_path / "edge-tree.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{source}: warning: line 4: 'click' line dropped" in err
    entry = read_tree(out)
    assert entry.usable and entry.tree is not None
    assert entry.tree.id == "edge-tree" and entry.tree.start == "a"
    assert [a.label for a in entry.tree.start_node.answers] == ["Yes", "No"]
    assert entry.tree.nodes["b"].text == "Global Accelerator"


def test_an_existing_output_is_kept_unless_forced(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "edge.mmd"
    source.write_text(FLOWCHART, encoding="utf-8")
    out = tmp_path / "mine.yaml"
    out.write_text("my own work\n", encoding="utf-8")
    assert main(["import", str(source), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "my own work\n"
    assert "exists" in capsys.readouterr().err
    assert main(["import", str(source), "-o", str(out), "--force"]) == 0
    assert read_tree(out).usable


def test_without_output_the_tree_is_printed(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "edge.mmd"
    source.write_text(FLOWCHART, encoding="utf-8")
    assert main(["import", str(source), "--id", "printed"]) == 0
    out = capsys.readouterr().out
    assert "id: printed" in out and "format: 1" in out
