"""The plain function behind `diplo extract`: paths in, Documents (or Problems) out, in input order.

Articles are read and identified here; the language backends run on windows of articles, grouped
by language so that backends can batch across articles, either in this process or in workers.
"""
from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from diplo.extractors.errors import ConfigurationError, DiploError
from diplo.extractors.pipeline.extractor import batches, get_extractor
from diplo.extractors.pipeline.langid import identify
from diplo.models.records import Document
from diplo.runner.reading import (
    DEFAULT_MAX_BYTES,
    STDIN,
    Warning_,
    discover,
    input_root,
    read_document,
)
from diplo.runner.state import file_fingerprint

WINDOW = 32  # articles read ahead of the backends, grouped by language into batches (pipeline.extractor.batches)
# Stanza makes several Python objects per token. At the interpreter's default thresholds (700, 10, 10)
# the cyclic collector keeps re-scanning the loaded models and caches: a quarter of a Ukrainian run.
COLLECTOR_THRESHOLDS = (50_000, 20, 20)
# An article may take this much CPU time, plus a second per GUARD_CHARS_PER_SECOND characters (the
# slowest language, Kyrgyz, needs a CPU second per 10,000 characters here), before it is reported as
# too slow. CPU time, not wall time: a machine busy with other work must not make articles fail.
GUARD_SECONDS = 120
GUARD_CHARS_PER_SECOND = 5_000
RETRY_SECONDS = 0.1  # CPU time after which a guard's signal comes again, should the first have been swallowed


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    paths: tuple[str, ...]
    lang: str | None = None
    published: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    stanza_dir: str | None = None  # official Stanza models to use instead of the shipped ones
    scheduler: str | None = None  # a Dask scheduler's address, or 'local': run the backends on Dask


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input. `fatal` problems mean the article produced no record."""

    path: str
    reason: str
    message: str
    fatal: bool = True
    fingerprint: str | None = None  # of the file as it was read (runner.state.file_fingerprint)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An article the state file says was already emitted with this content, or failed as it is now."""

    path: str


def state_key(doc: Document) -> str:
    return os.path.abspath(doc.path) if doc.path else f"stdin:{doc.sha256}"


def extract(config: ExtractConfig, *, stdin=None, state=None, jobs: int = 1) -> Iterator[Document | Problem | Skipped]:
    """Yield per input article, in order: its warnings, then its Document, Problem or Skipped."""
    tune_collector()
    windows: deque[_Window] = deque()

    def chunks():
        for window in _windows(config, stdin, state):
            windows.append(window)
            yield from window.chunks

    pool = None
    if config.scheduler:
        from diplo.runner.dask_pool import DaskPool

        pool = DaskPool(config.scheduler, jobs, stanza_dir=config.stanza_dir)
        results = pool.map(chunks())
    elif jobs > 1:
        from diplo.runner.workers import WorkerPool

        pool = WorkerPool(jobs, stanza_dir=config.stanza_dir)
        results = pool.map(chunks())
    else:
        results = (run_language(lang, docs, config.stanza_dir) for lang, docs in chunks())
    try:
        for result in results:
            next(w for w in windows if w.waiting).fill(result)
            while windows and not windows[0].waiting:
                yield from windows.popleft().ordered()
        while windows:
            yield from windows.popleft().ordered()
    finally:  # however the run ends (done, an error, a signal, a closed pipe): no worker is left
        if pool:
            pool.close()


def tune_collector() -> None:
    """Collect cyclic garbage less often (worker processes inherit the setting)."""
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


@dataclass
class _Window:
    """Read-ahead articles: what each yields, in order, once the backends have run."""

    items: list[list] = field(default_factory=list)  # per article: warnings..., then Document | Problem | Skipped
    fingerprints: dict[int, str | None] = field(default_factory=dict)  # per Document (by id): of its file
    chunks: list[tuple[str, list[Document]]] = field(default_factory=list)
    results: dict[int, Document | Problem] = field(default_factory=dict)
    filled: int = 0

    @property
    def waiting(self) -> bool:
        return self.filled < len(self.chunks)

    def fill(self, result: list[Document | Problem]) -> None:
        _, docs = self.chunks[self.filled]
        for doc, done in zip(docs, result):
            # a worker sends a record back without the text the parent already holds
            self.results[id(doc)] = replace(done, text=doc.text) if isinstance(done, Document) else done
        self.filled += 1

    def ordered(self) -> Iterator[Document | Problem | Skipped]:
        for items in self.items:
            yield from items[:-1]
            last = items[-1]
            if not isinstance(last, Document):
                yield last
                continue
            done = self.results[id(last)]
            yield replace(done, fingerprint=self.fingerprints[id(last)]) if isinstance(done, Problem) else done


def _windows(config: ExtractConfig, stdin, state) -> Iterator[_Window]:
    window = _Window()
    root = input_root(list(config.paths))
    for path in discover(list(config.paths)):
        if isinstance(path, Warning_):  # a directory without articles
            window.items.append([Problem(path.path, path.reason, path.message, fatal=False)])
        else:
            fingerprint = file_fingerprint(path) if path != STDIN else None
            items = list(_prepare(path, fingerprint, config, stdin, state, root))
            if isinstance(items[-1], Document):
                window.fingerprints[id(items[-1])] = fingerprint
            window.items.append(items)
        if len(window.items) >= WINDOW:
            yield _planned(window)
            window = _Window()
    if window.items:
        yield _planned(window)


