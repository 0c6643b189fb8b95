"""NER quality of the product pipeline: precision / recall / F1 per type (PER, LOC, ORG) and micro.

What runs: `get_extractor(lang).map(...)` on the raw text of each test document (published=None),
exactly as the product would. Every mention of every extracted entity is one predicted span
(start, end, entity type). Matching is EXACT: a predicted span is a true positive when a gold
span has the same start, end and type. Spans are de-duplicated per document on (start, end, type).

Gold (all official TEST splits, nothing else is read; see bench/corpora.py for the readers):

* ru  factru      factRuEval-2016 `testset.tar.gz` (132 docs). Gold = layer-2 object mentions
                  (`.objects`): Person->PER, Org->ORG, Location and LocOrg->LOC; a mention runs
                  from its first to its last layer-1 span. Objects are what the shared task's NER
                  track scored; layer-1 spans are name parts without PER/LOC/ORG types. Objects made
                  only of descriptors or geo adjectives ("компания", "российской") are dropped, as
                  they are not names. The extent keeps descriptor words attached to a name
                  ("мэрии Москвы" ORG), which a name tagger does not mark: a known strictness.
* ru  slavicner   SlavicNER ru, documents of the official cross-topic TEST list (91 docs).
* uk  ner-uk      NER-UK 2.0 `brat-test.tar.gz` (169 docs): PERS->PER, LOC, ORG; the `.txt` as is.
* uk  slavicner   SlavicNER uk, cross-topic TEST list (33 docs).
* ky  kyrgyzner   KyrgyzNER TEST (500 docs): text rebuilt as tokens joined by single spaces,
                  sentences by "\\n"; PERSON->PER, LOCATION->LOC, INSTITUTION / ORGANISATION /
                  BUSINESS->ORG. Its PERSON spans include titles ("Президент Сооронбай Жээнбеков"),
                  so exact match is strict there too.

Overlap: the same counts where a predicted span pairs with a gold span of its type that it overlaps
(one to one), for corpora whose span conventions differ from diplo's (KyrgyzNER keeps titles in
PERSON spans and "Бишкек шаарында" as one LOCATION; diplo's names are bare).

Normal forms (SlavicNER only): among the true-positive mentions, the share whose entity `name`
equals the gold lemma, compared after ё->е, case-sensitively and case-insensitively.

Usage: .venv/bin/python bench/ner_quality.py [--lang ru|uk|ky|all] [--limit N] [--json FILE] [--ship]
       .venv/bin/python bench/ner_quality.py --ship-from bench/results/ner_quality.json
       [--examples K]   (K false positives / negatives per set and type to stderr, for reading)
A set whose models are missing (uk/ky before training) is skipped with a note on stderr; exit 1.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpora import (  # noqa: E402
    TYPES,
    GoldDoc,
    read_factrueval,
    read_kyrgyzner,
    read_ner_uk,
    read_slavicner,
)
from diplo.models.records import Document  # noqa: E402

Span = tuple[int, int, str]  # start, end, type


@dataclass(frozen=True, slots=True)
class EvalSet:
    """One gold test set and the language whose pipeline runs on it."""

    name: str
    lang: str
    read: Callable[[int | None], Iterator[GoldDoc]]
    lemmas: bool = False  # the gold has lemmas: also score entity names


EVAL_SETS = (
    EvalSet("factru", "ru", lambda limit: read_factrueval("testset", limit)),
    EvalSet("slavicner-ru", "ru", lambda limit: read_slavicner("ru", "cross-topic_test", limit), lemmas=True),
    EvalSet("ner-uk", "uk", lambda limit: read_ner_uk("test", limit)),
    EvalSet("slavicner-uk", "uk", lambda limit: read_slavicner("uk", "cross-topic_test", limit), lemmas=True),
    EvalSet("kyrgyzner", "ky", lambda limit: read_kyrgyzner("TEST", limit)),
)
# For tuning rules: the development parts (factRuEval's devset, SlavicNER's cross-topic train list).
DEV_SETS = (
    EvalSet("factru-dev", "ru", lambda limit: read_factrueval("devset", limit)),
    EvalSet("slavicner-ru-train", "ru", lambda limit: read_slavicner("ru", "cross-topic_train", limit), lemmas=True),
    EvalSet("slavicner-uk-train", "uk", lambda limit: read_slavicner("uk", "cross-topic_train", limit), lemmas=True),
    EvalSet("ner-uk-dev", "uk", lambda limit: read_ner_uk("dev", limit)),
    EvalSet("kyrgyzner-dev", "ky", lambda limit: read_kyrgyzner("DEV", limit)),
)


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives of one type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(slots=True)
class LemmaCounts:
    """Correctly found mentions whose entity name (and whose own normal form) equals the gold lemma.

    SlavicNER's lemma is the lemma of the mention: "Биби" for "Биби", where diplo's entity name is the
    full name "Асия Биби" (a surname joins the full name of the article). The mention's own `normal`
    is the like-for-like comparison; both are reported.
    """

    found: int = 0
    same: int = 0
    same_nocase: int = 0
    same_mention: int = 0


@dataclass(slots=True)
class SetResult:
    """Everything measured on one set."""

    name: str
    lang: str
    docs: int = 0
    counts: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    lemmas: LemmaCounts | None = None
    misaligned: int = 0  # predicted mentions whose text is not text[start:end] (a product bug)
    seconds: float = 0.0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def micro(self, overlap: bool = False) -> Counts:
        total = Counts()
        for counts in (self.overlap if overlap else self.counts).values():
            total.add(counts)
        return total


def predicted_spans(doc: Document) -> dict[Span, str]:
    """Every entity mention as (start, end, type) -> (the entity's name, the mention's own normal form)."""
    spans: dict[Span, str] = {}
    for entity in doc.entities:
        for mention in entity.mentions:
            spans.setdefault((mention.start, mention.end, entity.type), (entity.name, mention.normal or entity.name))
    return spans


def match(gold: Iterable[Span], predicted: Iterable[Span]) -> dict[str, Counts]:
    """Exact-match counts per type."""
    gold, predicted = set(gold), set(predicted)
    counts = {t: Counts() for t in TYPES}
    for span in gold & predicted:
        counts[span[2]].tp += 1
    for span in predicted - gold:
        if span[2] in counts:
            counts[span[2]].fp += 1
    for span in gold - predicted:
        counts[span[2]].fn += 1
    return counts


def match_overlapping(gold: Iterable[Span], predicted: Iterable[Span]) -> dict[str, Counts]:
    """Overlap counts per type: a gold span and a predicted span of its type that share a character
    are a pair; each span is paired at most once (gold in text order, each with the first free one)."""
    counts = {t: Counts() for t in TYPES}
    free = sorted(set(predicted))
    for start, end, label in sorted(set(gold)):
        pair = next((p for p in free if p[2] == label and p[0] < end and start < p[1]), None)
        if pair is None:
            counts[label].fn += 1
        else:
            counts[label].tp += 1
            free.remove(pair)
    for span in free:
        if span[2] in counts:
            counts[span[2]].fp += 1
    return counts


def normalise(name: str) -> str:
    return name.replace("ё", "е").replace("Ё", "Е")


def lemma_counts(gold: GoldDoc, predicted: dict[Span, tuple[str, str]]) -> LemmaCounts:
    """Among exact true positives: does the entity name (the mention's normal form) equal the gold lemma (ё->е)?"""
    result = LemmaCounts()
    for span in gold.spans:
        names = predicted.get((span.start, span.end, span.type))
        if names is None or span.lemma is None:
            continue
        name, normal = names
        result.found += 1
        result.same += normalise(name) == normalise(span.lemma)
        result.same_nocase += normalise(name).lower() == normalise(span.lemma).lower()
        result.same_mention += normalise(normal) == normalise(span.lemma)
    return result


def evaluate(eval_set: EvalSet, limit: int | None = None, examples: int = 0) -> SetResult:
    """Run the pipeline of `eval_set.lang` over the set's documents and score it."""
    from diplo.extractors.pipeline.extractor import get_extractor

    result = SetResult(eval_set.name, eval_set.lang, lemmas=LemmaCounts() if eval_set.lemmas else None)
    started = time.perf_counter()
    extractor = get_extractor(eval_set.lang)
    golds: dict[str, GoldDoc] = {}

    def documents() -> Iterator[Document]:
        for gold in eval_set.read(limit):
            golds[gold.doc_id] = gold
            yield Document(gold.doc_id, None, gold.text, published=None)

    for doc in extractor.map(documents()):
        gold = golds.pop(doc.doc_id)
        predicted = predicted_spans(doc)
        result.misaligned += sum(m.text != doc.text[m.start:m.end] for e in doc.entities for m in e.mentions)
        gold_spans = {(s.start, s.end, s.type) for s in gold.spans}
        for label, counts in match(gold_spans, predicted).items():
            result.counts[label].add(counts)
        for label, counts in match_overlapping(gold_spans, predicted).items():
            result.overlap[label].add(counts)
        if result.lemmas is not None:
            found = lemma_counts(gold, predicted)
            result.lemmas.found += found.found
            result.lemmas.same += found.same
            result.lemmas.same_nocase += found.same_nocase
            result.lemmas.same_mention += found.same_mention
            if examples:
                for span in gold.spans:
                    names = predicted.get((span.start, span.end, span.type))
                    if names is not None and span.lemma and normalise(names[1]) != normalise(span.lemma):
                        _example(result, "lemma", f"{span.text!r}: gold {span.lemma!r}, normal {names[1]!r}, name {names[0]!r}", examples)
        if examples:
            for start, end, label in sorted(set(predicted) - gold_spans):
                _example(result, f"FP {label}", f"{doc.text[start:end]!r} ({doc.doc_id})", examples)
            for start, end, label in sorted(gold_spans - set(predicted)):
                _example(result, f"FN {label}", f"{doc.text[start:end]!r} ({doc.doc_id})", examples)
        result.docs += 1
    result.seconds = time.perf_counter() - started
    return result


def _example(result: SetResult, key: str, line: str, limit: int) -> None:
    bucket = result.examples.setdefault(key, [])
    if len(bucket) < limit:
        bucket.append(line)


def print_tables(results: list[SetResult]) -> None:
    for overlap in (False, True):
        print("overlap (same type, any shared character)" if overlap else "exact spans")
        print(f"{'set':14}{'lang':5}{'docs':>5}  {'type':6}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>7}{'R':>7}{'F1':>7}")
        for res in results:
            by_type = res.overlap if overlap else res.counts
            rows = [(t, by_type[t]) for t in TYPES] + [("micro", res.micro(overlap))]
            for label, counts in rows:
                p, r, f = counts.prf()
                print(f"{res.name:14}{res.lang:5}{res.docs:>5}  {label:6}{counts.tp + counts.fn:>6}"
                      f"{counts.tp + counts.fp:>6}{counts.tp:>6}{p:7.3f}{r:7.3f}{f:7.3f}")
        print()
    lemma_rows = [res for res in results if res.lemmas is not None]
    if lemma_rows:
        print(f"{'set':14}{'found':>6}{'name=lemma':>12}{'ignoring case':>15}{'mention normal=lemma':>22}")
        for res in lemma_rows:
            lem = res.lemmas
            share = lem.same / lem.found if lem.found else 0.0
            share_nocase = lem.same_nocase / lem.found if lem.found else 0.0
            share_mention = lem.same_mention / lem.found if lem.found else 0.0
            print(f"{res.name:14}{lem.found:>6}{share:12.3f}{share_nocase:15.3f}{share_mention:22.3f}")
        print()
    print(f"{'set':14}{'wall s':>8}{'misaligned mentions':>21}")
    for res in results:
        print(f"{res.name:14}{res.seconds:8.1f}{res.misaligned:>21}")


def as_json(results: list[SetResult]) -> dict:
    out = {}
    for res in results:
        rows = {t: res.counts[t] for t in TYPES} | {"micro": res.micro()}
        out[res.name] = {
            "lang": res.lang, "docs": res.docs, "seconds": round(res.seconds, 2), "misaligned": res.misaligned,
            "scores": {label: {"tp": c.tp, "fp": c.fp, "fn": c.fn, **dict(zip("prf", c.prf()))}
                       for label, c in rows.items()},
            "overlap": {label: {"tp": c.tp, "fp": c.fp, "fn": c.fn, **dict(zip("prf", c.prf()))}
                        for label, c in ({t: res.overlap[t] for t in TYPES} | {"micro": res.micro(True)}).items()},
        }
        if res.lemmas is not None:
            lem = res.lemmas
            out[res.name]["lemmas"] = {"found": lem.found, "same": lem.same, "same_nocase": lem.same_nocase,
                                       "same_mention": lem.same_mention}
    return out


# The set whose figures `diplo models` shows for each language: its official NER test split.
SHIPPED_SET = {"ru": "factru", "uk": "ner-uk", "ky": "kyrgyzner"}
SET_NAMES = {"factru": "factRuEval-2016 test", "ner-uk": "NER-UK 2.0 test", "kyrgyzner": "KyrgyzNER test"}
LANG_DIR = ROOT / "extractors" / "lang"


def ship_scores(figures: dict, measured: str) -> None:
    """Write each language's test figures (one basis for all: the whole pipeline, exact spans) to
    extractors/lang/<lang>/scores.json, where `diplo models` reads them."""
    for lang, name in SHIPPED_SET.items():
        if name not in figures:
            continue
        scores = figures[name]["scores"]
        shipped = {
            "basis": "whole diplo pipeline, exact span match (start, end, type), official test split, never tuned on",
            "data": f"{SET_NAMES[name]} ({figures[name]['docs']} documents)",
            "measured": measured,
            "test": {label: {"p": round(v["p"], 4), "r": round(v["r"], 4), "f1": round(v["f"], 4)}
                     for label, v in scores.items()},
        }
        (LANG_DIR / lang / "scores.json").write_bytes(orjson.dumps(shipped, option=orjson.OPT_INDENT_2) + b"\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=("ru", "uk", "ky", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="documents per set (default: all)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    parser.add_argument("--examples", type=int, default=0, help="print K error examples per set and kind to stderr")
    parser.add_argument("--dev", action="store_true", help="score the development parts instead (for tuning rules)")
    parser.add_argument("--ship", action="store_true",
                        help="also write each language's test figures to extractors/lang/<lang>/scores.json")
    parser.add_argument("--ship-from", type=Path, default=None, metavar="JSON",
                        help="only write the scores.json files from an earlier --json FILE, without measuring")
    args = parser.parse_args(argv)
    if args.ship_from:
        ship_scores(orjson.loads(args.ship_from.read_bytes()), f"python bench/ner_quality.py --json {args.ship_from}")
        return 0

    from diplo.extractors.errors import DiploError

    results, skipped = [], 0
    for eval_set in DEV_SETS if args.dev else EVAL_SETS:
        if args.lang in ("all", eval_set.lang):
            try:
                result = evaluate(eval_set, args.limit, args.examples)
            except DiploError as error:  # e.g. the uk/ky models are not trained yet
                print(f"[{eval_set.name}] skipped: {error}", file=sys.stderr)
                skipped += 1
                continue
            results.append(result)
            for key, lines in sorted(result.examples.items()):
                print(f"[{result.name}] {key}:", *lines, sep="\n    ", file=sys.stderr)
    print_tables(results)
    if args.json:
        args.json.write_bytes(orjson.dumps(as_json(results), option=orjson.OPT_INDENT_2))
    if args.ship and not args.dev and args.limit is None:
        ship_scores(as_json(results), "python bench/ner_quality.py --ship")
    return 1 if skipped else 0


if __name__ == "__main__":
    sys.exit(main())
