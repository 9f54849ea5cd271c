"""The tree editor, driven as an author drives it: typing in fields, menus and shortcuts, the
target pickers, undo and redo, problems, saving (with conflicts and drafts) and recovery.
The questions the editor asks are answered by replacing its `dialogs` functions, as the quiz
tests do with QuizSetup.ask."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from tests.ui.conftest import GOOD_TREE
from trainer.author.document import TreeDocument
from trainer.author.recovery import RecoveryStore
from trainer.author.saving import backups_of
from trainer.author.session import STARTER, EditSession, check_text
from trainer.infra.paths import backups_dir, recovery_dir
from trainer.ui.editor import dialogs
from trainer.ui.editor.dialogs import DeleteDialog
from trainer.ui.editor.window import EditorWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dialog no test answers would block the run: each fails loudly instead, except the
    closing question at teardown, answered "discard"."""

    def unexpected(name: str):  # type: ignore[no-untyped-def]
        def ask(*_args: object) -> None:
            raise AssertionError(f"unexpected dialog: {name}")

        return ask

    for name in (
        "ask_conflict",
        "ask_draft",
        "ask_save_path",
        "ask_new_node",
        "ask_delete",
        "ask_new_tree",
        "tell",
        "ask_save_elsewhere",
        "ask_save_copy",
    ):
        monkeypatch.setattr(dialogs, name, unexpected(name))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")


@pytest.fixture
def tree_file(tmp_path: Path) -> Path:
    path = tmp_path / "edge.yaml"
    path.write_text(GOOD_TREE, encoding="utf-8")
    return path


def open_editor(qtbot, path: Path) -> EditorWindow:  # type: ignore[no-untyped-def]
    """An editor on `path`, shown and active (shortcuts only reach the active window)."""
    window = EditorWindow(EditSession.open(path))
    qtbot.addWidget(window)
    window.show()
    window.resize(1500, 900)  # as before the window fitted the screen: offscreen's is 800x600
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def editor(qtbot, tree_file: Path) -> EditorWindow:  # type: ignore[no-untyped-def]
    return open_editor(qtbot, tree_file)


