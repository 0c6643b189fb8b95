"""Document-level names, as an analyst sees an article: the distinct (type, name) pairs of each document
against the distinct (type, lemma) pairs of its gold mentions, SlavicNER cross-topic test (ru, uk).

A predicted entity counts as found when its `name`, or the normal form of one of its mentions, is a gold
lemma of its type in that document: an entity is one thing with all the names the article gives it
(`США` and `Соединенные Штаты Америки`), so each of its names that the reader marked is found. Names are
compared lower-cased, ё as е. Precision is over entities, recall over gold (type, lemma) pairs.
`--names-only` counts an entity by its `name` alone (one name per thing).

Usage: python bench/doc_names.py [--lang ru|uk|all] [--split cross-topic_test] [--names-only]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import read_slavicner  # noqa: E402


def key(text: str) -> str:
    return text.lower().replace("ё", "е").strip()


def score(lang: str, split: str, names_only: bool = False) -> tuple[float, float, float, int]:
    from diplo.extractors.pipeline.extractor import get_extractor
    from diplo.models.records import Document

    golds = {g.doc_id: g for g in read_slavicner(lang, split)}
    extractor = get_extractor(lang)
    tp_pred = n_pred = tp_gold = n_gold = 0
    for doc in extractor.map(Document(g.doc_id, None, g.text) for g in golds.values()):
        gold = {(s.type, key(s.lemma)) for s in golds[doc.doc_id].spans if s.lemma}
        found: set[tuple[str, str]] = set()
        for entity in doc.entities:
            names = {key(entity.name)}
            if not names_only:
                names |= {key(m.normal) for m in entity.mentions if m.normal}
            hits = {(entity.type, n) for n in names} & gold
            n_pred += 1
            tp_pred += bool(hits)
            found |= hits
        n_gold += len(gold)
        tp_gold += len(found)
    p, r = tp_pred / max(n_pred, 1), tp_gold / max(n_gold, 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0, len(golds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", default="all", choices=("ru", "uk", "all"))
    parser.add_argument("--split", default="cross-topic_test")
    parser.add_argument("--names-only", action="store_true", help="count an entity by its `name` alone")
    args = parser.parse_args()
    print(f"{'set':24}{'docs':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for lang in ("ru", "uk") if args.lang == "all" else (args.lang,):
        p, r, f, docs = score(lang, args.split, args.names_only)
        print(f"{'slavicner-' + lang + ' ' + args.split:24}{docs:6}{p:8.3f}{r:8.3f}{f:8.3f}")


if __name__ == "__main__":
    main()
