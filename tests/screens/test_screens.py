"""The main screens as a user sees them, read from the pixels of a real X server: each theme at
100 % and 200 % interface zoom, on a 1366x768 and a 1920x1080 screen. Text is measured against
what it is drawn on (WCAG: 4.5:1, 7:1 for High Contrast body text), every Tab stop must show a
ring at 3:1 against what was there before, and the graph's first view must draw its text at a
readable size; the words on the graph and the library cards are read back (Tesseract OCR) to see
that none is cut with "…", clipped or drawn over by another card. The learner has reviews due,
so each card carries its "N due for review". The screenshots stay in tests/screens/shots/ for a
reviewer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.screens.pixels import Shot, background, line_heights, ring_drawn, text_contrast
from tests.screens.reading import ELLIPSES, cut_at_word_end, foreign_lines, read, recall, words
from tests.screens.session import ROOT, Session, missing_tools
from trainer.core.library import load_library
from trainer.study.building import build_quiz
from trainer.study.history import open_history

pytestmark = pytest.mark.skipif(
    bool(missing_tools()),
    reason=f"needs {', '.join(missing_tools())} (apt: xvfb xdotool imagemagick tesseract-ocr; .ci/run installs them)",
)

THEMES = {"light": 4.5, "dark": 4.5, "high-contrast": 7.0}  # the body text contrast each promises
SIZES = [(1366, 768), (1920, 1080)]
ZOOMS = [100, 200]
TAB_STOPS = 12
# 11-pixel type (the least the issue allows at 100 % zoom) in DejaVu Sans inks about 8 pixels
# from a tall letter's top to the baseline (0.76 em) and 11 with a descender below (1.0 em);
# a run of rows under 4 pixels is a line or a border, not text
LEAST_LINE_PX, LEAST_TALLEST_PX, RULE_PX = 8, 11, 3
# OCR misreads a letter now and then ("BI" as "Bl"): a text counts as read whole when this share
# of its words is read; a label cut in half or a card with another's line over it reads far less
LEAST_READ = 0.8


def reviews_due(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A learner who missed every item of the bundled trees two days ago: all are due now."""
    monkeypatch.setenv("TRAINER_DATA_DIR", str(data))
    trees = [entry.tree for entry in load_library([ROOT / "trees"]).entries if entry.usable]
    start = datetime.now(UTC) - timedelta(days=2)
    with open_history() as history:
        for n, item in enumerate(build_quiz(trees, 1000, seed=1).items):
            assert history.record(
                item.tree_id, item.key, item.kind, correct=False, score=0, now=start + timedelta(minutes=n)
            )


@pytest.fixture(
    params=[(s, t, z) for s in SIZES for t in THEMES for z in ZOOMS], ids=lambda p: f"{p[0][0]}x{p[0][1]}-{p[1]}-{p[2]}"
)
def session(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Session, str, str]]:
    size, theme, zoom = request.param
    reviews_due(tmp_path / "data", monkeypatch)
    running = Session(size, tmp_path / "data", {"view.theme": theme, "view.zoom": zoom})
    try:
        yield running, theme, f"{size[0]}x{size[1]}-{theme}-{zoom}"
    finally:
        running.close()


def test_the_study_window_reads_well(session: tuple[Session, str, str], tmp_path: Path) -> None:
    app, theme, name = session
    state = app.tell("open choosing-database")
    first = app.shot(f"{name}-study")
    grown = int(name.rsplit("-", 1)[1]) / 100  # the interface zoom: the graph's type grows with it
    _readable_graph(first, state["nodes"], "the first view", grown)
    _nothing_cut(first, state, tmp_path / "ocr")
    state = app.click(state["fit"])  # the whole tree: readable text, or blocks with none, never small type
    _readable_graph(app.shot(f"{name}-fit"), state["nodes"], "after Fit", grown, text_needed=False)
    state = app.tell("walk rds")
    outcome = app.shot(f"{name}-outcome")
    assert text_contrast(outcome, state["node_text"]) >= THEMES[theme], "the outcome's title"
    state = app.tell("scroll-to-links")
    links = app.shot(f"{name}-links")
    x, y, w, h = state["links"]
    seen = [x, y, w, min(h, links.height - y)]  # the part of the list on the screen
    assert seen[3] > 0, f"'Learn more' is not on the screen: {state['links']}"
    assert text_contrast(links, seen) >= 4.5, "the links under 'Learn more'"


