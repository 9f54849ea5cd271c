"""The grid index finds what lies in a rectangle, including long edges where they run."""

from __future__ import annotations

from trainer.draw.layout import Box, EdgeRoute, Layout
from trainer.draw.spatial import GridIndex, index_layout


def test_query_finds_boxes_overlapping_the_rectangle() -> None:
    index = GridIndex(cell=100)
    index.insert("a", 0, 0, 50, 50)
    index.insert("b", 1000, 1000, 1050, 1050)
    assert index.query(-10, -10, 60, 60) == {"a"}
    assert index.query(990, 990, 1001, 1001) == {"b"}
    assert index.query(300, 300, 400, 400) == set()


def test_long_edges_are_found_along_their_segments_only() -> None:
    layout = Layout(
        nodes={"s": Box(0, 0, 100, 40), "t": Box(5000, 200, 100, 40)},
        edges=(EdgeRoute("s", "t", ((50, 40), (50, 120), (5050, 120), (5050, 200))),),
        layers={"s": 0, "t": 1},
        width=5100,
        height=240,
    )
    index = index_layout(layout, cell=256)
    assert index.query(2500, 100, 2600, 140) == {("edge", "s", "t")}  # mid-way along the run
    assert index.query(2500, 1000, 2600, 1100) == set()  # nothing strays below it
    near_source = index.query(0, 0, 10, 10)
    assert "s" in near_source and "t" not in near_source
    assert "t" in index.query(5010, 210, 5020, 220)


def test_boxes_spanning_many_cells_are_still_found() -> None:
    index = GridIndex(cell=10)
    index.insert("wide", 0, 0, 100_000, 5)  # thousands of cells: kept on the long list
    assert index.query(50_000, 0, 50_001, 1) == {"wide"}
    assert index.query(50_000, 10, 50_001, 11) == set()
