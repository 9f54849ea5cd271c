"""Author text is text everywhere (issue 15): the library card's tool tip read a tree titled
`<img src='/dev/zero'>` as HTML and Qt read /dev/zero until memory ran out; a FIFO there blocked
the window for good. Every label, tool tip and title that shows what an author wrote shows it
as written, and nothing an `<img>` or a Markdown image points at is ever opened."""

from __future__ import annotations

import errno
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QWidget

from tests.ui.conftest import click_answer, click_card
from trainer.ui.canvas.items import EdgeItem, NodeItem
from trainer.ui.common.markdown_view import SafeDocument
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.study.outline import OutlineView


class FifoWatch:
    """A FIFO that author text points at. Nothing may open it: a reader would block for good,
    so a thread notes any reader and closes its end, and the reader gets end-of-file at once
    (the test then fails instead of hanging)."""

    def __init__(self, path: Path) -> None:
        os.mkfifo(path)
        self.path, self.opened, self._done = path, False, False
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._done:
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:  # ENXIO: nobody has it open to read
                if exc.errno != errno.ENXIO:
                    raise
                time.sleep(0.005)
                continue
            self.opened = True
            os.close(fd)

    def stop(self) -> None:
        self._done = True
        self._thread.join(2)


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[FifoWatch]:
    watch = FifoWatch(tmp_path / "pipe.png")
    yield watch
    watch.stop()


def write_tree(folder: Path, markup: str) -> None:
    m = markup.replace('"', '\\"')
    folder.mkdir(exist_ok=True)
    (folder / "hostile.yaml").write_text(
        f"""\
format: 1
id: hostile
title: "{m} title"
summary: "{m} summary ![pic]({markup_image(folder)})"
start: first
nodes:
  first:
    question: "{m} first question?"
    help: "{m} help ![pic]({markup_image(folder)})"
    answers:
      - label: "{m} yes"
        next: second
        note: "{m} note"
      - label: "{m} no"
        next: other
  second:
    question: "{m} second question?"
    answers:
      - label: "{m} on"
        next: right
      - label: "{m} off"
        next: other
  right:
    outcome: "{m} right outcome"
    explanation: "{m} why ![pic]({markup_image(folder)})"
    not:
      - option: "{m} trap"
        why: "{m} trap why"
  other:
    outcome: "{m} other outcome"
    explanation: "{m} other why"
scenarios:
  - prompt: "{m} prompt one"
    expect: right
  - prompt: "{m} prompt two"
    expect: other
""",
        encoding="utf-8",
    )


def markup_image(folder: Path) -> str:
    return str(folder.parent / "pipe.png")


def shown(text: str) -> str:
    """What Qt shows for a tool tip: rich text when it guesses so (read here by a document that
    loads nothing), else the text itself."""
    if not GuiQt.mightBeRichText(text):
        return text
    doc = SafeDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def check_labels(root: QWidget, markup: str) -> int:
    """Every label showing the markup shows it as text; the number of such labels."""
    seen = 0
    for label in [root, *root.findChildren(QWidget)]:
        if not isinstance(label, QLabel) or not label.text():
            continue
        if markup in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, f"{label.objectName()!r}: {label.text()!r}"
            seen += 1
        elif label.textFormat() != Qt.TextFormat.PlainText and markup in shown(label.text()):
            seen += 1  # rich text built from escaped text (the breadcrumbs): the markup shows as written
    return seen


def check_tooltips(root: QWidget, markup: str) -> int:
    seen = 0
    for widget in [root, *root.findChildren(QWidget)]:
        tip = widget.toolTip()
        if markup in tip or markup in shown(tip):
            assert markup in shown(tip), f"{widget.objectName()!r} tool tip: {tip!r}"
            seen += 1
    return seen


def check_outline(outline: OutlineView, markup: str) -> int:
    rows = [outline.topLevelItem(i) for i in range(outline.topLevelItemCount())]
    seen = 0
    while rows:
        row = rows.pop()
        rows += [row.child(i) for i in range(row.childCount())]
        assert markup in row.text(0) and markup in shown(row.toolTip(0)), row.toolTip(0)
        seen += 1
    return seen


def check_graph(window: MainWindow, markup: str) -> int:
    """The graph's node tool tips (made on hover), and the answer labels' ones already made."""
    seen = 0
    for item in window.graph.scene.items():
        tip = item.tooltip_text() if isinstance(item, NodeItem) else item.toolTip()
        if isinstance(item, NodeItem | EdgeItem) and tip:
            assert markup in shown(tip), tip
            seen += 1
    return seen


