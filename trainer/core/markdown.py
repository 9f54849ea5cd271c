"""Markdown that the app writes around author text (outcome pages), escaped so that author
text is shown as written. Rendering and sanitising happen in the UI's safe Markdown view."""

from __future__ import annotations

import re

from trainer.core.loader import is_web_url
from trainer.core.model import Outcome

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def escape(text: str) -> str:
    """Backslash-escape Markdown punctuation so `text` renders literally, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def traps_markdown(outcome: Outcome) -> str:
    """The `not` list: each tempting wrong option in bold, then why (the author's Markdown)."""
    return "\n".join(f"- **{escape(t.option)}**: {' '.join(t.why.split())}" for t in outcome.traps)


def links_markdown(outcome: Outcome) -> str:
    """Web links only; the validator already rejects others, this keeps the promise if it did not."""
    return "\n".join(
        f"- [{escape(link.title or link.url)}](<{link.url}>)" for link in outcome.links if is_web_url(link.url)
    )


def ways_markdown(ways: list[list[tuple[str, str]]]) -> str:
    """Each way to an outcome as one numbered line of "question → answer" steps, escaped."""
    return "\n".join(
        f"{i}. " + " › ".join(f"{escape(q)} **{escape(a)}**" for q, a in way) for i, way in enumerate(ways, 1) if way
    )
