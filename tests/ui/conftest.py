"""Fixtures for GUI tests: a small library on disk and a main window over it."""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton

from trainer.ui.canvas.style import set_active_theme, set_interface_scale
from trainer.ui.shell.appearance import BASE_FONT_PROPERTY
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.shell.settings import WindowSettings

GOOD_TREE = """\
format: 1
id: edge
title: Reaching users at the edge
summary: Pick the **edge** service for a workload.
tags: [networking]
start: http
nodes:
  http:
    question: Is the traffic HTTP?
    help: Think about *protocols*.
    answers:
      - label: "Yes"
        next: spikes
        note: HTTP can be cached at the edge.
      - label: No
        next: accelerator
  spikes:
    question: Must it absorb sudden spikes in requests?
    answers:
      - label: Yes
        next: cloudfront
      - label: No
        next: accelerator
  cloudfront:
    outcome: CloudFront in front of the ALB
    explanation: Edge caches take the load. <b>not bold</b>
    not:
      - option: AWS Shield
        why: DDoS protection; it does not absorb legitimate spikes.
    links:
      - title: CloudFront
        url: https://aws.amazon.com/cloudfront/
  accelerator:
    outcome: Global Accelerator
    explanation: Static IPs and fast regional failover.
scenarios:
  - prompt: A shop slows during flash sales.
    expect: cloudfront
  - prompt: A UDP game needs fixed IPs.
    expect: accelerator
"""

BROKEN_TREE = """\
format: 1
id: broken
title: Broken one
start: first
nodes:
  first:
    question: Anything?
    anwsers: []
"""


@pytest.fixture
def restore_look(qapp):  # type: ignore[no-untyped-def]
    """Later tests start from the plain look (no theme, 100 %), whatever this test chose."""
    yield
    set_active_theme(None)
    set_interface_scale(1.0)
    qapp.setStyleSheet("")
    qapp.setPalette(qapp.style().standardPalette())
    base = qapp.property(BASE_FONT_PROPERTY)
    if isinstance(base, float):
        font = qapp.font()
        font.setPointSizeF(base)
        qapp.setFont(font)


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a-edge.yaml").write_text(GOOD_TREE, encoding="utf-8")
    (folder / "b-broken.yaml").write_text(textwrap.dedent(BROKEN_TREE), encoding="utf-8")
    return folder


@pytest.fixture
def opened_links() -> list[QUrl]:
    """Links the app asked the desktop to open (the real browser cannot run in tests)."""
    return []


@pytest.fixture
def make_window(qtbot, library_dir: Path, opened_links: list[QUrl]):  # type: ignore[no-untyped-def]
    def make(paths: list[Path] | None = None) -> MainWindow:
        settings = WindowSettings()
        window = MainWindow(paths or [library_dir], settings, open_link=opened_links.append)
        qtbot.addWidget(window)
        window.show()
        if settings.geometry is None:  # the size the tests were written at (offscreen's screen is 800x600)
            window.resize(1500, 900)
        window.activateWindow()  # shortcuts only reach the active window
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


def click_card(qtbot, window: MainWindow, row: int) -> None:  # type: ignore[no-untyped-def]
    """Click the row-th card (group headings, when shown, are not cards)."""
    panel = window.library_panel
    rect = panel.visualItemRect(panel.cards()[row])
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_answer(qtbot, window: MainWindow, label: str) -> None:  # type: ignore[no-untyped-def]
    buttons = [b for b in window.study.page.answer_buttons if b.label_text == label]
    assert buttons, f"no answer button '{label}'"
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


def wait_until_loaded(qtbot, window: MainWindow, timeout: int = 20_000) -> None:  # type: ignore[no-untyped-def]
    """Wait while a large library or tree is read or prepared in the background (small ones
    are shown at once; see trainer.ui.shell.library_loader and tree_opener)."""
    qtbot.waitUntil(lambda: not window.loading, timeout=timeout)


def fill_of(button: QPushButton) -> str:
    """The commonest colour inside the button (its fill: the text and border are thin), as #rrggbb."""
    image = button.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ratio = image.devicePixelRatio()
    w, h = int(button.width() * ratio), int(button.height() * ratio)
    inset = int(5 * ratio)
    counts = Counter(image.pixelColor(x, y).name() for x in range(inset, w - inset) for y in range(inset, h - inset))
    return counts.most_common(1)[0][0]
