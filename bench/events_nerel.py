"""Diplomatic-event recall of the Russian pipeline on NEREL v1.1 TEST (`test.tar.gz`, 93 documents).

Gold events. NEREL marks EVENT mentions (the trigger) and links them with relations:
AGENT / PARTICIPANT_IN (participant -> event), TAKES_PLACE_IN (event -> place) and
POINT_IN_TIME (event -> DATE/TIME). A gold EVENT counts as diplomatic when its trigger text
contains a word whose pymorphy3 lemma is in DIPLOMATIC_LEMMAS and none in EXCLUDED_LEMMAS;
a signing word (SIGNING_LEMMAS) counts only with an agreement noun (AGREEMENT_LEMMAS) in the
trigger or within SIGNING_WINDOW words around it, and never with a law / decree / contract word.
These lists were chosen by reading every EVENT trigger of the TRAIN and DEV parts only (e.g.
"встреча с избирателями", "финальные встречи чемпионата", "подписал закон / указ / контракт",
"гастрольное турне", "прибыл самолёт", "пресс-конференция", "заседание", the historical
"встреча на Эльбе" / "встреча войск" are not diplomatic);
the TEST part is read only to measure.

Pipeline. `get_extractor("ru")` on each test document's raw text, published=None (NEREL
documents have no known publication date).

Matching.
* Event: a gold event is found when a predicted event's trigger span [start, end) overlaps a
  fragment of the gold trigger span. The arguments of all overlapping predicted events are pooled.
* Participant (gold AGENT / PARTICIPANT_IN whose argument is a PERSON, ORGANIZATION, COUNTRY,
  CITY or STATE_OR_PROVINCE; other kinds such as PROFESSION are left out and counted): found when
  loosely equal to a predicted participant's name, see `same_name`: the lower-cased pymorphy3
  lemma (ё->е) of the last word of one name is among the word lemmas of the other.
* Place (gold TAKES_PLACE_IN): the predicted location's name, by the same `same_name` rule.
* Time (gold POINT_IN_TIME): the predicted `date_text` occurs in the document at a position that
  overlaps the gold DATE/TIME span (date_text carries no offsets, so every occurrence is tried).
Argument recall is computed over the found events only.

Rough precision signal: predicted events in the test documents whose trigger overlaps no gold
EVENT at all (NEREL does not annotate every event the tool extracts), and those overlapping only
a non-selected (non-diplomatic) gold EVENT.

Usage: .venv/bin/python bench/events_nerel.py [--limit N] [--json FILE] [--verbose]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpora import BratEntity, NerelDoc, read_nerel  # noqa: E402
from diplo.models.records import Document, Event  # noqa: E402

# Triggers that are diplomatic events by themselves (visit, talks, meeting, summit, call,
# agreement, invitation, credentials). Lemmas as pymorphy3 gives them, ё written е.
DIPLOMATIC_LEMMAS = frozenset({
    "визит", "посетить", "посещение", "поездка",
    "переговоры", "переговорить", "встреча", "встретиться", "беседа", "разговор", "созвониться",
    "саммит",
    "соглашение", "договор", "договоренность", "меморандум", "конвенция", "пакт",
    "приглашение", "пригласить",
    "верительный",
})
# Seen in TRAIN/DEV with a diplomatic lemma but about something else.
EXCLUDED_LEMMAS = frozenset({"избиратель", "чемпионат", "финальный", "турнир", "матч", "флорбол", "пресс",
                             "эльба", "войско", "таинственный"})
SIGNING_LEMMAS = frozenset({"подписать", "подписание", "подписывать", "подписанный"})
AGREEMENT_LEMMAS = frozenset({"соглашение", "договор", "меморандум", "конвенция", "пакт", "договоренность",
                              "декларация", "коммюнике"})
NOT_AGREEMENT_LEMMAS = frozenset({"закон", "указ", "распоряжение", "контракт", "акт", "законопроект"})
SIGNING_WINDOW = 6

PARTICIPANT_TYPES = frozenset({"PERSON", "ORGANIZATION", "COUNTRY", "CITY", "STATE_OR_PROVINCE"})
WORD = re.compile(r"\w+(?:-\w+)*")


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=100_000)
def lemma(word: str) -> str:
    """Lower-cased pymorphy3 lemma, ё->е."""
    parses = _morph().parse(word.lower())
    return (parses[0].normal_form if parses else word.lower()).replace("ё", "е")


def lemmas(text: str) -> list[str]:
    return [lemma(word) for word in WORD.findall(text)]


def is_diplomatic(trigger: BratEntity, text: str) -> bool:
    """Whether a gold EVENT trigger is a diplomatic one (see the module docstring)."""
    words = set(lemmas(trigger.text))
    if words & EXCLUDED_LEMMAS or words & NOT_AGREEMENT_LEMMAS:
        return False
    if words & DIPLOMATIC_LEMMAS:
        return True
    if words & SIGNING_LEMMAS:
        before = lemmas(text[:trigger.start])[-SIGNING_WINDOW:]
        after = lemmas(text[trigger.end:])[:SIGNING_WINDOW]
        return bool(set(before + after) & AGREEMENT_LEMMAS)
    return False


def same_name(gold: str, predicted: str) -> bool:
    """Loose name equality: the last word's lemma of either name is among the other's lemmas."""
    gold_lemmas, predicted_lemmas = lemmas(gold), lemmas(predicted)
    if not gold_lemmas or not predicted_lemmas:
        return False
    return gold_lemmas[-1] in predicted_lemmas or predicted_lemmas[-1] in gold_lemmas


def overlaps(start: int, end: int, fragments: Iterable[tuple[int, int]]) -> bool:
    return any(start < f_end and f_start < end for f_start, f_end in fragments)


def date_matches(date_text: str | None, text: str, gold: BratEntity) -> bool:
    """Some occurrence of the predicted date_text in the document overlaps the gold date span."""
    if not date_text:
        return False
    return any(overlaps(m.start(), m.end(), gold.fragments) for m in re.finditer(re.escape(date_text), text))


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """A selected diplomatic gold EVENT with its arguments."""

    doc_id: str
    trigger: BratEntity
    participants: tuple[BratEntity, ...]
    places: tuple[BratEntity, ...]
    times: tuple[BratEntity, ...]
    other_participants: int  # AGENT / PARTICIPANT_IN arguments of kinds not scored (PROFESSION, ...)


def gold_events(doc: NerelDoc) -> list[GoldEvent]:
    """The diplomatic EVENT mentions of one document, with their relations."""
    events = []
    for entity in doc.entities.values():
        if entity.type != "EVENT" or not is_diplomatic(entity, doc.text):
            continue
        people = [doc.entities[r.arg1] for r in doc.relations
                  if r.arg2 == entity.id and r.type in ("AGENT", "PARTICIPANT_IN")]
        places = [doc.entities[r.arg2] for r in doc.relations if r.arg1 == entity.id and r.type == "TAKES_PLACE_IN"]
        times = [doc.entities[r.arg2] for r in doc.relations if r.arg1 == entity.id and r.type == "POINT_IN_TIME"]
        scored = tuple(p for p in people if p.type in PARTICIPANT_TYPES)
        events.append(GoldEvent(doc.doc_id, entity, scored, tuple(places), tuple(times), len(people) - len(scored)))
    return sorted(events, key=lambda e: e.trigger.start)


@dataclass(slots=True)
class Hits:
    """Found / total."""

    found: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.found += ok

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 0.0


@dataclass(slots=True)
class Result:
    """Everything measured."""

    docs: int = 0
    events: Hits = field(default_factory=Hits)
    participants: Hits = field(default_factory=Hits)
    places: Hits = field(default_factory=Hits)
    times: Hits = field(default_factory=Hits)
    unscored_participants: int = 0
    predicted: int = 0
    predicted_no_gold: int = 0
    predicted_other_gold: int = 0
    predicted_types: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    log: list[str] = field(default_factory=list)


def score_document(doc: NerelDoc, predicted: tuple[Event, ...], result: Result) -> None:
    """Add one document's gold events and predicted events to `result`."""
    gold = gold_events(doc)
    for event in gold:
        hits = [p for p in predicted if overlaps(p.start, p.end, event.trigger.fragments)]
        result.events.add(bool(hits))
        result.unscored_participants += event.other_participants
        line = f"{doc.doc_id} {event.trigger.text!r}: " + ("found " + ",".join(p.type for p in hits) if hits else "MISSED")
        if not hits:
            result.log.append(line)
            continue
        names = [part.name for p in hits for part in p.participants]
        places = [p.location.name for p in hits if p.location]
        for person in event.participants:
            ok = any(same_name(person.text, name) for name in names)
            result.participants.add(ok)
            line += f"\n    participant {person.text!r} {'ok' if ok else 'missed'}"
        for place in event.places:
            ok = any(same_name(place.text, name) for name in places)
            result.places.add(ok)
            line += f"\n    place {place.text!r} {'ok' if ok else 'missed'}"
        for when in event.times:
            ok = any(date_matches(p.date_text, doc.text, when) for p in hits)
            result.times.add(ok)
            line += f"\n    time {when.text!r} {'ok' if ok else 'missed'}"
        line += f"\n    predicted participants {names}, places {places}, dates {[p.date_text for p in hits]}"
        result.log.append(line)
    all_events = [e for e in doc.entities.values() if e.type == "EVENT"]
    selected = {id(e.trigger) for e in gold}
    for p in predicted:
        result.predicted += 1
        result.predicted_types[p.type] = result.predicted_types.get(p.type, 0) + 1
        overlapping = [e for e in all_events if overlaps(p.start, p.end, e.fragments)]
        if not overlapping:
            result.predicted_no_gold += 1
            result.log.append(f"{doc.doc_id} predicted {p.type} {p.trigger!r} overlaps no gold EVENT")
        elif not any(id(e) in selected for e in overlapping):
            result.predicted_other_gold += 1
            result.log.append(f"{doc.doc_id} predicted {p.type} {p.trigger!r} overlaps non-diplomatic "
                              f"gold {[e.text for e in overlapping]}")


