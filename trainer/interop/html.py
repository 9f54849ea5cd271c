"""One self-contained HTML page for people who cannot install the app: the drawing of the tree,
a walk through it, and a quiz whose outcomes stay hidden until answered.

Nothing is fetched: no external script, style, font or image; the drawing is inline SVG and the
tree travels as JSON in the page. Author text is escaped here, and the little Markdown the page
shows (paragraphs, emphasis, code, http(s) links) is produced from escaped text, so nothing an
author writes can become markup or script. The page's script only ever sets `textContent`,
except for that pre-escaped Markdown. `?selftest` runs a walk and a quiz in the page and writes
the result into it (the test reads it back from headless Chromium).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from trainer.core.model import Outcome, Question, Tree
from trainer.study.building import build_quiz
from trainer.study.tree_facts import requirements_along

QUIZ_ITEMS = 12
# The link text holds no "[": each try stops at the next one, so "[a" repeated 40,000 times is
# read in linear time (with "[^\]]+" every "[" scanned to the end of the text: 16 s at 80 KB).
_LINK = re.compile(r"\[([^\[\]]+)\]\((https?://[^)\s]+)\)")


def safe_markdown(text: str) -> str:
    """A little Markdown as HTML, from escaped text: paragraphs, line breaks, **strong**,
    *emphasis*, `code` and [http(s) links](...). Anything else stays visible as written."""
    out = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        if not paragraph.strip():
            continue
        body = html.escape(" ".join(paragraph.split()), quote=True)
        body = re.sub(r"`([^`]+)`", r"<code>\1</code>", body)
        body = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", body)
        body = re.sub(r"(?<![*\w])\*([^*\s][^*]*)\*(?!\w)", r"<em>\1</em>", body)
        body = _LINK.sub(lambda m: f'<a href="{m.group(2)}" rel="noopener noreferrer">{m.group(1)}</a>', body)
        out.append(f"<p>{body}</p>")
    return "".join(out)


def page_data(tree: Tree, seed: int = 1) -> dict[str, Any]:
    """What the page's script needs: every node, and quiz items drawn once with `seed`."""
    nodes: dict[str, Any] = {}
    for node_id, node in tree.nodes.items():
        if isinstance(node, Question):
            nodes[node_id] = {
                "kind": "question",
                "text": node.text,
                "help": safe_markdown(node.help),
                "answers": [{"label": a.label, "next": a.next, "note": safe_markdown(a.note)} for a in node.answers],
            }
        elif isinstance(node, Outcome):
            nodes[node_id] = {
                "kind": "outcome",
                "text": node.text,
                "explanation": safe_markdown(node.explanation),
                "traps": [{"option": t.option, "why": safe_markdown(t.why)} for t in node.traps],
                "links": [
                    {"title": link.title, "url": link.url} for link in node.links if re.match(r"https?://", link.url)
                ],
            }
    quiz = build_quiz([tree], QUIZ_ITEMS, seed, kinds=("path", "choice"))
    items = [
        {
            "prompt": item.prompt,
            "requirements": list(item.requirements),
            "options": [o.text for o in item.options],
            "right": item.right_option,
            "outcome": item.expect,
            "route": list(requirements_along(tree, item.route)) if item.kind == "choice" else [],
        }
        for item in quiz.items
    ]
    return {
        "title": tree.title,
        "summary": safe_markdown(tree.summary),
        "start": tree.start,
        "nodes": nodes,
        "quiz": items,
    }


