"""Graph view speed against Graphviz `dot`, printed beside the targets and references of issue 3.

Run: .venv/bin/python tests/benchmarks/bench_graph.py [--sizes 1000,10000,50000] [--repeats 3]
     [--no-dot] [--dot-timeout 120] [--profile 10000]
Not a test: figures vary by machine, so nothing here asserts a time
(tests/ui/canvas/test_bench_graph_smoke.py only checks that it runs).

For each size, a generated tree (tests/benchmarks/treegen.py: branching 2-4, ~5% shared nodes,
realistic text) is written to a temporary folder and measured:

- layout: our `compute_layout`, timed inside the graph scene as the GUI calls it (sizes measured
  with the real font), against `dot -Tplain` on our own DOT export (edge labels included), with a
  timeout; `dot` is re-run only while its total time stays under the timeout;
- edge crossings: `trainer.draw.layout.count_crossings` on our layout; for dot, its `-Tplain` output is
  parsed (node positions, each edge's spline control points taken as a polyline) and counted with
  the same rule (`count_polyline_crossings`: proper crossings between segments of edges that share
  no end node);
- open-to-first-frame, in a fresh process per run (QT_QPA_PLATFORM=offscreen, a 1280x800
  GraphView already shown): `read_tree` (load + validate), `GraphScene.set_tree` (text, layout,
  items), fit-to-view and the first paint through the event loop. "open" is a first open (an
  empty cache of checked trees: the file is parsed, validated and the cache written); "reopen"
  is the same file opened again in a new process, read back from that cache as the app does;
- frame times, medians of several full repaints of the whole view (graph and minimap, rendered
  into an image) at fit-to-view, at 100% zoom centred on the start node, and while panning at
  100% (scroll 40 px, repaint);
- peak memory: the resident high-water mark of that process (VmHWM on Linux; ru_maxrss elsewhere).

Every figure is the median of --repeats runs (each Qt figure from a fresh process, so memory and
caches are honest). A size that fails prints its error and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from math import floor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from treegen import generate_tree_yaml

SIZES = (1_000, 10_000, 50_000)
REPEATS = 3
SEED = 1
DOT_TIMEOUT = 120.0
CHILD_TIMEOUT = 900.0
VIEW_SIZE = (1280, 800)
PAN_STEP = 40  # pixels per panning frame
FRAMES = 3  # repaints per zoom level in one run
PANS = 6  # panning frames in one run
RESULT = "BENCH-RESULT "

# Issue 3, section 4: targets on this 2-core machine, and the references measured here.
TARGETS = {
    1_000: "layout >= 100x faster than dot (dot 0.34 s here on the issue's graphs), crossings <= dot's",
    10_000: "open < 0.8 s, every frame < 16 ms, peak < 150 MiB (dot > 1 min with edge labels)",
    50_000: "open < 4 s, frames < 16 ms at >= 25% zoom and < 33 ms for the overview, peak < 450 MiB",
}
REFERENCES = (
    "plain QGraphicsView, one item per node and edge (issue 3, measured on this machine):",
    "  10,000 nodes: opens in 1.0 s, fit-to-view repaint 100-200 ms, pan 13-15 ms",
    "  50,000 nodes: opens in 5.7 s, fit-to-view repaint ~0.7 s, pan ~60 ms",
    "Graphviz dot: 0.34 s at 1,000 nodes; over a minute at 10,000 nodes with edge labels",
)

Point = tuple[float, float]


# --- crossings ------------------------------------------------------------------------------------
def count_polyline_crossings(edges: Iterable[tuple[Hashable, Hashable, Sequence[Point]]]) -> int:
    """Pairs of segments that properly cross, between edges (source, target, polyline) that share
    no end node: the rule of `trainer.draw.layout.count_crossings`, for any drawing (dot's splines
    too). Segments are hashed into a uniform grid (cell = the median segment extent) along the
    cells each one actually passes through, and only segments sharing a cell are tested."""
    names: dict[Hashable, int] = {}
    ends: list[tuple[int, int]] = []
    segs: list[tuple[float, float, float, float, int]] = []
    for k, (source, target, points) in enumerate(edges):
        ends.append((names.setdefault(source, len(names)), names.setdefault(target, len(names))))
        for (x0, y0), (x1, y1) in pairwise(points):
            if (x0, y0) != (x1, y1):
                segs.append((x0, y0, x1, y1, k))
    if len(segs) < 2:
        return 0
    extents = sorted(max(abs(s[2] - s[0]), abs(s[3] - s[1])) for s in segs)
    cell = extents[len(extents) // 2] or extents[-1]
    buckets: dict[tuple[int, int], list[int]] = {}
    for n, (x0, y0, x1, y1, _) in enumerate(segs):
        for key in _cells(x0, y0, x1, y1, cell):
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = [n]
            else:
                bucket.append(n)
    crossing: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        for i, a in enumerate(members):
            ax0, ay0, ax1, ay1, ka = segs[a]
            sa, ta = ends[ka]
            for b in members[i + 1 :]:
                bx0, by0, bx1, by1, kb = segs[b]
                sb, tb = ends[kb]
                if sa in (sb, tb) or ta in (sb, tb):
                    continue
                # orientation tests exactly as trainer.draw.layout._segments_cross
                d1 = (bx1 - bx0) * (ay0 - by0) - (by1 - by0) * (ax0 - bx0)
                d2 = (bx1 - bx0) * (ay1 - by0) - (by1 - by0) * (ax1 - bx0)
                if not d1 * d2 < 0:
                    continue
                d3 = (ax1 - ax0) * (by0 - ay0) - (ay1 - ay0) * (bx0 - ax0)
                d4 = (ax1 - ax0) * (by1 - ay0) - (ay1 - ay0) * (bx1 - ax0)
                if d3 * d4 < 0:
                    crossing.add((a, b) if a < b else (b, a))
    return len(crossing)


def _cells(x0: float, y0: float, x1: float, y1: float, size: float) -> list[tuple[int, int]]:
    """Every grid cell the segment passes through (a little generously: never one too few)."""
    if x0 > x1:
        x0, y0, x1, y1 = x1, y1, x0, y0
    eps = size * 1e-6
    c0, c1 = floor(x0 / size), floor(x1 / size)
    if c0 == c1:
        lo, hi = (y0, y1) if y0 <= y1 else (y1, y0)
        return [(c0, r) for r in range(floor((lo - eps) / size), floor((hi + eps) / size) + 1)]
    slope = (y1 - y0) / (x1 - x0)
    out = []
    for c in range(c0, c1 + 1):
        ya = y0 + (max(x0, c * size) - x0) * slope
        yb = y0 + (min(x1, (c + 1) * size) - x0) * slope
        lo, hi = (ya, yb) if ya <= yb else (yb, ya)
        out += [(c, r) for r in range(floor((lo - eps) / size), floor((hi + eps) / size) + 1)]
    return out


# --- Graphviz ---------------------------------------------------------------------------------------
@dataclass
class PlainGraph:
    """What `dot -Tplain` says: node centres and sizes, and each edge's spline control points."""

    nodes: dict[str, tuple[float, float, float, float]]
    edges: list[tuple[str, str, list[Point]]]


