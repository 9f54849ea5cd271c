"""The tree editor meeting a full disk, a read-only folder and its file replaced by garbage while
it is open, driven as an author drives it (typing, Ctrl+S, the questions it asks answered by the
test). Each ends with the edits still in the editor and in the recovery folder, the file on disk
the complete old version (or what the author chose), and a message that says what happened."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import trainer.author.session
from tests.faults.conftest import Faults, Filler
from tests.faults.injection import fills_up_at
from tests.ui.conftest import GOOD_TREE
from tests.ui.editor.test_editor import CTRL, no_unexpected_dialogs, open_editor, type_into  # noqa: F401 - the autouse fixture applies here too
from trainer.author.recovery import RecoveryStore
from trainer.author.saving import save_text
from trainer.infra.paths import recovery_dir
from trainer.ui.editor import dialogs
from trainer.ui.editor.window import EditorWindow

EDITED = "Is it web traffic at all?"
FULL = (
    "edge.yaml was not saved: the disk is full. The file on disk is unchanged and your edits are still here; "
    "use Save As to put them elsewhere."
)


def recovered() -> list[str]:
    return [r.text for r in RecoveryStore(recovery_dir()).pending()]


def _kept(editor: EditorWindow) -> bool:
    """The author's edit is in the editor, marked unsaved, and in the recovery folder."""
    return (
        f"question: {EDITED}" in editor.session.text
        and editor.isWindowModified()
        and any(f"question: {EDITED}" in text for text in recovered())
    )


def test_ctrl_s_on_a_disk_that_fills_up(qtbot, tmp_path: Path, monkeypatch, faults: Faults) -> None:  # type: ignore[no-untyped-def]
    """The disk fills at byte k of the save, for k from nothing to all but the last byte; the
    recovery timer has not run yet (the failed save writes the recovery file itself)."""
    tree = tmp_path / "edge.yaml"
    tree.write_text(GOOD_TREE, encoding="utf-8")
    editor = open_editor(qtbot, tree)
    type_into(qtbot, editor.node_form.fields["question"], EDITED)
    said: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_elsewhere", lambda _parent, message: said.append(message) or False)
    size = len(editor.session.text.encode("utf-8"))
    for room in (0, 1, 100, size // 2, size - 1):
        monkeypatch.setattr(trainer.author.session, "save_text", functools.partial(save_text, write=fills_up_at(room)))
        said.clear()
        qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
        faults.check(
            said == [FULL]
            and tree.read_text(encoding="utf-8") == GOOD_TREE
            and _kept(editor)
            and [p.name for p in tmp_path.iterdir()] == ["edge.yaml"],
            f"room for {room} bytes: said {said}, kept {_kept(editor)}",
        )
    monkeypatch.setattr(trainer.author.session, "save_text", save_text)  # room again
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert f"question: {EDITED}" in tree.read_text(encoding="utf-8") and not editor.isWindowModified()
    assert recovered() == []  # saved: nothing left to recover
    faults.assert_none_damaged()


def test_ctrl_s_on_a_real_full_disk(qtbot, tiny_disk: Path, monkeypatch, faults: Faults) -> None:  # type: ignore[no-untyped-def]
    tree = tiny_disk / "edge.yaml"
    tree.write_text(GOOD_TREE, encoding="utf-8")
    filler = Filler(tiny_disk)
    editor = open_editor(qtbot, tree)
    type_into(qtbot, editor.node_form.fields["question"], EDITED)
    said: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_elsewhere", lambda _parent, message: said.append(message) or False)
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    faults.check(said == [FULL] and tree.read_text(encoding="utf-8") == GOOD_TREE and _kept(editor), f"said {said}")
    filler.leave_free(16 * 1024)
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert f"question: {EDITED}" in tree.read_text(encoding="utf-8") and not editor.isWindowModified()
    faults.assert_none_damaged()


def test_ctrl_s_in_a_read_only_folder_then_save_as(
    qtbot, read_only_folder, tmp_path: Path, monkeypatch, faults: Faults
) -> None:  # type: ignore[no-untyped-def]
    folder = read_only_folder({"edge.yaml": GOOD_TREE.encode("utf-8")})
    tree = folder / "edge.yaml"
    editor = open_editor(qtbot, tree)
    type_into(qtbot, editor.node_form.fields["question"], EDITED)
    said: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_elsewhere", lambda _parent, message: said.append(message) or True)
    elsewhere = tmp_path / "edge-copy.yaml"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _parent, suggested: elsewhere)
    kept_before_save_as = []
    monkeypatch.setattr(
        editor, "save_as", lambda real=editor.save_as: kept_before_save_as.append(_kept(editor)) or real()
    )
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    why = "the disk is read-only" if tree.parent.stat().st_mode & 0o222 else "you may not write in that folder"
    faults.check(
        len(said) == 1
        and said[0].startswith(f"edge.yaml was not saved: {why}.")
        and "Save As" in said[0]
        and kept_before_save_as == [True]
        and tree.read_text(encoding="utf-8") == GOOD_TREE
        and f"question: {EDITED}" in elsewhere.read_text(encoding="utf-8")
        and editor.session.path == elsewhere,
        f"said {said}",
    )
    faults.assert_none_damaged()


