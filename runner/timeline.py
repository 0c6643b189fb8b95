"""`diplo timeline`, the I/O side: document records in, timeline entries out, as dicts.

Which reports are one event, and what each entry keeps, is decided on records by
`diplo.extractors.events.timeline` (with the same `same_event` that merges reports within an article).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from diplo.extractors.events.timeline import build_timeline
from diplo.runner.output import event_from_record, timeline_record


def timeline(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge the events of `diplo extract` records into timeline entries, sorted by date (undated last)."""
    reports = [(record["doc_id"], event_from_record(event)) for record in records for event in record.get("events", [])]
    return [timeline_record(entry) for entry in build_timeline(reports)]
