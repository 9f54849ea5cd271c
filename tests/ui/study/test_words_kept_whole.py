"""The breadcrumbs and the library's card summaries are cut at a word's end, never inside one,
and the full text is there for the mouse (tool tip) and a screen reader."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument

from tests.ui.conftest import GOOD_TREE, click_answer, click_card
from trainer.ui.shell.library_panel import elide_at_word, wrap_lines

LONG_QUESTION = "Is the traffic HTTP or HTTPS sent by geographically distributed browsers and mobile applications?"
LONG_SUMMARY = (
    "Pick the edge service for a workload whose users are spread across continents and whose "
    "traffic arrives in sudden bursts during flash sales, product launches and marketing campaigns."
)


def whole_words_of(shown: str, full: str) -> bool:
    """`shown` is `full`, or whole words of its start followed by "…"."""
    if shown == full:
        return True
    if not shown.endswith("…"):
        return False
    words = shown[:-1].split()
    return bool(words) and full.split()[: len(words)] == words


def test_breadcrumbs_cut_long_text_at_a_word_end_and_keep_it_whole_in_the_tool_tip(
    qtbot, make_window, tmp_path: Path
) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "edge.yaml").write_text(GOOD_TREE.replace("Is the traffic HTTP?", LONG_QUESTION), "utf-8")
    window = make_window([folder])
    click_card(qtbot, window, 0)
    click_answer(qtbot, window, "Yes")
    crumbs = window.study.crumbs
    doc = QTextDocument()
    doc.setHtml(crumbs.text())
    shown = doc.toPlainText().split(" › ")[0].rsplit(" ", 1)[0]  # the question, less its answer
    assert shown != LONG_QUESTION and shown.endswith("…")
    assert whole_words_of(shown, LONG_QUESTION), shown
    assert LONG_QUESTION in crumbs.toolTip() and LONG_QUESTION in crumbs.accessibleDescription()


def test_a_summary_elided_on_a_card_ends_with_a_whole_word_and_the_card_tells_all(make_window, tmp_path: Path) -> None:
    font = QFont()
    for width in range(120, 400, 9):
        lines = wrap_lines(LONG_SUMMARY, font, width, 2)
        assert len(lines) == 2
        last = lines[-1]
        assert QFontMetrics(font).horizontalAdvance(last) <= width
        rest = LONG_SUMMARY[LONG_SUMMARY.index(lines[0]) + len(lines[0]) :].strip()
        assert whole_words_of(last, rest), (width, last)
    assert elide_at_word("Supercalifragilistic", QFontMetrics(font), 40).endswith("…")  # one long word: cut
    folder = tmp_path / "summary"
    folder.mkdir()
    text = re.sub(r"summary: .*", f"summary: {LONG_SUMMARY}", GOOD_TREE, count=1)
    (folder / "edge.yaml").write_text(text, "utf-8")
    window = make_window([folder])
    card = window.library_panel.cards()[0]
    assert LONG_SUMMARY in card.toolTip()
    assert LONG_SUMMARY in card.data(Qt.ItemDataRole.AccessibleTextRole)
