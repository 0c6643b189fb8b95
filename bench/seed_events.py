"""Event quality on the seed articles against tests/gold/seed_events.yaml.

A gold event is found by a predicted event of the same type and status that names one of its
participants (any, when the gold names none), matched one to one in file order. For a found event,
its date is right when the predicted `date` starts with the gold date at the gold's precision
(a gold day must equal the predicted start day; null must be null), and its place is right when the
predicted location's canonical name is the gold one (a city counts for its country's gold, as the
tool does: Washington for "United States"), or both are null. Optional gold events are neither
required nor counted as false positives.

Usage: python bench/seed_events.py [--verbose]
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

from diplo.extractors.events.same_event import place_country  # noqa: E402
from diplo.extractors.kb.knowledge_base import KnowledgeBase  # noqa: E402
from diplo.extractors.pipeline.extractor import get_extractor  # noqa: E402
from diplo.extractors.pipeline.langid import identify  # noqa: E402
from diplo.models.records import Event  # noqa: E402
from diplo.runner.reading import read_document  # noqa: E402

CORE = ("visit", "credentials", "c5plus1")


def predicted_events(only: set[str] | None = None) -> dict[str, tuple[Event, ...]]:
    result = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        if only and path.stem not in only:
            continue
        doc, _ = read_document(str(path))
        result[path.stem] = get_extractor(identify(doc.text))(doc).events
    return result


def _names(event: Event) -> set[str]:
    return {p.canonical for p in event.participants if p.canonical} | {p.name for p in event.participants}


def _matches(gold: dict, event: Event) -> bool:
    if (gold["type"], gold["status"]) != (event.type, event.status):
        return False
    return not gold.get("who") or bool(set(gold["who"]) & _names(event))


def _date_right(gold: dict, event: Event) -> bool:
    if gold["date"] is None:
        return event.date is None
    return bool(event.date) and event.date[: len(gold["date"])] == gold["date"] and len(event.date) >= len(gold["date"])


def _place_right(gold: dict, event: Event) -> bool:
    if isinstance(gold["location"], list):
        return any(_place_right({**gold, "location": option}, event) for option in gold["location"])
    if gold["location"] is None:
        return event.location is None
    if event.location is None:
        return False
    if gold["location"] in (event.location.canonical, event.location.name):
        return True
    # A city names its country more precisely: Washington is right where the gold says United States.
    entry = next((e for e in KnowledgeBase.load().entries.values() if e.canonical == gold["location"]), None)
    return bool(entry) and entry.id.startswith("country/") and place_country(event.location.kb_id) == entry.country


def score(verbose: bool = False, only: set[str] | None = None) -> dict[str, float]:
    gold_file = yaml.safe_load((ROOT / "tests/gold/seed_events.yaml").read_text(encoding="utf-8"))
    gold_file = {k: v for k, v in gold_file.items() if not only or k in only}
    predicted = predicted_events(only)
    counts = {"core_gold": 0, "core_found": 0, "found": 0, "right": 0, "predicted": 0, "correct": 0}
    for doc_id, gold in gold_file.items():
        events = list(predicted[doc_id])
        unused = list(events)
        for item in gold["events"]:
            match = next((e for e in unused if _matches(item, e)), None)
            core = item["type"] in CORE
            counts["core_gold"] += core
            if match is None:
                if verbose:
                    print(f"{doc_id}: MISSED {item}")
                continue
            unused.remove(match)
            counts["core_found"] += core
            counts["found"] += 1
            right = _date_right(item, match) and _place_right(item, match)
            counts["right"] += right
            if verbose and not right:
                print(f"{doc_id}: WRONG {item['type']}: date {match.date} place {match.location and match.location.canonical} (gold {item['date']}, {item['location']})")
        extras = [e for e in unused if not any(e.type == o["type"] and e.status == o["status"] for o in gold["optional"])]
        counts["predicted"] += len(events) - (len(unused) - len(extras))
        counts["correct"] += len(events) - len(unused)
        if verbose:
            for e in extras:
                print(f"{doc_id}: EXTRA {e.type} {e.status} {e.date} {e.trigger!r} {[p.name for p in e.participants]}")
    return {
        "core_recall": counts["core_found"] / counts["core_gold"],
        "right_date_status_place": counts["right"] / max(counts["found"], 1),
        "precision": counts["correct"] / max(counts["predicted"], 1),
    }


if __name__ == "__main__":
    for name, value in score(verbose="--verbose" in sys.argv).items():
        print(f"{name:26}{value:6.3f}")
