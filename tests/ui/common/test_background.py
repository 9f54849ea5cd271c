"""The task runner for long work (trainer.ui.common.background): the work runs in another thread, its
outcome arrives on the GUI thread, an exception becomes a message, cancel and discard behave;
and a tree's drawing prepared in a worker thread is the drawing the GUI thread makes."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest

from trainer.core.library import read_tree
from trainer.infra.progress import Cancelled, Progress
from trainer.ui.canvas.scene import GraphScene, prepare_drawing
from trainer.ui.common.background import BackgroundTask, Slices

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from treegen import generate_tree_yaml


def run(qtbot, task: BackgroundTask, signal: str, timeout: int = 10_000) -> list:  # type: ignore[no-untyped-def,type-arg]
    """Start `task` and wait for `signal`; what it carried and the thread it arrived on."""
    got: list = []  # type: ignore[type-arg]
    getattr(task, signal).connect(lambda *args: got.append((args, threading.current_thread())))
    with qtbot.waitSignal(getattr(task, signal), timeout=timeout):
        task.start()
    return got


def test_the_work_runs_in_another_thread_and_its_result_arrives_on_the_gui_thread(qtbot) -> None:
    worked_in: list[threading.Thread] = []

    def work(progress: Progress) -> int:
        worked_in.append(threading.current_thread())
        progress.start("Adding", 3)
        return sum(range(10))

    task = BackgroundTask(work, "adding numbers")
    [(args, arrived_in)] = run(qtbot, task, "succeeded")
    assert args == (45,)
    assert worked_in[0] is not threading.main_thread()
    assert arrived_in is threading.main_thread()
    assert not task.running


def test_an_exception_in_the_work_becomes_a_clear_message_and_is_logged(qtbot, caplog) -> None:
    hooks = (sys.excepthook, threading.excepthook)

    def work(_progress: Progress) -> None:
        raise ValueError("the layout met a node it cannot place")

    task = BackgroundTask(work, "laying out big.yaml")
    with caplog.at_level(logging.ERROR, logger="trainer.background"):
        [((message,), _)] = run(qtbot, task, "failed")
    assert message == (
        "Unexpected error while laying out big.yaml (ValueError: the layout met a node it "
        "cannot place). The details are in the log."
    )
    assert "Traceback" in caplog.text and "the layout met a node it cannot place" in caplog.text
    assert (sys.excepthook, threading.excepthook) == hooks  # the crash handler never had to step in


def test_progress_is_reported_while_the_work_runs(qtbot) -> None:
    release = threading.Event()
    seen: list[str] = []

    def work(progress: Progress) -> str:
        progress.start("Loading trees", 40)
        progress.advance(12)
        release.wait(10)
        return "done"

    task = BackgroundTask(work, "loading")
    task.progressed.connect(lambda snapshot: seen.append(snapshot.text))
    task.start()
    qtbot.waitUntil(lambda: "Loading trees… 12 of 40" in seen)
    release.set()
    qtbot.waitSignal(task.succeeded).wait()


def test_cancel_stops_the_work_at_its_next_check(qtbot) -> None:
    started = threading.Event()

    def work(progress: Progress) -> None:
        started.set()
        while True:
            progress.check()

    task = BackgroundTask(work, "spinning")
    task.start()
    assert started.wait(5)
    with qtbot.waitSignal(task.cancelled):
        task.cancel()
    assert task.wait(5)


def test_work_that_handles_a_cancel_itself_delivers_what_it_has(qtbot) -> None:
    def work(progress: Progress) -> list[int]:
        done = []
        try:
            for n in range(1000):
                if n == 3:
                    progress.cancel()  # the user pressed Cancel here
                progress.check()
                done.append(n)
        except Cancelled:
            pass
        return done

    [(args, _)] = run(qtbot, BackgroundTask(work, "counting"), "succeeded")
    assert args == ([0, 1, 2],)


def test_a_discarded_task_delivers_nothing_even_when_its_work_completes(qtbot) -> None:
    release = threading.Event()
    task = BackgroundTask(lambda _progress: release.wait(10) and "stale", "a superseded opening")
    delivered: list[object] = []
    for signal in (task.succeeded, task.failed, task.cancelled):
        signal.connect(lambda *args: delivered.append(args))
    task.start()
    task.discard()
    release.set()
    assert task.wait(5)
    qtbot.wait(100)  # several polls' worth of event-loop turns
    assert delivered == [] and not task.running


def test_slices_let_the_event_loop_turn_between_them(qtbot) -> None:
    from PySide6.QtCore import QTimer

    done: list[int] = []

    def steps():  # type: ignore[no-untyped-def]
        for n in range(6):
            done.append(n)
            yield

    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.append(len(done)))
    timer.start()
    slices = Slices(steps(), "counting", budget_ms=0)  # one step per slice
    with qtbot.waitSignal(slices.finished):
        slices.start()
    timer.stop()
    assert done == list(range(6))
    assert len(set(ticks)) >= 3  # the timer saw the work part done, several times over


def test_a_failing_slice_becomes_a_message(qtbot) -> None:
    def steps():  # type: ignore[no-untyped-def]
        yield
        raise KeyError("n42")

    slices = Slices(steps(), "showing big.yaml")
    with qtbot.waitSignal(slices.failed) as blocker:
        slices.start()
    assert blocker.args == ["Unexpected error while showing big.yaml (KeyError: 'n42'). The details are in the log."]


def test_stopping_slices_closes_the_rest(qtbot) -> None:
    closed: list[bool] = []

    def steps():  # type: ignore[no-untyped-def]
        try:
            while True:
                yield
        finally:
            closed.append(True)

    slices = Slices(steps(), "forever")
    slices.start()
    qtbot.wait(20)
    slices.stop()
    assert closed == [True] and not slices.running


@pytest.mark.parametrize("nodes", [300, 2500])
def test_a_drawing_prepared_in_a_worker_thread_is_the_one_the_gui_thread_makes(
    qtbot, tmp_path: Path, nodes: int
) -> None:
    path = tmp_path / "generated.yaml"
    path.write_text(generate_tree_yaml(nodes, 11), encoding="utf-8")
    tree = read_tree(path).tree
    scene = GraphScene()
    scene.set_tree(tree)
    task = BackgroundTask(
        lambda progress: prepare_drawing(tree, scene.style, "down", {}, progress=progress), "preparing"
    )
    [((drawing,), _)] = run(qtbot, task, "succeeded")
    assert drawing.layout == scene.layout_result
    assert drawing.labels == scene._labels
    assert (drawing.index is not None) == (nodes > 2000)  # a large tree's items are indexed in the worker too
    shown = GraphScene()
    shown.set_tree(tree, {}, drawing)
    assert shown.layout_result is drawing.layout and shown.overview is not None
    assert shown.overview.base.size() == scene.overview.base.size()
    assert len(shown.nodes) == len(scene.nodes)  # eager items for a small tree, none yet for a large one


def test_a_delivered_task_lets_go_of_its_result(qtbot) -> None:
    """A finished task holds nothing (a 10,000-node tree's drawing is 20 MB), and discarding it
    afterwards, as a newer request does, is harmless."""
    import gc
    import weakref

    class Result:
        pass

    results: list[weakref.ref] = []  # type: ignore[type-arg]

    def work(_progress: Progress) -> Result:
        result = Result()
        results.append(weakref.ref(result))
        return result

    task = BackgroundTask(work, "making a result")
    with qtbot.waitSignal(task.succeeded):
        task.start()
    task.discard()
    qtbot.wait(10)
    gc.collect()
    assert results[0]() is None
