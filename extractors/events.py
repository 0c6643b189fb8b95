"""Shared stage: dated diplomatic events of one article (rules in lexicons/<lang>/events.yaml)."""
from __future__ import annotations

from extractors.analysis import Analysis
from models.records import Entity, Event


def find_events(text: str, lang: str, published: str | None, analysis: Analysis,
                entities: tuple[Entity, ...]) -> tuple[Event, ...]:
    return ()
