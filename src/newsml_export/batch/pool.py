"""The worker processes of a batch: articles in, results out, in the order articles came in.

- Workers are forked where that is safe and cheap (Linux): they start with the parent's
  compiled schemas, each its own copy. Elsewhere they are spawned and compile their own
  (:func:`~.worker.warm_up`). They ignore Ctrl-C: the parent decides when to stop.
- Articles go to workers in chunks of up to :data:`CHUNK`: each hand-off costs the parent a
  pickle, a queue item and a wake-up of the executor's thread, which at a millisecond an article
  took a quarter of a core. A chunk leaves early when no more input is ready, so a slow stream
  (stdin) is never held back waiting to fill one.
- At most ``16 × workers`` articles are in flight, counting those finished early that wait for
  the ones before them (results are handed on in input order: :class:`_Order`); inputs are read
  in a thread of their own (with one worker too), so a stream that blocks (stdin) never keeps
  finished work from being recorded, nor Ctrl-C from stopping the run.
- A worker that dies (a crash in a C library, the OOM killer) takes the pool and every article
  in flight with it. Work goes on in a new pool; the articles that were in flight are then tried
  again one by one at the end of the run, so only the one that kills its worker is reported as
  failed.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, NamedTuple

from ..pipeline import Target
from .worker import Result, Task, convert, convert_chunk, warm_up

__all__ = ["forks", "results"]

READ_AHEAD = 16
CHUNK = 8
"""Articles per hand-off to a worker (fewer when input is slow or the read-ahead is full)."""
_POLL = 0.05
"""Seconds to wait for finished work before looking for new input again, when both are slow."""


class _Options(NamedTuple):
    workers: int
    targets: tuple[Target, ...]
    body: str


def forks() -> bool:
    """Whether workers are forked (and so inherit what the parent compiled)."""
    return _context().get_start_method() == "fork"


def _context() -> multiprocessing.context.BaseContext:
    # fork where it is safe and cheap (Linux): workers start with the parent's compiled caches.
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _init_worker(targets: tuple[Target, ...], body: str) -> None:
    # Ctrl-C at a terminal reaches the whole process group: workers leave it to the parent,
    # which stops handing out articles and lets these finish.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        warm_up(targets, body)
    except Exception:  # noqa: BLE001 - the parent reports a broken installation; a worker must not die here (the pool would restart it forever)
        pass


_Chunk = list[tuple[int, Task]]
"""Tasks handed to a worker together, each with its place in the order."""


def results(tasks: Iterator[Task], workers: int, targets: tuple[Target, ...], body: str,
            stop: threading.Event | None = None, *, reads_may_block: bool = True) -> Iterator[Result]:
    """The result of every task, in the order of the tasks (see :class:`_Order`). Once ``stop``
    is set no new task is started, even while the input is blocked (an idle stdin): only those
    in flight finish. ``reads_may_block``: taking the next task may wait on a stream."""
    stop = stop or threading.Event()
    if workers == 1:
        yield from _in_process(tasks, stop) if reads_may_block else _in_sequence(tasks, stop)
        return
    options = _Options(workers, targets, body)
    # The workers are forked before any other thread exists: a lock held by another thread at
    # the fork (stdin's, say) would stay locked forever in the child.
    pool = _Workers(options)
    # Inputs are read in a thread of their own: a stream that blocks (stdin) must not keep
    # finished work from being recorded.
    inbox = _Prefetch(tasks, workers * READ_AHEAD)
    try:
        yield from _dispatched(inbox, pool, stop, workers * READ_AHEAD)
    finally:
        pool.shutdown()
        inbox.close()
    yield from _isolated(pool.suspects, options)


def _dispatched(inbox: _Prefetch, pool: _Workers, stop: threading.Event, limit: int) -> Iterator[Result]:
    """Tasks handed to the workers in chunks, and their results handed on in order, with at
    most ``limit`` tasks read and not yet handed on."""
    order = pool.order
    chunk: _Chunk = []
    while True:
        yield from order.ready()
        if stop.is_set() and not inbox.exhausted:
            inbox.close()  # what was read but not handed to a worker is not started
            order.drop(chunk)
            chunk = []
        # Read and not yet handed on: in a worker, waiting for one, or finished early.
        in_flight = order.waiting
        if not inbox.exhausted and in_flight < limit:
            # With a chunk started, only take what is ready now: a slow input must not hold it back.
            task = inbox.next(timeout=0 if chunk else _POLL)
            if task is not None:
                if task.current:  # nothing to do, but its place in the order is kept
                    order.put(order.take(), Result(task.job.key, "skipped"))
                    continue
                chunk.append((order.take(), task))
                if len(chunk) < CHUNK and in_flight + 1 < limit:
                    continue
        if chunk:
            pool.submit(chunk)
            chunk = []
        elif pool.pending:
            idle = not inbox.exhausted and in_flight < limit
            pool.collect(_POLL if idle else None)
        elif inbox.exhausted:
            break
    yield from order.ready()


class _Order:
    """Results handed on in the order their tasks were read, whatever order workers finish
    them in, so a run's ledgers and JSONL output are the same with any number of workers. A
    result that finishes early waits here for those before it; it counts as in flight, so at
    most ``16 × workers`` articles' results are ever held. An article that was in flight when a
    worker died is dropped from the order and comes at the end (see :func:`_isolated`)."""

    def __init__(self) -> None:
        self._taken = 0
        self._head = 0
        self._done: dict[int, Result | None] = {}

    @property
    def waiting(self) -> int:
        return self._taken - self._head

    def take(self) -> int:
        self._taken += 1
        return self._taken - 1

    def put(self, place: int, result: Result | None) -> None:
        self._done[place] = result

    def drop(self, chunk: _Chunk) -> None:
        for place, _ in chunk:
            self._done[place] = None

    def ready(self) -> Iterator[Result]:
        while self._head in self._done:
            result = self._done.pop(self._head)
            self._head += 1
            if result is not None:
                yield result


def _in_sequence(tasks: Iterator[Task], stop: threading.Event) -> Iterator[Result]:
    """One worker, inputs that never block (files): read and converted in turn. A reading
    thread would cost the conversion ~10% (the two take turns at the GIL) for nothing."""
    for task in tasks:
        if stop.is_set():
            return
        yield convert(task)


def _in_process(tasks: Iterator[Task], stop: threading.Event) -> Iterator[Result]:
    """One worker: the parent converts. Inputs are still read in a thread, so that Ctrl-C is
    not held up by a read that blocks (a signal handler cannot end a blocked read)."""
    inbox = _Prefetch(tasks, READ_AHEAD)
    try:
        while not inbox.exhausted and not stop.is_set():
            task = inbox.next(timeout=_POLL)
            if task is not None:
                yield convert(task)
    finally:
        inbox.close()


class _Prefetch:
    """Tasks produced by a thread, at most ``size`` ahead of the consumer."""

    _END = object()

    def __init__(self, tasks: Iterator[Task], size: int) -> None:
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=size)
        self._closed = threading.Event()
        self.exhausted = False
        self._thread = threading.Thread(target=self._run, args=(tasks,), name="newsml-export-inputs", daemon=True)
        self._thread.start()

    def _run(self, tasks: Iterator[Task]) -> None:
        try:
            for task in tasks:
                while not self._put(task):
                    if self._closed.is_set():
                        return
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            self._put_final(exc)
            return
        self._put_final(self._END)

    def _put(self, item: Any) -> bool:
        try:
            self._queue.put(item, timeout=_POLL)
            return True
        except queue.Full:
            return False

    def _put_final(self, item: Any) -> None:
        while not self._put(item) and not self._closed.is_set():
            pass

    def next(self, *, timeout: float | None) -> Task | None:
        """The next task; None when none came within ``timeout`` seconds (0: only one ready now;
        None: wait for it), or after the last (which sets ``exhausted``)."""
        try:
            item = self._queue.get_nowait() if timeout == 0 else self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        if item is self._END:
            self.exhausted = True
            return None
        if isinstance(item, BaseException):
            self.exhausted = True
            raise item
        return item  # type: ignore[no-any-return]

    def close(self) -> None:
        """No more tasks are taken; the thread ends at its next task (or stays blocked reading,
        holding no lock: see inputs._descriptor_lines)."""
        self._closed.set()
        self.exhausted = True


class _Workers:
    """The process pool, the chunks in flight in it, and the order their results are handed on
    in. A worker that dies (a crash in a C library, the OOM killer) breaks the pool: every
    article still in flight becomes a suspect, tried again alone at the end (:func:`_isolated`),
    and work goes on in a new pool."""

    def __init__(self, options: _Options) -> None:
        self.options = options
        self.order = _Order()
        self.pending: dict[Future[list[Result]], _Chunk] = {}
        self.suspects: list[Task] = []
        self._pool = _pool(options)
        self._pool.submit(os.getpid).result()  # forked now, while this is the only thread

    def submit(self, chunk: _Chunk) -> None:
        try:
            self.pending[self._pool.submit(convert_chunk, [task for _, task in chunk])] = chunk
        except BrokenProcessPool:
            self._suspect(chunk)
            self._renew()

    def collect(self, timeout: float | None) -> None:
        """Puts the results of the chunks that finish within ``timeout`` seconds in order."""
        done, _ = wait(self.pending, timeout=timeout, return_when=FIRST_COMPLETED)
        broken = False
        for future in done:
            chunk = self.pending.pop(future)
            try:
                for (place, _), result in zip(chunk, future.result(), strict=True):
                    self.order.put(place, result)
            except BrokenProcessPool:
                self._suspect(chunk)
                broken = True
        if broken:
            self._renew()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _suspect(self, chunk: _Chunk) -> None:
        self.suspects.extend(task for _, task in chunk)
        self.order.drop(chunk)

    def _renew(self) -> None:
        for chunk in self.pending.values():
            self._suspect(chunk)
        self.pending.clear()
        self.shutdown()
        # Started, not forked: the input thread is running now (see results).
        self._pool = _pool(self.options, context=multiprocessing.get_context("spawn"))


def _isolated(suspects: list[Task], options: _Options) -> Iterator[Result]:
    """Each article that was in flight when a worker died, tried again alone: only the one
    that kills its worker fails."""
    for task in suspects:
        with _pool(options, workers=1) as pool:
            try:
                yield pool.submit(convert, task).result()
            except BrokenProcessPool:
                yield Result(task.job.key, "failed", error={
                    "stage": "internal", "error": "WorkerCrashed",
                    "message": "the worker process died converting this article (a crash, or killed for memory)"})


def _pool(options: _Options, workers: int | None = None,
          context: multiprocessing.context.BaseContext | None = None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers or options.workers, mp_context=context or _context(), initializer=_init_worker,
                               initargs=(options.targets, options.body))
