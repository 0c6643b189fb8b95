"""When two reports are one real-world event: decided once, for the reports of one article and across articles.

Two reports (Event records) are one event when
  1. their type and status are the same;
  2. their dates agree: both dated and overlapping at the coarser precision ('2025-11' and
     '2025-11-05'..'2025-11-06' agree), or one names only a month without a year ("ноябрда" in an article
     without a publication date) that is the other's month; an undated report agrees with any date;
  3. they come from one sentence (in one article, or reprinted in two); or else
  4. their places agree where both are known (the same place, or places of one country); and
  5. they share a person or body (by Wikidata QID, else canonical name, else name), or one of them names
     nobody.
Within one article the narrative holds the reports together, so two rules are looser there: reports that
share someone may name different places (the same people travel on: "Узбекистан и Казахстан"), and
reports of a multilateral event (a summit, an agreement) may name different parties.
An event built from several reports is compared as one record: `combine` keeps the most precise date,
every participant and the most specific place.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from diplo.extractors.dates import precision
from diplo.extractors.kb.knowledge_base import KnowledgeBase
from diplo.extractors.kb.linker import kind_of
from diplo.models.records import Event, Participant, Place

MULTILATERAL = ("c5plus1", "agreement")
FOLD_LISTED = 3  # people a loose "meeting" lists when it is a report of a multilateral C5+1 event


def same_event(a: Event, b: Event, *, one_article: bool) -> bool:
    """Whether two reports (or events built from reports) are one real-world event."""
    if a.type != b.type or a.status != b.status or not dates_agree(a, b):
        return False
    if a.sentence == b.sentence:
        return True  # "визит ... от прилета в Вашингтон": one sentence, one event of a type
    people_a, people_b = identities(a.participants), identities(b.participants)
    shared = bool(people_a & people_b)
    if not places_agree(a, b) and not (one_article and shared):
        return False
    return shared or not people_a or not people_b or (one_article and a.type in MULTILATERAL)


def combine(a: Event, b: Event) -> Event:
    """One event from two reports of it: the more precise date, every participant, the more specific place."""
    base, other = (b, a) if precision(b.date) > precision(a.date) else (a, b)
    names = {p.name for p in base.participants}
    participants = base.participants + tuple(p for p in other.participants if p.name not in names)
    places = [p for p in (base.location, other.location) if p]
    location = min(places, key=lambda p: kind_of(p.kb_id) != "city") if places else None  # the city is more precise
    return replace(base, participants=participants, location=location)


def merge_reports(events: Iterable[Event]) -> list[Event]:
    """One event per real-world event of an article: each report joins the first event it is the same as."""
    merged: list[Event] = []
    for event in events:
        for i, kept in enumerate(merged):
            if same_event(kept, event, one_article=True):
                merged[i] = combine(kept, event)
                break
        else:
            merged.append(event)
    return merged


def identity(participant: Participant) -> str:
    """Who a participant is, across articles: Wikidata QID, else canonical name, else the name."""
    return participant.wikidata or participant.canonical or participant.name.lower()


def identities(participants: Iterable[Participant]) -> set[str]:
    return {identity(p) for p in participants}


def dates_agree(a: Event, b: Event) -> bool:
    if a.date and b.date:
        return dates_overlap(a.date, a.date_end, b.date, b.date_end)
    month_a, month_b = event_month(a), event_month(b)
    return month_a is None or month_b is None or month_a == month_b


def event_month(event: Event) -> int | None:
    """The month an event falls in: from its date (within one month), else the month the text names."""
    if event.date and precision(event.date) >= 2:
        end = event.date_end or event.date
        return int(event.date[5:7]) if end[:7] == event.date[:7] else None
    return event.month


def dates_overlap(a: str, a_end: str | None, b: str, b_end: str | None) -> bool:
    """Compare at the coarser precision: '2025-11' overlaps '2025-11-05'..'2025-11-06'."""
    a_end, b_end = a_end or a, b_end or b
    width = min(len(a), len(b))
    return a[:width] <= b_end[:width] and b[:width] <= a_end[:width]


def places_agree(a: Event, b: Event) -> bool:
    return not a.location or not b.location or same_place(a.location, b.location)


def same_place(a: Place, b: Place) -> bool:
    """The same place, or places of one country (Вашингтон / США / Белый дом)."""
    if a.name == b.name or (a.kb_id and a.kb_id == b.kb_id):
        return True
    country = place_country(a.kb_id)
    return country is not None and country == place_country(b.kb_id)


def place_country(kb_id: str | None) -> str | None:
    """ISO code of the country a place or body of the knowledge base is in."""
    entry = KnowledgeBase.load().entry(kb_id)
    return entry.country if entry else None


def fold_loose_meetings(events: list[Event]) -> list[Event]:
    """A dateless 'meeting' reports a C5+1 event of the article when it shares someone with it and lists
    several people ("Среди участников встречи — президенты ...") or is at its place ("перед саммитом в
    Белом доме"), or names nobody and is at its place. Its participants join the C5+1 event. Two people
    meeting elsewhere ("Блінкен зустрівся з Токаєвим") is a meeting of their own."""
    result = list(events)
    for event in events:
        if event.type != "meeting" or event.date:
            continue
        names = {p.name for p in event.participants}
        for i, summit in enumerate(result):
            shared = names & {p.name for p in summit.participants}
            same_venue = bool(event.location and summit.location and same_place(event.location, summit.location))
            if summit.type == "c5plus1" and summit.status == event.status and (
                    (shared and (len(names) >= FOLD_LISTED or same_venue)) or (not names and same_venue)):
                known = {p.name for p in summit.participants}
                extra = tuple(p for p in event.participants if p.name not in known)
                result[i] = replace(summit, participants=summit.participants + extra)
                result.remove(event)
                break
    return result
