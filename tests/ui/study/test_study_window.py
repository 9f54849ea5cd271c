"""The first study window, driven the way a user drives it: clicks and keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import click_answer, click_card, fill_of
from trainer.draw.themes import THEMES, contrast_ratio


def test_library_lists_good_and_broken_files(make_window) -> None:
    window = make_window()
    entries = window.library_panel.entries()
    assert [e.path.name for e in entries] == ["a-edge.yaml", "b-broken.yaml"]
    assert entries[0].usable and not entries[1].usable
    assert "anwsers" in entries[1].first_error.message
    assert "1 cannot be opened" in window.status.text()


def test_broken_card_shows_its_problems(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 1)
    assert window.study.stack.currentWidget() is window.study.problems
    text = window.study.problems.toPlainText()
    assert "b-broken.yaml:8:5: error: unknown key 'anwsers'" in text
    assert "did you mean 'answers'" in text


def test_walk_to_an_outcome_with_clicks(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    study = window.study
    assert study.page.node_text.text() == "Is the traffic HTTP?"
    assert window.windowTitle().startswith("Reaching users at the edge")
    click_answer(qtbot, window, "Yes")
    assert study.page.node_text.text() == "Must it absorb sudden spikes in requests?"
    assert "HTTP can be cached at the edge." in study.page.note.body.toPlainText()
    assert "Is the traffic HTTP?" in study.crumbs.text()
    click_answer(qtbot, window, "Yes")  # unquoted Yes stays the text "Yes"
    assert study.page.kicker.text() == "OUTCOME"
    assert study.page.node_text.text() == "CloudFront in front of the ALB"
    assert "Edge caches take the load." in study.page.explanation.toPlainText()
    assert "AWS Shield" in study.page.traps.toPlainText()
    assert "does not absorb legitimate spikes" in study.page.traps.toPlainText()
    assert "CloudFront" in study.page.links.toPlainText()
    assert study.page.answer_buttons == []


def test_walk_with_keys(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    study = window.study
    qtbot.keyClick(window, Qt.Key.Key_2)  # "No": not HTTP
    assert study.page.node_text.text() == "Global Accelerator"
    qtbot.keyClick(window, Qt.Key.Key_Backspace)
    assert study.page.node_text.text() == "Is the traffic HTTP?"
    qtbot.keyClick(window, Qt.Key.Key_1)
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert study.page.node_text.text() == "CloudFront in front of the ALB"
    qtbot.keyClick(study, Qt.Key.Key_Home)
    assert study.page.node_text.text() == "Is the traffic HTTP?"
    assert not study.back_button.isEnabled()


def test_a_digit_beyond_the_answers_does_nothing(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    qtbot.keyClick(window, Qt.Key.Key_9)
    assert window.study.page.node_text.text() == "Is the traffic HTTP?"


def test_back_and_restart_buttons(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    study = window.study
    click_answer(qtbot, window, "Yes")
    click_answer(qtbot, window, "No")
    assert study.page.node_text.text() == "Global Accelerator"
    qtbot.mouseClick(study.back_button, Qt.MouseButton.LeftButton)
    assert study.page.node_text.text() == "Must it absorb sudden spikes in requests?"
    qtbot.mouseClick(study.restart_button, Qt.MouseButton.LeftButton)
    assert study.page.node_text.text() == "Is the traffic HTTP?"


def test_breadcrumb_returns_to_its_question(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    click_answer(qtbot, window, "Yes")
    click_answer(qtbot, window, "Yes")
    assert 'href="step:1"' in window.study.crumbs.text()
    window.study.crumbs.linkActivated.emit("step:1")  # what QLabel emits for a clicked link
    assert window.study.page.node_text.text() == "Must it absorb sudden spikes in requests?"


def test_hint_is_shown_only_on_request(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    page = window.study.page
    assert page.hint_button.isVisible() and not page.hint.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_H)
    assert page.hint.isVisible()
    assert "Think about protocols." in page.hint.toPlainText()
    qtbot.mouseClick(page.hint_button, Qt.MouseButton.LeftButton)
    assert not page.hint.isVisible()


@pytest.mark.usefixtures("restore_look")
@pytest.mark.parametrize("theme", THEMES)
def test_the_hint_toggle_shows_when_it_is_on(qtbot, make_window, theme: str) -> None:
    """Shown, the Show hint button is drawn pressed in (the accent fill, 3:1 against its off
    look, its text 4.5:1 on it), not only renamed."""
    window = make_window()
    window.appearance.set_theme(theme)
    click_card(qtbot, window, 0)
    button = window.study.page.hint_button
    qtbot.waitUntil(lambda: button.isVisible() and button.width() > 20)
    window.study.page.node_text.setFocus()  # what shows is the checked state, not a focus ring
    off = fill_of(button)
    qtbot.keyClick(window, Qt.Key.Key_H)
    qtbot.wait(20)
    on = fill_of(button)
    assert button.isChecked() and button.text() == "Hide hint (H)"
    assert on == window.appearance.theme.colours["accent"] and contrast_ratio(on, off) >= 3.0, (on, off)
    image = button.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    assert max(contrast_ratio(c, on) for c in colours) >= 4.5, theme  # its words read on the fill
    qtbot.keyClick(window, Qt.Key.Key_H)
    qtbot.wait(20)
    assert fill_of(button) == off  # off again: drawn as before


def test_first_start_opens_the_first_good_tree(make_window, library_dir: Path) -> None:
    window = make_window()
    assert window.study.entry is not None
    assert window.study.entry.path == library_dir / "a-edge.yaml"
    assert window.study.page.node_text.text() == "Is the traffic HTTP?"


def test_window_remembers_size_and_last_tree(qtbot, make_window, library_dir: Path) -> None:
    first = make_window()
    click_card(qtbot, first, 1)  # not the one a first start would pick
    first.resize(760, 500)  # within the offscreen screen (800x600)
    first.close()
    second = make_window()
    assert (second.width(), second.height()) == (760, 500)
    assert second.study.entry is not None
    assert second.study.entry.path == library_dir / "b-broken.yaml"
    assert second.library_panel.currentRow() == 1


def test_reload_picks_up_a_fixed_file(qtbot, make_window, library_dir: Path) -> None:
    window = make_window()
    broken = library_dir / "b-broken.yaml"
    broken.write_text(
        broken.read_text().replace(
            "anwsers: []",
            "answers:\n      - label: x\n        next: done\n  done:\n    outcome: Done\n    explanation: ok",
        )
    )
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert all(e.usable for e in window.library_panel.entries())


def test_cards_show_reviews_due(make_window) -> None:
    window = make_window()
    panel = window.library_panel
    panel.set_due_counts({"edge": 3})
    assert (
        panel.item(0)
        .data(Qt.ItemDataRole.AccessibleTextRole)
        .endswith("3 due for review · networking · 2 questions · 2 outcomes")
    )
    assert "due for review" not in panel.item(1).data(Qt.ItemDataRole.AccessibleTextRole)


def test_progress_rail_shows_depth_and_what_remains(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    page = window.study.page
    assert page.kicker.text() == "QUESTION 1 · AT MOST 1 MORE"
    assert (page.rail.value(), page.rail.maximum()) == (0, 2)
    click_answer(qtbot, window, "Yes")
    assert page.kicker.text() == "QUESTION 2 · LAST ONE ON THIS BRANCH"
    assert (page.rail.value(), page.rail.maximum()) == (1, 2)
    click_answer(qtbot, window, "Yes")
    assert page.rail.value() == page.rail.maximum()


def test_an_outcome_lists_the_ways_that_lead_to_it(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    click_answer(qtbot, window, "No")
    page = window.study.page
    assert page.node_text.text() == "Global Accelerator"
    assert page.ways_title.isVisible()
    text = page.ways.toPlainText()
    assert "Is the traffic HTTP? No" in text
    assert "Is the traffic HTTP? Yes › Must it absorb sudden spikes in requests? No" in text


def test_a_library_with_half_its_files_broken_lists_and_opens_the_good_ones(qtbot, make_window, tmp_path: Path) -> None:
    """#7: each bundled tree, and beside it a broken copy of it (cut short, garbage bytes, a tab,
    a missing start, a binary file, a bad link): every good one opens and walks, every broken one
    says where it is wrong, and nothing stops the rest."""
    import itertools
    import re
    import shutil

    from trainer.infra.paths import bundled_trees_dir

    folder = tmp_path / "mixed"
    folder.mkdir()
    bundled = sorted(bundled_trees_dir().glob("*.yaml"))
    breakages = [
        lambda text: text[: len(text) // 2] + "\n  - label: [unclosed\n",
        lambda text: text.replace("title:", "title: \x00\x01", 1),
        lambda text: text.replace("\n  ", "\n\t", 1),
        lambda text: re.sub(r"(?m)^start: .*$", "", text, count=1),
        lambda text: "\x89PNG\r\n\x1a\n" + text,
        lambda text: re.sub(r"next: [\w-]+", "next: nowhere-at-all", text, count=1),
    ]
    for index, (path, breakage) in enumerate(zip(bundled, itertools.cycle(breakages))):
        shutil.copy(path, folder / f"{index}-good.yaml")
        copy = re.sub(
            r"(?m)^id: (.*)$", r"id: \1-copy", path.read_text(encoding="utf-8"), count=1
        )  # two files, two ids
        (folder / f"{index}-broken.yaml").write_bytes(breakage(copy).encode("utf-8", "surrogateescape"))
    window = make_window([folder])
    qtbot.waitUntil(lambda: not window.loading, timeout=30_000)
    entries = window.library_panel.entries()
    assert len(entries) == 2 * len(bundled)
    good = [e for e in entries if e.path.name.endswith("-good.yaml")]
    broken = [e for e in entries if e.path.name.endswith("-broken.yaml")]
    assert all(e.usable for e in good) and not any(e.usable for e in broken)
    for entry in broken:
        assert re.match(rf".*{re.escape(entry.path.name)}:\d+:\d+: error: ", str(entry.first_error)), str(
            entry.first_error
        )
    for row in range(len(entries)):  # the cards, group headings left out
        entry = window.library_panel.entries()[row]
        click_card(qtbot, window, row)
        if entry.usable:
            assert window.study.walk is not None and window.study.walk.tree is entry.tree
            window.study.choose(0)  # and it walks
            assert window.study.walk.steps
        else:
            assert window.study.stack.currentWidget() is window.study.problems
            assert entry.path.name in window.study.problems.toPlainText()
