"""The events of many articles as a timeline: one entry per real-world event, in date order (undated last).

Reports are taken most precise first, so that dated reports found the events and vaguer ones join them.
A dated report joins the first event it is the same as (`same_event`, with the stricter rules that hold
across articles). An undated report (no date, no
month) must fit more closely: every person it names must be one of the event's people, or, naming nobody,
its place must be known and agree; and it joins only where exactly one event fits, otherwise it stays an
event of its own.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from diplo.extractors.dates import precision
from diplo.extractors.events.same_event import (
    combine,
    identities,
    identity,
    same_event,
    same_place,
)
from diplo.extractors.labels import PER
from diplo.models.records import Event, Participant, Source, TimelineEntry


@dataclass
class _Cluster:
    event: Event  # the reports combined into one event
    reports: list[tuple[str, Event]] = field(default_factory=list)  # (doc_id, event) as each article gave it


def build_timeline(reports: Iterable[tuple[str, Event]]) -> list[TimelineEntry]:
    """Merge (doc_id, event) reports into timeline entries, sorted by date (undated last)."""
    ordered = sorted(reports, key=lambda item: (-precision(item[1].date), item[1].month is None))
    clusters: list[_Cluster] = []
    for doc_id, event in ordered:
        undated = not event.date and not event.month
        matching = [c for c in clusters if same_event(c.event, event, one_article=False) and (not undated or _fits_closely(c.event, event))]
        if matching and (not undated or len(matching) == 1):
            matching[0].event = combine(matching[0].event, event)
            matching[0].reports.append((doc_id, event))
        else:
            clusters.append(_Cluster(event, [(doc_id, event)]))
    entries = [_entry(c) for c in clusters]
    return sorted(entries, key=lambda e: (e.date is None, e.date or "", e.type))


def _fits_closely(event: Event, report: Event) -> bool:
    """An undated report: all its people are the event's people, or it names none and shares the place."""
    people = identities(p for p in report.participants if p.type == PER)
    if people:
        return people <= identities(p for p in event.participants if p.type == PER)
    return bool(report.location and event.location and same_place(event.location, report.location))


def _entry(cluster: _Cluster) -> TimelineEntry:
    events = [e for _, e in cluster.reports]
    dated = [e for e in events if e.date]
    best = max(dated, key=_date_rank(dated)) if dated else None
    participants: dict[str, Participant] = {}
    for event in events:
        for p in event.participants:
            key = identity(p)
            if key not in participants or (p.role and not participants[key].role):
                participants[key] = p
    return TimelineEntry(
        type=cluster.event.type, status=cluster.event.status,
        date=best.date if best else None, date_end=best.date_end if best else None,
        participants=tuple(participants.values()), location=cluster.event.location,
        sources=tuple(Source(doc_id, e.sentence, e.start, e.end) for doc_id, e in cluster.reports),
    )


def _date_rank(dated: list[Event]):
    """Most precise first; then the (date, date_end) most reports give; then the narrower."""
    counts = Counter((e.date, e.date_end) for e in dated)
    return lambda e: (precision(e.date), counts[(e.date, e.date_end)], e.date_end is None)
