"""The Ukrainian word-vector corpus from BRUK plain texts (issue 12), tokenized as diplo tokenizes at run time.

Writes training/work/uk/bruk_corpus.txt: one lower-cased, tokenized sentence per line. BRUK's archive already
lacks the files holding NER-UK 2.0 TEST documents (see ../shared/data/bruk/README.md), so no test text goes in.
License: CC BY-NC-SA 4.0, the same as NER-UK 2.0, which the shipped model inherits.
"""
from __future__ import annotations

import tarfile

from prepare_uk_ner import OUT, SHARED_DATA, tokenize


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    sentences = tokens = 0
    with tarfile.open(SHARED_DATA / "bruk" / "texts.tar.gz") as archive, \
            open(OUT / "bruk_corpus.txt", "w", encoding="utf-8") as corpus:
        for member in sorted(archive.getmembers(), key=lambda m: m.name):
            if not (member.isfile() and member.name.endswith(".txt")):
                continue
            text = archive.extractfile(member).read().decode("utf-8", errors="replace")
            for sentence in tokenize(text):
                corpus.write(" ".join(token[0].lower() for token in sentence) + "\n")
                sentences += 1
                tokens += len(sentence)
    print(f"{OUT / 'bruk_corpus.txt'}: {sentences} sentences, {tokens} tokens")


if __name__ == "__main__":
    main()
