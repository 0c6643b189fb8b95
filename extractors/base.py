"""The one interface every language extractor has, and the registry that picks one by language code."""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from extractors.analysis import Analysis, split_paragraphs
from extractors.errors import UnknownLanguageError
from extractors.labels import LANGUAGES
from models.records import Document

# Text handed to a backend in one call. Stanza's Kyrgyz tokenizer and lemmatizer run faster on bigger
# batches; 32,000 characters is about 7 Ukrainian news articles or 50 short Kyrgyz ones.
BATCH_CHARS = 32_000
BATCH_MAX = 64  # articles


class Extractor:
    """Turns Documents of one language into Documents with entities and events."""

    lang: str = ""

    def analyze_batch(self, texts: Sequence[str]) -> list[Analysis]:
        """Backend-specific: tokens, sentences and name spans of each text."""
        raise NotImplementedError

    def map(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Process documents lazily, in batches so that backends can batch across articles."""
        from extractors.entities import build_entities
        from extractors.events import find_events

        for batch in batches(docs):
            for doc, analysis in zip(batch, self.analyze_batch([d.text for d in batch])):
                analysis = split_paragraphs(doc.text, analysis)
                entities = build_entities(doc.text, self.lang, analysis, doc.body_start)
                events = find_events(doc, self.lang, analysis, entities)
                yield replace(doc, lang=self.lang, entities=entities, events=events)

    def __call__(self, doc: Document) -> Document:
        return next(self.map([doc]))


def batches(docs: Iterable[Document]) -> Iterator[list[Document]]:
    """Consecutive documents grouped for one backend call: at most BATCH_CHARS of text (or one document)."""
    batch: list[Document] = []
    size = 0
    for doc in docs:
        if batch and (size + len(doc.text) > BATCH_CHARS or len(batch) >= BATCH_MAX):
            yield batch
            batch, size = [], 0
        batch.append(doc)
        size += len(doc.text)
    if batch:
        yield batch


_FACTORIES: dict[str, Callable[..., Extractor]] = {}
_INSTANCES: dict[tuple, Extractor] = {}


def register(lang: str) -> Callable[[type[Extractor]], type[Extractor]]:
    """Class decorator: make `cls` the extractor for `lang`."""

    def decorate(cls: type[Extractor]) -> type[Extractor]:
        cls.lang = lang
        _FACTORIES[lang] = cls
        return cls

    return decorate


def get_extractor(lang: str, **options) -> Extractor:
    """The (cached) extractor for `lang`; its backend is loaded on first use."""
    if lang not in _FACTORIES and lang in LANGUAGES:
        importlib.import_module(f"extractors.{lang}")
    if lang not in _FACTORIES:
        raise UnknownLanguageError(f"no extractor for language {lang!r}; known: {', '.join(LANGUAGES)}")
    key = (lang, tuple(sorted(options.items())))
    if key not in _INSTANCES:
        _INSTANCES[key] = _FACTORIES[lang](**options)
    return _INSTANCES[key]
