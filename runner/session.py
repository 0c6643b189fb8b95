"""One run of `diplo extract`: stream records to stdout or a file, report problems, pick the exit code."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import closing
from typing import IO, Protocol

import orjson
from diplo.extractors.errors import ConfigurationError, DiploError
from diplo.runner.extract import ExtractConfig, Problem, Skipped, extract, state_key
from diplo.runner.output import AtomicFile, document_record, flat_records, json_line, silence_stdout
from diplo.runner.reading import discover
from diplo.runner import stopping
from diplo.runner.state import RunState

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, stopping.EXIT_INTERRUPTED


class Reporter(Protocol):
    def error(self, message: str) -> None: ...
    def warning(self, message: str) -> None: ...


def run_extract(config: ExtractConfig, reporter: Reporter, *, output: str | None = None, flat: bool = False,
                fail_fast: bool = False, errors_jsonl: str | None = None, state_path: str | None = None,
                lock_wait: float = 0.0, jobs: int = 1, progress: bool = False, retry_failed: bool = False) -> int:
    """Run the extraction and return the exit code. Never raises for bad input, a closed pipe or a signal."""
    stopping.install()
    reporter = _SafeReporter(reporter)
    for option, path in (("--output", output), ("--state", state_path), ("--errors-jsonl", errors_jsonl)):
        missing = path and _missing_folder(path)
        if missing:
            reporter.error(f"{option} {path}: {missing}")
            return EXIT_USAGE
    state: RunState | None = None
    sink: AtomicFile | None = None
    errors_file: IO[bytes] | None = None
    bar = None

    def work() -> int:
        nonlocal state, sink, errors_file, bar
        if state_path:
            state = _opened("--state", state_path, lambda: RunState(state_path, lock_wait, retry_failed))
        if output:
            sink = _opened("--output", output, lambda: AtomicFile(output))
            if state is not None:  # what goes into the file counts as done once the file is in place
                state.hold_until(sink.temp, sink.path)
        if errors_jsonl:
            errors_file = _opened("--errors-jsonl", errors_jsonl, lambda: open(errors_jsonl, "ab"))
        stream: IO[bytes] = sink.stream if sink else sys.stdout.buffer
        bar = _progress_bar(config) if progress else None
        failed = False
        with closing(extract(config, state=state, jobs=jobs)) as items:
            for item in items:
                if bar and not (isinstance(item, Problem) and not item.fatal):
                    bar.advance()
                if isinstance(item, Skipped):
                    continue
                if isinstance(item, Problem):
                    (reporter.error if item.fatal else reporter.warning)(item.message)
                    if errors_file:
                        _write(errors_file, json_line({"path": item.path, "reason": item.reason, "message": item.message,
                                                       "fatal": item.fatal}), errors_jsonl)
                    if item.fatal:
                        failed = True
                        if state is not None and item.fingerprint:  # said once; quiet until the file changes
                            state.record_failure(os.path.abspath(item.path), item.fingerprint, item.reason)
                        if fail_fast:
                            break
                    continue
                _write(stream, b"".join(map(json_line, flat_records(item) if flat else [document_record(item)])),
                       output or "stdout")
                if state is not None:
                    state.record(state_key(item), item.sha256)
        if sink:
            sink.commit()
            sink = None
            if state is not None:
                state.committed()
        return EXIT_FAILED if failed else EXIT_OK

    with stopping.graceful():
        try:
            return _guarded(reporter, work)
        finally:
            if bar:
                bar.stop()
            if sink:
                sink.discard()
            if errors_file:
                errors_file.close()
            if state is not None:
                state.close()


class _Unusable(DiploError):
    """A path given to -o, --state or --errors-jsonl that cannot be used: a usage error."""

    reason = "unusable-path"


class _WriteFailed(DiploError):
    reason = "write-failed"


def _missing_folder(path: str) -> str | None:
    """Why `path` cannot be created: its folder is missing (diplo never creates folders). None if it is there."""
    real = os.path.dirname(os.path.realpath(path))
    if os.path.isdir(real):
        return None
    given = os.path.dirname(path) or "."
    return f"folder {given if os.path.realpath(given) == real else real} does not exist"


def _opened(option: str, path: str, open_it: Callable):
    try:
        return open_it()
    except OSError as error:
        raise _Unusable(f"{option} {path}: cannot write there ({error.strerror or error})") from None


def _write(stream: IO[bytes], data: bytes, target: str) -> None:
    """Write and flush, so that a reader (`head`, a pipe) sees each article as soon as it is done."""
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as error:  # a full disk, /dev/full: say so and stop, rather than lose records quietly
        raise _WriteFailed(f"{target}: cannot write ({error.strerror or error})") from None


class _SafeReporter:
    """Messages for a person; a stderr that cannot be written (`2>/dev/full`) must not stop the records."""

    def __init__(self, reporter: Reporter):
        self._reporter = reporter

    def error(self, message: str) -> None:
        self._say(self._reporter.error, message)

    def warning(self, message: str) -> None:
        self._say(self._reporter.warning, message)

    @staticmethod
    def _say(say: Callable[[str], None], message: str) -> None:
        try:
            say(message)
        except (OSError, ValueError, AttributeError):
            pass


def _guarded(reporter: Reporter, work: Callable[[], int]) -> int:
    """Run `work`; a reader that went away ends the run quietly, Ctrl-C or SIGTERM with code 130."""
    try:
        return work()
    except BrokenPipeError:
        silence_stdout()
        return EXIT_OK
    except (ConfigurationError, _Unusable) as error:  # said once, like a usage error
        reporter.error(str(error))
        return EXIT_USAGE
    except DiploError as error:  # the state file is locked or damaged, the output cannot be written
        reporter.error(str(error))
        return EXIT_FAILED
    except KeyboardInterrupt:
        if not stopping.stopping():  # the signal handler has said it
            reporter.error("interrupted")
        return EXIT_INTERRUPTED


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
    if articles:  # one run over all of them, so that their ids are those `diplo extract` gives them together
        piped = next((data for path, data in articles if data is not None), None)
        stdin = _BytesStdin(piped) if piped is not None else None
        for item in extract(replace(config, paths=tuple(path for path, _ in articles)), stdin=stdin):
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
