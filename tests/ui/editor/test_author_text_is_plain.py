"""Author text is data in the editor (issue 15): a node, an answer or a scenario written as HTML
(`<b>x</b>`, `<img src='/dev/zero'>`) shows those characters, never bold type or an image
(an image tag naming /dev/zero grew memory until the app aborted; a FIFO blocked it for good).
Checked where the editor shows author text: the pickers' rows and tool tips, the refusal notes,
the problems, the delete dialog, message boxes and every label."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from tests.ui.conftest import GOOD_TREE
from trainer.author.document import TreeDocument
from trainer.author.session import EditSession
from trainer.ui.editor import dialogs
from trainer.ui.editor.dialogs import DeleteDialog
from trainer.ui.editor.fields import plain_box
from trainer.ui.editor.window import EditorWindow

IMG = "<img src='/dev/zero'>"
BOLD = "<b>x</b>"
HOSTILE = (
    GOOD_TREE.replace("outcome: Global Accelerator", f'outcome: "{IMG} Global {BOLD}"')
    .replace('label: "Yes"\n        next: spikes', f'label: "{BOLD}"\n        next: spikes')
    .replace("  - prompt: A UDP game needs fixed IPs.", f'  - prompt: "A UDP game {IMG}"')
)


def shown(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """The words Qt shows for `text` in a widget of that text format (a tool tip is AutoText)."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


@pytest.fixture
def editor(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> EditorWindow:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    window = EditorWindow(EditSession.open(path))
    qtbot.addWidget(window)
    window.show()
    return window


def _labels_are_literal(widget: QWidget) -> None:
    """Every label quoting the author's markup shows it as written (the app's own labels may use
    markup of their own: the graph's legend colours its marks)."""
    for label in widget.findChildren(QLabel):
        if BOLD in label.text() or IMG in label.text():
            assert shown(label.text(), label.textFormat()) == label.text(), label.text()


def test_the_pickers_show_node_texts_as_written(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    assert editor.checked.tree.nodes["accelerator"].text == f"{IMG} Global {BOLD}"
    picker = editor.node_form.fields["next0"]
    model = picker.model()
    row = model.row_of("accelerator")
    assert picker.itemText(row) == f"accelerator (Outcome: {IMG} Global {BOLD})"
    assert shown(picker.itemData(row, Qt.ItemDataRole.ToolTipRole)) == f"Outcome: {IMG} Global {BOLD}"
    expects = editor.scenarios.expects[1]
    assert expects.currentText() == f"accelerator ({IMG} Global {BOLD})"
    tip = expects.itemData(expects.currentIndex(), Qt.ItemDataRole.ToolTipRole)
    assert shown(tip) == f"{IMG} Global {BOLD}"
    _labels_are_literal(editor)


def test_a_refusal_quoting_markup_shows_it_as_written(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    field = editor.node_form.fields["label1"]  # http's second answer, beside one labelled <b>x</b>
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, BOLD)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.note.isVisible() and BOLD in field.note.text()
    assert shown(field.note.text(), field.note.textFormat()) == field.note.text()
    _labels_are_literal(editor)


def test_problems_and_the_status_line_show_markup_as_written(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    editor.run("Break it", lambda d: d.answers("spikes")[1].__setitem__("next", IMG))
    texts = [editor.problems.item(i).text() for i in range(editor.problems.count())]
    assert any(IMG in text for text in texts)  # a list item is plain text
    _labels_are_literal(editor)


def test_the_delete_dialog_names_each_reference_as_written(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = DeleteDialog(TreeDocument.parse(HOSTILE), "spikes")
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"answer “{BOLD}” of 'http'" in texts
    _labels_are_literal(dialog)


def test_message_boxes_show_names_as_written(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = plain_box(QMessageBox.Icon.Warning, "Not saved", f"Cannot write {IMG}.yaml", None)
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
