"""Long work off the GUI thread, driven like a user (issue 7, section 3): a large library is read
behind "Loading trees… n of N" with Cancel; a large tree is prepared behind a progress line over
the graph, Esc goes back to the tree shown before, and the latest choice wins."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import click_card, wait_until_loaded
from trainer.study.building import build_quiz
from trainer.ui.shell.main_window import MainWindow

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from treegen import generate_tree_yaml

CTRL = Qt.KeyboardModifier.ControlModifier


ALL = 1_000_000  # a quiz of every item the trees give


def write_tree(path: Path, nodes: int, seed: int) -> Path:
    path.write_text(generate_tree_yaml(nodes, seed), encoding="utf-8")
    return path


def big_library(tmp_path: Path, files: int, nodes: int) -> Path:
    folder = tmp_path / "big-library"
    folder.mkdir()
    for n in range(files):
        write_tree(folder / f"{n:02d}-generated.yaml", nodes, seed=n)
    return folder


def card_names(window: MainWindow) -> list[str]:
    return [e.path.name for e in window.library_panel.entries()]


def test_a_large_library_loads_behind_a_progress_line_and_a_cancel_keeps_what_was_read(
    qtbot, make_window, tmp_path
) -> None:
    folder = big_library(tmp_path, 8, 1500)
    window = make_window([folder])  # the window is up before the library is read
    bar = window.library_bar
    assert window.loading and bar.isVisible()
    assert bar.label.accessibleName() == "Library loading"
    qtbot.waitUntil(lambda: re.fullmatch(r"Loading trees… [1-7] of 8", bar.label.text()) is not None, timeout=20_000)
    assert bar.bar.maximum() == 8 and 1 <= bar.bar.value() <= 7
    qtbot.mouseClick(bar.cancel_button, Qt.MouseButton.LeftButton)
    wait_until_loaded(qtbot, window)
    read = card_names(window)
    assert 1 <= len(read) < 8
    assert read == [f"{n:02d}-generated.yaml" for n in range(len(read))]  # the first files, each whole
    assert all(e.usable for e in window.library_panel.entries())
    assert f"loading cancelled, {8 - len(read)} not read" in window.status.text()
    assert not bar.isVisible()
    assert window.graph.tree is not None and window.graph.tree.id == "generated-1500-0"  # the first tree opened

    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)  # File > Reload Library reads them all
    wait_until_loaded(qtbot, window)
    assert len(card_names(window)) == 8 and "not read" not in window.status.text()


def test_cancelling_a_reload_keeps_the_library_that_was_shown(qtbot, make_window, tmp_path) -> None:
    folder = big_library(tmp_path, 4, 1500)
    window = make_window([folder])
    wait_until_loaded(qtbot, window)
    before = window.library_panel.entries()
    write_tree(folder / "zz-new.yaml", 1500, seed=9)
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    assert window.library_bar.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # Esc: stop reading
    wait_until_loaded(qtbot, window)
    assert window.library_panel.entries() == before  # the same entries: nothing half-replaced
    assert window.statusBar().currentMessage() == "Reading the library was cancelled: it is as it was before."


def test_a_large_tree_opens_behind_a_progress_line_and_esc_goes_back_to_the_previous_tree(
    qtbot, make_window, library_dir
) -> None:
    write_tree(library_dir / "c-big.yaml", 3000, seed=4)
    window = make_window()
    wait_until_loaded(qtbot, window)
    assert window.graph.tree.id == "edge"
    click_card(qtbot, window, 2)
    overlay = window.opener.bar
    assert window.loading and overlay.isVisible() and overlay.parent() is window.graph.view
    assert overlay.label.text() == "Opening Generated tree of 3000 nodes (seed 4)…"
    assert overlay.label.accessibleName() == "Tree opening"
    assert window.graph.tree.id == "edge"  # the previous tree stays until the new one is ready
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.loading and not overlay.isVisible()
    assert window.library_panel.currentRow() == 0  # its card is selected again
    assert window.graph.tree.id == "edge" and window.study.entry.tree.id == "edge"
    assert window.outline.order[0] == "http"
    assert (
        window.statusBar().currentMessage() == "Opening c-big.yaml cancelled: still showing Reaching users at the edge."
    )
    qtbot.waitUntil(lambda: window.opener.wait(0), timeout=10_000)  # the worker stopped at its next check
    qtbot.wait(50)
    assert window.graph.tree.id == "edge"  # and nothing it made shows up afterwards

    click_card(qtbot, window, 2)  # chosen again and left to finish
    wait_until_loaded(qtbot, window)
    tree = window.graph.tree
    assert tree.id == "generated-3000-4" and window.study.entry.tree is tree
    assert window.outline.topLevelItemCount() == 1 and len(window.outline.order) == 3000
    assert window.study.page.node_text.text() == tree.nodes[tree.start].text
    assert window.settings.last_tree == str(library_dir / "c-big.yaml")


def test_the_latest_choice_wins_and_a_stale_result_is_never_shown(qtbot, make_window, library_dir) -> None:
    write_tree(library_dir / "c-quick.yaml", 800, seed=2)  # prepared quickly: its result comes first
    write_tree(library_dir / "d-slow.yaml", 4000, seed=3)
    window = make_window()
    wait_until_loaded(qtbot, window)
    shown: list[str] = []
    window.graph.tree_changed.connect(lambda: shown.append(window.graph.tree.id if window.graph.tree else ""))
    click_card(qtbot, window, 2)
    click_card(qtbot, window, 3)  # changed their mind at once
    wait_until_loaded(qtbot, window)
    qtbot.wait(100)
    assert shown == ["generated-4000-3"]
    assert window.library_panel.currentRow() == 3 and window.study.entry.tree.id == "generated-4000-3"


def test_a_small_tree_still_opens_at_once(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    assert not window.loading and window.graph.tree.id == "edge" and not window.opener.bar.isVisible()


def test_a_big_quiz_is_built_behind_a_progress_line_and_can_be_cancelled(
    qtbot, make_window, monkeypatch, tmp_path
) -> None:
    from trainer.ui.study.quiz_setup import SCOPE_TREE, QuizSettings, QuizSetup

    folder = tmp_path / "one"
    folder.mkdir()
    write_tree(folder / "big.yaml", 10_000, seed=6)
    window = make_window([folder])
    wait_until_loaded(qtbot, window)
    monkeypatch.setattr(
        QuizSetup, "ask", staticmethod(lambda *_args: QuizSettings(scope=SCOPE_TREE, seed=7, count=ALL))
    )
    start = (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window, *start)  # Quiz > Start Quiz…
    bar = window.quiz_bar
    assert bar.isVisible() and bar.label.accessibleName() == "Quiz building" and not window.quizzing
    # an item for each of the 6,600 outcomes of a 10,000-node tree (over a second), so there is time to cancel
    qtbot.waitUntil(
        lambda: re.fullmatch(r"Building the quiz…( \d+ of \d+)?", bar.label.text()) is not None, timeout=20_000
    )
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    wait_until_loaded(qtbot, window)
    assert not window.quizzing and not bar.isVisible()
    assert window.statusBar().currentMessage() == "Building the quiz was cancelled."

    scene = window.graph.scene
    offered: list = []  # a spy: the real method still runs
    real_offer = scene.offer_drawing
    monkeypatch.setattr(scene, "offer_drawing", lambda drawing: offered.append(drawing) or real_offer(drawing))
    qtbot.keyClick(window, *start)
    qtbot.waitUntil(lambda: window.quizzing and window.quiz.mode == "question", timeout=60_000)
    tree = window.study.entry.tree
    assert len(window.quiz.session.quiz.items) == len(build_quiz([tree], ALL, 7).items) > 6_000 and not bar.isVisible()
    # the masked drawing was laid out in the worker with the quiz, and the graph shows it
    assert [d.masked for d in offered] == [True] and offered[0].tree is tree and scene.masked
    assert scene.layout_result is offered[0].layout


def exporting_to(monkeypatch, target: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    from trainer.ui.export.action import ExportPrompts

    monkeypatch.setattr(ExportPrompts, "ask_path", staticmethod(lambda _parent, _suggested: (target, fmt)))


def big_tree_window(qtbot, make_window, tmp_path: Path, nodes: int = 3000) -> MainWindow:  # type: ignore[no-untyped-def]
    folder = tmp_path / "one"
    folder.mkdir()
    write_tree(folder / "big.yaml", nodes, seed=8)
    window = make_window([folder])
    wait_until_loaded(qtbot, window)
    return window


def test_a_large_drawing_is_exported_in_steps_while_the_window_stays_live(
    qtbot, make_window, monkeypatch, tmp_path
) -> None:
    window = big_tree_window(qtbot, make_window, tmp_path)
    target = tmp_path / "big.svg"
    exporting_to(monkeypatch, target, "svg")
    seen: set[str] = set()
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)  # File > Export…
    assert window.export_bar.isVisible() and window.export_bar.label.accessibleName() == "Export"
    qtbot.waitUntil(lambda: seen.add(window.export_bar.label.text()) or not window.loading, timeout=60_000)
    assert any(
        re.fullmatch(r"big\.svg · Drawing… \d+ of \d+", text) for text in seen
    )  # painted in steps, shown as it went
    assert window.statusBar().currentMessage() == f"Exported to {target}"
    svg = target.read_text(encoding="utf-8")
    tree = window.graph.tree
    assert svg.count("<text") >= len(tree.nodes)
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".big.svg")] == []


def test_a_large_drawing_is_made_by_a_child_process_in_the_windows_theme(
    qtbot, make_window, monkeypatch, tmp_path
) -> None:
    """The last Qt call of a drawing holds the GIL for up to a second at 10,000 nodes, so a large
    one is drawn by `trainer export` in a child process: the window's own threads never do it."""
    from trainer.draw.themes import load_theme
    from trainer.ui.canvas.style import set_active_theme

    window = big_tree_window(qtbot, make_window, tmp_path)
    dark = load_theme("dark")
    set_active_theme(dark)
    try:
        target = tmp_path / "page.html"
        exporting_to(monkeypatch, target, "html")
        qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
        child = window.exporter.child
        assert child is not None and child.process is not None and child.process.processId() > 0
        arguments = child.process.arguments()
        assert arguments[arguments.index("export") + 1] == str(tmp_path / "one" / "big.yaml")
        wait_until_loaded(qtbot, window)
        assert window.exporter.child is None and window.statusBar().currentMessage() == f"Exported to {target}"
        page = target.read_text(encoding="utf-8")
        assert (
            page.startswith("<!DOCTYPE html>") and dark.colours["graph_background"] in page
        )  # drawn in the window's theme
    finally:
        set_active_theme(None)


