"""Presenting a tree to a room, without Qt: the step-by-step presentation (presentation), the
audience round (audience) and its vote's countdown and typed tally (vote), what the presenter's
console says for either (console_view), and which screen shows what (screens)."""
