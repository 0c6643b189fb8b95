"""One run of `diplo extract`: stream records to stdout or a file, report problems, pick the exit code."""
from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import IO, Protocol

import orjson
from diplo.extractors.errors import DiploError, ModelsMissingError
from diplo.runner.extract import ExtractConfig, Problem, Skipped, extract, state_key
from diplo.runner.output import AtomicFile, document_record, flat_records, json_line
from diplo.runner.reading import discover
from diplo.runner.state import RunState

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class Reporter(Protocol):
    def error(self, message: str) -> None: ...
    def warning(self, message: str) -> None: ...


def run_extract(config: ExtractConfig, reporter: Reporter, *, output: str | None = None, flat: bool = False,
                fail_fast: bool = False, errors_jsonl: str | None = None, state_path: str | None = None,
                lock_wait: float = 0.0, jobs: int = 1, progress: bool = False) -> int:
    """Run the extraction and return the exit code. Never raises for bad input, a closed pipe or a signal."""
    state = None
    if state_path:
        try:
            state = RunState(state_path, lock_wait)
        except DiploError as error:
            reporter.error(str(error))
            return EXIT_FAILED
    sink = AtomicFile(output) if output else None
    stream: IO[bytes] = sink.stream if sink else sys.stdout.buffer
    errors_file = open(errors_jsonl, "ab") if errors_jsonl else None
    done_after_commit: list[tuple[str, str]] = []  # with -o, an article counts as done once the file is in place
    bar = _progress_bar(config) if progress else None
    previous_sigterm = signal.signal(signal.SIGTERM, _interrupt)

    def work() -> int:
        nonlocal sink
        failed = False
        for item in extract(config, state=state, jobs=jobs):
            if bar and not (isinstance(item, Problem) and not item.fatal):
                bar.advance()
            if isinstance(item, Skipped):
                continue
            if isinstance(item, Problem):
                (reporter.error if item.fatal else reporter.warning)(item.message)
                if errors_file:
                    errors_file.write(json_line({"path": item.path, "reason": item.reason, "message": item.message, "fatal": item.fatal}))
                    errors_file.flush()
                if item.fatal:
                    failed = True
                    if fail_fast:
                        break
                continue
            for record in flat_records(item) if flat else [document_record(item)]:
                stream.write(json_line(record))
            stream.flush()
            if state is not None:
                if sink:
                    done_after_commit.append((state_key(item), item.sha256))
                else:
                    state.record(state_key(item), item.sha256)
        if sink:
            sink.commit()
            sink = None
            for key, sha in done_after_commit:
                state.record(key, sha)
        return EXIT_FAILED if failed else EXIT_OK

    try:
        return _guarded(reporter, work)
    finally:
        signal.signal(signal.SIGTERM, previous_sigterm)
        if bar:
            bar.stop()
        if sink:
            sink.discard()
        if errors_file:
            errors_file.close()
        if state is not None:
            state.close()


def _guarded(reporter: Reporter, work: Callable[[], int]) -> int:
    """Run `work`; a reader that went away ends the run quietly, Ctrl-C or SIGTERM with code 130."""
    try:
        return work()
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except ModelsMissingError as error:  # --stanza-dir lacks what a language needs: said once, like a usage error
        reporter.error(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        reporter.error("interrupted")
        return EXIT_INTERRUPTED


def _interrupt(signum, frame) -> None:
    """SIGTERM (cron's timeout, systemd) stops the run like Ctrl-C: files are cleaned up, state kept."""
    raise KeyboardInterrupt


class _ProgressBar:
    """A Rich progress bar on stderr over the articles of the run."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(TextColumn("diplo"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                  console=Console(stderr=True), transient=True)
        self._task = self._progress.add_task("articles", total=total)
        self._progress.start()

    def advance(self) -> None:
        self._progress.advance(self._task)

    def stop(self) -> None:
        self._progress.stop()


def _progress_bar(config: ExtractConfig) -> _ProgressBar:
    return _ProgressBar(sum(1 for path in discover(list(config.paths)) if isinstance(path, str)))


def _silence_stdout() -> None:
    """After the reader of a pipe has gone, make the interpreter's final flush of stdout harmless."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def run_timeline(config: ExtractConfig, reporter: Reporter, render=None) -> int:
    """Gather document records (JSONL or articles), merge their events and print the timeline."""
    from diplo.runner.timeline import timeline

    def work() -> int:
        records, failed = [], False
        for source in _timeline_sources(config):
            if isinstance(source, Problem):
                (reporter.error if source.fatal else reporter.warning)(source.message)
                failed = failed or source.fatal
            else:
                records.append(source)
        entries = timeline(records)
        if render:
            render(entries)
        else:
            for entry in entries:
                sys.stdout.buffer.write(json_line(entry))
            sys.stdout.buffer.flush()
        return EXIT_FAILED if failed else EXIT_OK

    return _guarded(reporter, work)


def _timeline_sources(config: ExtractConfig):
    """Document records from JSONL (stdin or *.jsonl files of `diplo extract`), or from articles."""
    from dataclasses import replace

    articles = []
    for path in config.paths:
        if path == "-":
            data = sys.stdin.buffer.read()
            if data.lstrip()[:1] == b"{":
                yield from _jsonl_records(data.splitlines(), "<stdin>")
                continue
            articles.append(("-", data))
        elif path.endswith(".jsonl"):
            try:
                with open(path, "rb") as handle:
                    yield from _jsonl_records(handle, path)
            except OSError as error:
                yield Problem(path, "unreadable", f"{path}: cannot read ({error.strerror or error})")
        else:
            articles.append((path, None))
    for path, data in articles:
        stdin = _BytesStdin(data) if data is not None else None
        for item in extract(replace(config, paths=(path,)), stdin=stdin):
            yield item if isinstance(item, Problem) else document_record(item)


def _jsonl_records(lines, name: str):
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
            if not isinstance(record, dict) or "doc_id" not in record:
                raise ValueError("not a diplo document record")
            yield record
        except ValueError as error:
            yield Problem(name, "bad-jsonl", f"{name}: line {number}: {error}")


class _BytesStdin:
    """Stdin already read (to tell JSON lines from an article), offered again as a stream."""

    def __init__(self, data: bytes):
        import io

        self._stream = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)
