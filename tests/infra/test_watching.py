"""Hot reload's decisions without Qt: what to watch, what a burst of events means, where the walk
goes on a new version of its tree, and when one file's change needs the whole library read."""

from __future__ import annotations

from pathlib import Path

from tests.study.test_walk import TREE
from trainer.core.library import TreeEntry, needs_library_reload
from trainer.core.loader import load_tree_text
from trainer.infra.watching import WatchPlan, file_digest, folder_listing, settle, watch_plan
from trainer.study.walk import Walk, carry_over


def tree(text: str):  # type: ignore[no-untyped-def]
    result = load_tree_text(text)
    assert result.tree is not None
    return result.tree


# --- what to watch -------------------------------------------------------------------------------
def test_watch_plan_covers_library_folders_their_subfolders_and_single_files(tmp_path: Path) -> None:
    library = tmp_path / "library"
    (library / "sub").mkdir(parents=True)
    (library / ".git" / "objects").mkdir(parents=True)
    inner = library / "sub" / "t.yaml"
    inner.write_text("x")
    alone = tmp_path / "elsewhere" / "one.yaml"
    alone.parent.mkdir()
    alone.write_text("x")
    plan = watch_plan([library, alone, tmp_path / "missing"], [inner, alone])
    assert plan.files == {inner, alone}
    # the folder of a path that does not exist (yet) is watched too: a file put there is seen
    assert plan.folders == {library: True, library / "sub": True, alone.parent: False, tmp_path: False}


def test_a_library_folder_lists_tree_files_and_subfolders_a_single_files_folder_only_its_files(tmp_path: Path) -> None:
    (tmp_path / "lib" / "sub").mkdir(parents=True)
    (tmp_path / "lib" / ".hidden").mkdir()
    for name in ("a.yaml", "b.YML", "notes.txt", ".a.yaml.swp"):
        (tmp_path / "lib" / name).write_text("x")
    (tmp_path / "other.yaml").write_text("x")
    (tmp_path / "unrelated.yaml").write_text("x")
    plan = WatchPlan(frozenset({tmp_path / "other.yaml"}), {tmp_path / "lib": True, tmp_path: False})
    assert folder_listing(tmp_path / "lib", plan) == {tmp_path / "lib" / n for n in ("a.yaml", "b.YML", "sub")}
    assert folder_listing(tmp_path, plan) == {tmp_path / "other.yaml"}
    (tmp_path / "lib").rename(tmp_path / "gone")
    assert folder_listing(tmp_path / "lib", plan) == frozenset()


def test_file_digest_follows_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("a")
    first = file_digest(path)
    path.write_text("a")
    assert file_digest(path) == first
    path.write_text("b")
    assert file_digest(path) not in (first, None)
    assert file_digest(tmp_path / "missing.yaml") is None


# --- what a burst means --------------------------------------------------------------------------
A, B = Path("/lib/a.yaml"), Path("/lib/b.yaml")
LIB = Path("/lib")
PLAN = WatchPlan(frozenset({A, B}), {LIB: True})
LISTING = {LIB: frozenset({A, B})}


def test_an_in_place_write_reloads_that_file_only() -> None:
    result = settle({A}, PLAN, {A, B}, LISTING, {}, {A: b"1"}, {A: b"2"})
    assert result.changed == (A,) and result.rewatch == (A,) and result.folders == ()


def test_a_save_by_rename_is_seen_through_the_dropped_watch() -> None:
    # the watcher dropped A; only its folder was reported; A is listed as before
    result = settle(set(), PLAN, {B}, LISTING, LISTING, {A: b"1"}, {A: b"2"})
    assert result.changed == (A,) and result.rewatch == (A,) and result.folders == ()


def test_the_same_bytes_saved_again_rewatch_without_a_reload() -> None:
    result = settle({A}, PLAN, {B}, LISTING, LISTING, {A: b"1"}, {A: b"1"})
    assert result.changed == () and result.rewatch == (A,)


def test_a_file_never_digested_reloads_on_its_first_event() -> None:
    assert settle({A}, PLAN, {A, B}, LISTING, {}, {}, {A: b"1"}).changed == (A,)