_PLAIN_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[^\s"]+|\n', re.DOTALL)


def _unquote(token: str) -> str:
    if token.startswith('"'):
        return re.sub(r"\\(.)", r"\1", token[1:-1], flags=re.DOTALL)
    return token


def parse_plain(text: str) -> PlainGraph:
    """Parse `dot -Tplain` output (names and labels may be quoted and hold escaped quotes or
    line breaks, so it is tokenised as a whole rather than split into lines first)."""
    nodes: dict[str, tuple[float, float, float, float]] = {}
    edges: list[tuple[str, str, list[Point]]] = []
    record: list[str] = []
    for token in _PLAIN_TOKEN.findall(text + "\n"):
        if token != "\n":
            record.append(token)
            continue
        if not record:
            continue
        kind = record[0]
        if kind == "node":
            nodes[_unquote(record[1])] = (float(record[2]), float(record[3]), float(record[4]), float(record[5]))
        elif kind == "edge":
            n = int(record[3])
            coords = [float(v) for v in record[4 : 4 + 2 * n]]
            edges.append((_unquote(record[1]), _unquote(record[2]), list(zip(coords[::2], coords[1::2], strict=True))))
        record = []
    return PlainGraph(nodes, edges)


def dot_crossings(plain: str) -> int:
    """Edge crossings in dot's drawing, each spline taken as the polyline of its control points,
    carried on to the arrow's tip (a spline stops where its arrowhead starts, and an edge drawn
    across another's arrowhead crosses it as plainly as anywhere else)."""
    graph = parse_plain(plain)
    return count_polyline_crossings(
        (
            tail,
            head,
            [*points, _arrow_tip(points, graph.nodes[head])] if head in graph.nodes and len(points) > 1 else points,
        )
        for tail, head, points in graph.edges
    )


def _arrow_tip(points: list[Point], box: tuple[float, float, float, float]) -> Point:
    """Where the arrowhead at the end of `points` meets the node `box` (centre x, y, width, height):
    along the spline's last direction, or towards the centre if that direction misses the box."""
    (px, py), (qx, qy) = points[-2], points[-1]
    cx, cy, w, h = box
    for dx, dy in ((qx - px, qy - py), (cx - qx, cy - qy)):
        hits = [t for t in _box_hits(qx, qy, dx, dy, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2) if t > 0]
        if hits:
            t = min(hits)
            return (qx + t * dx, qy + t * dy)
    return (qx, qy)


def _box_hits(x: float, y: float, dx: float, dy: float, x0: float, y0: float, x1: float, y1: float) -> list[float]:
    """The parameters t at which the ray (x, y) + t (dx, dy) meets the box's sides."""
    hits = []
    for edge, start, step, lo, hi, other, ostep in (
        (x0, x, dx, y0, y1, y, dy),
        (x1, x, dx, y0, y1, y, dy),
        (y0, y, dy, x0, x1, x, dx),
        (y1, y, dy, x0, x1, x, dx),
    ):
        if step:
            t = (edge - start) / step
            if lo <= other + t * ostep <= hi:
                hits.append(t)
    return hits


@dataclass
class DotRun:
    times: list[float] = field(default_factory=list)
    timed_out: bool = False
    plain: str | None = None
    error: str | None = None


def run_dot(dot_file: Path, repeats: int, timeout: float) -> DotRun:
    """`dot -Tplain` on `dot_file`, up to `repeats` times while the total stays under `timeout`."""
    result = DotRun()
    spent = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                ["dot", "-Tplain", str(dot_file)], check=False, capture_output=True, text=True, timeout=timeout - spent
            )
        except subprocess.TimeoutExpired:
            result.timed_out = not result.times
            break
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            result.error = f"dot exited with {proc.returncode}: {proc.stderr.strip()[:200]}"
            break
        result.times.append(elapsed)
        result.plain = result.plain or proc.stdout
        spent += elapsed
        if spent + elapsed > timeout:  # another run would not finish in time
            break
    return result


