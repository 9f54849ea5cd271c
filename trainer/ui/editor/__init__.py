"""The tree editor window: forms, outline, live graph, problems, undo history (see window.py)."""
