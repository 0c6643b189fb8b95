"""The plain function behind `diplo extract`: paths in, Documents (or Problems) out, in input order."""
from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace

from extractors.base import get_extractor
from extractors.errors import DiploError, InputError
from extractors.langid import identify
from models.records import Document
from runner.reading import DEFAULT_MAX_BYTES, STDIN, discover, read_document

READ_AHEAD = 16  # articles read before the backends run, so that they can batch across articles


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    paths: tuple[str, ...]
    lang: str | None = None
    published: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input. `fatal` problems mean the article produced no record."""

    path: str
    reason: str
    message: str
    fatal: bool = True


def extract(config: ExtractConfig, stdin=None) -> Iterator[Document | Problem]:
    """Yield, per input article in order, its warnings (if any) and then its Document or its Problem."""
    pending: list[list[Document | Problem]] = []
    for path in discover(list(config.paths)):
        pending.append(list(_prepare(path, config, stdin)))
        if len(pending) >= READ_AHEAD:
            yield from _finish(pending)
            pending = []
    if pending:
        yield from _finish(pending)


def _prepare(path: str, config: ExtractConfig, stdin=None) -> Iterator[Document | Problem]:
    try:
        doc, warnings = read_document(path, max_bytes=config.max_bytes, published=config.published,
                                      stdin=(stdin or sys.stdin.buffer) if path == STDIN else None)
        for warning in warnings:
            yield Problem(warning.path, warning.reason, warning.message, fatal=False)
        lang = config.lang or identify(doc.text, path)
        yield replace(doc, lang=lang)
    except DiploError as error:
        yield Problem(path, error.reason, str(error))


def _finish(pending: list[list[Document | Problem]]) -> Iterator[Document | Problem]:
    """Run each language's extractor over its articles as one batch, then restore input order."""
    by_lang: dict[str, list[Document]] = defaultdict(list)
    for items in pending:
        if isinstance(items[-1], Document):
            by_lang[items[-1].lang].append(items[-1])
    done: dict[int, Document | Problem] = {}
    for lang, docs in by_lang.items():
        for doc, result in zip(docs, _run(lang, docs)):
            done[id(doc)] = result
    for items in pending:
        yield from items[:-1]
        last = items[-1]
        yield done[id(last)] if isinstance(last, Document) else last


def _run(lang: str, docs: list[Document]) -> list[Document | Problem]:
    """One result per document; an unexpected failure is retried article by article to isolate it."""
    try:
        return list(get_extractor(lang).map(docs))
    except DiploError as error:
        return [Problem(doc.path or STDIN, error.reason, f"{doc.path or STDIN}: {error}") for doc in docs]
    except Exception as error:  # a bug must cost one article, never the run
        if len(docs) > 1:
            return [result for doc in docs for result in _run(lang, [doc])]
        name = docs[0].path or STDIN
        return [Problem(name, "internal-error", f"{name}: internal error while extracting ({type(error).__name__}: {error})")]