# --- the Qt side, run in a fresh process ------------------------------------------------------------
def _maxrss_mib() -> float:
    """Peak resident memory of this process, MiB. On Linux, VmHWM of /proc/self/status: unlike
    ru_maxrss it is not inherited from the parent when a child is spawned (Python's subprocess
    uses vfork, and exec records the parent's high-water mark in the child's ru_maxrss)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure_view(
    path: Path, crossings: bool = True, profile: bool = False, cache: Path | None = None
) -> dict[str, Any]:
    """Open `path` in a GraphScene + GraphView and time it. Needs a QApplication; meant to run in
    a fresh process (see `--child`), where peak memory is this measurement's alone. With `cache`,
    the tree is read through the app's cache of checked trees in that folder (as the app does)."""
    from PySide6.QtCore import QEvent, QObject, QPoint
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication, QWidget

    import trainer.ui.canvas.drawing as drawing_module
    import trainer.ui.canvas.scene as scene_module
    from trainer.core.library import read_tree
    from trainer.core.tree_cache import TreeCache
    from trainer.draw.layout import count_crossings
    from trainer.ui.canvas.scene import GraphScene
    from trainer.ui.canvas.view import GraphView

    app = QApplication.instance()
    assert app is not None, "measure_view needs a QApplication"
    now = time.perf_counter
    captured: dict[str, Any] = {}

    # Time the scene's own calls by wrapping the names it uses: the layout (on sizes measured as
    # the scene measures them), text wrapping/shaping and the pre-rendered overview. Each part
    # is timed only if the scene still uses that name; the rest of set_tree is "items".
    timed_names = {
        "layout": ((drawing_module, "compute_layout"),),
        "text": ((drawing_module, "wrap_text"),),
        "overview": ((scene_module, "overview_base"),),
    }
    spent: dict[str, float] = {}
    originals: dict[str, Any] = {}

    def timer(part: str, name: str, original: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = now()
            result = original(*args, **kwargs)
            spent[part] += now() - start
            if name == "compute_layout":
                captured["layout"] = result
            return result

        return timed

    class PaintCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    out: dict[str, Any] = {}
    scene = GraphScene()
    view = GraphView(scene)
    view.resize(*VIEW_SIZE)
    view.show()
    app.processEvents()
    painted = PaintCounter()
    view.viewport().installEventFilter(painted)
    image = QImage(view.size(), QImage.Format.Format_ARGB32_Premultiplied)

    def render(widget: QWidget) -> float:
        start = now()
        painter = QPainter(image)
        QWidget.render(widget, painter, QPoint())  # the widget and its children (QGraphicsView.render is the scene)
        painter.end()
        return now() - start

    out["rss_start"] = _maxrss_mib()
    for part, names in timed_names.items():
        for module, name in names:
            if hasattr(module, name):
                originals[name] = (module, getattr(module, name))
                spent.setdefault(part, 0.0)
                setattr(module, name, timer(part, name, originals[name][1]))
    tree_cache = TreeCache(cache) if cache is not None else None
    data = path.read_bytes()
    out["cacheable"] = tree_cache is not None and tree_cache.wants(data)  # small files are never cached
    out["cached"] = tree_cache is not None and (cache / f"{tree_cache.key(data)}.json").exists()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    try:
        t0 = now()
        entry = read_tree(path, tree_cache)
        t1 = now()
        if not entry.usable or entry.tree is None:
            raise RuntimeError(f"the tree does not load: {entry.first_error}")
        scene.set_tree(entry.tree)
        t2 = now()
        view.fit()
        app.processEvents()  # the first frame, painted by the event loop as in the app
        if painted.count == 0:  # no paint reached the viewport: paint it ourselves
            render(view)
        t3 = now()
    finally:
        if profiler is not None:
            profiler.disable()
        for name, (module, original) in originals.items():
            setattr(module, name, original)
    if profiler is not None:
        import io
        import pstats

        for order in ("tottime", "cumulative"):
            stream = io.StringIO()
            pstats.Stats(profiler, stream=stream).sort_stats(order).print_stats(25)
            print(f"--- open-to-first-frame profile, by {order} ---", file=sys.stderr)
            print(stream.getvalue(), file=sys.stderr)

    tree = entry.tree
    out.update(
        nodes=len(tree.nodes),
        open=t3 - t0,
        read=t1 - t0,
        set_tree=t2 - t1,
        layout=spent.get("layout"),
        text=spent.get("text"),
        overview=spent.get("overview"),
        first_paint=t3 - t2,
        painted_by_event_loop=painted.count > 0,
        fit_zoom=view.zoom,
    )

    def frames(count: int) -> list[float]:
        app.processEvents()
        return [render(view) for _ in range(count)]

    out["fit"] = frames(FRAMES)
    out["fit_viewport"] = [render(view.viewport()) for _ in range(FRAMES)]
    out["minimap"] = [render(view.minimap) for _ in range(2)]

    def centre_on_start(zoom: float) -> None:
        view.zoom_by(zoom / view.zoom)
        rect = scene.node_rect(tree.start)
        if rect is not None:
            view.centerOn(rect.center())
        app.processEvents()

    content = scene.content  # the whole tree, whatever fit() chooses to frame
    viewport = view.viewport().rect()
    view.zoom_by(min(viewport.width() / content.width(), viewport.height() / content.height(), 1.0) / view.zoom)
    view.centerOn(content.center())
    out["overview_zoom"] = view.zoom
    out["drawing_width"], out["drawing_height"] = content.width(), content.height()
    out["overview"] = frames(FRAMES)

    centre_on_start(0.25)
    out["zoom25"] = frames(FRAMES)
    out["zoom25_viewport"] = [render(view.viewport()) for _ in range(FRAMES)]
    centre_on_start(1.0)
    out["zoom100"] = frames(FRAMES)
    out["zoom100_viewport"] = [render(view.viewport()) for _ in range(FRAMES)]

    bar = view.verticalScrollBar()

    def pan(widget: QWidget) -> float:
        start = now()
        bar.setValue(bar.value() + PAN_STEP)
        render(widget)
        return now() - start

    out["pan"] = [pan(view) for _ in range(PANS)]
    out["pan_viewport"] = [pan(view.viewport()) for _ in range(PANS)]
    loop: list[float] = []
    for _ in range(PANS):  # the frame the event loop paints after a scroll (minimap included)
        before = painted.count
        start = now()
        bar.setValue(bar.value() + PAN_STEP)
        app.processEvents()
        if painted.count > before:
            loop.append(now() - start)
    out["pan_event_loop"] = loop
    out["peak"] = _maxrss_mib()

    if crossings:
        layout = captured.get("layout") or scene.layout_result
        out["edges"] = len(layout.edges)
        start = now()
        out["crossings"] = count_crossings(layout)
        out["crossings_time"] = now() - start
    return out


def _child_main(path: Path, crossings: bool, profile: bool, cache: Path | None = None) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])  # noqa: F841 - kept alive for the measurement
    result = measure_view(path, crossings=crossings, profile=profile, cache=cache)
    print(RESULT + json.dumps(result), flush=True)


