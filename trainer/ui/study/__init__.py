"""Studying a tree: the walk (walk_pane), the outline beside it (outline), the quiz's setup
dialog, pane and pages (quiz_setup, quiz_pane, quiz_pages), and the progress view
(progress_dialog). Every decision is in `trainer.study`."""
