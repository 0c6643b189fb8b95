"""What a language backend hands to the shared entity and event stages: tokens, sentences, name spans.

These are internal to extractors/: adapters build them from backend objects, and the shared stages
turn them into the records of models/.
"""
from __future__ import annotations

from dataclasses import dataclass


# Not frozen, but never changed once made: a run makes one per token, and a frozen dataclass takes
# five times as long to construct. unsafe_hash keeps it usable as a key, as a frozen one would be.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    text: str
    start: int
    end: int
    lemma: str  # lower-case dictionary form; the lower-cased text where the backend has none
    pos: str = ""  # UD part of speech where the backend gives one
    tense: str = ""  # UD Tense (Past, Pres, Fut) of a verb where the backend gives one


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A PER / LOC / ORG mention with its normal form, as the language backend sees it."""

    type: str
    start: int
    end: int
    text: str
    normal: str


@dataclass(frozen=True, slots=True)
class Analysis:
    sentences: tuple[Sentence, ...]
    spans: tuple[NameSpan, ...]


def split_paragraphs(text: str, analysis: Analysis) -> Analysis:
    """A line break ends a sentence, whatever the backend's sentence splitter thought."""
    sentences = []
    for sentence in analysis.sentences:
        current: list[Token] = []
        for token in sentence.tokens:
            if current and "\n" in text[current[-1].end:token.start]:
                sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
                current = []
            current.append(token)
        if current:
            sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
    return Analysis(tuple(sentences), analysis.spans)