def evaluate(limit: int | None = None, split: str = "test") -> Result:
    """Run the Russian pipeline over NEREL `split` and score it."""
    from diplo.extractors.pipeline.extractor import get_extractor

    result = Result()
    started = time.perf_counter()
    extractor = get_extractor("ru")
    docs = {doc.doc_id: doc for doc in read_nerel(split, limit)}
    inputs = (Document(doc_id, None, doc.text, published=None) for doc_id, doc in docs.items())
    for output in extractor.map(inputs):
        score_document(docs[output.doc_id], output.events, result)
        result.docs += 1
    result.seconds = time.perf_counter() - started
    return result


def print_table(result: Result) -> None:
    print(f"NEREL v1.1 test, {result.docs} documents, pipeline ru")
    print(f"{'measure':34}{'found':>7}{'total':>7}{'recall':>8}")
    for label, hits in (("diplomatic gold events", result.events), ("participants (of found events)", result.participants),
                        ("places (of found events)", result.places), ("times (of found events)", result.times)):
        print(f"{label:34}{hits.found:>7}{hits.total:>7}{hits.share:8.3f}")
    print()
    print(f"gold AGENT/PARTICIPANT_IN arguments not scored (PROFESSION etc.): {result.unscored_participants}")
    types = ", ".join(f"{k} {v}" for k, v in sorted(result.predicted_types.items()))
    print(f"predicted events: {result.predicted} ({types})")
    print(f"  overlapping no gold EVENT at all:           {result.predicted_no_gold}")
    print(f"  overlapping only non-diplomatic gold EVENTs: {result.predicted_other_gold}")
    print(f"wall time: {result.seconds:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="documents (default: all 93)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    parser.add_argument("--verbose", action="store_true", help="list every gold and unmatched event on stderr")
    args = parser.parse_args(argv)
    result = evaluate(args.limit)
    if args.verbose:
        print(*result.log, sep="\n", file=sys.stderr)
    print_table(result)
    if args.json:
        figures = {name: {"found": h.found, "total": h.total, "recall": h.share}
                   for name, h in (("events", result.events), ("participants", result.participants),
                                   ("places", result.places), ("times", result.times))}
        figures |= {"docs": result.docs, "predicted": result.predicted, "predicted_no_gold": result.predicted_no_gold,
                    "predicted_other_gold": result.predicted_other_gold, "predicted_types": result.predicted_types,
                    "unscored_participants": result.unscored_participants, "seconds": round(result.seconds, 2)}
        args.json.write_bytes(orjson.dumps(figures, option=orjson.OPT_INDENT_2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
