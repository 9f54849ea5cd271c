"""State is never shown by colour alone (#6 section 5): the current and visited nodes of a walk
say so in words in the outline (and to a screen reader), and the graph's current node carries a
"you are here" pill."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import click_answer, click_card
from trainer.ui.canvas.items import HERE_TEXT


def outline_texts(window) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    outline = window.outline
    rows = {}
    for node_id, item in outline._first_row.items():
        rows[node_id] = (item.text(0), item.data(0, Qt.ItemDataRole.AccessibleTextRole))
    return rows


def test_the_outline_and_graph_say_where_the_walk_is(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 0)
    rows = outline_texts(window)
    assert rows["http"][0].startswith("▶ you are here · Question: Is the traffic HTTP?")
    assert rows["http"][1].startswith("▶ you are here")  # what a screen reader hears
    assert not rows["spikes"][0].startswith(("▶", "✔"))

    click_answer(qtbot, window, "Yes")
    rows = outline_texts(window)
    assert rows["http"][0].startswith("✔ visited · ")
    assert rows["spikes"][0].startswith("▶ you are here · ")
    scene = window.graph.scene
    here, before = scene.nodes["spikes"], scene.nodes["http"]
    assert here.current and not before.current
    # the pill hangs below the current node only
    assert here.boundingRect().bottom() > here.shape().boundingRect().bottom() + 4
    assert before.boundingRect().bottom() <= before.shape().boundingRect().bottom() + 4
    assert HERE_TEXT == "▶ you are here"

    qtbot.keyClick(window, Qt.Key.Key_Backspace)
    rows = outline_texts(window)
    assert rows["http"][0].startswith("▶ you are here · ") and not rows["spikes"][0].startswith(("▶", "✔"))


def test_marks_give_way_to_the_quiz_mask(qtbot, make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.study.test_quiz_gui import start_quiz

    window = make_window()
    click_card(qtbot, window, 0)
    click_answer(qtbot, window, "Yes")
    start_quiz(qtbot, window, monkeypatch)
    texts = [text for text, _spoken in outline_texts(window).values()]
    assert not any(text.startswith(("▶", "✔")) for text in texts)
    assert "No → Outcome: ?" in texts and not any("Global Accelerator" in text for text in texts)