def _child_env(folder: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRAINER_DATA_DIR": str(folder / "user-data")}


def measure_in_child(
    path: Path, crossings: bool, folder: Path, cache: Path, timeout: float = CHILD_TIMEOUT
) -> dict[str, Any]:
    """`measure_view` in a fresh Python process; raises RuntimeError with its last words."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(path), "--cache", str(cache)]
    if not crossings:
        cmd.append("--no-crossings")
    try:
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=timeout, env=_child_env(folder))
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"the view measurement took over {timeout:.0f} s") from None
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT):
            return json.loads(line[len(RESULT) :])
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    raised = [line for line in lines if re.match(r"[A-Za-z_.]*(Error|Exception|Interrupt)\b", line)]
    last = (raised or lines or [f"exit code {proc.returncode}"])[-1]
    raise RuntimeError(f"view measurement failed: {last.strip()[:300]}")


# --- one size ---------------------------------------------------------------------------------------
@dataclass
class Row:
    nodes: int
    layout: float | None = None
    dot: float | None = None
    dot_timed_out: bool = False
    dot_runs: int = 0
    crossings: int | None = None
    dot_crossings: int | None = None
    open: float | None = None
    reopen: float | None = None
    fit: float | None = None
    zoom100: float | None = None
    pan: float | None = None
    peak: float | None = None
    details: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    dot_timeout: float = DOT_TIMEOUT

    @property
    def ratio(self) -> float | None:
        if not self.layout:
            return None
        if self.dot is not None:
            return self.dot / self.layout
        if self.dot_timed_out:
            return self.dot_timeout / self.layout
        return None


def _median(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def run_size(
    nodes: int,
    repeats: int = REPEATS,
    use_dot: bool = True,
    dot_timeout: float = DOT_TIMEOUT,
    folder: Path | None = None,
    seed: int = SEED,
) -> Row:
    """Generate, write and measure one size; failures are recorded in the row, never raised."""
    row = Row(nodes, dot_timeout=dot_timeout)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(folder or tmp)
        try:
            from trainer.core.library import read_tree
            from trainer.interop.text import to_dot

            tree_file = work / f"generated-{nodes}.yaml"
            tree_file.write_text(generate_tree_yaml(nodes, seed), encoding="utf-8")
            entry = read_tree(tree_file)
            if not entry.usable or entry.tree is None:
                raise RuntimeError(f"generated tree does not load: {entry.first_error}")
            dot_file = work / f"generated-{nodes}.dot"
            dot_file.write_text(to_dot(entry.tree), encoding="utf-8")
            row.details["edges"] = sum(len({a.next for a in q.answers}) for q in entry.tree.questions)
        except Exception as exc:
            row.errors.append(f"generating: {type(exc).__name__}: {exc}")
            return row

        # First opens, each with an empty cache of checked trees (so the file is parsed and the
        # cache written, as on a first open in the app), then reopens that find it in the cache.
        runs: list[dict[str, Any]] = []
        reopens: list[float] = []
        for i in range(2 * repeats):
            cold = i < repeats
            cache = work / (f"cache-{i}" if cold else f"cache-{repeats - 1}")
            try:
                run = measure_in_child(tree_file, crossings=i == 0, folder=work, cache=cache)
            except Exception as exc:
                row.errors.append(f"view run {i + 1}: {exc}")
                break
            if run["cacheable"] and run["cached"] == cold:
                row.errors.append(f"view run {i + 1}: the cache was {'used' if cold else 'not used'}, unexpectedly")
            if cold:
                runs.append(run)
            else:
                reopens.append(run["open"])
        row.reopen = _median(reopens)
        if runs:
            per_run = {
                key: [_median(r[key]) if isinstance(r.get(key), list) else r.get(key) for r in runs] for key in runs[0]
            }
            med = {
                key: _median(v) if all(isinstance(x, (int, float)) or x is None for x in v) else v[0]
                for key, v in per_run.items()
            }
            row.layout, row.open, row.peak = med["layout"], med["open"], med["peak"]
            row.fit, row.zoom100, row.pan = med["fit"], med["zoom100"], med["pan"]
            row.crossings = runs[0].get("crossings")
            row.details.update(med)
            row.details["runs"] = len(runs)

        if use_dot:
            if shutil.which("dot") is None:
                row.errors.append("dot: Graphviz `dot` is not installed")
            else:
                dot = run_dot(dot_file, repeats, dot_timeout)
                row.dot, row.dot_timed_out, row.dot_runs = _median(dot.times), dot.timed_out, len(dot.times)
                if dot.error:
                    row.errors.append(dot.error)
                if dot.plain is not None:
                    try:
                        start = time.perf_counter()
                        row.dot_crossings = dot_crossings(dot.plain)
                        row.details["dot_crossings_time"] = time.perf_counter() - start
                    except Exception as exc:
                        row.errors.append(f"dot crossings: {type(exc).__name__}: {exc}")
    return row


# --- printing ---------------------------------------------------------------------------------------
COLUMNS = (
    "nodes",
    "layout ours",
    "dot",
    "ratio",
    "crossings ours",
    "dot",
    "open→frame",
    "reopen",
    "fit frame",
    "100% frame",
    "pan frame",
    "peak MiB",
)
WIDTHS = (7, 11, 9, 7, 14, 9, 10, 8, 9, 10, 9, 8)


def _s(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 1000:.1f} ms"


def _size(width: float | None, height: float | None) -> str:
    return "n/a" if width is None or height is None else f"{width:,.0f} x {height:,.0f}"


def _int(value: int | None) -> str:
    return "n/a" if value is None else f"{value:,}"


def row_cells(row: Row) -> list[str]:
    if row.dot is not None:
        dot = _s(row.dot)
    elif row.dot_timed_out:
        dot = f"> {row.dot_timeout:.0f} s"
    else:
        dot = "n/a"
    ratio = row.ratio
    ratio_text = "n/a" if ratio is None else f"{'> ' if row.dot is None else ''}{ratio:,.0f}×"
    peak = "n/a" if row.peak is None else f"{row.peak:.0f}"
    return [
        f"{row.nodes:,}",
        _s(row.layout),
        dot,
        ratio_text,
        _int(row.crossings),
        _int(row.dot_crossings),
        _s(row.open),
        _s(row.reopen),
        _ms(row.fit),
        _ms(row.zoom100),
        _ms(row.pan),
        peak,
    ]


def format_row(row: Row) -> str:
    return " | ".join(cell.rjust(w) for cell, w in zip(row_cells(row), WIDTHS, strict=True))


def header() -> str:
    line = " | ".join(name.rjust(w) for name, w in zip(COLUMNS, WIDTHS, strict=True))
    return line + "\n" + "-+-".join("-" * w for w in WIDTHS)


def _check(ok: bool | None) -> str:
    return "?" if ok is None else "ok" if ok else "MISSED"


def target_line(row: Row) -> str:
    """The issue's targets for this size, each with its verdict (sizes the issue names only)."""
    d = row.details
    frames = [v for v in (row.fit, row.zoom100, row.pan, d.get("zoom25"), d.get("overview")) if v is not None]
    if row.nodes == 1_000:
        ratio = row.ratio
        fast = None if ratio is None else ratio >= 100
        fewer = None if row.crossings is None or row.dot_crossings is None else row.crossings <= row.dot_crossings
        verdict = f"layout ≥100× faster than dot: {_check(fast)}; crossings ≤ dot's: {_check(fewer)}"
    elif row.nodes == 10_000:
        verdict = (
            f"open < 0.8 s: first open {_check(None if row.open is None else row.open < 0.8)},"
            f" reopen {_check(None if row.reopen is None else row.reopen < 0.8)}; "
            f"every frame < 16 ms: {_check(None if not frames else max(frames) < 0.016)}; "
            f"peak < 150 MiB: {_check(None if row.peak is None else row.peak < 150)}"
        )
    elif row.nodes == 50_000:
        near = [v for v in (row.zoom100, row.pan, d.get("zoom25")) if v is not None]
        overview = d.get("overview", row.fit)
        verdict = (
            f"open < 4 s: first open {_check(None if row.open is None else row.open < 4)},"
            f" reopen {_check(None if row.reopen is None else row.reopen < 4)}; "
            f"frames ≥25% zoom < 16 ms: {_check(None if not near else max(near) < 0.016)}; "
            f"overview < 33 ms: {_check(None if overview is None else overview < 0.033)}; "
            f"peak < 450 MiB: {_check(None if row.peak is None else row.peak < 450)}"
        )
    else:
        return f"  targets {row.nodes:,}: none in the issue for this size"
    return f"  targets {row.nodes // 1000}k: {TARGETS[row.nodes]}\n    -> {verdict}"


def detail_line(row: Row) -> str:
    """Where the time goes: the open split into its steps, the graph alone vs the minimap."""
    d = row.details
    if "open" not in d:
        return ""
    parts = [d.get(part) for part in ("text", "layout", "overview")]
    items = None if d.get("set_tree") is None else d["set_tree"] - sum(p for p in parts if p is not None)
    overview = "" if d.get("overview") is None else f" + overview image {_s(d['overview'])}"
    return (
        f"  {row.nodes:,}: open = read+validate {_s(d.get('read'))} + text {_s(d.get('text'))}"
        f" + layout {_s(d.get('layout'))}"
        f"{overview} + items & the rest of set_tree {_s(items)} + fit & first paint {_s(d.get('first_paint'))}"
        f"{'' if d.get('painted_by_event_loop', True) else ' (painted by hand)'}\n"
        f"    graph alone (no minimap): fit {_ms(d.get('fit_viewport'))}, 25% {_ms(d.get('zoom25_viewport'))},"
        f" 100% {_ms(d.get('zoom100_viewport'))}, pan {_ms(d.get('pan_viewport'))};"
        f" minimap alone {_ms(d.get('minimap'))};"
        f" whole view at 25% zoom {_ms(d.get('zoom25'))}; pan through the event loop {_ms(d.get('pan_event_loop'))}\n"
        f"    drawing {_size(d.get('drawing_width'), d.get('drawing_height'))} px;"
        f" whole-tree overview frame {_ms(d.get('overview'))}"
        f" at {100 * (d.get('overview_zoom') or 0):.1f}% (the view's minimum zoom may stop short of the whole tree);"
        f" fit-to-view zoom {100 * (d.get('fit_zoom') or 0):.1f}%; {d.get('edges', 0):,} edges; RSS before opening"
        f" {d.get('rss_start', 0):.0f} MiB; {d.get('runs', 0)} view run(s), {row.dot_runs} dot run(s);"
        f" counting crossings took {_s(d.get('crossings_time'))} ours, {_s(d.get('dot_crossings_time'))} dot's"
    )


def print_table(rows: list[Row]) -> None:
    print(header())
    for row in rows:
        print(format_row(row))
    print()
    for row in rows:
        print(target_line(row))
    print()
    print("References:")
    for line in REFERENCES:
        print("  " + line)
    print()
    print("Where the time goes (medians):")
    for row in rows:
        line = detail_line(row)
        if line:
            print(line)
        for error in row.errors:
            print(f"  {row.nodes:,}: ERROR {error}")


def _machine() -> str:
    try:
        from PySide6 import __version__ as pyside
    except ImportError:  # pragma: no cover
        pyside = "?"
    dot = "not installed"
    if shutil.which("dot"):
        probe = subprocess.run(["dot", "-V"], check=False, capture_output=True, text=True)
        dot = (probe.stderr or probe.stdout).strip()
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, PySide6 {pyside}, {dot}; "
        f"view {VIEW_SIZE[0]}x{VIEW_SIZE[1]} offscreen, pan step {PAN_STEP} px"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES), help="comma-separated node counts")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="runs per figure (median)")
    parser.add_argument("--no-dot", action="store_true", help="skip Graphviz")
    parser.add_argument("--dot-timeout", type=float, default=DOT_TIMEOUT, help="seconds before dot is given up")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--profile", type=int, metavar="NODES", help="profile one open-to-first-frame of NODES nodes and stop"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-crossings", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        _child_main(args.child, crossings=not args.no_crossings, profile=False, cache=args.cache)
        return
    if args.profile:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "profiled.yaml"
            path.write_text(generate_tree_yaml(args.profile, args.seed), encoding="utf-8")
            code = (
                f"import sys; sys.path.insert(0, {str(HERE)!r}); from PySide6.QtWidgets import QApplication; "
                f"app = QApplication([]); import bench_graph; from pathlib import Path; "
                f"r = bench_graph.measure_view(Path({str(path)!r}), crossings=False, profile=True); "
                f"print('open-to-first-frame', round(r['open'], 3), 's')"
            )
            subprocess.run([sys.executable, "-c", code], env=_child_env(Path(tmp)), check=False)
        return

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    print(f"Graph view benchmark: {_machine()}; medians of {args.repeats} run(s), seed {args.seed}")
    print(_load("at the start"))
    print(flush=True)
    rows = []
    for nodes in sizes:
        started = time.perf_counter()
        try:
            row = run_size(nodes, args.repeats, use_dot=not args.no_dot, dot_timeout=args.dot_timeout, seed=args.seed)
        except Exception as exc:
            row = Row(nodes, errors=[f"{type(exc).__name__}: {exc}", traceback.format_exc(limit=3)])
        rows.append(row)
        print(f"  ({nodes:,} nodes measured in {time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    print_table(rows)
    print(_load("at the end"))


def _load(when: str) -> str:
    """Other work on the machine skews every figure: say how busy it was."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:  # pragma: no cover - not on every platform
        return ""
    busy = " (busy: other processes were competing for the CPU)" if one > 0.5 else ""
    return f"load average {when}: {one:.2f} (1 min), {five:.2f} (5 min){busy}"


if __name__ == "__main__":
    main()
