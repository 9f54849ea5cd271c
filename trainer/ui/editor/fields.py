"""Text fields that hand over their text when the author is done with it, not per keystroke:
a line when Enter is pressed or focus leaves, a paragraph after a short pause or on leaving.

The window's undo stack is the only undo: a field keeps no undo history of its own, and Ctrl+Z
(or Ctrl+Shift+Z, Ctrl+Y) pressed in a field first hands over what was typed there, so the
window's Undo takes back exactly that and the History panel shows it. An edit the tree refuses
is said under the field (`refuse`), which keeps the author's text to fix; the note goes when the
field's next text is accepted or the text is put back as it was."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

PAUSE_MS = 600  # typing stopped this long: validate what is there

_HISTORY_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
_REDO_ALSO = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))

committing: QWidget | None = None  # the field whose text is being handed over, while it is


def is_history_key(event: QKeyEvent) -> bool:
    """Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y: keys that belong to the window's undo stack."""
    if any(event.matches(key) for key in _HISTORY_KEYS):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in _REDO_ALSO)


class _Note(QLabel):
    """A wrapped note that asks for the height its text needs at the width it gets (a scroll
    area's form does not ask its rows' heights for their widths, so a plain QLabel is cut).
    Plain text: a refusal quotes what the author typed, which may look like markup."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def _fit(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() else 0
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class _Refusable:
    """The refusal note under a field, and the text the document holds for it."""

    note: QLabel
    _shown: str

    def _setup(self, widget: QWidget) -> None:
        self.note = _Note()
        self.note.setObjectName("refusal")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setStyleSheet("color: #ffffff; background: #b3261e; padding: 2px 4px;")  # 6.5:1
        self.note.hide()
        self._before = ""
        self._refused_now = False
        self._widget = widget

    @property
    def refused(self) -> bool:
        return not self.note.isHidden()

    def refuse(self, message: str) -> None:
        """The edit just handed over was refused: say why under the field, keep the text to fix."""
        self._shown, self._refused_now = self._before, True
        self.note.setText(message)
        self.note.setAccessibleName(f"Not done: {message}")
        self.note.show()
        self._widget.setAccessibleDescription(f"Not done: {message}")
        if isinstance(self._widget, QLineEdit) and not self._widget.hasFocus():
            self._widget.setCursorPosition(0)  # its beginning, like every other field

    def accept_text(self) -> None:
        if self.refused:
            self.note.hide()
            self.note.clear()
            self._widget.setAccessibleDescription("")

    def _history_key(self, event: QKeyEvent) -> bool:
        """Ctrl+Z and the redo keys, before the window's shortcuts see them: a refused text is
        put back here (Undo takes back the typing the tree refused); anything else typed is
        handed over first, then the window's Undo/Redo takes the key."""
        if self.refused:
            if event.matches(QKeySequence.StandardKey.Undo):
                self.put_back()
            event.accept()  # the field takes the key (and ignores it): nothing else is undone
            return True
        self.commit()  # type: ignore[attr-defined]
        event.ignore()
        return False

    def put_back(self) -> None:
        """Show what the tree holds even while the cursor is here (after Undo or Redo), and
        drop a refused text."""
        self.accept_text()
        widget = self._widget
        if isinstance(widget, QLineEdit) and widget.text() != self._shown:
            position = widget.cursorPosition()
            widget.setText(self._shown)
            widget.setCursorPosition(min(position, len(self._shown)))
        elif isinstance(widget, QPlainTextEdit) and widget.toPlainText() != self._shown:
            widget.blockSignals(True)
            widget.setPlainText(self._shown)
            widget.blockSignals(False)
            widget.moveCursor(widget.textCursor().MoveOperation.End)

    def _hand_over(self, text: str, signal: SignalInstance) -> None:
        global committing
        self._before, self._shown = self._shown, text
        committing, self._refused_now = self._widget, False
        try:
            signal.emit(text)
        finally:
            committing = None
        if not self._refused_now:
            self.accept_text()


