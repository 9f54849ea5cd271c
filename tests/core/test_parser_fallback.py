"""Without libyaml, the pure-Python parser takes over and reports the same located problems."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import json, sys, yaml
del yaml.CSafeLoader  # as on a PyYAML built without libyaml
from trainer.core import yamldoc
from trainer.core.loader import load_tree_text
good = load_tree_text(sys.argv[1])
bad = load_tree_text("a: [1, 2\\n")
print(json.dumps({
    "parser": yamldoc._EventLoader.__name__,
    "good_problems": [str(p) for p in good.problems],
    "title": good.tree.title,
    "bad": [str(p) for p in bad.problems],
}))
"""

TREE = """format: 1
id: t
title: No
start: q
nodes:
  q:
    question: Ok?
    answers:
      - label: Yes
        next: o
  o:
    outcome: Done
    explanation: Fine.
"""


def test_pure_python_parser_is_used_when_libyaml_is_missing() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT, TREE], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    assert report["parser"] == "SafeLoader"
    assert report["good_problems"] == []
    assert report["title"] == "No"
    assert len(report["bad"]) == 1
    assert report["bad"][0].startswith("<text>:2:1: error: YAML syntax:")