def test_an_unreadable_file_reloads_so_its_error_shows() -> None:
    assert settle({A}, PLAN, {A, B}, LISTING, {}, {A: b"1"}, {A: None}).changed == (A,)


def test_a_vanished_file_changes_its_folder_not_itself() -> None:
    result = settle({A}, PLAN, {B}, LISTING, {LIB: frozenset({B})}, {A: b"1"}, {})
    assert result.changed == () and result.rewatch == () and result.folders == (LIB,)


def test_a_new_file_changes_its_folder() -> None:
    new = LIB / "c.yaml"
    result = settle(set(), PLAN, {A, B}, LISTING, {LIB: frozenset({A, B, new})}, {}, {})
    assert result == result.__class__((), (), (LIB,))


def test_a_folder_not_listed_before_is_not_a_change() -> None:
    assert settle(set(), PLAN, {A, B}, {}, {LIB: frozenset({A})}, {}, {}).folders == ()


# --- the walk on a new version of its tree -------------------------------------------------------
def test_the_walk_keeps_its_answers_when_they_still_lead_the_same_way() -> None:
    walk = Walk(tree(TREE))
    walk.choose(0)
    walk.choose(0)
    moved = carry_over(walk, tree(TREE.replace("Second?", "Second, reworded?")))
    assert moved is not None and moved.current_id == "good"
    assert [(q.text, a.label) for q, a in moved.trail()] == [("First?", "Yes"), ("Second, reworded?", "A")]


def test_the_walk_follows_a_renamed_answer_to_the_same_node() -> None:
    walk = Walk(tree(TREE))
    walk.choose(0)
    moved = carry_over(walk, tree(TREE.replace('label: "Yes"', 'label: "Sure"')))
    assert moved is not None and moved.current_id == "r" and moved.steps[0].answer.label == "Sure"


def test_the_walk_finds_a_new_way_to_a_node_that_moved() -> None:
    walk = Walk(tree(TREE))
    walk.choose(0)  # q -Yes-> r
    swapped = (
        TREE.replace("        next: r\n", "        next: TMP\n")
        .replace('      - label: "No"\n        next: bad', '      - label: "No"\n        next: r')
        .replace("next: TMP", "next: bad")
    )
    moved = carry_over(walk, tree(swapped))
    assert moved is not None and moved.current_id == "r"
    assert [a.label for _q, a in moved.trail()] == ["No"]


def test_a_removed_node_gives_no_walk() -> None:
    walk = Walk(tree(TREE))
    walk.choose(0)
    walk.choose(0)
    assert (
        carry_over(
            walk,
            tree(
                TREE.replace("next: good", "next: bad").replace(
                    "  good:\n    outcome: Good\n    explanation: Why good.\n", ""
                )
            ),
        )
        is None
    )


def test_a_walk_at_the_start_stays_at_the_start() -> None:
    moved = carry_over(Walk(tree(TREE)), tree(TREE))
    assert moved is not None and moved.current_id == "q" and not moved.steps


# --- one file or the whole library ---------------------------------------------------------------
def entry(name: str, tree_id: str | None) -> TreeEntry:
    text = TREE.replace("id: walk", f"id: {tree_id}") if tree_id else TREE
    return TreeEntry(Path(name), tree(text) if tree_id else None)


def test_one_file_is_enough_while_no_other_file_shares_its_ids() -> None:
    others = [entry("a.yaml", "one"), entry("b.yaml", "two")]
    assert not needs_library_reload(entry("a.yaml", "one"), entry("a.yaml", "one"), others)
    assert not needs_library_reload(entry("a.yaml", "one"), entry("a.yaml", "three"), others)
    assert not needs_library_reload(entry("a.yaml", None), entry("a.yaml", "one"), others)


def test_the_library_is_read_again_when_an_id_is_or_was_shared() -> None:
    others = [entry("a.yaml", "one"), entry("b.yaml", "two")]
    assert needs_library_reload(entry("a.yaml", "one"), entry("a.yaml", "two"), others)  # a new clash
    assert needs_library_reload(
        entry("c.yaml", "two"), entry("c.yaml", "four"), others + [entry("c.yaml", "two")]
    )  # a clash resolved
