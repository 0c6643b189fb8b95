"""Loading and checking the knowledge base: `entities.tsv` and `aliases.tsv` (generated from the shared
gazetteer by `training/build_kb.py`) and `curated.yaml` (hand-made entries and additions)."""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from diplo.extractors.kb.keys import default_scan, gap_key, match_key, words_of
from diplo.extractors.kb.knowledge_base import Alias, KBEntry, KnowledgeBase
from diplo.extractors.labels import ENTITY_TYPES
from diplo.extractors.morphology.inflection import str_list

KB_DIR = Path(__file__).resolve().parent
ENTITY_HEADER = ("id", "type", "kind", "canonical", "wikidata", "qid_sources", "wikidata_hint",
                 "name_ru", "name_uk", "name_ky", "name_en", "country")
# The languages of the tables' name and alias columns (English among them: no text language).
KB_LANGS = tuple(column[len("name_"):] for column in ENTITY_HEADER if column.startswith("name_"))
ALIAS_HEADER = ("id", "lang", "alias", "scan")
CURATED_ENTRY_KEYS = {"id", "type", "kind", "canonical", "wikidata", "wikidata_source", "names", "aliases",
                      "scan", "no_scan", "note", "country"}
QID = re.compile(r"Q[0-9]+")


def load_knowledge_base(directory: Path | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base in `directory` (default: the shipped one); cached."""
    return _load(Path(directory) if directory is not None else KB_DIR)


def _read_rows(path: Path, header: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    if not path.exists():
        raise ValueError(f"{path}: missing (rebuild with `python -m training.build_kb`)")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        first = next(reader, None)
        if tuple(first or ()) != header:
            raise ValueError(f"{path}: line 1: header must be the columns {', '.join(header)}")
        rows = []
        for lineno, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise ValueError(f"{path}: line {lineno}: expected {len(header)} columns, got {len(row)}")
            rows.append((lineno, dict(zip(header, row))))
        return rows


def _check_entry(where: str, eid: str, type_: str, qid: str | None) -> None:
    if not eid or not re.fullmatch(r"[a-z]+/[A-Za-z0-9._-]+", eid):
        raise ValueError(f"{where}: bad id {eid!r} (want kind/slug)")
    if type_ not in ENTITY_TYPES:
        raise ValueError(f"{where}: {eid}: type {type_!r} not one of {ENTITY_TYPES}")
    if qid is not None and not QID.fullmatch(qid):
        raise ValueError(f"{where}: {eid}: wikidata {qid!r} is not a QID (Q followed by digits)")


@lru_cache(maxsize=8)
def _load(directory: Path) -> KnowledgeBase:
    import yaml

    ent_path, al_path, cur_path = directory / "entities.tsv", directory / "aliases.tsv", directory / "curated.yaml"
    raw: dict[str, dict[str, Any]] = {}
    for lineno, row in _read_rows(ent_path, ENTITY_HEADER):
        where = f"{ent_path}: line {lineno}"
        _check_entry(where, row["id"], row["type"], row["wikidata"] or None)
        if row["id"] in raw:
            raise ValueError(f"{where}: duplicate id {row['id']!r}")
        raw[row["id"]] = {"type": row["type"], "kind": row["kind"], "canonical": row["canonical"],
                          "wikidata": row["wikidata"] or None,
                          "names": {lang: row[f"name_{lang}"] for lang in KB_LANGS if row[f"name_{lang}"]},
                          "aliases": [], "country": row["country"] or None}
        if not row["canonical"]:
            raise ValueError(f"{where}: {row['id']}: empty canonical name")
    for lineno, row in _read_rows(al_path, ALIAS_HEADER):
        where = f"{al_path}: line {lineno}"
        if row["id"] not in raw:
            raise ValueError(f"{where}: alias of unknown id {row['id']!r}")
        if row["lang"] not in KB_LANGS or not row["alias"].strip() or row["scan"] not in ("0", "1"):
            raise ValueError(f"{where}: bad alias row {row!r} (lang in {KB_LANGS}, non-empty alias, scan 0/1)")
        raw[row["id"]]["aliases"].append((row["lang"], row["alias"], row["scan"] == "1"))

    data = yaml.load(cur_path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict) or set(data) != {"scan_block", "entries"}:
        raise ValueError(f"{cur_path}: top level must have exactly 'scan_block' and 'entries'")
    scan_block = {match_key(a) for a in str_list(data["scan_block"], f"{cur_path}: scan_block")}
    if not isinstance(data["entries"], list):
        raise ValueError(f"{cur_path}: entries must be a list")
    for n, item in enumerate(data["entries"], start=1):
        _merge_curated(raw, item, f"{cur_path}: entry {n}")

    entries: dict[str, KBEntry] = {}
    aliases: dict[str, list[Alias]] = {lang: [] for lang in KB_LANGS}
    for eid in sorted(raw):
        r = raw[eid]
        entry = KBEntry(eid, r["type"], r["canonical"], r["wikidata"], dict(r["names"]), r["country"])
        entries[eid] = entry
        seen = set()
        for lang, alias, scan in r["aliases"]:
            toks = words_of(alias)
            if not toks:
                continue
            words = tuple(t for _, _, t in toks)
            dedup = (lang, tuple(match_key(w) for w in words))
            if dedup in seen:
                continue
            seen.add(dedup)
            gaps = tuple(gap_key(alias[toks[k][1]:toks[k + 1][0]]) for k in range(len(toks) - 1))
            blocked = match_key(alias) in scan_block
            aliases[lang].append(Alias(entry, words, gaps, scan and not blocked, 0))
    _add_surnames(aliases)
    return KnowledgeBase(entries, aliases)


def _merge_curated(raw: dict[str, dict[str, Any]], item: Any, where: str) -> None:
    if not isinstance(item, dict) or "id" not in item:
        raise ValueError(f"{where}: each entry must be a mapping with an 'id'")
    extra = set(item) - CURATED_ENTRY_KEYS
    if extra:
        raise ValueError(f"{where}: {item['id']}: unknown keys {sorted(extra)}")
    eid = item["id"]
    names = item.get("names") or {}
    alias_map = item.get("aliases") or {}
    for field, value in (("names", names), ("aliases", alias_map)):
        if not isinstance(value, dict) or set(value) - set(KB_LANGS):
            raise ValueError(f"{where}: {eid}: {field} must map languages {KB_LANGS}")
    if eid in raw:  # an addition to a generated entry: names and aliases only, never a QID
        if {"type", "wikidata", "wikidata_source", "kind"} & set(item):
            raise ValueError(f"{where}: {eid}: extends a generated entry; type, kind and QID come from the gazetteer")
        target = raw[eid]
        if item.get("canonical"):
            target["canonical"] = item["canonical"]
    else:
        qid = item.get("wikidata")
        _check_entry(where, eid, item.get("type", ""), qid)
        if qid is not None and item.get("wikidata_source") != "nerel":
            raise ValueError(f"{where}: {eid}: a hand-added QID needs wikidata_source: nerel")
        if not item.get("canonical"):
            raise ValueError(f"{where}: {eid}: canonical name required")
        target = raw[eid] = {"type": item["type"], "kind": item.get("kind", ""), "canonical": item["canonical"],
                             "wikidata": qid, "names": {}, "aliases": [], "country": None}
    if "country" in item:
        if not isinstance(item["country"], str) or not re.fullmatch(r"[A-Z]{2}", item["country"]):
            raise ValueError(f"{where}: {eid}: country must be an ISO 3166-1 alpha-2 code such as KZ")
        target["country"] = item["country"]
    for lang, value in names.items():
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{where}: {eid}: names.{lang} must be a non-empty string")
        target["names"][lang] = value
    scan_yes = set(str_list(item.get("scan") or [], f"{where}: {eid}: scan"))
    scan_no = set(str_list(item.get("no_scan") or [], f"{where}: {eid}: no_scan"))
    listed = set()
    for lang, values in [*((lang, [v]) for lang, v in names.items()), *alias_map.items()]:
        for alias in str_list(values, f"{where}: {eid}: aliases.{lang}"):
            scan = (alias in scan_yes or default_scan(alias, target["kind"])) and alias not in scan_no
            target["aliases"].append((lang, alias, scan))
            listed.add(alias)
    missing = (scan_yes | scan_no) - listed - {a for _, a, _ in target["aliases"]}
    if missing:
        raise ValueError(f"{where}: {eid}: scan/no_scan name aliases it does not have: {sorted(missing)}")
    if scan_no:  # also switch off generated aliases
        target["aliases"] = [(lang, a, s and a not in scan_no) for lang, a, s in target["aliases"]]


def _add_surnames(aliases: dict[str, list[Alias]]) -> None:
    """A person's surname alone links to them, as a lower-ranked alias, unless it is some name already."""
    for lang, items in aliases.items():
        taken = {match_key(a.words[0]) for a in items if len(a.words) == 1}
        derived: dict[str, list[Alias]] = {}
        for a in items:
            if a.entry.type == "PER" and len(a.words) >= 2 and a.gaps[-1] == " ":
                key = match_key(a.words[-1])
                if key not in taken and all(x.entry is not a.entry for x in derived.get(key, ())):
                    derived.setdefault(key, []).append(Alias(a.entry, (a.words[-1],), (), False, 1))
        for group in derived.values():
            items.extend(group)
