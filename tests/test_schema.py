"""The JSON Schema shipped for editors (trainer/schema/tree-v1.schema.json).

It must be a valid draft 2020-12 schema, accept every bundled tree and the annotated example in
docs/format.md, and reject documents that are plainly wrong.

The trees are read here with PyYAML's `safe_load` (YAML 1.1), which turns `reviewed: 2026-11-26`
into a date and an unquoted `label: Yes` into True. The trainer reads both as text; the schema
accepts booleans and numbers as labels (editors type scalars too), and dates are turned back into
ISO text before validating.
"""

from __future__ import annotations

import datetime
import importlib.resources
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).parents[1]
TREES = ROOT / "trees"
FORMAT_DOC = ROOT / "docs" / "format.md"


def load_schema() -> dict[str, Any]:
    resource = importlib.resources.files("trainer") / "schema" / "tree-v1.schema.json"
    return json.loads(resource.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return load_schema()


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_json(value: Any) -> Any:
    """Turn what YAML 1.1 made of dates back into the text the author wrote."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


def load_yaml(text: str) -> Any:
    return as_json(yaml.safe_load(text))


def schema_errors(validator: Draft202012Validator, document: Any) -> list[str]:
    """Every schema error as `json/path: message`; for a node matching neither kind, why not."""
    lines = []
    for err in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.path))):
        where = "/".join(map(str, err.absolute_path)) or "<top>"
        if not err.context:
            lines.append(f"{where}: {err.message}")
            continue
        lines.append(f"{where}: fails '{err.validator}': none or several of its schemas match")
        for sub in err.context:
            index = sub.schema_path[0]
            branch = err.schema[err.validator][index].get("$ref", index)
            sub_where = "/".join(map(str, sub.absolute_path)) or "<top>"
            lines.append(f"    [{branch}] {sub_where}: {sub.message}")
    return lines


def assert_matches_schema(validator: Draft202012Validator, document: Any) -> None:
    errors = schema_errors(validator, document)
    assert not errors, "\n".join(["does not match the schema:", *errors])


# --- (a) the schema itself -------------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://decision-tree-trainer.invalid/schema/tree-v1.schema.json"


def _object_schemas(node: Any, where: str = "#"):
    """Yield (location, subschema) for every subschema that declares `properties`."""
    if isinstance(node, dict):
        if "properties" in node:
            yield where, node
        for key, value in node.items():
            yield from _object_schemas(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _object_schemas(value, f"{where}/{index}")


def test_every_property_is_documented_and_objects_are_closed(schema: dict[str, Any]) -> None:
    """Editors show `title` and `description` as completion docs; unknown keys are typos."""
    found = list(_object_schemas(schema))
    assert len(found) >= 7  # top level, question, answer, outcome, trap, link, scenario
    for where, subschema in found:
        assert subschema.get("additionalProperties") is False, where
        for name, prop in subschema["properties"].items():
            assert prop.get("title") and prop.get("description"), f"{where}/properties/{name}"


# --- (b) the bundled trees -------------------------------------------------------------------

TREE_FILES = sorted(p for p in TREES.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())


@pytest.mark.parametrize("path", TREE_FILES, ids=[p.relative_to(TREES).as_posix() for p in TREE_FILES])
def test_bundled_tree_matches_schema(path: Path, validator: Draft202012Validator) -> None:
    document = load_yaml(path.read_text(encoding="utf-8-sig"))
    assert_matches_schema(validator, document)


# --- (c) the annotated example in docs/format.md ---------------------------------------------


def format_doc_example() -> str:
    match = re.search(r"^```yaml\n(.*?)^```", FORMAT_DOC.read_text(encoding="utf-8"), re.S | re.M)
    assert match, "docs/format.md has no ```yaml block"
    return match.group(1)


def test_format_doc_example_matches_schema(validator: Draft202012Validator) -> None:
    text = format_doc_example()
    assert text.startswith("# yaml-language-server: $schema=")
    document = load_yaml(text)
    assert_matches_schema(validator, document)
    # It is the complete example the page promises.
    kinds = [("question" in node, "outcome" in node) for node in document["nodes"].values()]
    assert kinds.count((True, False)) == 2 and kinds.count((False, True)) == 3
    assert len(document["scenarios"]) == 3


# --- (d) documents the schema must reject -----------------------------------------------------

VALID = """\
format: 1
id: tiny
title: A tiny tree
summary: For the schema tests.
tags: [testing]
reviewed: 2026-11-26
start: ask
nodes:
  ask:
    question: Yes or no?
    help: Pick one.
    answers:
      - label: Yes
        next: yes-outcome
        note: You said yes.
      - label: "10"
        next: no-outcome
  yes-outcome:
    outcome: Yes it is
    explanation: Because.
    not:
      - option: "No"  # quoted: safe_load (YAML 1.1) would make an unquoted No False
        why: It was yes.
    links:
      - title: Example
        url: https://example.org/
  no-outcome:
    outcome: No it is not
    explanation: Because not.
scenarios:
  - prompt: Someone says yes.
    expect: yes-outcome
"""


def valid_document() -> dict[str, Any]:
    return load_yaml(VALID)


def test_the_base_document_is_valid(validator: Draft202012Validator) -> None:
    document = valid_document()
    assert document["reviewed"] == "2026-11-26"
    assert_matches_schema(validator, document)


@pytest.mark.parametrize("label", ["Yes", "10", 10, 2.5, True, False])
def test_labels_may_be_what_an_editor_types_them_as(label: Any, validator: Draft202012Validator) -> None:
    document = valid_document()
    document["nodes"]["ask"]["answers"][0]["label"] = label
    assert_matches_schema(validator, document)


Mutation = Callable[[dict[str, Any]], Any]


def _parent(document: dict[str, Any], path: str) -> tuple[Any, str | int]:
    """The container holding the `/`-separated path's last step (numbers index lists)."""
    *parents, last = [int(p) if p.isdigit() else p for p in path.split("/")]
    target: Any = document
    for part in parents:
        target = target[part]
    return target, last


def _set(path: str, value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> Any:
        target, last = _parent(document, path)
        target[last] = value
        return document

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(document: dict[str, Any]) -> Any:
        target, last = _parent(document, path)
        del target[last]
        return document

    return mutate


def _rename_node(old: str, new: str) -> Mutation:
    def mutate(document: dict[str, Any]) -> Any:
        document["nodes"][new] = document["nodes"].pop(old)
        return document

    return mutate


INVALID: dict[str, Mutation] = {
    "unknown top-level key": _set("titel", "A typo"),
    "unknown key in a question": _set("nodes/ask/anwsers", []),
    "unknown key in an answer": _set("nodes/ask/answers/0/nxet", "no-outcome"),
    "unknown key in an outcome": _set("nodes/yes-outcome/explantion", "Typo."),
    "unknown key in a trap": _set("nodes/yes-outcome/not/0/because", "Typo."),
    "unknown key in a scenario": _set("scenarios/0/expected", "yes-outcome"),
    "missing format": _delete("format"),
    "missing id": _delete("id"),
    "missing title": _delete("title"),
    "missing start": _delete("start"),
    "missing nodes": _delete("nodes"),
    "empty title": _set("title", ""),
    "empty label": _set("nodes/ask/answers/0/label", ""),
    "empty nodes": _set("nodes", {}),
    "format 2": _set("format", 2),
    "format as text": _set("format", "1"),
    "format true": _set("format", True),
    "uppercase tree id": _set("id", "Tiny"),
    "tree id with an underscore": _set("id", "tiny_tree"),
    "tree id with a leading hyphen": _set("id", "-tiny"),
    "bad node id": _rename_node("no-outcome", "No Outcome"),
    "bad start": _set("start", "Ask"),
    "bad next": _set("nodes/ask/answers/1/next", "no_outcome"),
    "bad expect": _set("scenarios/0/expect", "yes outcome"),
    "question without answers": _delete("nodes/ask/answers"),
    "question with an empty answer list": _set("nodes/ask/answers", []),
    "node with both question and outcome": _set("nodes/ask/outcome", "Both"),
    "node with neither question nor outcome": _set("nodes/ask", {"help": "Just help."}),
    "answer without next": _delete("nodes/ask/answers/0/next"),
    "answer without label": _delete("nodes/ask/answers/0/label"),
    "null label": _set("nodes/ask/answers/0/label", None),
    "file link": _set("nodes/yes-outcome/links/0/url", "file:///etc/passwd"),
    "javascript link": _set("nodes/yes-outcome/links/0/url", "javascript:alert(1)"),
    "ftp link": _set("nodes/yes-outcome/links/0/url", "ftp://example.org/"),
    "relative link": _set("nodes/yes-outcome/links/0/url", "docs/more.html"),
    "link without url": _delete("nodes/yes-outcome/links/0/url"),
    "trap without why": _delete("nodes/yes-outcome/not/0/why"),
    "reviewed not a date": _set("reviewed", "26/11/2026"),
    "reviewed an impossible date": _set("reviewed", "2026-02-30"),
    "duplicate tags": _set("tags", ["testing", "testing"]),
    "tags as text": _set("tags", "testing"),
    "question as a list": _set("nodes/ask/question", ["Yes", "or no?"]),
    "empty help": _set("nodes/ask/help", None),
    "scenario without expect": _delete("scenarios/0/expect"),
    "top level a list": lambda document: [document],
    "top level text": lambda document: "format: 1",
}


@pytest.mark.parametrize("name", list(INVALID))
def test_invalid_documents_are_rejected(name: str, validator: Draft202012Validator) -> None:
    document = INVALID[name](valid_document())
    assert not validator.is_valid(document), f"the schema accepted: {name}"