def to_html(tree: Tree, svg: str, seed: int = 1) -> str:
    """The page. `svg` is the drawing as the app renders it (trainer.ui.export.render.svg_text)."""
    # "<", ">" and "&" as JSON escapes: no author text can close the data block or open a comment
    data = (
        json.dumps(page_data(tree, seed), ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    drawing = re.sub(r"^<\?xml[^>]*>\s*", "", svg.strip())
    return _PAGE.format(title=html.escape(tree.title), data=data, drawing=drawing, style=_STYLE, script=_SCRIPT)


_STYLE = """
body { font-family: system-ui, "DejaVu Sans", sans-serif; margin: 0; color: #111; background: #fafafa; }
header, main { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
nav button[aria-selected="true"] { font-weight: bold; text-decoration: underline; }
button { font: inherit; margin: .2rem; padding: .4rem .8rem; }
.answer, .option { display: block; width: 100%; text-align: left; }
.outcome { border: 3px double #38761d; background: #e2f0d9; padding: .5rem 1rem; }
.right { color: #1b5e20; } .wrong { color: #b00020; }
#graph-pane svg { max-width: 100%; height: auto; border: 1px solid #ccc; background: #fff; }
.hidden { display: none; }
.prompt { font-size: 1.25rem; line-height: 1.4; }
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
  content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header><h1>{title}</h1><div id="summary"></div>
<nav role="tablist"><button id="tab-walk" role="tab">Walk</button><button id="tab-quiz" role="tab">Quiz</button><!--
--><button id="tab-graph" role="tab">Graph</button></nav>
</header>
<main>
<section id="walk-pane" aria-live="polite"></section>
<section id="quiz-pane" class="hidden" aria-live="polite"></section>
<section id="graph-pane" class="hidden">{drawing}</section>
</main>
<script type="application/json" id="tree-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""

_SCRIPT = r"""
"use strict";
const data = JSON.parse(document.getElementById("tree-data").textContent);
const $ = (id) => document.getElementById(id);
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
function md(html) { const d = document.createElement("div"); d.innerHTML = html; return d; } // escaped in Python
$("summary").appendChild(md(data.summary));

let trail = [data.start];
function showWalk() {
  const box = $("walk-pane"); box.replaceChildren();
  const id = trail[trail.length - 1], node = data.nodes[id];
  if (trail.length > 1) {
    const back = el("button", "Back"); back.onclick = () => { trail.pop(); showWalk(); }; box.appendChild(back);
    const again = el("button", "Start again"); again.onclick = () => { trail = [data.start]; showWalk(); };
    box.appendChild(again);
  }
  if (node.kind === "question") {
    box.appendChild(el("h2", node.text, "question"));
    if (node.help) {
      const d = el("details"); d.appendChild(el("summary", "Hint")); d.appendChild(md(node.help)); box.appendChild(d);
    }
    node.answers.forEach((a, i) => {
      const b = el("button", (i + 1) + ". " + a.label, "answer");
      b.onclick = () => { trail.push(a.next); showWalk(); };
      box.appendChild(b);
    });
  } else {
    const o = el("div", undefined, "outcome"); o.appendChild(el("h2", node.text)); o.appendChild(md(node.explanation));
    box.appendChild(o);
    if (node.traps.length) { box.appendChild(el("h3", "Tempting, but not the answer")); const ul = el("ul");
      node.traps.forEach(t => {
        const li = el("li"); li.appendChild(el("strong", t.option)); li.appendChild(md(t.why)); ul.appendChild(li);
      });
      box.appendChild(ul); }
    node.links.forEach(l => {
      const a = el("a", l.title); a.href = l.url; a.rel = "noopener noreferrer";
      box.appendChild(el("p")).appendChild(a);
    });
  }
}

let q = 0, score = 0, answered = false;
function showQuiz() {
  const box = $("quiz-pane"); box.replaceChildren();
  if (q >= data.quiz.length) { box.appendChild(el("h2", "Score: " + score + " of " + data.quiz.length, "score"));
    const again = el("button", "Again"); again.onclick = () => { q = 0; score = 0; showQuiz(); };
    box.appendChild(again); return; }
  const item = data.quiz[q]; answered = false;
  box.appendChild(el("p", "Item " + (q + 1) + " of " + data.quiz.length));
  box.appendChild(el("p", item.prompt, "prompt"));
  if (item.requirements.length) {
    const ul = el("ul"); item.requirements.forEach(r => ul.appendChild(el("li", r))); box.appendChild(ul);
  }
  const verdict = el("p", "", "verdict");
  item.options.forEach((text, i) => {
    const b = el("button", (i + 1) + ". " + text, "option");
    b.onclick = () => {
      if (answered) return; answered = true;
      const right = i === item.right; if (right) score += 1;
      verdict.textContent = (right ? "✓ Right: " : "✗ Wrong. The answer: ") + data.nodes[item.outcome].text;
      verdict.className = right ? "verdict right" : "verdict wrong";
      if (item.route.length) {
        const ul = el("ul", undefined, "route"); ul.setAttribute("aria-label", "The route its facts imply");
        item.route.forEach(r => ul.appendChild(el("li", r))); box.insertBefore(ul, verdict.nextSibling); }
      const next = el("button", "Next", "next"); next.onclick = () => { q += 1; showQuiz(); }; box.appendChild(next);
    };
    box.appendChild(b);
  });
  box.appendChild(verdict);
}

function tab(name) {
  ["walk", "quiz", "graph"].forEach(n => {
    $(n + "-pane").classList.toggle("hidden", n !== name);
    $("tab-" + n).setAttribute("aria-selected", String(n === name));
  });
}
["walk", "quiz", "graph"].forEach(n => $("tab-" + n).onclick = () => tab(n));
showWalk(); showQuiz(); tab(["quiz", "graph"].indexOf(location.hash.slice(1)) >= 0 ? location.hash.slice(1) : "walk");

if (location.search.indexOf("selftest") >= 0) {  // a walk to an outcome and a whole quiz, clicked
  const steps = [];
  for (let guard = 0; guard < 200 && data.nodes[trail[trail.length - 1]].kind === "question"; guard++) {
    document.querySelector("#walk-pane .answer").click(); steps.push(trail[trail.length - 1]);
  }
  const reached = document.querySelector("#walk-pane .outcome h2").textContent;
  let hiddenBefore = true;
  const routes = [];
  for (let i = 0; i < data.quiz.length; i++) {
    const item = data.quiz[i], outcome = data.nodes[item.outcome].text;
    if (document.querySelector("#quiz-pane .verdict").textContent.indexOf(outcome) >= 0) hiddenBefore = false;
    document.querySelectorAll("#quiz-pane .option")[item.right].click();
    const shown = document.querySelector("#quiz-pane .route");
    routes.push(shown ? Array.from(shown.children).map(li => li.textContent) : []);
    document.querySelector("#quiz-pane .next").click();
  }
  const result = { reached: reached, steps: steps, score: document.querySelector("#quiz-pane .score").textContent,
                   hiddenBefore: hiddenBefore, routes: routes };
  const out = el("pre", JSON.stringify(result)); out.id = "selftest"; document.body.appendChild(out);
}
"""
