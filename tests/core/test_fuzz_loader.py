"""Property tests: whatever an author (or an attacker) writes, loading never raises, never hides
behind the catch-all "unexpected failure", and every problem points into the file.

A fixed budget with a fixed seed runs with the tests (the same examples every run);
FUZZ_EXAMPLES=5000 runs a longer search, and FUZZ_RANDOM=1 new examples each time."""

from __future__ import annotations

import os
import random
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_tally import ran
from trainer.core.loader import (
    ANSWER_KEYS,
    LINK_KEYS,
    OUTCOME_KEYS,
    QUESTION_KEYS,
    SCENARIO_KEYS,
    TOP_KEYS,
    TRAP_KEYS,
    LoadResult,
    load_tree_bytes,
    load_tree_text,
)
from trainer.core.problems import has_errors
from trainer.core.validate import validate_tree

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "250")),
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PUNCTUATION = ":-[]{}&*!|>'\"#%@` \n\t,?~.0123456789abcxyz"
texts = st.one_of(st.text(), st.text(alphabet=PUNCTUATION), st.text(alphabet=PUNCTUATION + "\r\x07\ufeffé\u2028"))


def check_result(result: LoadResult, suite: str = "loader") -> None:
    ran(suite)
    assert result.tree is not None or has_errors(result.problems)
    problems = list(result.problems)
    if result.tree is not None:
        problems += validate_tree(result.tree)
    for problem in problems:
        assert problem.pos.line >= 1 and problem.pos.column >= 1, str(problem)
        assert not problem.message.startswith("unexpected failure"), str(problem)


@FUZZ
@given(texts)
def test_random_text_never_raises(text):
    check_result(load_tree_text(text))


@FUZZ
@given(st.binary())
def test_random_bytes_never_raise(data):
    check_result(load_tree_bytes(data))


VOCABULARY = sorted(set(TOP_KEYS + QUESTION_KEYS + OUTCOME_KEYS + ANSWER_KEYS + TRAP_KEYS + LINK_KEYS + SCENARIO_KEYS))
keys = st.one_of(st.sampled_from(VOCABULARY + ["q", "o", "a-b"]), st.text(max_size=8))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["q", "o", "1", "https://example.com/", "file:///etc/passwd", "2026-11-26"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)),
    max_leaves=30,
)


@FUZZ
@given(st.dictionaries(keys, values, max_size=8))
def test_random_structured_yaml_never_raises(document):
    check_result(load_tree_text(yaml.safe_dump(document, allow_unicode=True)))


IDS = ["q", "r", "o", "p", "Bad id"]


def nodes():
    question = st.fixed_dictionaries(
        {
            "question": st.text(max_size=5),
            "answers": st.lists(
                st.fixed_dictionaries(
                    {"label": st.sampled_from(["Yes", "No", "", "Maybe"]), "next": st.sampled_from(IDS)}
                ),
                max_size=3,
            ),
        }
    )
    outcome = st.fixed_dictionaries(
        {"outcome": st.text(max_size=5)},
        optional={
            "explanation": st.text(max_size=5),
            "links": st.lists(
                st.fixed_dictionaries(
                    {"title": st.just("T"), "url": st.sampled_from(["https://x.org", "javascript:1", ""])}
                ),
                max_size=2,
            ),
        },
    )
    return st.one_of(question, outcome, values)


trees = st.fixed_dictionaries(
    {
        "format": st.sampled_from([1, 1, 2, "1"]),
        "id": st.sampled_from(["t", "T t"]),
        "title": st.text(max_size=5),
        "start": st.sampled_from(IDS),
        "nodes": st.dictionaries(st.sampled_from(IDS), nodes(), max_size=5),
    },
    optional={
        "scenarios": st.lists(
            st.fixed_dictionaries({"prompt": st.just("P"), "expect": st.sampled_from(IDS)}), max_size=3
        )
    },
)


@FUZZ
@given(trees)
def test_random_tree_shaped_yaml_never_raises(document):
    check_result(load_tree_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False)))


BUNDLED = sorted((Path(__file__).resolve().parents[2] / "trees").glob("*.yaml"))


@st.composite
def mutated_bundled_trees(draw: st.DrawFn) -> bytes:
    """A bundled tree with a few random edits of the kinds an author's slip or a damaged copy
    makes: bytes dropped, inserted or replaced, lines swapped, duplicated or re-indented."""
    data = bytearray(draw(st.sampled_from(BUNDLED)).read_bytes())
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    for _ in range(draw(st.integers(1, 6))):
        at = rng.randrange(len(data) + 1)
        kind = rng.randrange(6)
        if kind == 0:  # drop a run of bytes
            del data[at : at + rng.randint(1, 40)]
        elif kind == 1:  # insert YAML punctuation or stray bytes
            data[at:at] = rng.choice(
                [b":", b"- ", b"  ", b"\t", b"&a ", b"*a", b"!!python/object ", b"{", b"]", b"\xff", b"\x00", b"\n"]
            )
        elif kind == 2:  # replace one byte
            if data:
                data[min(at, len(data) - 1)] = rng.randrange(256)
        else:
            lines = bytes(data).split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            if kind == 3:
                lines[i], lines[j] = lines[j], lines[i]
            elif kind == 4:
                lines.insert(j, lines[i])
            else:
                lines[i] = b" " * rng.randint(0, 9) + lines[i].lstrip(b" ")
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@FUZZ
@given(mutated_bundled_trees())
def test_mutated_bundled_trees_never_raise(data: bytes) -> None:
    check_result(load_tree_bytes(data), "mutations")
