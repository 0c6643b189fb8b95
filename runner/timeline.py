"""`diplo timeline`: the events of many articles, one line per real-world event, in date order.

Reports (the events of `diplo extract` records) are one event when
  1. their type and status are the same;
  2. their dates agree: both dated and overlapping at the coarser precision ('2025-11' and
     '2025-11-06' agree), or one names only a month ("ноябрда" without a publication date) that is the
     other's month; an undated report agrees with any date;
  3. their participants agree: they share a person or body (by Wikidata QID, else canonical name,
     else name), or one of them names nobody;
  4. their places agree where both are known: the same place, or places of one country.
A dated report joins the first event it agrees with. An undated report (no date, no month) must fit
more closely: every person it names must be one of the event's people, or, naming nobody, its place
must be known and agree; and it joins only where exactly one event fits, otherwise it stays an event
of its own.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from extractors.dates import precision
from extractors.events import dates_overlap, same_place
from models.records import Place


@dataclass
class _Cluster:
    type: str
    status: str
    reports: list[tuple[str, dict]] = field(default_factory=list)  # (doc_id, event record)

    @property
    def events(self) -> list[dict]:
        return [e for _, e in self.reports]


def timeline(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge the events of document records into timeline entries, sorted by date (undated last)."""
    reports = [(r["doc_id"], e) for r in records for e in r.get("events", [])]
    # Most precise first, so that dated reports found the events and vaguer ones join them.
    reports.sort(key=lambda item: (-precision(item[1].get("date")), item[1].get("month") is None))
    clusters: list[_Cluster] = []
    for doc_id, event in reports:
        undated = not event.get("date") and not event.get("month")
        matching = [c for c in clusters if _agrees(c, event) and (not undated or _fits_closely(c, event))]
        if matching and (not undated or len(matching) == 1):
            matching[0].reports.append((doc_id, event))
        else:
            clusters.append(_Cluster(event["type"], event["status"], [(doc_id, event)]))
    entries = [_entry(c) for c in clusters]
    return sorted(entries, key=lambda e: (e["date"] is None, e["date"] or "", e["type"]))


def _agrees(cluster: _Cluster, event: dict) -> bool:
    if (cluster.type, cluster.status) != (event["type"], event["status"]):
        return False
    return all(_dates_agree(e, event) and _places_agree(e, event) for e in cluster.events) and \
        _participants_agree(cluster, event)


def _dates_agree(a: dict, b: dict) -> bool:
    if a.get("date") and b.get("date"):
        return dates_overlap(a["date"], a.get("date_end"), b["date"], b.get("date_end"))
    month_a, month_b = _month(a), _month(b)
    return month_a is None or month_b is None or month_a == month_b


def _month(event: dict) -> int | None:
    """The month an event falls in: from its date (within one month), else the month the text names."""
    date = event.get("date")
    if date and precision(date) >= 2:
        end = event.get("date_end") or date
        return int(date[5:7]) if end[:7] == date[:7] else None
    return event.get("month")


def _places_agree(a: dict, b: dict) -> bool:
    place_a, place_b = a.get("location"), b.get("location")
    return not place_a or not place_b or same_place(_place(place_a), _place(place_b))


def _place(record: dict) -> Place:
    return Place(record["name"], record.get("wikidata"), record.get("canonical"), record.get("kb_id"))


def _identity(participant: dict) -> str:
    return participant.get("wikidata") or participant.get("canonical") or participant["name"].lower()


def _participants_agree(cluster: _Cluster, event: dict) -> bool:
    ours = {_identity(p) for e in cluster.events for p in e["participants"]}
    theirs = {_identity(p) for p in event["participants"]}
    return not ours or not theirs or bool(ours & theirs)


def _fits_closely(cluster: _Cluster, event: dict) -> bool:
    """An undated report: all its people are the event's people, or it names none and shares the place."""
    people = {_identity(p) for p in event["participants"] if p.get("type") == "PER"}
    if people:
        ours = {_identity(p) for e in cluster.events for p in e["participants"] if p.get("type") == "PER"}
        return people <= ours
    place = event.get("location")
    return bool(place) and any(e.get("location") and _places_agree(e, event) for e in cluster.events)


def _entry(cluster: _Cluster) -> dict[str, Any]:
    events = cluster.events
    dated = [e for e in events if e.get("date")]
    best = max(dated, key=_date_rank(dated)) if dated else None
    participants: dict[str, dict] = {}
    for event in events:
        for p in event["participants"]:
            key = _identity(p)
            if key not in participants or (p.get("role") and not participants[key].get("role")):
                participants[key] = {"name": p["name"], "canonical": p.get("canonical"),
                                     "wikidata": p.get("wikidata"), "role": p.get("role")}
    places = [e["location"] for e in events if e.get("location")]
    return {
        "type": cluster.type,
        "status": cluster.status,
        "date": best["date"] if best else None,
        "date_end": best.get("date_end") if best else None,
        "participants": list(participants.values()),
        "location": _best_place(places),
        "sources": [{"doc_id": doc_id, "sentence": e["sentence"], "start": e["start"], "end": e["end"]}
                    for doc_id, e in cluster.reports],
    }


def _date_rank(dated: list[dict]):
    """Most precise first; then the (date, date_end) most reports give; then the narrower."""
    counts = Counter((e["date"], e.get("date_end")) for e in dated)
    return lambda e: (precision(e["date"]), counts[(e["date"], e.get("date_end"))], e.get("date_end") is None)


def _best_place(places: list[dict]) -> dict | None:
    """The most specific place named: a city over a country or a building."""
    if not places:
        return None
    place = min(places, key=lambda p: (not (p.get("kb_id") or "").startswith("city/"), -len(places)))
    return {"name": place["name"], "canonical": place.get("canonical"), "wikidata": place.get("wikidata")}


def records_from_jsonl(lines: Iterable[bytes | str]) -> Iterator[dict]:
    import orjson

    for line in lines:
        if line.strip():
            yield orjson.loads(line)
