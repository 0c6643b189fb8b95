"""The Python API: `diplo.extract(items)` gives the records `diplo extract` prints, as dicts.

Items are article paths, or (doc_id, text) pairs for text already in memory. Underneath is the plain
per-batch function any engine can call, `diplo.runner.extract.run_language(lang, documents, stanza_dir)`:
picklable, with the models loaded once per process.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, Union

from diplo.extractors.errors import DiploError
from diplo.extractors.pipeline.langid import identify
from diplo.models.records import Document
from diplo.runner.extract import WINDOW, Problem, chunks_by_language, run_language
from diplo.runner.output import document_record
from diplo.runner.reading import DEFAULT_MAX_BYTES, document_from_text, read_document

Item = Union[str, "os.PathLike[str]", tuple[str, str]]


def extract(items: Iterable[Item], lang: str | None = None, published: str | None = None, *,
            stanza_dir: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            on_problem: Callable[[Problem], None] | None = None) -> Iterator[dict[str, Any]]:
    """One record per article, in the order of `items`, as `diplo extract` prints them.

    `lang` forces the language (default: identified per article); `published` is the publication date
    of articles without a header. An article that cannot be read or processed gives no record: it is
    passed to `on_problem`, which by default writes the CLI's one line on stderr.
    """
    report = on_problem or _to_stderr
    window: list[Document | Problem] = []
    for item in items:
        window.append(_document(item, lang, published, max_bytes))
        if len(window) >= WINDOW:
            yield from _run(window, stanza_dir, report)
            window = []
    yield from _run(window, stanza_dir, report)


def _document(item: Item, lang: str | None, published: str | None, max_bytes: int) -> Document | Problem:
    name = item[0] if isinstance(item, tuple) else os.fspath(item)
    try:
        if isinstance(item, tuple):
            doc = document_from_text(item[1], item[0], published=published)[0]
        else:
            doc = read_document(name, max_bytes=max_bytes, published=published)[0]
        return replace(doc, lang=lang or identify(doc.text, name))
    except DiploError as error:
        return Problem(name, error.reason, str(error))


def _run(window: list[Document | Problem], stanza_dir: str | None,
         report: Callable[[Problem], None]) -> Iterator[dict[str, Any]]:
    done: dict[int, Document | Problem] = {}
    for lang, batch in chunks_by_language(item for item in window if isinstance(item, Document)):
        for doc, result in zip(batch, run_language(lang, batch, stanza_dir)):
            done[id(doc)] = result
    for item in window:
        result = done.get(id(item), item)
        if isinstance(result, Document):
            yield document_record(result)
        else:
            report(result)


def _to_stderr(problem: Problem) -> None:
    sys.stderr.write(f"diplo: error: {problem.message}\n")
