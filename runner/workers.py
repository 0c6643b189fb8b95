"""`--jobs N`: the language backends in N worker processes, results in input order.

Each worker loads the models it needs once, on first use, and runs with one thread, so N workers use
N cores without fighting over them. At most 2*N chunks are in flight, so memory stays flat however
many articles a run has.

Workers never outlive the run: the kernel kills each one when diplo dies, however it dies
(PR_SET_PDEATHSIG), and diplo kills them itself on every way out of `WorkerPool.map`. A worker that
dies (the out-of-memory killer, a crash in a backend) costs only what it was doing: its chunk is run
again one article at a time in a fresh worker, and an article a worker dies on is reported as failed.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from diplo.models.records import Document
from diplo.runner.stopping import STOP_SIGNALS, SignalsHeld

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with_parent(parent: int) -> None:
    """Ask the kernel for SIGKILL when the parent dies; if it already has, stop now."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: diplo still kills its workers on every way out
        pass
    if os.getppid() != parent:
        os._exit(0)


def _init_worker(parent: int) -> None:
    _die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the parent handles it and kills the workers. SIGTERM is
    # meant for the parent too; a worker that gets one just dies, without the parent's handler.
    # The parent forked it with these signals held (SignalsHeld): none is handled before this point.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    # A worker never writes records: it must not hold the reader of diplo's stdout open.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    # One thread for numpy and for torch, which reads OMP_NUM_THREADS when a Stanza language first imports it.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    torch = sys.modules.get("torch")
    if torch is not None:  # imported before the fork, where the environment no longer sets its threads
        torch.set_num_threads(1)


def _serve(conn: Connection, parent: int, stanza_dir: str | None) -> None:
    """A worker's life: chunks in, results out, until the parent closes the pipe or dies."""
    from diplo.runner.extract import run_language_elsewhere

    _init_worker(parent)
    while True:
        try:
            lang, docs = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = ("results", run_language_elsewhere(lang, docs, stanza_dir))
        except Exception as error:  # one that stops the whole run (models missing): the parent raises it
            answer = ("error", error)
        try:
            conn.send(answer)
        except (BrokenPipeError, OSError):
            return


@dataclass
class _Task:
    """Documents of one language for one worker; `slot` is where its results go in its chunk's list."""

    chunk: int
    lang: str
    docs: list[Document]
    slot: int | None = None  # None: the whole chunk; else the one article retried alone
    second_try: bool = False  # a retry, alone, after a worker died on its chunk


@dataclass
class _Chunk:
    results: list | None = None
    retried: list | None = None  # per article, once the chunk is retried one article at a time
    missing: int = 0


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: _Task | None = None


@dataclass
class _Pending:
    chunks: dict[int, _Chunk] = field(default_factory=dict)
    queue: deque[_Task] = field(default_factory=deque)


class WorkerPool:
    """Runs (lang, documents) chunks in worker processes and yields the results in submission order."""

    def __init__(self, jobs: int, stanza_dir: str | None = None):
        import multiprocessing

        self._context = multiprocessing.get_context("fork")
        self._jobs = jobs
        self._stanza_dir = stanza_dir
        self._limit = 2 * jobs
        self._workers: list[_Worker] = []

    def _start_worker(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs, os.getpid(), self._stanza_dir),
                                        name="diplo-worker", daemon=True)
        with SignalsHeld():
            process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self._workers.append(worker)
        return worker

    def map(self, chunks: Iterable[tuple[str, list[Document]]]) -> Iterator[list]:
        """Results of each chunk, one list per chunk in submission order; the workers are gone when it ends."""
        try:
            yield from self._map(iter(chunks))
        finally:
            self.close()

    def _map(self, chunks: Iterator[tuple[str, list[Document]]]) -> Iterator[list]:
        pending = _Pending()
        submitted = next_out = 0
        exhausted = False
        while True:
            while not exhausted and submitted - next_out < self._limit:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                lang, docs = chunk
                pending.chunks[submitted] = _Chunk()
                pending.queue.append(_Task(submitted, lang, docs))
                submitted += 1
            self._dispatch(pending)
            done = pending.chunks.get(next_out)
            if done is not None and done.results is not None:
                del pending.chunks[next_out]
                next_out += 1
                yield done.results
                continue
            if exhausted and not pending.chunks:
                return
            self._collect(pending)

    def _dispatch(self, pending: _Pending) -> None:
        while pending.queue:
            worker = next((w for w in self._workers if w.task is None), None)
            if worker is None:
                if len(self._workers) >= self._jobs:
                    return
                worker = self._start_worker()
            task = pending.queue.popleft()
            try:
                worker.conn.send((task.lang, task.docs))
            except OSError:  # it died while idle: the next wait finds it, the task goes to another
                pending.queue.appendleft(task)
                self._bury(worker)
                continue
            worker.task = task

    def _collect(self, pending: _Pending) -> None:
        """Wait for a busy worker to answer or die, and file what it did."""
        busy = [w for w in self._workers if w.task is not None]
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
        for worker in busy:
            if worker.conn not in ready and worker.process.sentinel not in ready:
                continue
            task, worker.task = worker.task, None
            try:
                kind, results = worker.conn.recv()
            except (EOFError, OSError):
                self._bury(worker)
                self._lost(task, pending)
                continue
            if kind == "error":
                raise results
            self._file(task, results, pending)
            if worker.process.sentinel in ready:  # it answered, then died: never send it another task
                self._bury(worker)

    def _file(self, task: _Task, results: list, pending: _Pending) -> None:
        chunk = pending.chunks[task.chunk]
        if task.slot is None:
            chunk.results = results
            return
        chunk.retried[task.slot] = results[0]
        chunk.missing -= 1
        if not chunk.missing:
            chunk.results = chunk.retried

    def _lost(self, task: _Task, pending: _Pending) -> None:
        """A worker died on `task`: its articles go first, each alone in a fresh worker. An article that
        a worker dies on alone, a second time, is failed: one kill from outside fails nothing."""
        if task.second_try:
            self._file(task, [_lost_article(task.docs[0])], pending)
            return
        chunk = pending.chunks[task.chunk]
        chunk.retried, chunk.missing = [None] * len(task.docs), len(task.docs)
        pending.queue.extendleft(reversed([_Task(task.chunk, task.lang, [doc], slot, second_try=True)
                                           for slot, doc in enumerate(task.docs)]))

    def _bury(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self._workers.remove(worker)

    def close(self) -> None:
        """Kill every worker and wait for it to be gone (they hold nothing worth a clean exit)."""
        for worker in list(self._workers):
            self._bury(worker)


def _lost_article(doc: Document):
    from diplo.runner.extract import Problem
    from diplo.runner.reading import STDIN

    name = doc.path or STDIN
    return Problem(name, "worker-lost", f"{name}: the worker process died while extracting this article "
                                        "(out of memory?); the article is skipped")
