"""Kyrgyz proper names in UD KTMU: are they found, and is their normal form the dictionary form? (issue 13)

Each proper name of the treebank (a PROPN token written with a capital letter; lower-case PROPN such as
"коронавирус" are not names an analyst looks for) is looked up in diplo's output:

* coverage: the share of those tokens inside some mention of some entity;
* lemma: of the covered ones, the share whose word in the mention's `normal` equals the gold lemma
  (compared ignoring case; the word is the one at the token's position in the mention).

Sentences are grouped ten to a document, joined by line breaks, and run through the whole pipeline as
the product runs it. `--split test` is the official test file (never tuned on); `--split train` is the
development set (the shipped lemmatizer was trained on it, so its lemmas are better there than on
unseen text).

Usage: python bench/ky_names.py [--split test|train] [--examples K]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import data_dir  # noqa: E402

SENTENCES_PER_DOCUMENT = 10


@dataclass(frozen=True, slots=True)
class ProperName:
    doc_id: str
    start: int
    end: int
    form: str
    lemma: str


def read_ktmu(split: str) -> tuple[dict[str, str], list[ProperName]]:
    """Documents (id -> text) and the capitalised PROPN tokens in them, with offsets into the text."""
    path = data_dir() / "ud-kyrgyz-ktmu" / f"ky_ktmu-ud-{split}.conllu"
    sentences: list[tuple[str, list[tuple[str, str, str]]]] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        text, words = "", []
        for line in block.splitlines():
            if line.startswith("# text = "):
                text = line[len("# text = "):]
            elif line and not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():
                    words.append((cols[1], cols[2], cols[3]))
        if text:
            sentences.append((text, words))
    documents: dict[str, str] = {}
    names: list[ProperName] = []
    for first in range(0, len(sentences), SENTENCES_PER_DOCUMENT):
        doc_id, offset, lines = str(first // SENTENCES_PER_DOCUMENT), 0, []
        for text, words in sentences[first:first + SENTENCES_PER_DOCUMENT]:
            position = 0
            for form, lemma, upos in words:
                found = text.find(form, position)
                if found < 0:
                    continue  # a form the text writes otherwise: skip it, keep the others aligned
                position = found + len(form)
                if upos == "PROPN" and form[:1].isupper():
                    names.append(ProperName(doc_id, offset + found, offset + position, form, lemma))
            lines.append(text)
            offset += len(text) + 1
        documents[doc_id] = "\n".join(lines)
    return documents, names


def normal_word(text: str, start: int, end: int, normal: str, position: int) -> str | None:
    """The word of `normal` at the position of the text word at `position` (generic words such as "шаары"
    that a normal form drops come after the name, so the name's words keep their places), or None."""
    normal_words = normal.split()
    before = text[start:position]
    index = len(before.split()) - (1 if before and not before[-1].isspace() else 0)  # mid-word: that word
    return normal_words[index] if 0 <= index < len(normal_words) else None


def main(argv: list[str] | None = None) -> int:
    from diplo.extractors.pipeline.extractor import get_extractor
    from diplo.models.records import Document

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("test", "train"), default="test")
    parser.add_argument("--examples", type=int, default=0, help="print K misses and K wrong lemmas to stderr")
    args = parser.parse_args(argv)

    documents, names = read_ktmu(args.split)
    mentions: dict[str, list] = {}
    for doc in get_extractor("ky").map(Document(doc_id, None, text) for doc_id, text in documents.items()):
        mentions[doc.doc_id] = [m for entity in doc.entities for m in entity.mentions]
    covered = right = 0
    problems: Counter[str] = Counter()
    for name in names:
        text = documents[name.doc_id]
        mention = next((m for m in mentions[name.doc_id] if m.start <= name.start and name.end <= m.end), None)
        if mention is None:
            if problems["missed"] < args.examples:
                print(f"missed  {name.form!r}: {text[max(0, name.start - 40):name.end + 40]!r}", file=sys.stderr)
            problems["missed"] += 1
            continue
        covered += 1
        word = normal_word(text, mention.start, mention.end, mention.normal or "", name.start)
        if word is not None and word.lower() == name.lemma.lower():
            right += 1
        else:
            if problems["lemma"] < args.examples:
                print(f"lemma   {name.form!r}: gold {name.lemma!r}, normal {mention.normal!r} of {mention.text!r}",
                      file=sys.stderr)
            problems["lemma"] += 1
    print(f"UD KTMU {args.split}: {len(names)} proper names (capitalised PROPN) in {len(documents)} documents")
    print(f"inside a mention      {covered / max(len(names), 1):.3f}  ({covered})")
    print(f"normal = gold lemma   {right / max(covered, 1):.3f}  ({right} of {covered})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
