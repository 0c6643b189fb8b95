"""`--jobs N`: the language backends in N worker processes, results in input order.

Each worker loads the models it needs once, on first use, and runs with one thread, so N workers use
N cores without fighting over them. At most 2*N chunks are in flight, so memory stays flat however
many articles a run has.
"""
from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace

from diplo.models.records import Document


def _init_worker() -> None:
    # One thread for numpy and for torch, which reads OMP_NUM_THREADS when a Stanza language first imports it.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    torch = sys.modules.get("torch")
    if torch is not None:  # imported before the fork, where the environment no longer sets its threads
        torch.set_num_threads(1)
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool


def _process(lang: str, docs: list[Document], stanza_dir: str | None) -> list:
    from diplo.runner.extract import run_language

    # The parent has each text already: send the records back without it (half the traffic).
    return [replace(r, text="") if isinstance(r, Document) else r for r in run_language(lang, docs, stanza_dir)]


class WorkerPool:
    """Runs (lang, documents) chunks in worker processes and yields the results in submission order."""

    def __init__(self, jobs: int, stanza_dir: str | None = None):
        import multiprocessing

        self._stanza_dir = stanza_dir
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                         initializer=_init_worker)
        self._limit = 2 * jobs

    def map(self, chunks: Iterable[tuple[str, list[Document]]]) -> Iterator[list]:
        pending: deque[Future] = deque()
        for lang, docs in chunks:
            pending.append(self._pool.submit(_process, lang, docs, self._stanza_dir))
            if len(pending) >= self._limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self, cancel: bool = False) -> None:
        self._pool.shutdown(wait=not cancel, cancel_futures=cancel)
