"""The one interface every language extractor has, and the registry that builds one per language."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from diplo.extractors.pipeline.analysis import Analysis, split_paragraphs
from diplo.extractors.pipeline.language import Language, get_language
from diplo.models.records import Document

# Text handed to a backend in one call. Stanza's Kyrgyz tokenizer and lemmatizer run faster on bigger
# batches; 32,000 characters is about 7 Ukrainian news articles or 50 short Kyrgyz ones.
BATCH_CHARS = 32_000
BATCH_MAX = 64  # articles


class Extractor:
    """Turns Documents of one language into Documents with entities and events.

    Built once per language, with the options of the run; the language's `pipeline` in its
    language.yaml names the subclass.
    """

    def __init__(self, language: Language, *, stanza_dir: Path | None = None) -> None:
        from diplo.extractors.kb.knowledge_base import KnowledgeBase

        self.language = language
        self.kb = KnowledgeBase.load()

    @property
    def lang(self) -> str:
        return self.language.code

    def analyze_batch(self, texts: Sequence[str]) -> list[Analysis]:
        """Backend-specific: tokens, sentences and name spans of each text."""
        raise NotImplementedError

    def map(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Process documents lazily, in batches so that backends can batch across articles."""
        from diplo.extractors.events.find import find_events
        from diplo.extractors.pipeline.entities import build_entities

        for batch in batches(docs):
            for doc, analysis in zip(batch, self.analyze_batch([d.text for d in batch])):
                analysis = split_paragraphs(doc.text, analysis)
                entities = build_entities(doc.text, self.language, analysis, self.kb, doc.body_start)
                events = find_events(doc, self.language, analysis, entities, self.kb)
                yield replace(doc, lang=self.language.code, entities=entities, events=events)

    def __call__(self, doc: Document) -> Document:
        return next(self.map([doc]))

    @classmethod
    def describe(cls, language: Language, *, stanza_dir: Path | None = None) -> dict[str, Any]:
        """What `diplo models` shows for this language: pipeline, model files, data, license, scores."""
        raise NotImplementedError


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


_INSTANCES: dict[tuple, Extractor] = {}


def get_extractor(language: str | Language, *, stanza_dir: Path | str | None = None) -> Extractor:
    """The (cached) extractor of a language, given by code or as a Language; its backend loads on first use."""
    if isinstance(language, str):
        language = get_language(language)
    stanza_dir = Path(stanza_dir) if stanza_dir else None
    key = (language, stanza_dir)
    if key not in _INSTANCES:
        _INSTANCES[key] = language.extractor_class()(language, stanza_dir=stanza_dir)
    return _INSTANCES[key]