def _within(rect: list[int], shot: Shot) -> bool:
    x, y, w, h = rect
    return x >= 0 and y >= 0 and x + w <= shot.width and y + h <= shot.height


def _readable_graph(shot: Shot, nodes: list[dict[str, Any]], when: str, grown: float, text_needed: bool = True) -> None:
    """Every node in view draws its text at a readable size (`grown` times the least at 100 %
    interface zoom); with `text_needed` False a node may instead be a plain block (the
    overview), but never carry type too small to read."""
    least_line, least_tallest = LEAST_LINE_PX * grown, LEAST_TALLEST_PX * grown
    on_screen = [n for n in nodes if _within(n["rect"], shot)]  # a window larger than the screen hides some
    assert on_screen, f"{when}: the graph shows no node on the screen"
    tallest = []
    for node in on_screen:
        x, y, w, h = node["rect"]
        inside = [x + 6, y + 6, w - 12, h - 12]
        if inside[3] <= 0:
            heights = [0]  # a node too small to hold a line of text
        else:
            runs = line_heights(shot, inside, background(shot, inside))
            heights = [run for run in runs if run > RULE_PX] or [0]
        if heights == [0] and not text_needed:
            continue
        assert max(heights) >= least_line, f"{when}: {node['id']}'s text lines are {heights} px high"
        tallest.append(max(heights))
    if tallest:
        assert max(tallest) >= least_tallest, f"{when}: the tallest line of text is {max(tallest)} px"


def _nothing_cut(shot: Shot, state: dict[str, Any], work: Path) -> None:
    """Read back from the pixels: each node and answer label wholly in the graph's first view
    reads whole and with no "…" (labels wrap, never cut); each library card in view reads as its
    own words only (another card drawn over it would add others), with its title whole, its
    reviews due, and any "…" after a whole word."""
    shown = [n for n in state["nodes"] if _within(n["rect"], shot)] + state["labels"]
    cards = [c for c in state["cards"] if _within(c["rect"], shot)]
    assert state["labels"] and cards, "the first view shows answer labels and the library cards"
    texts = read(shot, [item["rect"] for item in shown + cards], work)
    for item, seen in zip(shown, texts, strict=False):
        assert not any(ellipsis in seen for ellipsis in ELLIPSES), f"{item['text']!r} is cut: read {seen!r}"
        assert recall(item["text"], seen) >= LEAST_READ, f"{item['text']!r} is not drawn whole: read {seen!r}"
    for card, seen in zip(cards, texts[len(shown) :], strict=True):
        meant = " ".join((card["title"], card["summary"], card["facts"]))
        assert recall(card["title"], seen) >= LEAST_READ, f"the card's title {card['title']!r}: read {seen!r}"
        assert not foreign_lines(meant, seen), f"{card['title']!r}'s card has other text on it: {seen!r}"
        assert not cut_at_word_end(meant, seen), f"{card['title']!r}'s card cuts a word: {seen!r}"
        due = words(f"{card['due']} due for review")
        read_words = words(seen)
        assert card["due"] and any(read_words[i : i + 4] == due for i in range(len(read_words))), (
            f"{card['title']!r}'s card does not say {card['due']} due: {seen!r}"
        )


def test_every_tab_stop_shows_a_focus_ring(session: tuple[Session, str, str]) -> None:
    app, _theme, name = session
    app.tell("open choosing-database")
    before = app.shot(f"{name}-tab-0")
    unringed = []
    for stop in range(1, TAB_STOPS + 1):
        state = app.keys("Tab")
        after = app.shot(f"{name}-tab-{stop}")
        focus = state["focus"]
        if focus is not None and ring_drawn(before, after, focus["rect"]) < 0.1:
            unringed.append(f"stop {stop}: {focus['class']} at {focus['rect']}")
        before = after
    assert not unringed, "no visible focus ring: " + "; ".join(unringed)