# --- the file replaced while it is open ------------------------------------------------------

GARBAGE = {
    "random bytes": bytes(range(256)) * 8,
    "an image": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "half-written YAML": GOOD_TREE.encode("utf-8")[: len(GOOD_TREE) // 2],
    "empty": b"",
}
UNREADABLE = {"random bytes", "an image"}  # not UTF-8: the editor cannot show them as text


@pytest.mark.parametrize("garbage", list(GARBAGE))
def test_garbage_written_over_the_file_of_an_editor_with_unsaved_edits(
    qtbot, tmp_path: Path, monkeypatch, faults: Faults, garbage: str
) -> None:  # type: ignore[no-untyped-def]
    """The author is asked at once, keeps their edits when they cancel, and a save never
    replaces the garbage silently: it asks again, and only "keep mine" writes."""
    tree = tmp_path / "edge.yaml"
    tree.write_text(GOOD_TREE, encoding="utf-8")
    editor = open_editor(qtbot, tree)
    type_into(qtbot, editor.node_form.fields["question"], EDITED)
    editor.write_recovery()
    tree.write_bytes(GARBAGE[garbage])
    asked: list[str] = []
    answers = iter(["cancel", "cancel", "theirs", "overwrite"])
    monkeypatch.setattr(dialogs, "ask_conflict", lambda _parent, message: asked.append(message) or next(answers))
    editor.file_changed_on_disk(tree)  # what the file watcher reports
    assert asked == ["edge.yaml was changed by another program, and you have unsaved edits here."]
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)  # cancelled: nothing written
    unchanged = tree.read_bytes() == GARBAGE[garbage] and _kept(editor)
    assert asked[1] == "edge.yaml was changed by another program since it was opened here"
    taken = editor.save()  # "keep theirs": taken when it is text, refused (edits kept) when it is not
    if garbage in UNREADABLE:
        took = (
            not taken
            and _kept(editor)
            and "cannot be read (edge.yaml is not UTF-8 text" in editor.statusBar().currentMessage()
        )
        assert editor.save() and f"question: {EDITED}" in tree.read_text(encoding="utf-8")  # "keep mine"
    else:
        took = taken and editor.session.text == GARBAGE[garbage].decode("utf-8") and not editor.isWindowModified()
        qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)  # the edits are one undo away
        took = took and f"question: {EDITED}" in editor.session.text
    faults.check(unchanged and took, f"{garbage}: asked {asked}, status {editor.statusBar().currentMessage()!r}")
    faults.assert_none_damaged()


@pytest.mark.parametrize("garbage", [*GARBAGE, "deleted"])
def test_garbage_written_over_the_file_of_an_editor_without_edits(
    qtbot, tmp_path: Path, monkeypatch, faults: Faults, garbage: str
) -> None:  # type: ignore[no-untyped-def]
    """Without edits the editor follows the file when it is text (the tree it showed one undo
    away); when it is not text, or gone, the editor keeps the tree as unsaved edits and says so."""
    tree = tmp_path / "edge.yaml"
    tree.write_text(GOOD_TREE, encoding="utf-8")
    editor = open_editor(qtbot, tree)
    if garbage == "deleted":
        tree.unlink()
    else:
        tree.write_bytes(GARBAGE[garbage])
    editor.file_changed_on_disk(tree)
    status = editor.statusBar().currentMessage()
    if garbage == "deleted" or garbage in UNREADABLE:
        editor.write_recovery()  # what the timer does next: the tree is unsaved now
        expected = (
            "edge.yaml was deleted on disk. Your text is kept here as unsaved edits; Save writes it back"
            if garbage == "deleted"
            else "edge.yaml changed on disk and cannot be read (edge.yaml is not UTF-8 text; fix its encoding first). "
            "Your text is kept here as unsaved edits"
        )
        ok = (
            status == expected
            and editor.session.text == GOOD_TREE
            and editor.isWindowModified()
            and recovered() == [GOOD_TREE]
        )
        monkeypatch.setattr(dialogs, "ask_conflict", lambda _parent, message: "overwrite")  # Save: asked, "keep mine"
        ok = ok and editor.save() and tree.read_text(encoding="utf-8") == GOOD_TREE
    else:
        ok = (
            status == "Reloaded edge.yaml: it changed on disk"
            and editor.session.text == GARBAGE[garbage].decode("utf-8")
            and editor.checked.has_errors
            and editor.problems.count() >= 1
        )
        qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
        ok = ok and editor.session.text == GOOD_TREE
    faults.check(ok, f"{garbage}: status {status!r}")
    faults.assert_none_damaged()
