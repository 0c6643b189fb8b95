"""Build Stanza NER data (PER/LOC/ORG, BIO) from KyrgyzNER, and the Kyrgyz word-vector corpus.

Writes into training/work/ky/: train.json, dev.json, test.json, split.json and vec_corpus.txt.
* Tags: PERSON->PER, LOCATION->LOC, INSTITUTION/ORGANISATION/BUSINESS->ORG, every other type->O; a
  sentence-initial I- (or an I- after another type) starts a span.
* Lines are split on TAB only. KyrgyzNER tokens may hold spaces ("кабыл алды"); the run-time tokenizer
  (trained on UD KTMU) never produces such tokens, so they are split on whitespace here, the first piece
  keeping the tag and the others getting I- of the same type.
* Dev = 10 % of TRAIN documents (seed 20251121). TEST is written only for the final score.
* vec_corpus.txt: lower-cased tokens of all KyrgyzNER TRAIN sentences + UD KTMU TRAIN sentences (never TEST).
"""
from __future__ import annotations

import json
import os
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parents[1]
# The shared data sit beside the repository (../shared/data); DIPLO_SHARED_DATA points elsewhere.
SHARED_DATA = pathlib.Path(os.environ.get("DIPLO_SHARED_DATA", pathlib.Path(__file__).resolve().parents[2] / "shared" / "data"))
DATA = SHARED_DATA / "kyrgyzner"
KTMU_TRAIN = SHARED_DATA / "ud-kyrgyz-ktmu/ky_ktmu-ud-train.conllu"
OUT = ROOT / "training" / "work" / "ky"
TYPE_MAP = {"PERSON": "PER", "LOCATION": "LOC", "INSTITUTION": "ORG", "ORGANISATION": "ORG", "BUSINESS": "ORG"}
SEED = 20251121
DEV_FRACTION = 0.10


def read_kyrgyzner(path: pathlib.Path) -> list[dict]:
    sents: list[dict] = []
    cur: dict | None = None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# "):
            _, doc, _ = map(int, line[2:].split())
            cur = {"doc": doc, "tokens": [], "tags": []}
            sents.append(cur)
        elif line and cur is not None:
            tok, _, _, tag = line.split("\t")
            cur["tokens"].append(tok)
            cur["tags"].append(tag)
    return sents


def convert(sent: dict) -> list[dict[str, str]]:
    row = []
    prev = None
    for tok, tag in zip(sent["tokens"], sent["tags"]):
        etype = TYPE_MAP.get(tag[2:]) if tag != "O" else None
        pieces = tok.split()
        if not pieces:
            continue
        for k, piece in enumerate(pieces):
            if etype is None:
                ner = "O"
            elif k == 0 and (tag.startswith("B-") or prev != etype):
                ner = "B-" + etype
            else:
                ner = "I-" + etype
            row.append({"text": piece, "ner": ner})
        prev = etype
    return row


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    train = read_kyrgyzner(DATA / "KyrgyzNER_TRAIN.txt")
    test = read_kyrgyzner(DATA / "KyrgyzNER_TEST.txt")
    doc_ids = sorted({s["doc"] for s in train})
    dev_docs = set(random.Random(SEED).sample(doc_ids, round(len(doc_ids) * DEV_FRACTION)))
    parts = {
        "train": [convert(s) for s in train if s["doc"] not in dev_docs],
        "dev": [convert(s) for s in train if s["doc"] in dev_docs],
        "test": [convert(s) for s in test],
    }
    counts = {}
    for name, sents in parts.items():
        sents = [s for s in sents if s]
        (OUT / f"{name}.json").write_text(json.dumps(sents, ensure_ascii=False), encoding="utf-8")
        counts[name] = {"sentences": len(sents), "tokens": sum(map(len, sents)),
                        "entities": sum(t["ner"].startswith("B-") for s in sents for t in s)}
    split = {"seed": SEED, "counts": counts, "dev_docs": sorted(dev_docs),
             "train_docs": [d for d in doc_ids if d not in dev_docs]}
    (OUT / "split.json").write_text(json.dumps(split, indent=1), encoding="utf-8")
    with open(OUT / "vec_corpus.txt", "w", encoding="utf-8") as f:
        for s in train:
            f.write(" ".join(p.lower() for t in s["tokens"] for p in t.split()) + "\n")
        forms: list[str] = []
        for line in KTMU_TRAIN.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                if forms:
                    f.write(" ".join(forms) + "\n")
                forms = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():
                    forms.append(cols[1].lower().replace(" ", "_"))
        if forms:
            f.write(" ".join(forms) + "\n")
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
