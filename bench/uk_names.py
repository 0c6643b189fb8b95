"""Ukrainian normal forms (issue 12): lemmas of proper names in BRUK, and agreement in diplo's output.

* BRUK disambig TEST (`../shared/data/bruk/disambig-split.txt`, never tuned on; `--split TRAIN` is the
  development part): each run of consecutive capitalised `prop` tokens of one kind (person, place, other)
  in a sentence is a name, typed by its tags
  (fname / lname / patr: PER; geo: LOC; other: ORG). Its words go to diplo's Ukrainian normal forms as the
  pipeline hands them over, and each word is compared with its gold lemma (ignoring case, ё as е).
* SlavicNER uk cross-topic test through the whole pipeline: of the entity names and mention normal forms
  where an adjective stands before a noun, the share whose adjective has no nominative reading that
  agrees with a nominative reading of the noun in number and gender ("Європейські рада").

Usage: python bench/uk_names.py [--split TEST|TRAIN] [--examples K]
"""
from __future__ import annotations

import argparse
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import data_dir, read_slavicner  # noqa: E402
from doc_names import key  # noqa: E402

PERSON_TAGS = ("fname", "lname", "patr")


def bruk_names(split: str) -> list[list[tuple[str, str, str]]]:
    """Names of the BRUK disambig files of a split: lists of (form, lemma, tags)."""
    lines = (data_dir() / "bruk" / "disambig-split.txt").read_text(encoding="utf-8").split()
    files = set(lines[lines.index(split) + 1:] if split == "TEST" else lines[1:lines.index("TEST")])
    names = []
    with tarfile.open(data_dir() / "bruk" / "disambig.tar.gz") as archive:
        for member in archive.getmembers():
            if not member.isfile() or Path(member.name).stem not in files:
                continue
            root = ET.fromstring(archive.extractfile(member).read())
            for sentence in root.iter("sentence"):
                run: list[tuple[str, str, str]] = []
                for token in sentence.iter("token"):
                    tags = token.get("tags", "")
                    if ":prop" in tags and token.get("value", "")[:1].isupper():
                        if run and _kind(run[-1][2]) != _kind(tags):  # "НАТО Петр Луняк": two names
                            names.append(run)
                            run = []
                        run.append((token.get("value", ""), token.get("lemma", ""), tags))
                        continue
                    if run:
                        names.append(run)
                    run = []
                if run:
                    names.append(run)
    return names


def _kind(tags: str) -> str:
    return "person" if any(t in tags for t in PERSON_TAGS) else "geo" if "geo" in tags else "other"


def name_type(run: list[tuple[str, str, str]]) -> str:
    if any(t in tags for _, _, tags in run for t in PERSON_TAGS):
        return "PER"
    return "LOC" if any("geo" in tags for _, _, tags in run) else "ORG"


def lemma_accuracy(split: str, examples: int) -> tuple[int, int]:
    from diplo.extractors.morphology.pymorphy import Word
    from diplo.extractors.pipeline.language import get_language

    inflector = get_language("uk").morphology
    right = total = shown = 0
    for run in bruk_names(split):
        normal = inflector.normal_name([Word(form) for form, _, _ in run], name_type(run)).split()
        for i, (form, lemma, _) in enumerate(run):
            total += 1
            if i < len(normal) and key(normal[i]) == key(lemma):
                right += 1
            elif shown < examples:
                print(f"lemma  {' '.join(f for f, _, _ in run)!r}: gold {lemma!r}, normal {' '.join(normal)!r}",
                      file=sys.stderr)
                shown += 1
    return right, total


def disagreements(examples: int) -> tuple[int, int]:
    """(phrases whose adjective disagrees with its noun, phrases with an adjective before a noun)."""
    from diplo.extractors.morphology.pymorphy import analyzer
    from diplo.extractors.pipeline.extractor import get_extractor
    from diplo.models.records import Document

    morph = analyzer("uk")

    def readings(word: str, pos: set[str]) -> set[tuple[str, str | None]]:
        return {("plur" if "plur" in p.tag.grammemes else "sing", None if "plur" in p.tag.grammemes else p.tag.gender)
                for p in morph.parse(word.lower()) if p.tag.POS in pos and p.tag.case == "nomn"}

    names: set[str] = set()
    golds = list(read_slavicner("uk", "cross-topic_test"))
    for doc in get_extractor("uk").map(Document(g.doc_id, None, g.text) for g in golds):
        for entity in doc.entities:
            names.add(entity.name)
            names.update(m.normal for m in entity.mentions if m.normal)
    checked = wrong = shown = 0
    for name in sorted(names):
        words = name.split()
        for adjective, noun in zip(words, words[1:]):
            adj, nou = readings(adjective, {"ADJF", "PRTF"}), readings(noun, {"NOUN"})
            if not adj or not nou or readings(adjective, {"NOUN"}):
                continue  # not an adjective before a noun (or a word that is also a noun: "Рада")
            checked += 1
            if not adj & nou:
                wrong += 1
                if shown < examples:
                    print(f"agree  {name!r}", file=sys.stderr)
                    shown += 1
            break
    return wrong, checked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("TEST", "TRAIN"), default="TEST")
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args(argv)
    right, total = lemma_accuracy(args.split, args.examples)
    print(f"BRUK disambig {args.split}: proper-name words whose normal form is the gold lemma: "
          f"{right / max(total, 1):.3f} ({right} of {total})")
    wrong, checked = disagreements(args.examples)
    print(f"SlavicNER uk cross-topic test: adjective-noun names that disagree: {wrong} of {checked} "
          f"({wrong / max(checked, 1):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