def test_a_cancelled_export_leaves_the_old_file_and_nothing_else(qtbot, make_window, monkeypatch, tmp_path) -> None:
    window = big_tree_window(qtbot, make_window, tmp_path)
    target = tmp_path / "big.pdf"
    target.write_bytes(b"previous")
    exporting_to(monkeypatch, target, "pdf")
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.export_bar.label.text().startswith("big.pdf · Drawing…"), timeout=60_000)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.loading and not window.export_bar.isVisible()
    assert window.statusBar().currentMessage() == "Export cancelled: nothing was written."
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".big.pdf")] == []  # no temporary file left


def test_a_large_text_export_is_made_in_the_background(qtbot, make_window, monkeypatch, tmp_path) -> None:
    window = big_tree_window(qtbot, make_window, tmp_path)
    target = tmp_path / "handout.md"
    exporting_to(monkeypatch, target, "md")
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    assert window.export_bar.isVisible() and not target.exists()
    wait_until_loaded(qtbot, window)
    assert target.read_text(encoding="utf-8").startswith("# Generated tree of 3000 nodes")
    assert window.statusBar().currentMessage() == f"Exported to {target}"


def test_a_large_file_changed_on_disk_is_read_again_in_the_background(qtbot, make_window, tmp_path) -> None:
    window = big_tree_window(qtbot, make_window, tmp_path)
    path = tmp_path / "one" / "big.yaml"
    tree = window.graph.tree
    question = tree.nodes[tree.start].text
    path.write_text(
        path.read_text(encoding="utf-8").replace(question, "Is this the edited first question?", 1), encoding="utf-8"
    )
    qtbot.waitUntil(lambda: window.loading, timeout=10_000)  # noticed, and being read off the GUI thread
    assert window.statusBar().currentMessage() == "Reading big.yaml again (changed on disk)…"
    wait_until_loaded(qtbot, window)
    assert window.study.page.node_text.text() == "Is this the edited first question?"
    assert window.graph.tree.nodes[tree.start].text == "Is this the edited first question?"
    assert window.statusBar().currentMessage() == "Reloaded big.yaml (changed on disk)"
