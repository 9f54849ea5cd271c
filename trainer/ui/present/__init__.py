"""Presenting to a room: the full-screen slide (presentation), the audience round over it
(audience, tally_chart), the presenter's console and notes overlay (console), the View menu's
entries and the screens they go on (presenting), and what they share: the key tables (keys),
the room's look (room, stylesheets). Every decision is in `trainer.present`."""