def type_into(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    """Click into a field, replace what it holds by typing, and leave it (Tab), as an author does."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_typing_a_question_updates_every_view_and_undo_restores_the_exact_text(qtbot, editor, tree_file) -> None:  # type: ignore[no-untyped-def]
    original = tree_file.read_text(encoding="utf-8")
    assert editor.selected == "http" and editor.windowTitle().startswith("edge.yaml")
    type_into(qtbot, editor.node_form.fields["question"], "Is it web traffic?")
    assert "question: Is it web traffic?" in editor.session.text
    assert editor.graph.scene.nodes["http"].text == "Is it web traffic?"
    assert "Is it web traffic?" in editor.outline.topLevelItem(0).text(0)
    assert editor.undo_action.text() == "&Undo Edit question of “http”"
    assert editor.isWindowModified()
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.session.text == original and not editor.isWindowModified()
    assert editor.node_form.fields["question"].toPlainText() == "Is the traffic HTTP?"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL_SHIFT)
    assert "question: Is it web traffic?" in editor.session.text
    assert editor.history.model().rowCount() == 2  # "the file as opened" and the edit


def test_a_new_question_below_comes_with_outcomes_and_the_tree_stays_valid(qtbot, editor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(dialogs, "ask_new_node", lambda _parent, kind, suggested: ("cost", "Is cost the main concern?"))
    qtbot.keyClick(editor, Qt.Key.Key_Q, CTRL_SHIFT)  # Edit > Add Question Below…
    tree = editor.checked.tree
    assert "cost" in tree.nodes and editor.selected == "cost"
    assert tree.nodes["http"].answers[-1].next == "cost"
    assert [a.label for a in tree.nodes["cost"].answers] == ["Yes", "No"]
    assert not editor.checked.has_errors and editor.status.text().startswith("0 errors")
    assert (
        "cost" in editor.graph.scene.nodes
        and editor.node_form.fields["question"].toPlainText() == "Is cost the main concern?"
    )


def test_an_answer_is_pointed_elsewhere_with_its_target_picker(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    picker = editor.node_form.fields["next1"]  # http's "No" leads to accelerator
    index = picker.findData("cloudfront")
    picker.setCurrentIndex(index)
    picker.activated.emit(index)  # what choosing an entry in its list does
    assert editor.checked.tree.nodes["http"].answers[1].next == "cloudfront"
    assert ("http", "cloudfront") in editor.graph.scene.edges


def test_a_new_outcome_from_the_target_picker(qtbot, editor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(dialogs, "ask_new_node", lambda _parent, kind, suggested: (suggested, "Amazon API Gateway"))
    picker = editor.node_form.fields["next1"]
    index = picker.findData("\x00new-outcome")
    picker.setCurrentIndex(index)
    picker.activated.emit(index)
    tree = editor.checked.tree
    new = tree.nodes["http"].answers[1].next
    assert new == "http-no" and tree.nodes[new].text == "Amazon API Gateway" and editor.selected == new


def test_rename_from_the_id_field_follows_every_reference(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    editor.select("accelerator")
    field = editor.node_form.fields["id"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "global-accelerator")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    tree = editor.checked.tree
    assert "global-accelerator" in tree.nodes and "accelerator" not in tree.nodes
    assert tree.scenarios[1].expect == "global-accelerator" and not editor.checked.has_errors
    assert editor.selected == "global-accelerator"


def test_a_refused_edit_says_why_under_the_field_until_it_is_fixed(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    before = editor.session.text
    field = editor.node_form.fields["label0"]
    type_into(qtbot, field, "No")  # "No" is the other answer's label
    assert editor.session.text == before and editor.stack.count() == 0
    note = field.note
    assert note.isVisible() and "already has an answer labelled “No”" in note.text()
    assert note.geometry().top() >= field.geometry().bottom()  # right under the field
    editor.resize(700, editor.height())  # a narrow form: the note wraps, and is shown whole
    qtbot.waitUntil(lambda: note.heightForWidth(note.width()) > note.fontMetrics().lineSpacing() * 1.5)
    qtbot.waitUntil(lambda: note.height() >= note.heightForWidth(note.width()))
    assert note.mapTo(editor, note.rect().topLeft()).y() - field.mapTo(editor, field.rect().bottomLeft()).y() < 12
    assert editor.statusBar().currentMessage() == ""  # not in the status bar
    assert field.text() == "No"  # the author's text stays, to be fixed
    editor.refresh()
    assert field.text() == "No" and note.isVisible()
    type_into(qtbot, field, "Yes please")  # fixed: accepted, and the note goes
    assert not note.isVisible() and editor.checked.tree.nodes["http"].answers[0].label == "Yes please"


def test_a_refusal_goes_when_the_text_is_put_back(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    field = editor.node_form.fields["label0"]
    type_into(qtbot, field, "No")
    assert field.note.isVisible()
    type_into(qtbot, field, "Yes")  # what the tree holds: nothing to do, nothing refused
    assert not field.note.isVisible() and editor.stack.count() == 0


def test_ctrl_z_in_a_field_takes_back_the_history_panel_s_step(qtbot, editor, tree_file) -> None:  # type: ignore[no-untyped-def]
    """One undo stack: Ctrl+Z typed in a field never undoes inside the field only."""
    original = tree_file.read_text(encoding="utf-8")
    question = editor.node_form.fields["question"]
    type_into(qtbot, question, "Is it web traffic?")
    label = editor.node_form.fields["label0"]
    label.setFocus()
    qtbot.keyClicks(label, "!")  # typed, not yet handed over
    qtbot.keyClick(label, Qt.Key.Key_Z, CTRL)  # goes on the stack, then is undone
    assert label.text() == "Yes" and editor.checked.tree.nodes["http"].answers[0].label == "Yes"
    assert editor.stack.index() == 1 and editor.stack.count() == 2
    assert editor.history.selectionModel().currentIndex().row() == editor.stack.index()
    qtbot.keyClick(label, Qt.Key.Key_Z, CTRL)  # the question's edit, though the cursor is in a label
    assert editor.session.text == original and editor.stack.index() == 0
    assert question.toPlainText() == "Is the traffic HTTP?"
    qtbot.keyClick(label, Qt.Key.Key_Z, CTRL_SHIFT)
    assert "question: Is it web traffic?" in editor.session.text and editor.stack.index() == 1
    qtbot.keyClick(label, Qt.Key.Key_Tab)  # leaving the field adds nothing
    assert editor.stack.count() == 2 and editor.stack.index() == 1
    help_field = editor.node_form.fields["help"]
    before = help_field.toPlainText()
    help_field.setFocus()
    qtbot.keyClicks(help_field, "Really?")
    qtbot.keyClick(help_field, Qt.Key.Key_Z, CTRL)  # a paragraph field too
    assert help_field.toPlainText() == before and editor.stack.index() == 1
    assert editor.stack.text(1) == "Edit help of “http”"  # on the stack, undone: Redo brings it back
    assert editor.history.selectionModel().currentIndex().row() == 1


def test_delete_lists_what_leads_there_and_repoints_it(qtbot, editor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = DeleteDialog(TreeDocument.parse(editor.session.text), "accelerator")
    labels = [
        dialog.layout()
        .itemAt(1)
        .layout()
        .itemAt(i, dialog.layout().itemAt(1).layout().ItemRole.LabelRole)
        .widget()
        .text()
        for i in range(len(dialog.refs))
    ]
    assert labels == ["answer “No” of 'http'", "answer “No” of 'spikes'", "scenario 2"]
    choices = {ref: (None if ref.kind == "answer" and ref.node == "spikes" else "cloudfront") for ref in dialog.refs}
    monkeypatch.setattr(dialogs, "ask_delete", lambda _parent, _doc, _node: choices)
    editor.select("accelerator")
    qtbot.keyClick(editor, Qt.Key.Key_Delete, CTRL_SHIFT)  # Edit > Delete Node…
    tree = editor.checked.tree
    assert "accelerator" not in tree.nodes and not editor.checked.has_errors
    assert [a.label for a in tree.nodes["spikes"].answers] == ["Yes"]
    assert tree.scenarios[1].expect == "cloudfront"


def test_problems_are_listed_flagged_on_the_graph_and_lead_to_the_field(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.yaml"
    broken.write_text(GOOD_TREE.replace("next: accelerator\n  spikes", "next: nowhere\n  spikes"), encoding="utf-8")
    window = EditorWindow(EditSession.open(broken))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.problems.count() >= 1 and "names no node" in window.problems.item(0).text()
    assert window.graph.scene.nodes["http"].flagged and not window.graph.scene.nodes["spikes"].flagged
    window.select("spikes")
    window.problems.itemClicked.emit(window.problems.item(0))
    assert window.selected == "http"
    assert QApplication.focusWidget() is window.node_form.fields["next1"]  # the answer's target
    asked: list[int] = []
    monkeypatch.setattr(dialogs, "ask_draft", lambda _parent, errors: asked.append(errors) or False)
    type_into(qtbot, window.node_form.fields["question"], "Is the traffic HTTP or HTTPS?")
    assert not window.save() and asked == [1]  # refused as a draft: the file is untouched
    assert "HTTPS" not in broken.read_text(encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_draft", lambda _parent, errors: True)
    assert window.save() and "HTTPS" in broken.read_text(encoding="utf-8")


def test_saving_writes_the_file_keeps_a_backup_and_the_library_hears_of_it(qtbot, editor, tree_file) -> None:  # type: ignore[no-untyped-def]
    original = tree_file.read_text(encoding="utf-8")
    type_into(qtbot, editor.node_form.fields["help"], "Think about protocols first.")
    with qtbot.waitSignal(editor.saved, timeout=2000):
        qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert tree_file.read_text(encoding="utf-8") == editor.session.text and not editor.isWindowModified()
    assert [b.read_text(encoding="utf-8") for b in backups_of(tree_file, backups_dir())] == [original]
    assert check_text(tree_file.read_text(encoding="utf-8")).tree.nodes["http"].help == "Think about protocols first."


def test_a_file_changed_on_disk_is_never_overwritten_without_asking(qtbot, editor, tree_file, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, editor.node_form.fields["question"], "Mine?")
    theirs = GOOD_TREE.replace("Is the traffic HTTP?", "Theirs?")
    tree_file.write_text(theirs, encoding="utf-8")
    answers = iter(["cancel", "theirs"])
    monkeypatch.setattr(dialogs, "ask_conflict", lambda _parent, message: next(answers))
    assert not editor.save() and tree_file.read_text(encoding="utf-8") == theirs  # cancelled: nothing written
    assert editor.save()  # "keep theirs": the editor reloads the file
    assert editor.session.text == theirs and editor.checked.tree.nodes["http"].text == "Theirs?"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)  # and "mine" is one undo away
    assert editor.checked.tree.nodes["http"].text == "Mine?"


def test_a_folder_that_vanished_keeps_the_edits_and_offers_save_as(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "edge.yaml").write_text(GOOD_TREE, encoding="utf-8")
    editor = EditorWindow(EditSession.open(stick / "edge.yaml"))
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    type_into(qtbot, editor.node_form.fields["question"], "Kept?")
    stick.rename(tmp_path / "moved")  # the folder is gone (a USB stick pulled out, a folder renamed)
    offered: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_elsewhere", lambda _parent, message: offered.append(message) or True)
    elsewhere = tmp_path / "elsewhere.yaml"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _parent, suggested: elsewhere)
    assert editor.save()
    assert "the folder no longer exists" in offered[0] and "Save As" in offered[0]
    assert "Kept?" in elsewhere.read_text(encoding="utf-8") and editor.session.path == elsewhere
    assert (tmp_path / "moved" / "edge.yaml").read_text(encoding="utf-8") == GOOD_TREE  # untouched


def test_a_change_on_disk_is_followed_when_nothing_is_unsaved(qtbot, editor, tree_file) -> None:  # type: ignore[no-untyped-def]
    tree_file.write_text(GOOD_TREE.replace("Is the traffic HTTP?", "Changed elsewhere?"), encoding="utf-8")
    editor.file_changed_on_disk(tree_file)  # what the file watcher reports
    assert editor.checked.tree.nodes["http"].text == "Changed elsewhere?" and not editor.isWindowModified()


def test_closing_with_unsaved_edits_asks(qtbot, editor, monkeypatch, tree_file) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, editor.node_form.fields["question"], "Unsaved?")
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, name: "cancel")
    editor.close()
    assert editor.isVisible()
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, name: "save")
    editor.close()
    assert not editor.isVisible() and "Unsaved?" in tree_file.read_text(encoding="utf-8")


def test_unsaved_edits_are_written_to_a_recovery_file_and_removed_on_save(qtbot, editor, tree_file) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, editor.node_form.fields["question"], "Recover me?")
    editor.write_recovery()  # what the timer does every few seconds
    [found] = RecoveryStore(recovery_dir()).pending()
    assert found.tree_path == tree_file and "Recover me?" in found.text
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert RecoveryStore(recovery_dir()).pending() == []


def test_an_author_builds_a_ten_node_tree_without_touching_yaml(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from trainer.author.session import new_tree_text

    window = EditorWindow(EditSession(new_tree_text(STARTER, "sizing", "Sizing a database")))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    names = iter(
        [
            ("read-heavy", "Is the load mostly reads?"),
            ("global", "Are the readers worldwide?"),
            ("cache", "Amazon ElastiCache in front of the database"),
        ]
    )
    monkeypatch.setattr(dialogs, "ask_new_node", lambda _parent, kind, suggested: next(names))
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL_SHIFT)  # a question (with two outcomes) below the first
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL_SHIFT)  # and another below that one
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)  # an outcome below the last
    type_into(qtbot, window.node_form.fields["explanation"], "A cache answers repeated reads in microseconds.")
    assert len(window.checked.tree.nodes) == 10
    window.tabs.setCurrentIndex(1)
    type_into(qtbot, window.tree_form.title, "Scaling database reads")
    window.tabs.setCurrentIndex(2)
    add = next(b for b in window.scenarios.findChildren(QPushButton) if b.text() == "Add scenario")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert len(window.checked.tree.scenarios) == 1
    target = tmp_path / "sizing.yaml"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _parent, suggested: target)
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    checked = check_text(target.read_text(encoding="utf-8"))
    assert not checked.has_errors and len(checked.tree.nodes) == 10 and checked.tree.title == "Scaling database reads"
    for _ in range(window.stack.count()):  # undo all the way back to the template
        qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.session.text == new_tree_text(STARTER, "sizing", "Sizing a database")


def test_a_dangling_target_is_shown_by_its_name(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.yaml"
    broken.write_text(GOOD_TREE.replace("next: accelerator\n  spikes", "next: nowhere\n  spikes"), encoding="utf-8")
    window = EditorWindow(EditSession.open(broken))
    qtbot.addWidget(window)
    picker = window.node_form.fields["next1"]
    assert picker.currentData() == "nowhere" and "no such node" in picker.currentText()


def test_a_label_typed_as_on_is_written_quoted_so_yaml_1_1_reads_text(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    import yaml

    type_into(qtbot, editor.node_form.fields["label1"], "On")
    assert '      - label: "On"\n' in editor.session.text
    assert yaml.safe_load(editor.session.text)["nodes"]["http"]["answers"][1]["label"] == "On"


def test_saving_a_bundled_tree_saves_a_copy_to_my_trees(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from trainer.infra.paths import user_trees_dir
    from trainer.ui.editor import window as window_module

    bundled = tmp_path / "shipped"
    bundled.mkdir()
    shipped = bundled / "edge.yaml"
    shipped.write_text(GOOD_TREE, encoding="utf-8")
    monkeypatch.setattr(window_module, "bundled_trees_dir", lambda: bundled)
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "ask_save_copy", lambda _parent, name, new_id: asked.append((name, new_id)) or True)
    editor = open_editor(qtbot, shipped)
    type_into(qtbot, editor.node_form.fields["question"], "Is it web traffic?")
    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert asked == [("edge.yaml", "edge-mine")]
    assert shipped.read_text(encoding="utf-8") == GOOD_TREE  # the shipped file is untouched
    copy = user_trees_dir() / "edge-mine.yaml"
    assert saved.args == [copy] and editor.session.path == copy
    written = check_text(copy.read_text(encoding="utf-8")).tree
    assert written.id == "edge-mine" and written.nodes["http"].text == "Is it web traffic?"
    assert editor.windowTitle().startswith("edge-mine.yaml") and not editor.isWindowModified()
    type_into(qtbot, editor.node_form.fields["question"], "Web traffic?")  # the copy is saved as usual now
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert len(asked) == 1 and "question: Web traffic?" in copy.read_text(encoding="utf-8")


def test_a_bundled_tree_is_never_overwritten_when_the_copy_is_declined(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from trainer.ui.editor import window as window_module

    shipped = tmp_path / "edge.yaml"
    shipped.write_text(GOOD_TREE, encoding="utf-8")
    monkeypatch.setattr(window_module, "bundled_trees_dir", lambda: tmp_path)
    monkeypatch.setattr(dialogs, "ask_save_copy", lambda *_args: False)
    editor = open_editor(qtbot, shipped)
    type_into(qtbot, editor.node_form.fields["question"], "Is it web traffic?")
    assert not editor.save() and shipped.read_text(encoding="utf-8") == GOOD_TREE
    assert editor.session.path == shipped and editor.isWindowModified()


def test_a_node_added_is_brought_into_the_graph_s_view(qtbot, editor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view, scene = editor.graph.view, editor.graph.scene
    widest = max(scene.node_rect(n).width() for n in scene.nodes)
    view.zoom_by(view.viewport().width() / (1.4 * widest) / view.zoom)  # a node or so across
    leftmost = min(scene.nodes, key=lambda n: scene.node_rect(n).left())
    view.centerOn(scene.node_rect(leftmost).center())  # looking at the far left
    before = view.visible_scene_rect()
    monkeypatch.setattr(dialogs, "ask_new_node", lambda _parent, kind, suggested: ("cost", "Is cost the main concern?"))
    qtbot.keyClick(editor, Qt.Key.Key_Q, CTRL_SHIFT)  # Edit > Add Question Below… (of http)
    added = scene.node_rect("cost")
    assert added is not None and not before.contains(added)
    qtbot.waitUntil(lambda: view.visible_scene_rect().contains(scene.node_rect("cost")), timeout=3000)


def test_a_node_no_answer_reaches_is_not_drawn_beside_the_start(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    """Pointing an answer elsewhere leaves its old target unreached: it goes below the tree."""
    picker = editor.node_form.fields["next0"]  # http's "Yes" leads to spikes, the only way there
    index = picker.findData("accelerator")
    picker.setCurrentIndex(index)
    picker.activated.emit(index)
    scene = editor.graph.scene
    start, orphan = scene.node_rect("http"), scene.node_rect("spikes")
    assert orphan.top() > start.bottom()  # not on the start's rank
    reached = [scene.node_rect(n) for n in ("http", "accelerator")]
    assert orphan.top() >= max(r.bottom() for r in reached)


def test_ctrl_z_in_a_refused_field_puts_its_text_back(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    field = editor.node_form.fields["label0"]
    type_into(qtbot, field, "No")
    assert field.note.isVisible()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == "Yes" and not field.note.isVisible() and editor.stack.count() == 0


def test_ctrl_z_on_the_first_edit_typed_in_a_field(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    field = editor.node_form.fields["note0"]
    field.setFocus()
    qtbot.keyClicks(field, " Really.")  # typed, never handed over, nothing on the stack yet
    typed = field.text()
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == "HTTP can be cached at the edge."
    assert editor.stack.count() == 1 and editor.stack.index() == 0  # Redo brings it back
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
    assert editor.checked.tree.nodes["http"].answers[0].note == typed == field.text()
