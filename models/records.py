"""Frozen record types. Offsets are half-open code-point indices into `Document.text`."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in the text."""

    text: str
    start: int
    end: int
    normal: str | None = None  # this mention's own nominative ("Гор" for "Гора"); the entity's name may be fuller


@dataclass(frozen=True, slots=True)
class Entity:
    """A distinct person, place or organization of one article, with all its mentions."""

    type: str  # one of labels.ENTITY_TYPES
    name: str  # nominative normal form in the article's language
    mentions: tuple[Mention, ...]
    wikidata: str | None = None
    canonical: str | None = None
    kb_id: str | None = None  # knowledge-base entry, e.g. 'person/kassym-jomart-tokayev', 'city/us-washington'

    @property
    def start(self) -> int:
        return self.mentions[0].start


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date expression in the text, resolved to ISO strings at the precision the text supports."""

    text: str
    start: int
    end: int
    date: str | None  # '2025', '2025-11' or '2025-11-06'; None where the text does not fix it
    date_end: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    """An entity taking part in an event."""

    name: str
    type: str
    role: str | None = None
    wikidata: str | None = None
    canonical: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event took place."""

    name: str
    wikidata: str | None = None
    canonical: str | None = None
    kb_id: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A dated diplomatic event reported by one article."""

    type: str  # one of labels.EVENT_TYPES
    status: str  # 'occurred' or 'planned'
    date: str | None
    date_end: str | None
    date_text: str | None
    participants: tuple[Participant, ...]
    location: Place | None
    trigger: str
    sentence: str
    start: int  # offsets of the trigger
    end: int
    cameo: str | None = None
    month: int | None = None  # month the text names where the year is unknown ("ноябрда" without a publication date)


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text and what was extracted from it."""

    doc_id: str
    path: str | None
    text: str
    lang: str | None = None
    published: str | None = None
    sha256: str | None = None
    encoding: str = "utf-8"
    body_start: int = 0  # where the text after the ' date YYYY-MM-DD ' header begins
    entities: tuple[Entity, ...] = field(default_factory=tuple)
    events: tuple[Event, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Source:
    """Where an article reports an event: the article and the trigger's offsets in its text."""

    doc_id: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One real-world event across articles, with every article that reports it."""

    type: str
    status: str
    date: str | None
    date_end: str | None
    participants: tuple[Participant, ...]
    location: Place | None
    sources: tuple[Source, ...]
