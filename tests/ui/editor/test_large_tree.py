"""The editor on a large tree (issue 15): a 3,000-node tree opens in it, its scenarios are shown
a page at a time, every outcome picker offers the same shared list, and an outcome is found by
typing part of its name. Behaviour only: the times are measured in tests/benchmarks/bench_editor.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from trainer.author.session import EditSession
from trainer.core.model import Outcome
from trainer.ui.editor import dialogs
from trainer.ui.editor.tree_form import PAGE_SIZE
from trainer.ui.editor.window import EditorWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from treegen import generate_tree_yaml

NODES = 3_000


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "big.yaml"
    path.write_text(generate_tree_yaml(NODES, 1), encoding="utf-8")
    return path


@pytest.fixture
def editor(qtbot, big_file: Path) -> EditorWindow:  # type: ignore[no-untyped-def]
    window = EditorWindow(EditSession.open(big_file))
    qtbot.addWidget(window)
    window.show()
    window.resize(1500, 900)
    qtbot.waitExposed(window)
    assert window.busy  # a large tree is checked and laid out in the background
    settle(qtbot, window)
    return window


def settle(qtbot, window: EditorWindow) -> None:  # type: ignore[no-untyped-def]
    """Wait until the views show the text (a large tree's checking runs in a worker)."""
    qtbot.waitUntil(lambda: not window.busy, timeout=180_000)


def test_a_large_tree_opens_with_its_scenarios_a_page_at_a_time(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    tree = editor.checked.tree
    assert tree is not None and len(tree.nodes) == NODES and len(tree.scenarios) > PAGE_SIZE
    form = editor.scenarios
    assert len(form.expects) == PAGE_SIZE  # only the shown page has widgets
    assert form.range.text() == f"Scenarios 1–{PAGE_SIZE} of {len(tree.scenarios):,}"
    assert [p.currentData() for p in form.expects] == [s.expect for s in tree.scenarios[:PAGE_SIZE]]
    editor.tabs.setCurrentIndex(2)
    qtbot.mouseClick(form.next, Qt.MouseButton.LeftButton)
    assert form.range.text().startswith(f"Scenarios {PAGE_SIZE + 1}–")
    assert form.expects[0].accessibleName() == f"Scenario {PAGE_SIZE + 1} expects"
    assert form.expects[0].currentData() == tree.scenarios[PAGE_SIZE].expect


def test_every_outcome_picker_shares_one_list_of_all_outcomes(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    tree = editor.checked.tree
    outcomes = [n for n, node in tree.nodes.items() if isinstance(node, Outcome)]
    models = {id(p.model()) for p in editor.scenarios.expects}
    assert len(models) == 1
    model = editor.scenarios.expects[0].model()
    assert model.rowCount() == len(outcomes)
    assert [model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())] == outcomes


def test_an_outcome_is_picked_by_typing_part_of_its_text(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    tree = editor.checked.tree
    wanted = next(
        n for n, node in reversed(tree.nodes.items()) if isinstance(node, Outcome) and n != tree.scenarios[0].expect
    )
    words = tree.nodes[wanted].text
    editor.tabs.setCurrentIndex(2)
    picker = editor.scenarios.expect_picker(0)
    editor.activateWindow()
    picker.lineEdit().setFocus()
    picker.lineEdit().selectAll()
    part = " ".join(words.split()[1:4]).upper()  # words from inside its text, in another case
    qtbot.keyClicks(picker.lineEdit(), part)
    popup: QAbstractItemView = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    matches = picker.completer().completionModel()
    assert matches.rowCount() >= 1
    shown = [matches.index(r, 0).data() for r in range(matches.rowCount())]
    assert all(part.lower() in text.lower() for text in shown) and any(text.startswith(f"{wanted} (") for text in shown)
    row = next(r for r in range(matches.rowCount()) if matches.index(r, 0).data().startswith(f"{wanted} ("))
    popup.setCurrentIndex(matches.index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    settle(qtbot, editor)
    assert editor.checked.tree.scenarios[0].expect == wanted
    assert editor.stack.text(editor.stack.index() - 1) == "Change what scenario 1 expects"


def test_an_edit_on_the_large_tree_reaches_every_view(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    start = editor.checked.tree.start
    field = editor.node_form.fields["question"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Is the new question worded clearly?")
    field.commit()
    assert editor.stack.count() == 1 and editor.busy  # on the undo stack at once; the views follow
    settle(qtbot, editor)
    assert editor.checked.tree.nodes[start].text == "Is the new question worded clearly?"
    assert editor.graph.scene.tree.nodes[start].text == "Is the new question worded clearly?"
    assert editor.stack.text(0) == f"Edit question of “{start}”"
    editor.undo_action.trigger()
    settle(qtbot, editor)
    assert editor.graph.scene.tree.nodes[start].text != "Is the new question worded clearly?"
    assert field.toPlainText() == editor.checked.tree.nodes[start].text


def test_the_latest_edit_wins_when_edits_come_faster_than_checking(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    start = editor.checked.tree.start
    field = editor.node_form.fields["question"]
    for text in ("Is it the first wording?", "Is it the second wording?"):
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, text)
        field.commit()  # the second comes while the first is being checked
    settle(qtbot, editor)
    assert editor.checked.tree.nodes[start].text == "Is it the second wording?"
    assert editor.graph.scene.tree is editor.checked.tree
    assert editor.status.text().endswith(("warnings", "warning", "fixed"))


def test_an_outcome_added_below_on_the_large_tree_gets_a_free_id_and_is_selected(qtbot, editor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tree = editor.checked.tree
    question = next(n for n in editor.outline.order if hasattr(tree.nodes[n], "answers") and n != tree.start)
    editor.select(question)
    suggested: list[str] = []
    monkeypatch.setattr(
        dialogs, "ask_new_node", lambda _parent, _kind, wanted: suggested.append(wanted) or (wanted, "A new outcome")
    )
    editor.actions["add_outcome"].trigger()  # Edit > Add Outcome Below…
    settle(qtbot, editor)
    [new] = suggested
    assert new not in tree.nodes and new in editor.checked.tree.nodes
    assert editor.checked.tree.nodes[question].answers[-1].next == new
    assert editor.selected == new and new in editor.graph.scene.nodes
    view, scene = editor.graph.view, editor.graph.scene
    qtbot.waitUntil(lambda: view.visible_scene_rect().contains(scene.node_rect(new)), timeout=5000)  # brought into view
    assert len(editor.checked.tree.nodes) == NODES + 1


def test_a_file_the_library_checked_is_not_parsed_again_by_the_editor(qtbot, big_file, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from trainer.core.library import read_tree
    from trainer.core.tree_cache import TreeCache
    from trainer.infra.paths import tree_cache_dir
    from trainer.ui.canvas.style import graph_style
    from trainer.ui.editor import refresher

    text = big_file.read_text(encoding="utf-8")
    fresh = refresher.prepare(text, big_file, graph_style(), "down")
    read_tree(big_file, TreeCache(tree_cache_dir()))  # the library reads it, and keeps its check

    def parse(*_args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(refresher, "check_text", parse)
    cached = refresher.prepare(text, big_file, graph_style(), "down")
    assert list(cached.checked.tree.nodes) == list(fresh.checked.tree.nodes)
    assert [p.message for p in cached.checked.problems] == [p.message for p in fresh.checked.problems]
    assert cached.drawing is not None and set(cached.drawing.layout.nodes) == set(fresh.drawing.layout.nodes)
