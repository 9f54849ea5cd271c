"""The library's group view, as a learner preparing for the exam uses it: the bundled trees
under their exam domains, headings that are never chosen, and every tree walkable from it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import click_card, wait_until_loaded
from trainer.core.library_groups import EXAM_DOMAINS, MINE_TITLE, domain_of
from trainer.infra.paths import bundled_trees_dir, user_trees_dir
from trainer.ui.shell.library_panel import HEADING_ROLE

DOMAIN_TITLES = [d.title for d in EXAM_DOMAINS]


def test_the_bundled_library_shows_its_trees_under_the_exam_domains(qtbot, make_window) -> None:
    window = make_window([bundled_trees_dir()])
    wait_until_loaded(qtbot, window)
    groups = window.library_panel.groups()
    assert [title for title, _ in groups] == DOMAIN_TITLES
    for title, entries in groups:
        assert entries and all(domain_of(e).title == title for e in entries)  # type: ignore[union-attr]
    assert sum(len(entries) for _, entries in groups) == len(list(bundled_trees_dir().glob("*.yaml")))


def test_a_heading_is_never_chosen_and_the_arrow_keys_pass_over_it(qtbot, make_window) -> None:
    window = make_window([bundled_trees_dir()])
    wait_until_loaded(qtbot, window)
    panel = window.library_panel
    first_group, second_group = panel.groups()[:2]
    heading = next(panel.item(i) for i in range(panel.count()) if panel.item(i).data(HEADING_ROLE) == second_group[0])
    assert not heading.flags() & Qt.ItemFlag.ItemIsSelectable
    assert heading.data(Qt.ItemDataRole.AccessibleTextRole) == f"{second_group[0]}: {len(second_group[1])} trees"
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(heading).center())
    assert window.study.entry is not None and window.study.entry.path == first_group[1][0].path  # still the first
    last_of_first = first_group[1][-1]
    assert panel.select_path(str(last_of_first.path))
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Down)
    assert panel.currentItem().data(HEADING_ROLE) is None
    assert window.study.entry.path == second_group[1][0].path  # the heading was passed over


def test_every_bundled_tree_can_be_walked_from_the_group_view(qtbot, make_window) -> None:
    window = make_window([bundled_trees_dir()])
    wait_until_loaded(qtbot, window)
    entries = window.library_panel.entries()
    for row, entry in enumerate(entries):
        click_card(qtbot, window, row)
        assert window.study.entry is not None and window.study.entry.path == entry.path
        start = entry.tree.nodes[entry.tree.start]  # type: ignore[union-attr]
        assert window.study.page.node_text.text() == start.text
        assert window.study.page.answer_buttons, entry.path.name


def test_a_library_of_one_group_shows_no_heading(make_window) -> None:
    window = make_window()  # two untagged trees: nothing to tell apart
    panel = window.library_panel
    assert not panel.grouped and panel.count() == len(panel.entries()) == 2


def test_a_tree_whose_tags_change_moves_to_its_new_group_and_stays_chosen(qtbot, make_window, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    for name in ("identity-access", "ec2-purchasing"):
        (folder / f"{name}.yaml").write_text((bundled_trees_dir() / f"{name}.yaml").read_text("utf-8"), "utf-8")
    window = make_window([folder])
    panel = window.library_panel
    assert [t for t, _ in panel.groups()] == ["Secure architectures", "Cost-optimised architectures"]
    moved = folder / "identity-access.yaml"
    assert panel.select_path(str(moved))
    moved.write_text(moved.read_text("utf-8").replace("tags: [secure,", "tags: [resilient,", 1), "utf-8")
    moved_groups = ["Resilient architectures", "Cost-optimised architectures"]
    qtbot.waitUntil(lambda: [t for t, _ in panel.groups()] == moved_groups, timeout=10_000)
    assert panel.currentItem().data(Qt.ItemDataRole.UserRole + 1).path == moved


def test_my_trees_are_a_group_apart_from_the_bundled_domains(qtbot, make_window) -> None:
    """A tree of the user's own, tagged like a bundled one, is shown under "My trees" (first),
    not mixed into the bundled trees' exam domains, which keep their headings."""
    mine = user_trees_dir(create=True)
    text = (bundled_trees_dir() / "identity-access.yaml").read_text("utf-8")
    (mine / "my-identity.yaml").write_text(text.replace("id: identity-access", "id: my-identity", 1), "utf-8")
    window = make_window([bundled_trees_dir(), mine])
    wait_until_loaded(qtbot, window)
    groups = window.library_panel.groups()
    assert [title for title, _ in groups] == [MINE_TITLE, *DOMAIN_TITLES]
    assert [e.path for e in groups[0][1]] == [mine / "my-identity.yaml"]
    bundled = [e for _title, entries in groups[1:] for e in entries]
    assert all(e.path.parent == bundled_trees_dir() for e in bundled)
    heading = window.library_panel.item(0)
    assert heading.data(HEADING_ROLE) == MINE_TITLE
    assert heading.data(Qt.ItemDataRole.AccessibleTextRole) == f"{MINE_TITLE}: 1 tree"
