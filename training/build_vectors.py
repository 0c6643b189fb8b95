"""Train 100-d skip-gram FastText vectors with gensim and convert them to a Stanza pretrain file.

Usage: python training/build_vectors.py --lang uk --corpus A.txt [B.txt ...] --out training/work/uk/pretrain.pt
Each corpus file: one tokenized, lower-cased sentence per line (tokens separated by single spaces).
Writes <out>, <out>.vec.txt (word2vec text) and <out>.json (what went in: files, sha256, sizes, settings).
Only text whose license allows shipping next to a CC BY-NC-SA model may go in (see training/README.md).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", required=True)
    ap.add_argument("--corpus", nargs="+", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--min_count", type=int, default=1)
    ap.add_argument("--max_vocab", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1234)
    args = ap.parse_args()

    from gensim.models import FastText
    from stanza.models.common.pretrain import Pretrain

    sentences = []
    sources = []
    for path in args.corpus:
        raw = pathlib.Path(path).read_bytes()
        lines = [ln.split() for ln in raw.decode("utf-8").splitlines() if ln.strip()]
        sentences.extend(lines)
        sources.append({"file": path, "sha256": hashlib.sha256(raw).hexdigest(), "sentences": len(lines),
                        "tokens": sum(map(len, lines))})
    t0 = time.time()
    model = FastText(vector_size=args.dim, sg=1, window=5, min_count=args.min_count, workers=2,
                     seed=args.seed, epochs=args.epochs, min_n=3, max_n=6)
    model.build_vocab(corpus_iterable=sentences)
    model.train(corpus_iterable=sentences, total_examples=len(sentences), epochs=args.epochs)
    words = model.wv.index_to_key[: args.max_vocab]  # sorted by frequency
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    vec_txt = out.with_suffix(".vec.txt")
    with open(vec_txt, "w", encoding="utf-8") as f:
        f.write(f"{len(words)} {args.dim}\n")
        for w in words:
            f.write(w + " " + " ".join(f"{x:.5f}" for x in model.wv[w]) + "\n")
    if out.exists():
        out.unlink()
    pt = Pretrain(str(out), str(vec_txt))
    pt.load()  # reads the text vectors and writes the .pt file
    record = {"lang": args.lang, "sources": sources, "vocab": len(pt.vocab), "dim": args.dim,
              "gensim": {"model": "FastText", "sg": 1, "window": 5, "min_count": args.min_count,
                         "epochs": args.epochs, "min_n": 3, "max_n": 6, "seed": args.seed, "workers": 2},
              "seconds": round(time.time() - t0, 1)}
    out.with_suffix(".json").write_text(json.dumps(record, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(record))


if __name__ == "__main__":
    main()