def _planned(window: _Window) -> _Window:
    window.chunks = chunks_by_language(items[-1] for items in window.items if isinstance(items[-1], Document))
    return window


def chunks_by_language(docs: Iterable[Document]) -> list[tuple[str, list[Document]]]:
    """(lang, batch) chunks of read-ahead documents: grouped by language, so that a backend call batches
    across articles, then cut into backend batches."""
    by_lang: dict[str, list[Document]] = {}
    for doc in docs:
        by_lang.setdefault(doc.lang, []).append(doc)
    return [(lang, batch) for lang, same in by_lang.items() for batch in batches(same)]


def _prepare(path: str, fingerprint: str | None, config: ExtractConfig, stdin, state,
             root: str | None) -> Iterator[Document | Problem | Skipped]:
    if state is not None and fingerprint and state.failed_before(os.path.abspath(path), fingerprint):
        yield Skipped(path)  # reported when it failed; quiet until it changes, or until --retry-failed
        return
    try:
        doc, warnings = read_document(path, max_bytes=config.max_bytes, published=config.published,
                                      stdin=(stdin or sys.stdin.buffer) if path == STDIN else None, root=root)
        for warning in warnings:
            yield Problem(warning.path, warning.reason, warning.message, fatal=False)
        if state is not None and state.is_done(state_key(doc), doc.sha256):
            yield Skipped(path)
            return
        yield replace(doc, lang=config.lang or identify(doc.text, path))
    except DiploError as error:
        yield Problem(path, error.reason, str(error), fingerprint=fingerprint)


def article_seconds(text: str) -> float:
    """The guard on one article's CPU time: the backends get long texts in pieces, so their time and
    memory grow with the length, but some shared stages grow faster than it on texts of megabytes."""
    return GUARD_SECONDS + len(text) / GUARD_CHARS_PER_SECOND


def run_language(lang: str, docs: list[Document], stanza_dir: str | None = None,
                 seconds: Callable[[str], float] = article_seconds) -> list[Document | Problem]:
    """One result per document; an unexpected failure is retried article by article to isolate it, and so
    is a batch that outlives its guard (the sum of its articles' `seconds`)."""
    try:
        extractor = get_extractor(lang, stanza_dir=stanza_dir)
        with time_limit(sum(seconds(doc.text) for doc in docs)):
            return list(extractor.map(docs))
    except ConfigurationError:
        raise  # e.g. the models asked for are not there: no article of the language can run (said once, exit 2)
    except DiploError as error:
        return [Problem(doc.path or STDIN, error.reason, f"{doc.path or STDIN}: {error}") for doc in docs]
    except (Exception, TimeUp) as error:  # a bug or a runaway article must cost one article, never the run
        if len(docs) > 1:
            return [result for doc in docs for result in run_language(lang, [doc], stanza_dir, seconds)]
        name = docs[0].path or STDIN
        if isinstance(error, TimeUp):
            return [Problem(name, "too-slow", f"{name}: extraction took more than {seconds(docs[0].text):.0f} s of CPU time, "
                                              f"the limit for an article of {len(docs[0].text):,} characters; the article is skipped")]
        return [Problem(name, "internal-error", f"{name}: internal error while extracting ({type(error).__name__}: {error})")]


def run_language_elsewhere(lang: str, docs: list[Document], stanza_dir: str | None = None) -> list[Document | Problem]:
    """`run_language` in a worker process: records go back without the text the caller already holds
    (half the traffic); `_Window.fill` puts it back."""
    return [replace(r, text="") if isinstance(r, Document) else r for r in run_language(lang, docs, stanza_dir)]


class TimeUp(BaseException):
    """A guard's time ran out (a BaseException, so that no `except Exception` in a backend swallows it)."""


class time_limit:  # lower case: used as `with time_limit(seconds):`, like a function
    """Raise TimeUp in the block once this process has spent `seconds` of CPU time in it (all its threads;
    only in the main thread, where signals land).

    A class rather than a generator: the signal may come while the block is entered or left, and the
    handler must then neither raise (a TimeUp from __enter__ or __exit__ would leave the timer running, to
    go off later in whatever code runs then) nor lose the block's own TimeUp.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = threading.current_thread() is threading.main_thread()

    def __enter__(self) -> None:
        if self.armed:
            self.previous = signal.signal(signal.SIGPROF, self._time_up)
            signal.setitimer(signal.ITIMER_PROF, self.seconds)

    def __exit__(self, *exc_info) -> bool:
        if self.armed:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, self.previous)
        return False

    def _time_up(self, signum, frame) -> None:
        code = frame.f_code if frame is not None else None
        if code is time_limit.__exit__.__code__:
            return  # the block is being left: the timer is being turned off
        # An exception raised where Python ignores it (a gc callback, a __del__) would be lost: the timer
        # goes off again shortly, until the block is left. In __enter__ it waits for the block itself.
        signal.setitimer(signal.ITIMER_PROF, RETRY_SECONDS)
        if code is not time_limit.__enter__.__code__:
            raise TimeUp
