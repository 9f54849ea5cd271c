"""Studying a tree, without Qt.

- Walking it: walk.
- The quiz: items (what it asks, and the keys the history files them under), tree_facts (one
  tree's graph as the quiz samples it), distractors (the wrong options and the hint),
  building (which items a quiz asks, by seed), quiz (the session that runs it), feedback (the
  verdicts and results), scenario_routes (the route a scenario is scored on), scope (which
  trees a quiz covers), audit (items a learner could dispute), terminal (the quiz in a terminal).
- The learner's history: history (opening it), history_store (recording answers, reading
  progress), history_schema (migrations and checks), history_problems (what goes wrong, in one
  line); mastery (how well each part of a tree is known).
"""
