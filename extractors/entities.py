"""Shared stage: name spans of one article -> one Entity per distinct entity, with all its mentions."""
from __future__ import annotations

from collections import Counter, defaultdict

from extractors.analysis import Analysis, NameSpan
from extractors.labels import PER
from models.records import Entity, Mention

MIN_PREFIX = 4  # "Крис" may stand for "Кристофер", "Ал" may not stand for "Александр"


def build_entities(text: str, lang: str, analysis: Analysis) -> tuple[Entity, ...]:
    """Group spans by normal form, attach short person mentions to the full name, order by first mention."""
    groups: dict[str, list[NameSpan]] = defaultdict(list)
    for span in _non_overlapping(analysis.spans):
        groups[span.normal].append(span)
    _attach_short_person_names(groups)
    entities = [_to_entity(name, spans) for name, spans in groups.items()]
    return tuple(sorted(entities, key=lambda e: e.start))


def _non_overlapping(spans: tuple[NameSpan, ...]) -> list[NameSpan]:
    kept: list[NameSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.normal and (not kept or span.start >= kept[-1].end):
            kept.append(span)
    return kept


def _majority_type(spans: list[NameSpan]) -> str:
    return Counter(s.type for s in spans).most_common(1)[0][0]


def _attach_short_person_names(groups: dict[str, list[NameSpan]]) -> None:
    """Fold a one-word person name into the full name it is part of ("Токаев", "Крис" -> "Кристофер Ландау")."""
    full_names = [name for name, spans in groups.items() if " " in name and _majority_type(spans) == PER]
    for short in [name for name, spans in groups.items() if " " not in name and _majority_type(spans) == PER]:
        candidates = [full for full in full_names if _is_part_of(short, full)]
        if candidates:
            target = max(candidates, key=lambda full: len(groups[full]))
            groups[target].extend(groups.pop(short))


def _is_part_of(short: str, full: str) -> bool:
    key = short.lower().replace("ё", "е")
    parts = full.lower().replace("ё", "е").split()
    if key in parts:
        return True
    given = parts[0]
    return len(key) >= MIN_PREFIX and given.startswith(key) and len(parts) > 1


def _to_entity(name: str, spans: list[NameSpan]) -> Entity:
    spans = sorted(spans, key=lambda s: s.start)
    mentions = tuple(Mention(s.text, s.start, s.end) for s in spans)
    return Entity(type=_majority_type(spans), name=name, mentions=mentions)
