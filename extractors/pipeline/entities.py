"""Shared stage: name spans of one article -> one Entity per distinct entity, with all its mentions."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from diplo.extractors.kb.knowledge_base import KnowledgeBase
from diplo.extractors.labels import PER
from diplo.extractors.pipeline.analysis import Analysis, NameSpan
from diplo.extractors.pipeline.language import Language
from diplo.models.records import Entity, Mention

MIN_PREFIX = 4  # "Крис" may stand for "Кристофер", "Ал" may not stand for "Александр"
# A product's model number is no name of a person, place or body: "Boeing-737-800", "Су-35", "Ан-124".
MODEL_NUMBER = re.compile(r"^\S+-\d{2,}(?:-\S+)?$")
MIN_REPEATED = 3  # letters; shorter forms are too often something else
MAX_ENDING = 4  # case endings a surname may carry where the NER missed it: "Гора", "Токаевым", "Трамптын"


def build_entities(text: str, language: Language, analysis: Analysis, kb: KnowledgeBase,
                   body_start: int = 0) -> tuple[Entity, ...]:
    """Group spans by normal form, attach short person mentions to the full name, link, order by first mention."""
    from diplo.extractors.kb.linker import link_entities

    groups: dict[str, list[NameSpan]] = defaultdict(list)
    not_names = language.names.not_names
    for span in _non_overlapping(analysis.spans):
        if span.start >= body_start and span.normal.lower().replace("ё", "е") not in not_names \
                and not MODEL_NUMBER.search(span.normal):
            groups[span.normal].append(span)
    _attach_short_person_names(groups)
    _add_repeated_names(text, language, groups, body_start)
    _add_missed_surnames(text, groups)
    entities = link_entities(text, language, [_to_entity(name, spans) for name, spans in groups.items()], kb, body_start)
    entities = _merge_same_name(entities)
    return tuple(sorted(_merge_same_thing(entities, kb, language), key=lambda e: e.start))


def _merge_same_name(entities: list[Entity]) -> list[Entity]:
    """Linking can give two groups one name (Kyrgyz "Казакстан" and "Казакстандын"): one entity."""
    merged: dict[tuple[str, str], Entity] = {}
    for entity in entities:
        key = (entity.type, entity.name)
        if key in merged:
            entity = _joined(merged[key], entity)
        merged[key] = entity
    return list(merged.values())


def _merge_same_thing(entities: list[Entity], kb: KnowledgeBase, language: Language) -> list[Entity]:
    """One entity per knowledge-base entry: "США", "Соединенные Штаты" and "Соединенные Штаты Америки" are
    one thing, named by its fullest nominative form (most words; among equals the knowledge base's name)."""
    groups: dict[str, list[Entity]] = {}
    single: list[Entity] = []
    for entity in entities:
        if entity.kb_id:
            groups.setdefault(entity.kb_id, []).append(entity)
        else:
            single.append(entity)
    merged = []
    for kb_id, group in groups.items():
        entry = kb.entry(kb_id)
        known = entry.names.get(language.kb_name_language) if entry else None
        fullest = max(group, key=lambda e: (len(e.name.split()), e.name == known, len(e.mentions)))
        main = max(group, key=lambda e: len(e.mentions))  # the type most mentions carry
        joined = group[0]
        for entity in group[1:]:
            joined = _joined(joined, entity)
        merged.append(replace(joined, name=fullest.name, type=main.type))
    return merged + single


def _joined(kept: Entity, other: Entity) -> Entity:
    return replace(kept, mentions=tuple(sorted(kept.mentions + other.mentions, key=lambda m: m.start)))


def _non_overlapping(spans: tuple[NameSpan, ...]) -> list[NameSpan]:
    """Longest first; a span inside a longer one of another type stays ("США" in "Конгресса США")."""
    kept: list[NameSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not span.normal:
            continue
        overlapping = [k for k in kept if k.start < span.end and span.start < k.end]
        if all(k.start <= span.start and span.end <= k.end and k.type != span.type for k in overlapping):
            kept.append(span)
    return kept


def _majority_type(spans: list[NameSpan]) -> str:
    return Counter(s.type for s in spans).most_common(1)[0][0]


def _attach_short_person_names(groups: dict[str, list[NameSpan]]) -> None:
    """Fold a one-word name into the full person name it is part of ("Токаев", "Крис" -> "Кристофер Ландау").

    A one-word name the NER typed otherwise joins too when it is exactly that person's surname:
    within one article "Гор" is Серджио Гор, whatever the tagger said.
    """
    full_names = [name for name, spans in groups.items() if " " in name and _majority_type(spans) == PER]
    for short in [name for name in groups if " " not in name]:
        is_person = _majority_type(groups[short]) == PER
        candidates = [full for full in full_names
                      if (is_person and _is_part_of(short, full)) or (not is_person and _is_surname_of(short, full))]
        if candidates:
            target = max(candidates, key=lambda full: len(groups[full]))
            groups[target].extend(replace(span, type=PER) for span in groups.pop(short))


def _is_surname_of(short: str, full: str) -> bool:
    return short.lower().replace("ё", "е") == full.lower().replace("ё", "е").split()[-1]


def _add_missed_surnames(text: str, groups: dict[str, list[NameSpan]]) -> None:
    """A full-name person's surname elsewhere in the article is a mention too, tagged or not."""
    covered = _covered(groups)
    people = [name for name, spans in groups.items() if " " in name and _majority_type(spans) == PER]
    surnames = Counter(name.split()[-1] for name in people)
    for name in people:
        surname = name.split()[-1]
        if surnames[surname] > 1 or len(surname) < 3:
            continue  # two people share it: a bare surname could be either
        for match in _with_ending([surname]).finditer(text):
            if not _is_ending(match.group(2)):
                continue
            if not _overlaps(covered, match.start(), match.end()):
                groups[name].append(NameSpan(PER, match.start(), match.end(), match.group(), surname))


def _add_repeated_names(text: str, language: Language, groups: dict[str, list[NameSpan]], body_start: int) -> None:
    """A name the tagger found once is a mention wherever else the article writes it: as one of its found
    forms, or as its normal form with a case suffix where the language glues them on ("Нарын", "Нарында")."""
    forms: dict[str, str] = {}
    for name, spans in groups.items():
        for form in {name, *(s.text for s in spans)}:
            if len(form) >= MIN_REPEATED and form[:1].isupper():
                forms.setdefault(form, name)
    if not forms:
        return
    covered = _covered(groups)
    suffixes = set(language.inflection.all_case)
    for match in _with_ending(sorted(forms, key=len, reverse=True)).finditer(text):
        form, ending = match.group(1), match.group(2)
        if match.start() < body_start or (ending and ending.lower() not in suffixes):
            continue
        if _overlaps(covered, match.start(), match.end()):
            continue
        name = forms[form]
        groups[name].append(NameSpan(_majority_type(groups[name]), match.start(), match.end(), match.group(), name))
        covered.append((match.start(), match.end()))


def _with_ending(forms: list[str]) -> re.Pattern:
    """Any of `forms` as a whole word (the first tried first), with up to MAX_ENDING letters glued on:
    group 1 is the form, group 2 the ending."""
    alternatives = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<![\w-])({alternatives})(\w{{0,{MAX_ENDING}}})(?![\w-])")


def _covered(groups: dict[str, list[NameSpan]]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for spans in groups.values() for s in spans]


def _overlaps(covered: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in covered)


def _is_ending(word: str) -> bool:
    """Letters that can be a case ending: none, or small letters only ("Токаевым", "Трамптын")."""
    return all(ch.isalpha() and not ch.isupper() for ch in word)


def _is_part_of(short: str, full: str) -> bool:
    key = short.lower().replace("ё", "е")
    parts = full.lower().replace("ё", "е").split()
    if key in parts:
        return True
    given = parts[0]
    return len(key) >= MIN_PREFIX and given.startswith(key) and len(parts) > 1


def _to_entity(name: str, spans: list[NameSpan]) -> Entity:
    spans = sorted(spans, key=lambda s: s.start)
    mentions = tuple(Mention(s.text, s.start, s.end, s.normal) for s in spans)
    return Entity(type=_majority_type(spans), name=name, mentions=mentions)
