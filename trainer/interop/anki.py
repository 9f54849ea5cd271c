"""Flash cards for Anki, as the plain-text file Anki imports (File > Import): one card per
outcome ("these answers → which outcome?") and one per scenario, with the explanation on the back.

A package writer (.apkg) would need a SQLite schema of Anki's own and a dependency; the text
import is documented, stable and covers what learners need. The file's header lines tell Anki
the separator and that fields hold HTML; every author text is HTML-escaped, so nothing in a tree
becomes markup, and tabs and line breaks inside a field cannot split it.
"""

from __future__ import annotations

import html

from trainer.core.model import Outcome, Tree
from trainer.infra.progress import Progress
from trainer.interop.html import safe_markdown
from trainer.study.building import build_quiz

HEADER = "#separator:tab\n#html:true\n#notetype:Basic\n#deck:{deck}\n#tags column:3\n"


def _field(text: str) -> str:
    """One field: no tab or line break survives (Anki reads them as separators)."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _back(outcome: Outcome) -> str:
    parts = [f"<b>{html.escape(outcome.text)}</b>", safe_markdown(outcome.explanation)]
    if outcome.traps:
        items = "".join(f"<li><b>{html.escape(t.option)}</b>: {safe_markdown(t.why)}</li>" for t in outcome.traps)
        parts.append(f"<p>Tempting, but not the answer:</p><ul>{items}</ul>")
    return "".join(parts)


def to_anki(tree: Tree, seed: int = 1, progress: Progress | None = None) -> str:
    """The cards: every outcome once (the answers along one way to it) and every scenario.
    `progress` hears of each card's item built (and can stop a long export between two)."""
    quiz = build_quiz([tree], 1_000_000, seed, kinds=("path",), progress=progress)
    rows = []
    tag = tree.id
    for item in quiz.items:
        front = (
            "Which outcome do these answers lead to?<ul>"
            + "".join(f"<li>{html.escape(line)}</li>" for line in item.requirements)
            + "</ul>"
        )
        right = tree.nodes[item.expect]
        assert isinstance(right, Outcome)  # a path item is about an outcome
        rows.append((front, _back(right)))
    for scenario in tree.scenarios:
        outcome = tree.nodes.get(scenario.expect)
        if isinstance(outcome, Outcome):
            rows.append((safe_markdown(scenario.prompt) + "<p>What would you choose?</p>", _back(outcome)))
    body = "".join(f"{_field(front)}\t{_field(back)}\t{tag}\n" for front, back in rows)
    return HEADER.format(deck=_field(tree.title).replace("#", "")) + body
