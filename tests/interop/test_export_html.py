"""The self-contained HTML page: nothing fetched, author text never becomes markup or script,
and, in headless Chromium (Debian's package, installed in CI), a walk and a quiz work from a
file:// URL with every outcome hidden until its item is answered."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.interop.nasty_tree import NASTY
from trainer.core.library import read_tree
from trainer.interop.html import page_data, safe_markdown, to_html

ROOT = Path(__file__).resolve().parents[2]
SVG = (
    '<?xml version="1.0"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
)


@pytest.fixture
def nasty_tree(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "nasty.yaml"
    path.write_text(NASTY, encoding="utf-8")
    entry = read_tree(path)
    assert entry.usable and entry.tree is not None
    return entry.tree


class Elements(HTMLParser):
    """Every element and attribute in a page, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def test_the_page_fetches_nothing_and_author_text_stays_text(nasty_tree) -> None:  # type: ignore[no-untyped-def]
    page = to_html(nasty_tree, SVG)
    parsed = Elements()
    parsed.feed(page)
    tags = [tag for tag, _ in parsed.tags]
    assert tags.count("script") == 2 and all("src" not in attrs for tag, attrs in parsed.tags if tag == "script")
    assert "link" not in tags and "img" not in tags and "iframe" not in tags
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)  # no external styles or fonts
    assert "<b>" not in page.split("<script")[0].replace("<b>bold</b>", "")  # the title is escaped
    data = json.loads(parsed.scripts[0])
    assert data["nodes"]["first"]["text"].startswith('Is it "quoted"')  # raw text, shown with textContent
    assert "<" not in parsed.scripts[0]  # author text cannot close the data block (or open a comment)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_safe_markdown_escapes_before_it_formats() -> None:
    html = safe_markdown(
        "**bold** *em* `<b>code</b>` <script>x</script>\n\n[ok](https://example.com) [no](javascript:alert(1))"
    )
    assert "<strong>bold</strong>" in html and "<em>em</em>" in html and "<code>&lt;b&gt;code&lt;/b&gt;</code>" in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert (
        '<a href="https://example.com" rel="noopener noreferrer">ok</a>' in html
        and "javascript:" not in html.split("[no]")[0]
    )
    assert "[no](javascript:alert(1))" in html  # not a link: shown as written


def test_safe_markdown_reads_unclosed_brackets_as_written_and_links_after_them() -> None:
    # each "[" once scanned to the end of the text for its "]": 80 KB of "[a" took 16 s
    assert safe_markdown("[a" * 40_000) == "<p>" + "[a" * 40_000 + "</p>"
    html = safe_markdown("[[[see [docs](https://example.com) [a")
    assert html == '<p>[[[see <a href="https://example.com" rel="noopener noreferrer">docs</a> [a</p>'


def test_page_data_holds_every_node_and_a_quiz_with_its_answers() -> None:
    tree = read_tree(ROOT / "trees" / "edge-resilience.yaml").tree
    data = page_data(tree, seed=3)
    assert set(data["nodes"]) == set(tree.nodes) and data["start"] == tree.start
    assert data["quiz"] and all(0 <= item["right"] < len(item["options"]) for item in data["quiz"])
    assert page_data(tree, seed=3) == data  # the same seed, the same quiz


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("headless Chromium is not installed: install Debian's chromium package (CI does)")
    return found


def _dump(url: str, profile: Path) -> str:
    done = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.parametrize("which", ["edge-resilience", "nasty"])
def test_walk_and_quiz_work_in_headless_chromium(tmp_path: Path, which: str) -> None:
    source = ROOT / "trees" / "edge-resilience.yaml"
    if which == "nasty":
        source = tmp_path / "nasty.yaml"
        source.write_text(NASTY, encoding="utf-8")
    page = tmp_path / "page.html"
    done = subprocess.run(
        [sys.executable, "-m", "trainer", "export", str(source), "-o", str(page)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    tree = read_tree(source).tree
    dom = _dump(page.as_uri() + "?selftest", tmp_path / "profile")
    result = json.loads(html.unescape(re.search(r'<pre id="selftest">(.*?)</pre>', dom, re.DOTALL).group(1)))
    first_path_outcome = result["steps"][-1]
    assert result["reached"] == tree.nodes[first_path_outcome].text
    total = len(page_data(tree)["quiz"])
    assert result["score"] == f"Score: {total} of {total}" and result["hiddenBefore"] is True
    assert result["routes"] == [item["route"] for item in page_data(tree)["quiz"]]  # each choice shows its route
    if which == "edge-resilience":
        assert any(result["routes"])
    assert "<script>alert(1)</script>" not in dom.split('<script type="application/json"')[0]  # never an element
