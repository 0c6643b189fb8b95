"""Entity quality on the seed articles against tests/gold/seed_entities.yaml (distinct type + normal form).

Usage: python bench/seed_quality.py [--verbose]
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

from diplo.extractors.pipeline.extractor import get_extractor  # noqa: E402
from diplo.extractors.pipeline.langid import identify  # noqa: E402
from diplo.runner.reading import read_document  # noqa: E402

TYPES = ("PER", "LOC", "ORG")


def gold_pairs(entry: dict) -> tuple[set[tuple[str, str]], set[str]]:
    return {(t, name) for t in TYPES for name in entry[t]}, set(entry["optional"])


def score(found: set, gold: set, optional: set) -> tuple[int, int, int]:
    found = {pair for pair in found if pair[1] not in optional}
    return len(found & gold), len(found - gold), len(gold - found)


def seed_scores(verbose: bool = False) -> dict[str, tuple[float, float, float]]:
    gold = yaml.safe_load((ROOT / "tests/gold/seed_entities.yaml").read_text(encoding="utf-8"))
    totals: dict[str, list[int]] = {}
    for doc_id, entry in gold.items():
        doc, _ = read_document(str(ROOT / "seeds" / f"{doc_id}.txt"))
        lang = identify(doc.text)
        result = get_extractor(lang)(doc)
        found = {(e.type, e.name) for e in result.entities}
        pairs, optional = gold_pairs(entry)
        tp, fp, fn = score(found, pairs, optional)
        group = "ru" if lang == "ru" else lang
        totals.setdefault(group, [0, 0, 0])
        for i, n in enumerate((tp, fp, fn)):
            totals[group][i] += n
        if verbose:
            print(f"{doc_id} ({lang}): tp={tp} fp={fp} fn={fn}")
            for pair in sorted({p for p in found if p[1] not in optional} - pairs):
                print("   extra:  ", *pair)
            for pair in sorted(pairs - found):
                print("   missing:", *pair)
    return {lang: _prf(*counts) for lang, counts in totals.items()}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


if __name__ == "__main__":
    results = seed_scores(verbose="--verbose" in sys.argv)
    print(f"{'lang':6}{'P':>8}{'R':>8}{'F1':>8}")
    for lang, (p, r, f) in sorted(results.items()):
        print(f"{lang:6}{p:8.3f}{r:8.3f}{f:8.3f}")
