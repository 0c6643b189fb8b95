"""`diplo timeline`, the I/O side: document records in, timeline entries out, as dicts.

Which reports are one event, and what each entry keeps, is decided on records by
`diplo.extractors.events.timeline` (with the same `same_event` that merges reports within an article).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from diplo.extractors.events.timeline import build_timeline
from diplo.runner.output import event_from_record, timeline_record


def timeline(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge the events of `diplo extract` records into timeline entries, sorted by date (undated last).

    Records are one per article, or the one-per-event lines of `--flat`; an article given twice (the same
    `sha256`: a .jsonl and its .txt, or a line repeated after a kill) counts once.
    """
    reports = [(doc_id, event_from_record(event)) for doc_id, event in _reports(records)]
    return [timeline_record(entry) for entry in build_timeline(reports)]


def _reports(records: Iterable[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    seen: set[str] = set()
    for record in records:
        kind = record.get("kind")
        if kind == "event":  # a --flat line: the event itself, with its article's doc_id
            yield record["doc_id"], record
            continue
        if kind is not None:  # a --flat entity line
            continue
        sha256 = record.get("sha256")
        if sha256:
            if sha256 in seen:
                continue
            seen.add(sha256)
        for event in record.get("events", []):
            yield record["doc_id"], event
