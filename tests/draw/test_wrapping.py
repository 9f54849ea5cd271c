"""Greedy wrapping against a measuring function (here: 10 units a character)."""

from __future__ import annotations

from trainer.draw.wrapping import WordWidths, wrap_text


def widths() -> WordWidths:
    return WordWidths(lambda text: 10.0 * len(text))


def test_lines_never_exceed_the_width_and_keep_every_word() -> None:
    text = "Must the application absorb sudden spikes in request rates?"
    lines, widest = wrap_text(text, 200, widths())
    assert all(len(line) * 10 <= 200 for line in lines)
    assert " ".join(lines) == text
    assert widest == max(len(line) * 10 for line in lines)
    assert lines == ["Must the application", "absorb sudden spikes", "in request rates?"]


def test_a_word_longer_than_the_width_is_split() -> None:
    lines, widest = wrap_text("short " + "x" * 45 + " end", 200, widths())
    assert lines == ["short", "x" * 20, "x" * 20, "xxxxx end"]
    assert widest == 200


def test_whitespace_is_folded_and_empty_text_is_one_empty_line() -> None:
    assert wrap_text("  a \n b  ", 100, widths()) == (["a b"], 30.0)
    assert wrap_text("", 100, widths()) == ([""], 0.0)


def test_each_word_is_measured_once() -> None:
    calls: list[str] = []
    cache = WordWidths(lambda text: calls.append(text) or 10.0 * len(text))
    wrap_text("yes no yes no yes", 1000, cache)
    assert sorted(calls) == [" ", "no", "yes"]


def test_reflow_joins_the_line_breaks_inside_a_paragraph() -> None:
    from trainer.draw.wrapping import reflow

    text = "A bank's application was knocked offline\nby a DDoS attack.\n\n  Now it wants\n  experts.\n\n\n"
    assert reflow(text) == "A bank's application was knocked offline by a DDoS attack.\n\nNow it wants experts."
    assert reflow("one line") == "one line" and reflow("") == ""
