"""Shared stage: dated diplomatic events of one article, from the declarative rules of its language.

For each sentence: find rule triggers (lemma sequences), check the rule's context, then collect
participants near the trigger, a place, a date and the status. Reports of one event in several
sentences are merged, keeping the most precise date.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from extractors.analysis import Analysis, Sentence, Token
from extractors.dates import find_dates, precision
from extractors.event_rules import EventRules, Phrase, Rule, event_rules
from extractors.labels import LOC, OCCURRED, ORG, PLANNED
from models.records import DateSpan, Document, Entity, Event, Participant, Place

STATUS_WINDOW = 6  # tokens around a trigger searched for planned markers and future verbs


@dataclass(frozen=True, slots=True)
class _Mention:
    entity: Entity
    start: int
    end: int
    token: int  # index of its first token in the sentence


def find_events(doc: Document, lang: str, analysis: Analysis, entities: tuple[Entity, ...]) -> tuple[Event, ...]:
    rules = event_rules(lang)
    found: list[Event] = []
    for sentence in analysis.sentences:
        if sentence.end <= doc.body_start or not sentence.tokens:
            continue
        mentions = _mentions_in(sentence, entities)
        taken: set[int] = set()  # trigger tokens already used by an earlier rule
        for rule in rules.rules:
            if not _context_holds(rule, sentence, doc.text):
                continue
            for first, last in _trigger_matches(rule, sentence):
                if taken & set(range(first, last)):
                    continue
                taken.update(range(first, last))
                found.append(_event(doc, lang, rules, rule, sentence, first, last, mentions))
    return tuple(_merge_reports(found))


def _mentions_in(sentence: Sentence, entities: tuple[Entity, ...]) -> list[_Mention]:
    starts = [t.start for t in sentence.tokens]
    mentions = []
    for entity in entities:
        for m in entity.mentions:
            if sentence.start <= m.start < sentence.end:
                mentions.append(_Mention(entity, m.start, m.end, max(bisect.bisect_right(starts, m.start) - 1, 0)))
    return sorted(mentions, key=lambda m: m.start)


def _matches_at(phrase: Phrase, tokens: tuple[Token, ...], i: int) -> bool:
    if i + len(phrase) > len(tokens):
        return False
    return all(word.matches(tokens[i + k].lemma, tokens[i + k].text.lower()) for k, word in enumerate(phrase))


def _trigger_matches(rule: Rule, sentence: Sentence) -> list[tuple[int, int]]:
    matches = []
    i = 0
    tokens = sentence.tokens
    while i < len(tokens):
        longest = max((len(p) for p in rule.triggers if _matches_at(p, tokens, i)), default=0)
        if longest:
            matches.append((i, i + longest))
            i += longest
        else:
            i += 1
    return matches


def _context_holds(rule: Rule, sentence: Sentence, text: str) -> bool:
    sentence_text = text[sentence.start:sentence.end]
    for group in rule.context:
        if not (any(p.search(sentence_text) for p in group.patterns)
                or any(_matches_at(phrase, sentence.tokens, i) for phrase in group.phrases for i in range(len(sentence.tokens)))):
            return False
    return True


def _event(doc: Document, lang: str, rules: EventRules, rule: Rule, sentence: Sentence,
           first: int, last: int, mentions: list[_Mention]) -> Event:
    tokens = sentence.tokens
    status = rule.status or (PLANNED if _sounds_planned(rules, tokens, first, last) else OCCURRED)
    date = _date_for(doc, lang, sentence, first, last, PLANNED if status == PLANNED else OCCURRED)
    if date and date.date and doc.published and status == OCCURRED and _after(date.date, doc.published):
        status = PLANNED
        date = _date_for(doc, lang, sentence, first, last, PLANNED)
    near = [m for m in mentions if _distance(m, first, last) <= rule.window]
    participants = _participants(rule, near, first)
    start, end = tokens[first].start, tokens[last - 1].end
    body_start = max(sentence.start, doc.body_start)
    return Event(
        type=rule.type, status=status,
        date=date.date if date else None, date_end=date.date_end if date else None,
        date_text=date.text if date else None,
        participants=participants, location=_location(rules, near, tokens, first),
        trigger=doc.text[start:end], sentence=doc.text[body_start:sentence.end].strip(),
        start=start, end=end, cameo=rule.cameo[status],
    )


def _distance(mention: _Mention, first: int, last: int) -> int:
    if mention.token < first:
        return first - mention.token
    return max(mention.token - last + 1, 0)


def _sounds_planned(rules: EventRules, tokens: tuple[Token, ...], first: int, last: int) -> bool:
    lo, hi = max(first - STATUS_WINDOW, 0), min(last + STATUS_WINDOW, len(tokens))
    for i in range(lo, hi):
        if tokens[i].tense == "Fut" or any(_matches_at(p, tokens, i) for p in rules.planned_markers):
            return True
    return False


def _date_for(doc: Document, lang: str, sentence: Sentence, first: int, last: int, status: str) -> DateSpan | None:
    """The date expression of the trigger's sentence closest to it, not one owned by another verb."""
    start = max(sentence.start, doc.body_start)
    tense = "future" if status == PLANNED else "past"
    dates = find_dates(doc.text, lang, doc.published, start=start, end=sentence.end, tense=tense)
    trigger_start, trigger_end = sentence.tokens[first].start, sentence.tokens[last - 1].end
    usable = [d for d in dates if not _verb_between(sentence.tokens, d, trigger_start, trigger_end)]
    if not usable:
        return None
    return min(usable, key=lambda d: (max(d.start - trigger_end, trigger_start - d.end, 0), -precision(d.date)))


