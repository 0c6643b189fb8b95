"""One run of `diplo extract`: stream records to stdout or a file, report problems, pick the exit code."""
from __future__ import annotations

import os
import sys
from typing import IO, Protocol

import orjson

from models.records import Document
from runner.extract import ExtractConfig, Problem, extract
from runner.output import AtomicFile, document_record, json_line

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130


class Reporter(Protocol):
    def error(self, message: str) -> None: ...
    def warning(self, message: str) -> None: ...


def run_extract(config: ExtractConfig, reporter: Reporter, *, output: str | None = None,
                fail_fast: bool = False, errors_jsonl: str | None = None) -> int:
    """Run the extraction and return the exit code. Never raises for bad input, a closed pipe or Ctrl-C."""
    sink = AtomicFile(output) if output else None
    stream: IO[bytes] = sink.stream if sink else sys.stdout.buffer
    errors_file = open(errors_jsonl, "ab") if errors_jsonl else None
    failed = False
    try:
        for item in extract(config):
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
            stream.write(json_line(document_record(item)))
            stream.flush()
        if sink:
            sink.commit()
            sink = None
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        reporter.error("interrupted")
        return EXIT_INTERRUPTED
    finally:
        if sink:
            sink.discard()
        if errors_file:
            errors_file.close()
    return EXIT_FAILED if failed else EXIT_OK


def _silence_stdout() -> None:
    """After the reader of a pipe has gone, make the interpreter's final flush of stdout harmless."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
