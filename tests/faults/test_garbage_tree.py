"""A tree file replaced by garbage while the app shows it, through the real file watcher: random
bytes, an image, half a YAML file, an empty file, the file deleted. The window keeps running and
says which file and what is wrong; the other trees stay usable; when the file is good again the
walk comes back where it was. An editor open on the same file keeps the author's tree."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from tests.faults.conftest import Faults
from tests.ui.conftest import GOOD_TREE, click_answer, click_card
from trainer.author.session import EditSession

WAIT_MS = 3000

GARBAGE = {  # what replaces the file, and what its problem says
    "random bytes": (random.Random(9).randbytes(3000), "not UTF-8 text"),
    "an image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "not UTF-8 text"),
    "half-written YAML": (GOOD_TREE.encode("utf-8")[: len(GOOD_TREE) // 2 + 7], "'next: accelerator' names no node"),
    "empty": (b"", "the file is empty"),
}


def save_by_rename(path: Path, data: bytes) -> None:
    """How most editors and our own saves write: a temporary file renamed over the original."""
    temporary = path.with_name(f".{path.name}.swp-{time.monotonic_ns()}")
    temporary.write_bytes(data)
    os.replace(temporary, path)


@pytest.fixture
def studying(qtbot, make_window, library_dir: Path):  # type: ignore[no-untyped-def]
    """A window walking the edge tree, one answer in; a third, good tree beside it."""
    (library_dir / "c-other.yaml").write_text(
        GOOD_TREE.replace("id: edge", "id: other").replace("title: Reaching users at the edge", "title: Another tree"),
        encoding="utf-8",
    )
    window = make_window()
    click_card(qtbot, window, 0)
    click_answer(qtbot, window, "Yes")
    assert window.study.walk.current_id == "spikes"
    return window


def _back_where_it_was(qtbot, window, path: Path) -> bool:  # type: ignore[no-untyped-def]
    save_by_rename(path, GOOD_TREE.encode("utf-8"))
    qtbot.waitUntil(lambda: window.study.walk is not None and window.library_panel.entries()[0].usable, timeout=WAIT_MS)
    return window.study.walk.current_id == "spikes" and window.graph.tree is not None


@pytest.mark.parametrize("garbage", list(GARBAGE))
def test_a_studied_tree_replaced_by_garbage(qtbot, studying, library_dir: Path, faults: Faults, garbage: str) -> None:  # type: ignore[no-untyped-def]
    data, problem = GARBAGE[garbage]
    path = library_dir / "a-edge.yaml"
    path.write_bytes(data)  # in place, as a crashed or careless program leaves it
    qtbot.waitUntil(lambda: studying.study.stack.currentWidget() is studying.study.problems, timeout=WAIT_MS)
    said = studying.statusBar().currentMessage()
    card = studying.library_panel.entries()[0]
    told = (
        said == "a-edge.yaml changed on disk and cannot be opened: see its problems"
        and studying.study.tree_title.text() == "a-edge.yaml cannot be opened"
        and problem in studying.study.problems.toPlainText()
        and not card.usable
        and problem in card.first_error.message
    )
    running = studying.isVisible() and studying.library_panel.count() == 3 and studying.graph.tree is None
    back = _back_where_it_was(qtbot, studying, path)
    path.write_bytes(data)  # and once more: meanwhile another tree is studied as usual
    qtbot.waitUntil(lambda: not studying.library_panel.entries()[0].usable, timeout=WAIT_MS)
    click_card(qtbot, studying, 2)
    click_answer(qtbot, studying, "Yes")
    other = studying.study.walk.tree.title == "Another tree" and studying.study.walk.current_id == "spikes"
    faults.check(
        told and running and back and other,
        f"{garbage}: said {said!r}, problems {studying.study.problems.toPlainText()[:120]!r}, "
        f"running {running}, back {back}, other tree {other}",
    )
    faults.assert_none_damaged()


def test_a_studied_tree_deleted_and_put_back(qtbot, studying, library_dir: Path, faults: Faults) -> None:  # type: ignore[no-untyped-def]
    path = library_dir / "a-edge.yaml"
    path.unlink()
    qtbot.waitUntil(lambda: studying.library_panel.count() == 2, timeout=WAIT_MS)
    said = studying.statusBar().currentMessage()
    told = said.startswith("Library reloaded (files changed on disk: removed a-edge.yaml)") and studying.isVisible()
    save_by_rename(path, GOOD_TREE.encode("utf-8"))
    qtbot.waitUntil(lambda: studying.library_panel.count() == 3, timeout=WAIT_MS)
    assert "added a-edge.yaml" in studying.statusBar().currentMessage()
    click_card(qtbot, studying, 0)
    faults.check(told and studying.study.walk is not None and studying.graph.tree is not None, f"said {said!r}")
    faults.assert_none_damaged()


def test_an_editor_open_on_the_file_keeps_the_tree(
    qtbot, studying, library_dir: Path, monkeypatch, faults: Faults
) -> None:  # type: ignore[no-untyped-def]
    """The watcher tells the study window and the editor alike: the study window shows the
    problems, the editor (no edits of its own) keeps the tree as unsaved edits, and saving it
    from the editor (asked first: the file changed) puts the tree back for both."""
    from trainer.ui.editor import dialogs

    path = library_dir / "a-edge.yaml"
    editor = studying.authoring.open_editor(EditSession.open(path))  # the app's own: it closes and deletes it
    path.write_bytes(GARBAGE["an image"][0])
    qtbot.waitUntil(lambda: "cannot be read" in editor.statusBar().currentMessage(), timeout=WAIT_MS)
    kept = editor.session.text == GOOD_TREE and editor.isWindowModified()
    qtbot.waitUntil(lambda: studying.study.stack.currentWidget() is studying.study.problems, timeout=WAIT_MS)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_conflict", lambda _parent, message: asked.append(message) or "overwrite")
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")
    saved = editor.save()
    faults.check(
        kept
        and saved
        and asked == ["a-edge.yaml was changed by another program since it was opened here"]
        and path.read_text(encoding="utf-8") == GOOD_TREE,
        f"editor said {editor.statusBar().currentMessage()!r}, asked {asked}",
    )
    qtbot.waitUntil(lambda: studying.library_panel.entries()[0].usable, timeout=WAIT_MS)
    with qtbot.waitSignal(editor.destroyed, timeout=WAIT_MS):  # closed, the app deletes its editor
        editor.close()
    faults.assert_none_damaged()
