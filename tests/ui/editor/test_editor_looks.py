"""What the editor's dialogs and controls show: the safe default of the "changed on disk"
question, no green check on a destructive button, and no character the font cannot draw."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QDockWidget,
    QLabel,
    QMessageBox,
    QScrollArea,
    QStyle,
    QTabBar,
    QWidget,
)

from tests.ui.conftest import GOOD_TREE
from trainer.author.document import TreeDocument
from trainer.author.session import EditSession, check_text
from trainer.ui.editor.dialogs import DeleteDialog, ask_conflict, ask_save_copy
from trainer.ui.editor.fields import LineField, TextField, short
from trainer.ui.editor.node_form import NodeForm
from trainer.ui.editor.window import EditorWindow


def _press_in_next_box(qtbot, key: Qt.Key, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.append(box.defaultButton().text())
        qtbot.keyClick(box, key)

    QTimer.singleShot(0, press)


def test_enter_on_the_changed_on_disk_question_keeps_both_versions(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []
    _press_in_next_box(qtbot, Qt.Key.Key_Return, seen)
    assert ask_conflict(parent, "edge.yaml changed on disk.") == "save_as"  # never "overwrite"
    assert seen == ["Save mine elsewhere…"]
    _press_in_next_box(qtbot, Qt.Key.Key_Escape, seen)
    assert ask_conflict(parent, "edge.yaml changed on disk.") == "cancel"


def test_enter_on_saving_a_bundled_tree_saves_a_copy(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []
    _press_in_next_box(qtbot, Qt.Key.Key_Return, seen)
    assert ask_save_copy(parent, "edge.yaml", "edge-mine")
    assert seen == ["Save a Copy to My Trees"]
    _press_in_next_box(qtbot, Qt.Key.Key_Escape, seen)
    assert not ask_save_copy(parent, "edge.yaml", "edge-mine")


def test_the_delete_button_carries_no_ok_check(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = DeleteDialog(TreeDocument.parse(GOOD_TREE), "accelerator")
    qtbot.addWidget(dialog)
    delete = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert delete.text() == "Delete"
    ok_check = dialog.style().standardIcon(QStyle.StandardPixmap.SP_DialogOkButton).pixmap(16).toImage()
    shown = delete.icon().pixmap(16).toImage()
    assert not delete.icon().isNull() and shown != ok_check


def _texts(window: QWidget):  # type: ignore[no-untyped-def]
    for widget in [window, *window.findChildren(QWidget)]:
        if isinstance(widget, QAbstractButton | QLabel):
            yield widget, widget.text()
        elif isinstance(widget, QComboBox):
            yield from ((widget, widget.itemText(i)) for i in range(widget.count()))
        elif isinstance(widget, QTabBar):
            yield from ((widget, widget.tabText(i)) for i in range(widget.count()))
        elif isinstance(widget, QDockWidget):
            yield widget, widget.windowTitle()
    yield from ((window, action.text()) for action in window.findChildren(QAction))


def test_every_text_in_the_editor_has_glyphs_in_its_font(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "edge.yaml"
    path.write_text(GOOD_TREE, encoding="utf-8")
    window = EditorWindow(EditSession.open(path))
    qtbot.addWidget(window)
    window.show()
    missing = set()
    for node in ("http", "cloudfront"):  # a question's form (target pickers) and an outcome's
        window.select(node)
        for widget, text in _texts(window):
            metrics = QFontMetrics(widget.font())
            missing |= {(ch, text) for ch in text if ch.isprintable() and not metrics.inFontUcs4(ord(ch))}
    assert not missing


def shown_tip(tip: str) -> str:
    """The words a tool tip shows: Qt renders a tip that looks like HTML as HTML, else as it is."""
    if not QtGui.Qt.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def test_target_pickers_cut_long_node_texts_at_word_ends_and_tell_them_whole(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "edge.yaml"
    path.write_text(GOOD_TREE, encoding="utf-8")
    window = EditorWindow(EditSession.open(path))
    qtbot.addWidget(window)
    picker = window.node_form.fields["next0"]  # http's first answer
    row = picker.findData("spikes")
    assert picker.itemText(row) == "spikes (Question: Must it absorb sudden spikes in requests?)"
    tooltip = picker.itemData(row, Qt.ItemDataRole.ToolTipRole)
    assert shown_tip(tooltip) == "Question: Must it absorb sudden spikes in requests?"
    assert short("Must the data already be encrypted when it leaves the company", 40) == (
        "Must the data already be encrypted when…"
    )
    assert short("short", 40) == "short"


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_no_field_is_squeezed_at_a_large_interface_zoom(qtbot, scale: float) -> None:  # type: ignore[no-untyped-def]
    """In the forms pane of a 1366-pixel-wide editor, at 150 % and 200 % the labels go above
    their fields: every text field keeps room for two dozen characters and more, and the form never
    needs a sideways scroll bar."""
    app = QApplication.instance()
    base = app.font()
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * scale)
    app.setFont(font)
    try:
        tree = check_text(GOOD_TREE).tree
        pane = QScrollArea()
        qtbot.addWidget(pane)
        pane.setWidgetResizable(True)
        form = NodeForm()
        pane.setWidget(form)
        pane.resize(546, 700)  # what the splitter gives the forms at 1366 pixels
        pane.show()
        qtbot.waitExposed(pane)
        for node in ("http", "cloudfront"):
            form.show_node(tree, node)
            QApplication.processEvents()
            room = {  # in characters: a form's own fields, and a trap's or link's two side by side
                field: 16 if "." in key else 26
                for key, field in form.fields.items()
                if isinstance(field, LineField | TextField)
            }
            qtbot.waitUntil(
                lambda room=room: all(f.width() >= n * f.fontMetrics().averageCharWidth() for f, n in room.items())
            )
            assert form.minimumSizeHint().width() <= pane.viewport().width()
            qtbot.waitUntil(lambda: not pane.horizontalScrollBar().isVisible())
    finally:
        app.setFont(base)
