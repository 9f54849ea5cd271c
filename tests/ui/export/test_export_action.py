"""File > Export from the window: the prompt is answered by the test, the file is real."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import click_card
from trainer.ui.export.action import ExportPrompts


def test_ctrl_e_exports_the_shown_tree(qtbot, make_window, monkeypatch, tmp_path: Path) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    target = tmp_path / "edge.dot"
    asked: list[Path] = []
    monkeypatch.setattr(
        ExportPrompts, "ask_path", staticmethod(lambda parent, suggested: asked.append(suggested) or (target, "svg"))
    )
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked and asked[0].name == "edge.svg"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("digraph") and "Is the traffic HTTP?" in text  # format from the name
    assert str(target) in window.statusBar().currentMessage()


def test_the_chosen_filter_decides_when_the_name_has_no_extension(
    qtbot, make_window, monkeypatch, tmp_path: Path
) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    monkeypatch.setattr(ExportPrompts, "ask_path", staticmethod(lambda parent, suggested: (tmp_path / "handout", "md")))
    window.export_action.trigger()
    assert (tmp_path / "handout.md").read_text(encoding="utf-8").startswith("# Reaching users at the edge")


def test_a_web_page_to_share(qtbot, make_window, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 0)
    monkeypatch.setattr(ExportPrompts, "ask_path", staticmethod(lambda parent, suggested: (tmp_path / "share", "html")))
    window.export_action.trigger()
    page = (tmp_path / "share.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "Is the traffic HTTP?" in page


def test_a_failed_export_says_why_and_changes_nothing(qtbot, make_window, monkeypatch, tmp_path: Path) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    errors: list[str] = []
    missing = tmp_path / "gone" / "tree.svg"
    monkeypatch.setattr(ExportPrompts, "ask_path", staticmethod(lambda parent, suggested: (missing, "svg")))
    monkeypatch.setattr(ExportPrompts, "show_error", staticmethod(lambda parent, message: errors.append(message)))
    window.export_action.trigger()
    assert len(errors) == 1 and str(missing) in errors[0] and "No such file or directory" in errors[0]
    assert not missing.parent.exists()


def test_a_broken_tree_cannot_be_exported(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    click_card(qtbot, window, 1)
    monkeypatch.setattr(
        ExportPrompts,
        "ask_path",
        staticmethod(lambda parent, suggested: (_ for _ in ()).throw(AssertionError("asked"))),
    )
    window.export_action.trigger()
    assert "without errors" in window.statusBar().currentMessage()
