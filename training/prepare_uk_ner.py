"""Build Stanza NER data (PER/LOC/ORG, BIO) from NER-UK 2.0 brat files with the run-time Ukrainian tokenizer
(extractors/lang/uk/tokenizer.py).

Writes into training/work/uk/: train.json, dev.json, test.json (Stanza NER format), test_docs.json (raw test
texts + gold character spans, for the span-level score in evaluate_models.py), vec_corpus.txt (lower-cased,
tokenized TRAIN text, one sentence per line, for the word vectors) and split.json (document ids per split).
Dev is split off TRAIN by document (seed 20251121, 10 %); TEST is only written for the final score.
"""
from __future__ import annotations

import json
import os
import pathlib
import random
import tarfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
from diplo.extractors.lang.uk.tokenizer import tokenize  # noqa: E402

# The shared data sit beside the repository (../shared/data); DIPLO_SHARED_DATA points elsewhere.
SHARED_DATA = pathlib.Path(os.environ.get("DIPLO_SHARED_DATA", pathlib.Path(__file__).resolve().parents[2] / "shared" / "data"))
DATA = SHARED_DATA / "ner-uk-v2"
OUT = ROOT / "training" / "work" / "uk"
TYPE_MAP = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC"}
SEED = 20251121
DEV_FRACTION = 0.10


def read_brat(archive: pathlib.Path) -> dict[str, tuple[str, list[tuple[int, int, str]]]]:
    """doc id -> (text, [(start, end, PER|LOC|ORG)]), outermost spans only (nested ones dropped)."""
    docs: dict[str, tuple[str, list[tuple[int, int, str]]]] = {}
    with tarfile.open(archive) as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}
        for name in sorted(n for n in members if n.endswith(".txt")):
            text = tar.extractfile(members[name]).read().decode("utf-8")
            ann = tar.extractfile(members[name[:-4] + ".ann"]).read().decode("utf-8")
            spans = []
            for line in ann.splitlines():
                if not line.startswith("T"):
                    continue  # continuation of a TEXT field that spans a line break
                fields = line.split("\t")
                if len(fields) < 4 or fields[1] not in TYPE_MAP:
                    continue
                spans.append((int(fields[2]), int(fields[3]), TYPE_MAP[fields[1]]))
            spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
            kept: list[tuple[int, int, str]] = []
            for s in spans:
                if kept and s[0] < kept[-1][1]:
                    continue
                kept.append(s)
            docs[name[:-4]] = (text, kept)
    return docs


def to_sentences(text: str, spans: list[tuple[int, int, str]]) -> list[list[dict[str, str]]]:
    """Tokenize, force token splits at entity offsets, tag BIO, and merge sentences an entity crosses."""
    cuts = {o for s in spans for o in s[:2]}
    sents = []
    for sent in tokenize(text):
        toks = []
        for tok, start, end in sent:
            inner = sorted(c for c in cuts if start < c < end)
            bounds = [start, *inner, end]
            for a, b in zip(bounds, bounds[1:]):
                if text[a:b].strip():
                    toks.append((a, b))
        sents.append(toks)
    tagged = []
    for toks in sents:
        row = []
        for a, b in toks:
            tag = "O"
            for s, e, t in spans:
                if s <= a and b <= e:
                    tag = ("B-" if a == s or not text[s:a].strip() else "I-") + t
                    break
            row.append({"text": text[a:b], "ner": tag, "start": a})
        if row and row[0]["ner"].startswith("I-") and tagged:
            tagged[-1].extend(row)  # entity crosses a sentence boundary: keep it in one sentence
        elif row:
            tagged.append(row)
    # first token of an entity gets B- even when forced splits made the first piece punctuation-free
    for row in tagged:
        prev_type = None
        for item in row:
            tag = item["ner"]
            if tag.startswith("I-") and prev_type != tag[2:]:
                item["ner"] = "B-" + tag[2:]
            prev_type = tag[2:] if tag != "O" else None
            del item["start"]
    return tagged


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    train_docs = read_brat(DATA / "brat-train.tar.gz")
    test_docs = read_brat(DATA / "brat-test.tar.gz")
    ids = sorted(train_docs)
    rng = random.Random(SEED)
    dev_ids = set(rng.sample(ids, round(len(ids) * DEV_FRACTION)))
    splits = {"train": [i for i in ids if i not in dev_ids], "dev": sorted(dev_ids), "test": sorted(test_docs)}
    counts = {}
    for split, docs in (("train", train_docs), ("dev", train_docs), ("test", test_docs)):
        sents = [s for i in splits[split] for s in to_sentences(*docs[i])]
        (OUT / f"{split}.json").write_text(json.dumps(sents, ensure_ascii=False), encoding="utf-8")
        counts[split] = {"docs": len(splits[split]), "sentences": len(sents), "tokens": sum(map(len, sents)),
                         "entities": sum(t["ner"].startswith("B-") for s in sents for t in s)}
    gold = [{"id": i, "text": test_docs[i][0], "spans": test_docs[i][1]} for i in splits["test"]]
    (OUT / "test_docs.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    # Word-vector corpus: the whole TRAIN split (train + dev documents), never TEST.
    with open(OUT / "vec_corpus.txt", "w", encoding="utf-8") as f:
        for i in ids:
            for sent in tokenize(train_docs[i][0]):
                f.write(" ".join(t[0].lower() for t in sent) + "\n")
    (OUT / "split.json").write_text(json.dumps({"seed": SEED, "counts": counts, **splits}, indent=1), encoding="utf-8")
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
