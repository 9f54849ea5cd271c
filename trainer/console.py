"""What the presenter's console shows (no Qt): the step the room sees, what the next step will
reveal, and the presenter's notes.

Both ways of presenting (the step-by-step presentation and the audience round) describe
themselves with a `ConsoleView`, so the console widget renders one kind of value whichever
is running.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ConsoleView:
    """The console's content for one step; author text stays as written (Markdown)."""

    now: str  # the step the room sees, in a line or two ("Question 2: Is the traffic HTTP? (answers shown)")
    next: str  # what the next forward step reveals; "" when there is nothing further
    notes: tuple[tuple[str, str], ...] = ()  # (heading, Markdown) pairs: help, note, explanation, traps
