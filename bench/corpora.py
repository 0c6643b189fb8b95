"""Readers of the shared evaluation corpora (shared/data/*), giving gold spans that index the text exactly.

Each reader yields one `GoldDoc` per document of one official split, in a fixed (sorted) order, so
that `--limit N` always takes the same N documents. Archives are read in place with `tarfile`.
Only PER / LOC / ORG spans are kept; each corpus' own tags are mapped here, once:

* factRuEval-2016 (`read_factrueval`): layer-2 object mentions (`.objects`); see the function.
* NER-UK 2.0 (`read_ner_uk`): brat `.ann` with tab-separated fields; PERS->PER, LOC, ORG.
* KyrgyzNER (`read_kyrgyzner`): CoNLL-like IOB2; the text is rebuilt from the tokens.
* SlavicNER (`read_slavicner`): `.tsv` mention lists with lemmas; documents of an official split list.
* NEREL v1.1 (`read_nerel`): brat entities and relations (used by events_nerel.py).

The data folder is `../shared/data` next to the repository, or `$DIPLO_SHARED_DATA`.
"""
from __future__ import annotations

import os
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

TYPES = ("PER", "LOC", "ORG")


def data_dir() -> Path:
    """The shared data folder: $DIPLO_SHARED_DATA, else the repository's sibling `shared/data`."""
    override = os.environ.get("DIPLO_SHARED_DATA")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "shared" / "data"


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One gold mention: half-open character offsets into `GoldDoc.text`."""

    start: int
    end: int
    type: str  # PER, LOC or ORG
    text: str
    lemma: str | None = None  # SlavicNER only: the annotated base form


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """A document's text and its gold PER/LOC/ORG spans."""

    doc_id: str
    text: str
    spans: tuple[GoldSpan, ...]


# The train documents held out as dev when the shipped Stanza NER models were trained: the same seed and
# share as training/prepare_uk_ner.py and training/prepare_ky_ner.py.
DEV_SEED, DEV_FRACTION = 20251121, 0.10


def held_out_dev(ids: list) -> set:
    """The ids (sorted) of a train split that the trainers held out as dev."""
    import random

    return set(random.Random(DEV_SEED).sample(ids, round(len(ids) * DEV_FRACTION)))


def _tar_members(path: Path) -> tuple[tarfile.TarFile, dict[str, tarfile.TarInfo]]:
    tar = tarfile.open(path, "r:gz")
    return tar, {m.name: m for m in tar.getmembers() if m.isfile()}


