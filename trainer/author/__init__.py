"""Authoring: editing a tree file the way its author wrote it (Qt-free).

`document` keeps the file as round-trip YAML (comments, key order, quoting and blank lines of
untouched parts survive), `operations` are the edits the editor offers, `undo` records each as
the exact text before and after it, and `saving` writes atomically with backups and recovery.
"""
