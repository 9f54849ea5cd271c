"""Library cards are measured again when their text changes: after "N due for review" appears
(a line longer), each card's row is as tall as its text and no row overlaps the next, checked
from the rows drawn and from the pixels between them."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from trainer.ui.shell.library_panel import GAP, PAD, CardDelegate, LibraryPanel


def row_rects(panel: LibraryPanel) -> list[QRect]:
    return [panel.visualItemRect(panel.item(i)) for i in range(panel.count())]


def hint_heights(panel: LibraryPanel) -> list[int]:
    """Each row's height as the card delegate measures it now."""
    delegate = panel.itemDelegate()
    assert isinstance(delegate, CardDelegate)
    heights = []
    for i in range(panel.count()):
        index = panel.model().index(i, 0)
        option = QStyleOptionViewItem()
        panel.initViewItemOption(option)
        option.rect = panel.visualRect(index)
        heights.append(delegate.sizeHint(option, index).height())
    return heights


def test_cards_grow_when_due_counts_appear_and_never_overlap(qtbot, make_window) -> None:
    window = make_window()
    panel = window.library_panel
    entry = panel.entries()[0]
    assert entry.tree is not None
    due = {entry.tree.id: 12345}
    for width in range(200, 900, 10):  # a width where "12345 due for review · " takes a line more
        window.splitter.setSizes([width, 400, 400])
        qtbot.wait(5)
        panel.set_due_counts({})
        before = hint_heights(panel)
        panel.set_due_counts(due)
        after = hint_heights(panel)
        if after[0] > before[0]:
            break
        panel.set_due_counts({})
    else:
        raise AssertionError("no width makes the facts take another line")
    panel.set_due_counts({})
    qtbot.wait(100)  # the splitter's resize laid the rows out again: now settled
    qtbot.waitUntil(lambda: row_rects(panel)[0].height() == before[0])
    panel.set_due_counts(due)  # as the history's answer arrives: nothing else moves
    qtbot.wait(100)
    rects = row_rects(panel)
    assert rects[0].height() >= after[0]  # the row took its new height, nothing drawn over the next
    for upper, lower in zip(rects, rects[1:], strict=False):
        assert upper.bottom() < lower.top(), (upper, lower)


def test_each_card_is_measured_at_the_width_it_is_drawn(qtbot, make_window) -> None:
    """The text is wrapped for the row's height at the width `paint` draws it (the row's less
    its padding): measured 20 px wider, a card's last line ran into the next card."""
    window = make_window()
    panel = window.library_panel
    delegate = panel.itemDelegate()
    assert isinstance(delegate, CardDelegate)
    entry = panel.entries()[0]
    assert entry.tree is not None
    for width in range(200, 700, 7):
        window.splitter.setSizes([width, 400, 400])
        qtbot.wait(2)
        panel.set_due_counts({entry.tree.id: width})
        for i in range(panel.count()):
            index = panel.model().index(i, 0)
            rect = panel.visualRect(index)
            assert rect.width() <= panel.viewport().width()
            option = QStyleOptionViewItem()
            panel.initViewItemOption(option)
            option.rect = rect
            drawn = rect.adjusted(PAD, PAD, -PAD, -PAD)
            blocks = delegate._blocks(option, index, drawn.width())
            used = sum(QFontMetrics(f).lineSpacing() * len(lines) + GAP for f, lines, _ in blocks if lines)
            assert used <= drawn.height(), (width, i, used, drawn.height())


def test_a_refused_trees_long_summary_is_read_only_as_far_as_a_card_needs(make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: a tree refused for a 160 KB summary is still listed, and its card laid out all
    of it as Markdown (seconds at start-up); only the first 10,000 characters are read now."""
    from trainer.core.loader import MAX_MARKDOWN_CHARS
    from trainer.ui.shell.library_panel import SUMMARY_ROLE, plain_summary

    long = "*a " * 60_000 + "TAILWORD"
    assert "TAILWORD" not in plain_summary(long) and "a" in plain_summary(long)
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "long.yaml").write_text(
        "format: 1\nid: long\ntitle: Long\nsummary: '" + long + "'\nstart: q\nnodes:\n  q:\n    question: Q?\n"
        "    answers:\n      - {label: go, next: o}\n  o:\n    outcome: Done\n",
        encoding="utf-8",
    )
    window = make_window([folder])
    [card] = window.library_panel.cards()
    assert not card.data(Qt.ItemDataRole.UserRole + 1).usable  # refused: the summary is too long
    shown = card.data(SUMMARY_ROLE)
    assert shown and "TAILWORD" not in shown and len(shown) <= MAX_MARKDOWN_CHARS