HOVERED = ["<img src='/dev/zero'><b>bold</b>", "<img src='PIPE'><a href='https://example.com/'>link</a>"]


@pytest.mark.parametrize("title", HOVERED, ids=["dev-zero", "fifo"])
def test_the_library_cards_tool_tip_shows_a_title_of_markup_as_written_and_loads_nothing(
    qtbot, make_window, tmp_path: Path, fifo: FifoWatch, title: str
) -> None:
    title = title.replace("PIPE", str(fifo.path))
    folder = tmp_path / "hostile-title"
    folder.mkdir()
    quoted = title.replace('"', '\\"')
    (folder / "t.yaml").write_text(
        f'format: 1\nid: t\ntitle: "{quoted}"\nstart: o\nnodes:\n  o:\n    outcome: Done\n', encoding="utf-8"
    )
    window = make_window([folder])
    panel = window.library_panel
    card = panel.cards()[0]
    assert title in shown(card.toolTip())  # before any hover: a regression fails here, not in Qt
    QToolTip.hideText()
    rect = panel.visualItemRect(card)
    QTest.mouseMove(panel.viewport(), rect.center() + QPoint(0, 1))
    QTest.mouseMove(panel.viewport(), rect.center())  # a real hover: Qt sends the view its tool tip event
    qtbot.waitUntil(QToolTip.isVisible, timeout=5000)
    tips = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()]
    assert len(tips) == 1 and isinstance(tips[0], QLabel)
    tip = tips[0]
    tip.grab()  # laid out and painted: an image it named would be read now
    assert QToolTip.text() == card.toolTip()
    assert shown(tip.text()).startswith(title + "\n")  # the title's characters, literally
    qtbot.wait(50)
    assert not fifo.opened, "the tool tip opened the file its title's <img> names"
    QToolTip.hideText()


MARKUP = ["<img src='PIPE'>", "<a href='https://example.com/x'>link</a>", "<b>bold</b>"]


@pytest.mark.parametrize("markup", MARKUP, ids=["img", "link", "bold"])
def test_a_tree_written_in_markup_shows_it_as_text_in_every_label_tool_tip_and_title(
    qtbot, make_window, tmp_path: Path, fifo: FifoWatch, markup: str
) -> None:
    markup = markup.replace("PIPE", str(fifo.path))
    folder = tmp_path / "hostile-library"
    write_tree(folder, markup)
    window = make_window([folder])
    click_card(qtbot, window, 0)
    assert markup in shown(window.library_panel.cards()[0].toolTip())
    assert window.windowTitle().startswith(f"{markup} title")  # window titles are never rich text
    seen = check_labels(window, markup) + check_tooltips(window, markup)
    seen += check_outline(window.outline, markup) + check_graph(window, markup)
    click_answer(qtbot, window, f"{markup} yes")
    seen += check_labels(window, markup) + check_tooltips(window, markup)
    window.study.page.hint_button.click()  # the hint's Markdown, with its image
    click_answer(qtbot, window, f"{markup} on")
    seen += check_labels(window, markup) + check_tooltips(window, markup) + check_graph(window, markup)
    assert markup in shown(window.study.crumbs.toolTip())
    assert shown(window.study.crumbs.text()).startswith(markup[:4])  # cut short, but as written
    window.study.back()
    click_answer(qtbot, window, f"{markup} off")
    seen += check_labels(window, markup)
    assert seen >= 30, seen  # the markup was found where it is shown, not missed

    progress = window.show_progress()
    assert progress is not None
    assert progress.windowTitle().endswith(f"{markup} title") and check_labels(progress, markup) >= 1
    progress.close()

    qtbot.keyClick(window, Qt.Key.Key_Home)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # presenting: the room's screen and its labels
    presentation = window.presenting.presenting
    assert presentation is not None
    qtbot.waitUntil(presentation.isActiveWindow)
    shown_there = 0
    for _ in range(6):
        shown_there += check_labels(presentation, markup)
        qtbot.keyClick(presentation, Qt.Key.Key_PageDown)
    assert shown_there >= 4 and presentation.windowTitle().startswith(f"{markup} title")
    qtbot.keyClick(presentation, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.presenting.presenting is None)

    window.grab()  # everything painted once more
    qtbot.wait(50)
    assert not fifo.opened, "something opened the file an <img> or a Markdown image names"
