"""`--scheduler`: the language backends on a Dask cluster, results in input order.

The same contract as the local `WorkerPool`: `map` takes (lang, documents) chunks and yields one result
list per chunk, in submission order, with at most a few chunks per worker in flight. The client (this
process) reads the inputs and writes the records; the workers only run `process_chunk`, a plain picklable
function, with the models loaded once per worker process (the extractor cache of `pipeline.extractor`).

When a worker dies, Dask runs its chunks again on another worker. A chunk whose workers died more often
than the scheduler allows (`distributed.scheduler.allowed-failures`) is run again article by article, and
an article that still kills its worker is reported as failed; the run goes on.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from diplo.extractors.errors import ConfigurationError
from diplo.models.records import Document

IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker, so that none waits for the client
# The environment of the worker processes of a cluster diplo starts itself: one thread for numpy and torch
# each (--jobs is how to use cores). It replaces Dask's default, which also sets MALLOC_TRIM_THRESHOLD_=65536:
# that makes the allocator give memory back after every small free, and diplo's workers 1.5x slower.
WORKER_ENVIRONMENT = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
LOCAL = "local"


class SchedulerError(ConfigurationError):
    """The Dask scheduler cannot be reached or started."""

    reason = "scheduler"


def process_chunk(lang: str, docs: list[Document], stanza_dir: str | None) -> list:
    """The work of one chunk, on a Dask worker."""
    from diplo.runner.extract import run_language_elsewhere, tune_collector

    _one_thread()
    tune_collector()  # Dask starts its workers fresh: they do not inherit the client's collector settings
    return run_language_elsewhere(lang, docs, stanza_dir)


def _one_thread() -> None:
    """torch threads of a worker that imported torch before the environment could say so."""
    import sys

    torch = sys.modules.get("torch")
    if torch is not None and torch.get_num_threads() != 1:
        torch.set_num_threads(1)


class DaskPool:
    """Runs (lang, documents) chunks on a Dask cluster: `address` ('tcp://host:8786') or 'local', which
    starts a cluster of `jobs` worker processes for this run."""

    def __init__(self, address: str, jobs: int, stanza_dir: str | None = None):
        import dask

        from distributed import Client, LocalCluster

        self._stanza_dir = stanza_dir
        self._cluster = None
        # An article that kills its worker is run once more elsewhere, then reported (see the module docstring).
        dask.config.set({"distributed.scheduler.allowed-failures": 1,
                         # the workers' sampling profiler takes the interpreter lock every 10 ms from pure-Python work
                         "distributed.worker.profile.enabled": False})
        try:
            if address == LOCAL:
                dask.config.set({"distributed.nanny.pre-spawn-environ": WORKER_ENVIRONMENT})
                self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                             dashboard_address=":0", silence_logs=50)
                self._client = Client(self._cluster)
            else:
                self._client = Client(address, timeout="20s")
        except (OSError, TimeoutError) as error:
            self.close()
            raise SchedulerError(f"--scheduler {address}: cannot reach a Dask scheduler ({error})") from None
        workers = len(self._client.scheduler_info().get("workers", {})) or jobs
        self._limit = IN_FLIGHT_PER_WORKER * workers

    def map(self, chunks: Iterable[tuple[str, list[Document]]]) -> Iterator[list]:
        pending: deque = deque()
        for lang, docs in chunks:
            pending.append((lang, docs, self._submit(lang, docs)))
            if len(pending) >= self._limit:
                yield self._result(*pending.popleft())
        while pending:
            yield self._result(*pending.popleft())

    def _submit(self, lang: str, docs: list[Document]):
        # pure=False: the same articles sent twice (a re-run in one session) are worked again
        return self._client.submit(process_chunk, lang, docs, self._stanza_dir, pure=False)

    def _result(self, lang: str, docs: list[Document], future) -> list:
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker:
            if len(docs) > 1:  # find the article that kills workers: each on its own
                singles = [self._submit(lang, [doc]) for doc in docs]
                return [result for doc, single in zip(docs, singles) for result in self._result(lang, [doc], single)]
            from diplo.runner.extract import Problem

            name = docs[0].path or "-"
            return [Problem(name, "worker-lost", f"{name}: the Dask worker died twice while extracting this article "
                                                 "(out of memory?); the article is skipped")]

    def close(self) -> None:
        for resource in (getattr(self, "_client", None), self._cluster):
            if resource is not None:
                try:
                    resource.close()
                except Exception:  # closing after a failed start or during shutdown: nothing left to save
                    pass