def _verb_between(tokens: tuple[Token, ...], date: DateSpan, trigger_start: int, trigger_end: int) -> bool:
    lo, hi = (date.end, trigger_start) if date.end <= trigger_start else (trigger_end, date.start)
    return any(t.pos == "VERB" and t.tense and lo <= t.start and t.end <= hi for t in tokens)


def _after(date: str, published: str) -> bool:
    """True when `date` (any precision) lies wholly after the publication day."""
    return date > published[: len(date)]


def _participants(rule: Rule, near: list[_Mention], first: int) -> tuple[Participant, ...]:
    seen: dict[str, Participant] = {}
    for mention in near:
        entity = mention.entity
        if entity.type not in rule.participants or entity.name in seen:
            continue
        role = rule.roles.get("before" if mention.token < first else "after")
        seen[entity.name] = Participant(entity.name, entity.type, role, entity.wikidata, entity.canonical)
    return tuple(seen.values())


def _location(rules: EventRules, near: list[_Mention], tokens: tuple[Token, ...], first: int) -> Place | None:
    """A place or body the text puts the event in ("в Вашингтоне", "Вашингтондо"), nearest the trigger."""
    starts = [t.start for t in tokens]
    candidates = []
    for mention in near:
        if mention.entity.type not in (LOC, ORG):
            continue
        index = bisect.bisect_left(starts, mention.start)
        preceded = index > 0 and tokens[index - 1].text.lower() in rules.location_prepositions
        suffixed = any(mention.entity.mentions and _ends_with(mention, suffix) for suffix in rules.location_suffixes)
        if preceded or suffixed:
            rank = (mention.entity.type != LOC, mention.token < first, abs(mention.token - first))
            candidates.append((rank, mention.entity))
    if not candidates:
        return None
    entity = min(candidates, key=lambda c: c[0])[1]
    return Place(entity.name, entity.wikidata, entity.canonical)


def _ends_with(mention: _Mention, suffix: str) -> bool:
    text = next((m.text for m in mention.entity.mentions if m.start == mention.start), "")
    return text.lower().endswith(suffix)


def _merge_reports(events: list[Event]) -> list[Event]:
    """One event per real-world event of the article: same type and status, compatible dates, people and place."""
    merged: list[Event] = []
    for event in events:
        for i, kept in enumerate(merged):
            if _same_event(kept, event):
                merged[i] = _combine(kept, event)
                break
        else:
            merged.append(event)
    return merged


def _same_event(a: Event, b: Event) -> bool:
    if a.type != b.type or a.status != b.status:
        return False
    if a.date and b.date and not _dates_overlap(a, b):
        return False
    if a.location and b.location and a.location.name != b.location.name and not _same_place(a.location, b.location):
        return False
    names_a, names_b = {p.name for p in a.participants}, {p.name for p in b.participants}
    return not names_a or not names_b or bool(names_a & names_b)


def _same_place(a: Place, b: Place) -> bool:
    return bool(a.canonical and a.canonical == b.canonical)


def _dates_overlap(a: Event, b: Event) -> bool:
    a_end, b_end = a.date_end or a.date, b.date_end or b.date
    width = min(len(a.date), len(b.date))
    return a.date[:width] <= b_end[:width] and b.date[:width] <= a_end[:width]


def _combine(a: Event, b: Event) -> Event:
    base, other = (b, a) if precision(b.date) > precision(a.date) else (a, b)
    names = {p.name for p in base.participants}
    participants = base.participants + tuple(p for p in other.participants if p.name not in names)
    return replace(base, participants=participants, location=base.location or other.location)