def _read(tar: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    # Decode bytes ourselves: no newline translation, so offsets stay those of the file.
    handle = tar.extractfile(member)
    assert handle is not None
    return handle.read().decode("utf-8")


def _dedupe(spans: list[GoldSpan]) -> tuple[GoldSpan, ...]:
    """One span per (start, end, type), in text order (the first annotation wins)."""
    seen: dict[tuple[int, int, str], GoldSpan] = {}
    for span in spans:
        seen.setdefault((span.start, span.end, span.type), span)
    return tuple(sorted(seen.values(), key=lambda s: (s.start, s.end, s.type)))


# --- factRuEval-2016 -------------------------------------------------------------------------

FACTRU_TYPES = {"Person": "PER", "Location": "LOC", "LocOrg": "LOC", "Org": "ORG"}
# Layer-1 span types that carry a name. An object made only of descriptors ("компания",
# "государства") or of a geo adjective ("российской") is not a named entity and is dropped.
FACTRU_NAME_SPANS = {"name", "surname", "patronymic", "nickname", "org_name", "loc_name"}


def read_factrueval(split: str = "testset", limit: int | None = None) -> Iterator[GoldDoc]:
    """factRuEval-2016 `devset` or `testset`: each object mention (`.objects`) of type
    Person / Org / Location / LocOrg is one gold span, from the start of its first layer-1 span to
    the end of its last; LocOrg counts as LOC; objects without any name span are dropped.

    Object mentions (layer 2) are what the shared task's NER track evaluated; layer-1 spans are
    parts of names (first name, surname, descriptor) and have no PER/LOC/ORG type. The object
    extent includes descriptor words attached to a name ("мэрии Москвы", "группы «Аквариум"),
    which a name tagger does not mark, so exact match is strict on those.
    """
    tar, members = _tar_members(data_dir() / "factrueval-2016" / f"{split}.tar.gz")
    with tar:
        ids = sorted(name[: -len(".objects")] for name in members if name.endswith(".objects"))
        for base in ids[:limit]:
            text = _read(tar, members[base + ".txt"])
            layer1: dict[str, tuple[str, int, int]] = {}
            for line in _read(tar, members[base + ".spans"]).splitlines():
                fields = line.split("#")[0].split()
                if fields:
                    start = int(fields[2])
                    layer1[fields[0]] = (fields[1], start, start + int(fields[3]))
            spans = []
            for line in _read(tar, members[base + ".objects"]).splitlines():
                fields = line.split("#")[0].split()
                if not fields or fields[1] not in FACTRU_TYPES:
                    continue
                parts = [layer1[span_id] for span_id in fields[2:]]
                if not any(kind in FACTRU_NAME_SPANS for kind, _, _ in parts):
                    continue
                start, end = min(p[1] for p in parts), max(p[2] for p in parts)
                spans.append(GoldSpan(start, end, FACTRU_TYPES[fields[1]], text[start:end]))
            yield GoldDoc(base.rsplit("/", 1)[-1], text, _dedupe(spans))


# --- NER-UK 2.0 ------------------------------------------------------------------------------

NER_UK_TYPES = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG"}


def parse_ner_uk_ann(ann: str) -> list[tuple[str, int, int, str]]:
    """(type, start, end, text) of each `T` line of a NER-UK `.ann` (all fields tab-separated).

    An entity that spans a line break continues its TEXT on the next physical line, which does
    not start with `T`: such lines are joined to the line before (with the newline they replace).
    """
    records: list[str] = []
    for line in ann.split("\n"):
        if line.startswith("T") and "\t" in line:
            records.append(line)
        elif records and line:
            records[-1] += "\n" + line
    result = []
    for record in records:
        _, label, start, end, text = record.split("\t", 4)
        result.append((label, int(start), int(end), text))
    return result


def read_ner_uk(split: str = "test", limit: int | None = None) -> Iterator[GoldDoc]:
    """NER-UK 2.0 `test`, `train`, or `dev` (the train documents the shipped NER was not trained on) brat
    files; PERS->PER, LOC, ORG; other types ignored. Document ids are `<source>/<id>` (bruk/..., ng/...)."""
    tar, members = _tar_members(data_dir() / "ner-uk-v2" / f"brat-{'train' if split == 'dev' else split}.tar.gz")
    with tar:
        ids = sorted(name[: -len(".ann")] for name in members if name.endswith(".ann"))
        if split == "dev":
            held_out = held_out_dev(ids)
            ids = [i for i in ids if i in held_out]
        for base in ids[:limit]:
            text = _read(tar, members[base + ".txt"])
            spans = [GoldSpan(start, end, NER_UK_TYPES[label], text[start:end])
                     for label, start, end, _ in parse_ner_uk_ann(_read(tar, members[base + ".ann"]))
                     if label in NER_UK_TYPES]
            yield GoldDoc(base, text, _dedupe(spans))


# --- KyrgyzNER -------------------------------------------------------------------------------

KYRGYZNER_TYPES = {"PERSON": "PER", "LOCATION": "LOC", "INSTITUTION": "ORG", "ORGANISATION": "ORG",
                   "BUSINESS": "ORG"}


@dataclass(slots=True)
class _KySentence:
    doc: int
    tokens: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def _kyrgyzner_sentences(path: Path) -> list[_KySentence]:
    sentences: list[_KySentence] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# "):
            _, doc, _ = line[2:].split()
            sentences.append(_KySentence(int(doc)))
        elif line:
            token, _, _, tag = line.split("\t")  # tokens may contain spaces: split on TAB only
            sentences[-1].tokens.append(token)
            sentences[-1].tags.append(tag)
    return sentences


def read_kyrgyzner(split: str = "TEST", limit: int | None = None) -> Iterator[GoldDoc]:
    """KyrgyzNER `TEST`, `TRAIN`, or `DEV` (the TRAIN documents the shipped NER was not trained on):
    each document's text is its tokens joined by single spaces, sentences joined by "\\n"; an entity
    span runs from its B- token (or a sentence-initial I- token) over the following I- tokens of the
    same type. PERSON->PER, LOCATION->LOC, INSTITUTION/ORGANISATION/BUSINESS->ORG; other types ignored.
    Ids are the document numbers."""
    by_doc: dict[int, list[_KySentence]] = {}
    source = "TRAIN" if split == "DEV" else split
    for sentence in _kyrgyzner_sentences(data_dir() / "kyrgyzner" / f"KyrgyzNER_{source}.txt"):
        by_doc.setdefault(sentence.doc, []).append(sentence)
    if split == "DEV":
        held_out = held_out_dev(sorted(by_doc))
        by_doc = {doc: sentences for doc, sentences in by_doc.items() if doc in held_out}
    for doc in sorted(by_doc)[:limit]:
        lines, spans, offset = [], [], 0
        for sentence in by_doc[doc]:
            current: list | None = None  # [label, start, end]
            position = offset
            for token, tag in zip(sentence.tokens, sentence.tags):
                start, end = position, position + len(token)
                prefix, _, label = tag.partition("-")
                if prefix == "I" and current is not None and current[0] == label:
                    current[2] = end
                else:
                    if current is not None:
                        spans.append(tuple(current))
                    current = [label, start, end] if prefix in ("B", "I") else None
                position = end + 1
            if current is not None:
                spans.append(tuple(current))
            line = " ".join(sentence.tokens)
            lines.append(line)
            offset += len(line) + 1
        text = "\n".join(lines)
        gold = [GoldSpan(start, end, KYRGYZNER_TYPES[label], text[start:end])
                for label, start, end in spans if label in KYRGYZNER_TYPES]
        yield GoldDoc(str(doc), text, _dedupe(gold))


# --- SlavicNER -------------------------------------------------------------------------------


def slavicner_split(lang: str, split: str = "cross-topic_test") -> list[str]:
    """The `raw/...txt` paths of one official split list that belong to `lang` ('ru' or 'uk')."""
    names = {"cross-topic_test": "SPLIT_cross-topic_test.txt", "cross-topic_train": "SPLIT_cross-topic_train.txt",
             "single-out_test": "SPLIT_single_out_topic_test.txt",
             "single-out_train": "SPLIT_single_out_topic_train.txt"}
    listing = (data_dir() / "slavicner-ru-uk" / names[split]).read_text(encoding="utf-8").split()
    return sorted(path for path in listing if f"/{lang}/" in path)


def read_slavicner(lang: str, split: str = "cross-topic_test", limit: int | None = None) -> Iterator[GoldDoc]:
    """SlavicNER `lang` documents of one official split list; PER/LOC/ORG mentions with their
    lemmas (EVT and PRO ignored). Ids are the `raw/...` paths."""
    tar, members = _tar_members(data_dir() / "slavicner-ru-uk" / f"{lang}.tar.gz")
    with tar:
        for raw in slavicner_split(lang, split)[:limit]:
            text = _read(tar, members[raw])
            tsv = "ner/" + raw[len("raw/"):-len(".txt")] + ".tsv"
            spans = []
            for line in _read(tar, members[tsv]).splitlines():
                if not line.strip():
                    continue
                start, end, mention, lemma, label, *_ = line.split("\t")
                if label in TYPES:
                    spans.append(GoldSpan(int(start), int(end), label, mention, lemma))
            yield GoldDoc(raw, text, _dedupe(spans))


# --- NEREL v1.1 ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BratEntity:
    """A NEREL `T` line: type, fragments (discontinuous entities have several) and text."""

    id: str
    type: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass(frozen=True, slots=True)
class BratRelation:
    """A NEREL `R` line: `arg1` and `arg2` are entity ids."""

    type: str
    arg1: str
    arg2: str


@dataclass(frozen=True, slots=True)
class NerelDoc:
    """One NEREL document: its text, entities by id and relations."""

    doc_id: str
    text: str
    entities: dict[str, BratEntity]
    relations: tuple[BratRelation, ...]


def parse_brat(ann: str) -> tuple[dict[str, BratEntity], tuple[BratRelation, ...]]:
    """Entities and relations of a standard brat `.ann` (`N` Wikidata lines are skipped)."""
    entities: dict[str, BratEntity] = {}
    relations = []
    for line in ann.split("\n"):
        if line.startswith("T"):
            ent_id, info, text = line.split("\t", 2)
            label, offsets = info.split(" ", 1)
            fragments = tuple((int(a), int(b)) for a, b in (part.split() for part in offsets.split(";")))
            entities[ent_id] = BratEntity(ent_id, label, fragments, text)
        elif line.startswith("R"):
            label, arg1, arg2 = line.split("\t")[1].split()
            relations.append(BratRelation(label, arg1.split(":", 1)[1], arg2.split(":", 1)[1]))
    return entities, tuple(relations)


def read_nerel(split: str = "test", limit: int | None = None) -> Iterator[NerelDoc]:
    """NEREL v1.1 `train`, `dev` or `test` documents with all their entities and relations."""
    tar, members = _tar_members(data_dir() / "nerel-v1.1" / f"{split}.tar.gz")
    with tar:
        ids = sorted(name[: -len(".ann")] for name in members if name.endswith(".ann"))
        for base in ids[:limit]:
            entities, relations = parse_brat(_read(tar, members[base + ".ann"]))
            yield NerelDoc(base.rsplit("/", 1)[-1], _read(tar, members[base + ".txt"]), entities, relations)
