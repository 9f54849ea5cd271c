"""Hot reload with the real QFileSystemWatcher: an author saves from their own editor and the
window follows, in place or by rename (vim, VS Code), within a second."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import GOOD_TREE, click_answer, click_card
from tests.ui.study.test_quiz_gui import start_quiz
from trainer.ui.shell.file_watch import TreeWatcher

WAIT_MS = 3000

# spikes' question moved from answer "Yes" of http to answer "No": the node stays, the way changes
SPIKES_MOVED = GOOD_TREE.replace(
    '      - label: "Yes"\n        next: spikes', '      - label: "Yes"\n        next: cloudfront'
).replace(
    "      - label: No\n        next: accelerator\n  spikes:", "      - label: No\n        next: spikes\n  spikes:"
)
# spikes removed: http's "Yes" leads straight to the outcome
SPIKES_GONE = GOOD_TREE.replace("next: spikes", "next: cloudfront").replace(
    """  spikes:
    question: Must it absorb sudden spikes in requests?
    answers:
      - label: Yes
        next: cloudfront
      - label: No
        next: accelerator
""",
    "",
)
BROKEN_EDGE = GOOD_TREE.replace("    question: Must it absorb", "    qestion: Must it absorb")


def edge_file(library_dir: Path) -> Path:
    return library_dir / "a-edge.yaml"


def save_by_rename(path: Path, text: str) -> None:
    """What vim and VS Code do: write a temporary file beside the original, then rename it over."""
    temporary = path.with_name(f".{path.name}.swp-{time.monotonic_ns()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def node_text(window) -> str:  # type: ignore[no-untyped-def]
    return window.study.page.node_text.text()


@pytest.fixture
def studying(qtbot, make_window):  # type: ignore[no-untyped-def]
    """A window studying the edge tree, on its first question."""
    window = make_window()
    click_card(qtbot, window, 0)
    assert node_text(window) == "Is the traffic HTTP?"
    return window


def test_the_watcher_is_public_for_the_editor(studying, library_dir: Path) -> None:
    assert isinstance(studying.watcher, TreeWatcher)
    assert edge_file(library_dir) in studying.watcher.plan.files
    assert studying.watcher.plan.folders[library_dir] is True


def test_an_in_place_write_reloads_within_a_second(qtbot, studying, library_dir: Path) -> None:
    started = time.monotonic()
    edge_file(library_dir).write_text(GOOD_TREE.replace("Is the traffic HTTP?", "Is it web traffic?"), encoding="utf-8")
    qtbot.waitUntil(lambda: node_text(studying) == "Is it web traffic?", timeout=WAIT_MS)
    latency = time.monotonic() - started
    print(f"in-place write reloaded after {latency * 1000:.0f} ms")
    assert latency < 1.0
    assert studying.statusBar().currentMessage() == "Reloaded a-edge.yaml (changed on disk)"
    assert studying.library_panel.entries()[0].tree.nodes["http"].text == "Is it web traffic?"
    assert studying.graph.tree.nodes["http"].text == "Is it web traffic?"
    assert "Is it web traffic?" in studying.outline.topLevelItem(0).text(0)


def test_a_save_by_rename_reloads_within_a_second(qtbot, studying, library_dir: Path) -> None:
    started = time.monotonic()
    save_by_rename(
        edge_file(library_dir), GOOD_TREE.replace("title: Reaching users at the edge", "title: Edge, renamed")
    )
    qtbot.waitUntil(lambda: studying.study.tree_title.text() == "Edge, renamed", timeout=WAIT_MS)
    latency = time.monotonic() - started
    print(f"save by rename reloaded after {latency * 1000:.0f} ms")
    assert latency < 1.0
    assert studying.library_panel.entries()[0].title == "Edge, renamed"
    assert studying.windowTitle().startswith("Edge, renamed")


def test_two_saves_by_rename_in_a_row_are_both_seen(qtbot, studying, library_dir: Path) -> None:
    path = edge_file(library_dir)
    save_by_rename(path, GOOD_TREE.replace("Is the traffic HTTP?", "First save?"))
    qtbot.waitUntil(lambda: node_text(studying) == "First save?", timeout=WAIT_MS)
    assert str(path) in studying.watcher._watcher.files()  # watched again after the rename
    save_by_rename(path, GOOD_TREE.replace("Is the traffic HTTP?", "Second save?"))
    qtbot.waitUntil(lambda: node_text(studying) == "Second save?", timeout=WAIT_MS)
    path.write_text(GOOD_TREE.replace("Is the traffic HTTP?", "Third, in place?"), encoding="utf-8")
    qtbot.waitUntil(lambda: node_text(studying) == "Third, in place?", timeout=WAIT_MS)


def test_the_current_node_is_kept_when_it_still_exists(qtbot, studying, library_dir: Path) -> None:
    click_answer(qtbot, studying, "Yes")
    assert studying.study.walk.current_id == "spikes"
    save_by_rename(edge_file(library_dir), SPIKES_MOVED.replace("sudden spikes", "sudden bursts"))
    qtbot.waitUntil(lambda: "sudden bursts" in node_text(studying), timeout=WAIT_MS)
    walk = studying.study.walk
    assert walk.current_id == "spikes"
    assert [(s.node_id, s.answer.label) for s in walk.steps] == [("http", "No")]  # the new way there
    assert "No" in studying.study.crumbs.text()
    assert studying.graph.scene.highlight.current == "spikes"
    assert studying.statusBar().currentMessage() == "Reloaded a-edge.yaml (changed on disk)"


def test_the_walk_starts_again_when_the_node_was_removed(qtbot, studying, library_dir: Path) -> None:
    click_answer(qtbot, studying, "Yes")
    assert studying.study.walk.current_id == "spikes"
    save_by_rename(edge_file(library_dir), SPIKES_GONE)
    qtbot.waitUntil(lambda: "spikes" not in studying.graph.tree.nodes, timeout=WAIT_MS)
    assert studying.study.walk.current_id == "http" and not studying.study.walk.steps
    assert node_text(studying) == "Is the traffic HTTP?"
    assert "the node you were on is gone, so the walk starts again" in studying.statusBar().currentMessage()


def test_a_broken_save_shows_its_errors_and_fixing_it_brings_the_tree_back(qtbot, studying, library_dir: Path) -> None:
    click_answer(qtbot, studying, "Yes")
    path = edge_file(library_dir)
    path.write_text(BROKEN_EDGE, encoding="utf-8")
    qtbot.waitUntil(lambda: studying.study.stack.currentWidget() is studying.study.problems, timeout=WAIT_MS)
    assert "a-edge.yaml:18:5: error: node 'spikes' is neither" in studying.study.problems.toPlainText()
    card = studying.library_panel.entries()[0]
    assert not card.usable and "'spikes' is neither" in card.first_error.message
    assert studying.graph.tree is None and studying.outline.topLevelItemCount() == 0
    assert studying.isVisible() and studying.library_panel.count() == 2
    assert "cannot be opened" in studying.statusBar().currentMessage()
    save_by_rename(path, GOOD_TREE)  # fixed: the walk comes back where it was
    qtbot.waitUntil(lambda: studying.study.walk is not None, timeout=WAIT_MS)
    assert studying.study.walk.current_id == "spikes"
    assert node_text(studying) == "Must it absorb sudden spikes in requests?"
    assert studying.library_panel.entries()[0].usable
    assert studying.graph.tree is not None


def test_a_file_dropped_into_the_library_folder_appears(qtbot, studying, library_dir: Path) -> None:
    click_answer(qtbot, studying, "Yes")
    new = library_dir / "c-new.yaml"
    save_by_rename(
        new, GOOD_TREE.replace("id: edge", "id: fresh").replace("title: Reaching users at the edge", "title: Fresh")
    )
    qtbot.waitUntil(lambda: studying.library_panel.count() == 3, timeout=WAIT_MS)
    assert [e.title for e in studying.library_panel.entries()][2] == "Fresh"
    assert studying.library_panel.currentRow() == 0  # the selection stays
    assert studying.study.walk.current_id == "spikes"  # and so does the walk
    assert "added c-new.yaml" in studying.statusBar().currentMessage()
    new.unlink()
    qtbot.waitUntil(lambda: studying.library_panel.count() == 2, timeout=WAIT_MS)
    assert "removed c-new.yaml" in studying.statusBar().currentMessage()


def test_a_new_file_is_watched_too(qtbot, studying, library_dir: Path) -> None:
    new = library_dir / "c-new.yaml"
    new.write_text(GOOD_TREE.replace("id: edge", "id: fresh"), encoding="utf-8")
    qtbot.waitUntil(lambda: studying.library_panel.count() == 3, timeout=WAIT_MS)
    save_by_rename(
        new, GOOD_TREE.replace("id: edge", "id: fresh").replace("title: Reaching users at the edge", "title: Fresher")
    )
    qtbot.waitUntil(lambda: studying.library_panel.entries()[2].title == "Fresher", timeout=WAIT_MS)
    assert studying.study.entry.path == edge_file(library_dir)  # another file's change moves nothing


def test_an_id_clash_reloads_the_whole_library(qtbot, studying, library_dir: Path) -> None:
    broken = library_dir / "b-broken.yaml"
    broken.write_text(GOOD_TREE.replace("title: Reaching users at the edge", "title: Copy"), encoding="utf-8")
    qtbot.waitUntil(lambda: studying.library_panel.entries()[1].title == "Copy", timeout=WAIT_MS)
    copy = studying.library_panel.entries()[1]
    assert not copy.usable and "already used by" in copy.first_error.message


def test_a_running_quiz_is_left_alone(qtbot, make_window, monkeypatch, library_dir: Path) -> None:
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch)
    question = pane.question_page.question.text()
    graph_tree = window.graph.tree
    edge_file(library_dir).write_text(GOOD_TREE.replace("Is the traffic HTTP?", "Changed mid-quiz?"), encoding="utf-8")
    (library_dir / "c-new.yaml").write_text(GOOD_TREE.replace("id: edge", "id: fresh"), encoding="utf-8")
    qtbot.waitUntil(
        lambda: window.library_panel.entries()[0].tree.nodes["http"].text == "Changed mid-quiz?", timeout=WAIT_MS
    )
    assert "the quiz keeps the version it started with" in window.statusBar().currentMessage()
    qtbot.wait(400)  # the new file's burst has settled too: the library waits for the quiz
    assert window.quizzing and window.centre.currentWidget() is pane
    assert pane.question_page.question.text() == question and window.graph.tree is graph_tree
    assert window.library_panel.count() == 2
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # end the quiz, then close its end screen
    pane.close_quiz()
    qtbot.waitUntil(lambda: window.library_panel.count() == 3, timeout=WAIT_MS)
    assert node_text(window) == "Changed mid-quiz?"
    assert window.graph.tree.nodes["http"].text == "Changed mid-quiz?"
