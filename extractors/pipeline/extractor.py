"""The one interface every language extractor has, and the registry that builds one per language."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from diplo.extractors.pipeline.analysis import Analysis, Sentence, split_paragraphs
from diplo.extractors.pipeline.language import Language, get_language
from diplo.models.records import Document

# Text handed to a backend in one call. Stanza's Kyrgyz tokenizer and lemmatizer run faster on bigger
# batches; 32,000 characters is about 7 Ukrainian news articles or 50 short Kyrgyz ones.
BATCH_CHARS = 32_000
BATCH_MAX = 64  # articles
# Longest text a backend gets in one piece (about 10 pages); longer articles are cut into pieces.
PIECE_CHARS = 20_000

T = TypeVar("T")


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
            for doc, analysis in zip(batch, self._analyze_in_pieces([d.text for d in batch])):
                analysis = split_paragraphs(doc.text, analysis)
                entities = build_entities(doc.text, self.language, analysis, self.kb, doc.body_start)
                events = find_events(doc, self.language, analysis, entities, self.kb)
                yield replace(doc, lang=self.language.code, entities=entities, events=events)

    def _analyze_in_pieces(self, texts: list[str]) -> list[Analysis]:
        """`analyze_batch`, with texts longer than PIECE_CHARS cut at paragraph ends into pieces that the
        backend gets apart (at most BATCH_CHARS per call): its time and memory grow faster than the
        length of one text (Stanza's tokenizer: 113 s for a 250 kB Kyrgyz text, 9 s in pieces)."""
        if all(len(text) <= PIECE_CHARS for text in texts):
            return self.analyze_batch(texts)
        pieces = [(index, start, text[start:end]) for index, text in enumerate(texts) for start, end in cut(text)]
        analyses = []
        for group in batches_of_texts([piece for _, _, piece in pieces]):
            analyses += self.analyze_batch(group)
        parts: list[list[tuple[int, Analysis]]] = [[] for _ in texts]
        for (index, start, _), analysis in zip(pieces, analyses):
            parts[index].append((start, analysis))
        return [joined(part) for part in parts]

    def __call__(self, doc: Document) -> Document:
        return next(self.map([doc]))

    @classmethod
    def describe(cls, language: Language, *, stanza_dir: Path | None = None) -> dict[str, Any]:
        """What `diplo models` shows for this language: pipeline, model files, data, license, scores."""
        raise NotImplementedError


def cut(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of at most `size` characters covering `text`, each ending at a
    line break where one is in its second half, else at a sentence end, else at a space."""
    bounds, start = [], 0
    while len(text) - start > size:
        end = start + size
        for mark in ("\n", ". ", " "):
            at = text.rfind(mark, start + size // 2, end)
            if at >= 0:
                end = at + len(mark)
                break
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def joined(parts: list[tuple[int, Analysis]]) -> Analysis:
    """One analysis of a whole text from those of its pieces, each given with the offset it starts at."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    sentences, spans = [], []
    for offset, analysis in parts:
        for sentence in analysis.sentences:
            tokens = tuple(replace(t, start=t.start + offset, end=t.end + offset) for t in sentence.tokens)
            sentences.append(Sentence(sentence.start + offset, sentence.end + offset, tokens))
        spans += [replace(span, start=span.start + offset, end=span.end + offset) for span in analysis.spans]
    return Analysis(tuple(sentences), tuple(spans))


def batches_of_texts(texts: list[str]) -> Iterator[list[str]]:
    """Consecutive texts grouped for one backend call, as `batches` groups documents."""
    return _grouped(texts, len)


def batches(docs: Iterable[Document]) -> Iterator[list[Document]]:
    """Consecutive documents grouped for one backend call: at most BATCH_CHARS of text (or one document)."""
    return _grouped(docs, lambda doc: len(doc.text))


def _grouped(items: Iterable[T], chars: Callable[[T], int]) -> Iterator[list[T]]:
    """Consecutive items in groups of at most BATCH_CHARS characters and BATCH_MAX items (or one item)."""
    batch: list[T] = []
    size = 0
    for item in items:
        if batch and (size + chars(item) > BATCH_CHARS or len(batch) >= BATCH_MAX):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += chars(item)
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
