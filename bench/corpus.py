"""Benchmark corpora of real news text, one directory of .txt articles per language.

Sources (all read straight from the archives in shared/data, nothing is extracted to disk but the articles):
* ru: seeds 000, 003, 004, then NEREL v1.1 texts (train, dev, test), then factRuEval-2016 texts (devset, testset);
* uk: seed 002, then NER-UK 2.0 brat texts (brat-train, brat-test);
* ky: seed 001, then KyrgyzNER documents rebuilt from their tokens (TRAIN, TEST), then 24.kg topic articles.

When fewer distinct texts exist than asked for, the list is cycled and each repeat gets one appended line
("(copy K)") so that every article has its own content hash (diplo's --state and dedup see new articles).

Usage: python bench/corpus.py [--lang ru|uk|ky|all] [-n 1000] [--out bench/work]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
import tarfile
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEFAULT_OUT = ROOT / "bench" / "work"
DEFAULT_N = 1000
LANGS = ("ru", "uk", "ky")
SHARED_DATA_ENV = "DIPLO_SHARED_DATA"
# Shorter texts are headlines or fragments; language identification may refuse them, which would turn a
# speed benchmark into an error-path benchmark.
MIN_CHARS = 200

SEED_FILES = {"ru": ("000", "003", "004"), "uk": ("002",), "ky": ("001",)}


def shared_data() -> Path:
    """shared/data next to the checkout (…/shared/data), or $DIPLO_SHARED_DATA."""
    override = os.environ.get(SHARED_DATA_ENV)
    path = Path(override) if override else Path(__file__).resolve().parents[2] / "shared" / "data"
    if not path.is_dir():
        raise SystemExit(f"shared data not found at {path}; set {SHARED_DATA_ENV} to the shared/data directory")
    return path


def _seed_texts(lang: str) -> Iterator[str]:
    for prefix in SEED_FILES[lang]:
        for path in sorted(SEEDS.glob(f"{prefix}_*.txt")):
            yield path.read_text(encoding="utf-8-sig")


def _tar_texts(archive: Path, suffix: str = ".txt") -> Iterator[str]:
    """The .txt members of a brat-style archive, in name order."""
    with tarfile.open(archive) as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(suffix)), key=lambda m: m.name)
        for member in members:
            yield tar.extractfile(member).read().decode("utf-8-sig")


def _kyrgyzner_texts(path: Path) -> Iterator[str]:
    """One text per document number: tokens joined with spaces (tokens may themselves hold spaces)."""
    docs: dict[int, list[str]] = {}
    doc = None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("# "):
                doc = int(line[2:].split()[1])
                docs.setdefault(doc, [])
            elif line and doc is not None:
                docs[doc].append(line.split("\t")[0].strip())
    for number in sorted(docs):
        yield " ".join(token for token in docs[number] if token)


def _24kg_texts(path: Path) -> Iterator[str]:
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["text"]


def _sources(lang: str) -> Iterator[str]:
    data = shared_data()
    yield from _seed_texts(lang)
    if lang == "ru":
        for name in ("train", "dev", "test"):
            yield from _tar_texts(data / "nerel-v1.1" / f"{name}.tar.gz")
        for name in ("devset", "testset"):
            yield from _tar_texts(data / "factrueval-2016" / f"{name}.tar.gz")
    elif lang == "uk":
        for name in ("brat-train", "brat-test"):
            yield from _tar_texts(data / "ner-uk-v2" / f"{name}.tar.gz")
    elif lang == "ky":
        for name in ("KyrgyzNER_TRAIN.txt", "KyrgyzNER_TEST.txt"):
            yield from _kyrgyzner_texts(data / "kyrgyzner" / name)
        for name in ("qad-train_1000.csv", "qad-test_0500.csv"):
            yield from _24kg_texts(data / "kyrgyz-24kg-topics" / name)
    else:
        raise SystemExit(f"unknown language {lang!r}; known: {', '.join(LANGS)}")


@lru_cache(maxsize=None)
def source_texts(lang: str) -> tuple[str, ...]:
    """The distinct real texts of `lang` (at least MIN_CHARS characters), seeds first, in source order."""
    return tuple(text for text in raw_texts(lang) if _is_article(text, lang))


@lru_cache(maxsize=None)
def raw_texts(lang: str) -> tuple[str, ...]:
    """`source_texts` before diplo's language identification picks the prose: what that identification is
    counted from (training/build_langid.py)."""
    seen: set[str] = set()
    texts = []
    for text in _sources(lang):
        text = text.strip("\ufeff")
        key = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()
        if len(text.strip()) < MIN_CHARS or key in seen:
            continue
        seen.add(key)
        texts.append(text)
    return tuple(texts)


def _is_article(text: str, lang: str) -> bool:
    """Prose in `lang`, as diplo identifies it: the archives also hold file lists and metadata."""
    from diplo.extractors.errors import InputError
    from diplo.extractors.pipeline.langid import identify

    try:
        return identify(text) == lang
    except InputError:
        return False


def cycle_distinct(texts: Iterable[str], n: int) -> list[str]:
    """The first `n` texts, cycling when there are fewer; every repeat gets its own appended line."""
    texts = list(texts)
    if not texts:
        raise ValueError("no texts to cycle")
    out = []
    for i in range(n):
        copy, index = divmod(i, len(texts))
        text = texts[index]
        out.append(text if copy == 0 else f"{text.rstrip()}\n\n(copy {copy})\n")
    return out


def corpus_texts(lang: str, n: int = DEFAULT_N) -> list[str]:
    """`n` distinct texts of `lang`, built from the real sources."""
    return cycle_distinct(source_texts(lang), n)


def build(lang: str, n: int = DEFAULT_N, out: Path = DEFAULT_OUT) -> list[Path]:
    """Write `n` articles of `lang` to out/<lang>-<n>/NNNNN.txt (reused when already complete); return the paths.

    Each size gets its own directory so that `diplo extract DIR` sees exactly n articles.
    """
    directory = Path(out) / f"{lang}-{n}"
    paths = [directory / f"{i:05d}.txt" for i in range(n)]
    stamp = directory / ".complete"
    if stamp.is_file() and all(p.is_file() for p in paths):
        return paths
    directory.mkdir(parents=True, exist_ok=True)
    for path, text in zip(paths, corpus_texts(lang, n)):
        path.write_text(text, encoding="utf-8")
    stamp.write_text(f"{n}\n", encoding="utf-8")
    return paths


def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=(*LANGS, "all"), default="all")
    parser.add_argument("-n", type=int, default=DEFAULT_N, help=f"articles per language (default {DEFAULT_N})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default bench/work)")
    args = parser.parse_args()
    print(f"{'lang':<5} {'distinct sources':>16} {'articles':>9} {'chars':>11}  directory")
    for lang in LANGS if args.lang == "all" else (args.lang,):
        paths = build(lang, args.n, args.out)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
        print(f"{lang:<5} {len(source_texts(lang)):>16} {len(paths):>9} {chars:>11}  {paths[0].parent}")


if __name__ == "__main__":
    _main()