class LineField(QLineEdit, _Refusable):
    committed = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._shown = ""
        self._setup(self)
        self.editingFinished.connect(self.commit)
        self.textChanged.connect(self._on_changed)

    def show_text(self, text: str) -> None:
        """Show `text` unless the author is typing here (never move their cursor) or is to fix
        a refused text."""
        self._shown = text
        if not self.hasFocus() and not self.refused and self.text() != text:
            self.setText(text)
            self.setCursorPosition(0)  # show the beginning of a long text, not its end

    def _on_changed(self, text: str) -> None:
        if text == self._shown:
            self.accept_text()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and is_history_key(event):
            return self._history_key(event)
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_history_key(event):  # never the field's own undo
            event.ignore()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        for action in menu.actions()[:3]:  # Undo, Redo, separator: the window's Edit menu has them
            if action.isSeparator() or action.text().replace("&", "").split("\t")[0] in ("Undo", "Redo"):
                menu.removeAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def commit(self) -> None:
        if self.text() != self._shown:
            self._hand_over(self.text(), self.committed)


class TextField(QPlainTextEdit, _Refusable):
    committed = Signal(str)

    def __init__(self, name: str, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)  # the window's undo stack is the only one
        self._shown = ""
        self._setup(self)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(self.commit)
        self.textChanged.connect(self._on_changed)

    def show_text(self, text: str) -> None:
        self._shown = text
        if not self.hasFocus() and not self.refused and self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)

    def _on_changed(self) -> None:
        if self.toPlainText() == self._shown:
            self.accept_text()
        self._pause.start()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and is_history_key(event):
            return self._history_key(event)
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_history_key(event):
            event.ignore()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)

    def commit(self) -> None:
        self._pause.stop()
        if self.toPlainText() != self._shown:
            self._hand_over(self.toPlainText(), self.committed)


def plain_label(text: str) -> QLabel:
    """A label that shows `text` as it is: a QLabel guesses, and would render author text such as
    `<img src=...>` as HTML (and load what it names)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_box(icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None) -> QMessageBox:
    """A message box that shows `text` as it is: a QMessageBox guesses, and would render a file
    name or a quoted author text that looks like HTML as HTML (and load the images it names)."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def plain_tip(text: str) -> str:
    """A tool tip that shows `text` as it is: Qt renders a tool tip that looks like HTML as HTML,
    so the text is escaped inside a paragraph (which also lets a long tip wrap)."""
    return f"<p>{html.escape(text)}</p>" if text else ""


def short(text: str, limit: int) -> str:
    """`text` cut at the last word end within `limit` characters, with "…" when it was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut.rstrip(" ,;:.") + "…"


def wrapping_form(parent: QWidget | None = None) -> QFormLayout:
    """A form whose labels go above their fields when the pane is too narrow for both side by
    side (a large interface zoom, a narrow window): fields are never squeezed to a few letters."""
    form = QFormLayout(parent)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


SIDE_BY_SIDE_CHARS = 48  # narrower than this many characters: a form's labels go above their fields


def fit_forms(widget: QWidget) -> None:
    """Labels beside their fields when the pane has room, above them when it has not (a large
    interface zoom): call from the form widget's resizeEvent."""
    wide = widget.width() >= SIDE_BY_SIDE_CHARS * widget.fontMetrics().averageCharWidth()
    policy = QFormLayout.RowWrapPolicy.WrapLongRows if wide else QFormLayout.RowWrapPolicy.WrapAllRows
    for form in widget.findChildren(QFormLayout):
        if form.rowWrapPolicy() != policy:
            form.setRowWrapPolicy(policy)


def with_note(field: LineField | TextField) -> QWidget:
    """The field with its refusal note right under it, to put in a form."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(field.note)
    box.setFocusProxy(field)  # a form label's buddy: its mnemonic reaches the field
    return box
