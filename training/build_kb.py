"""Build the generated knowledge-base tables `extractors/kb/{entities,aliases}.tsv` from the shared gazetteer.

Reads ../shared/data/gazetteer/*.tsv and kyrgyz-country-names (names and QIDs) and NEREL v1.1
(only to check that every hand-added QID in `extractors/kb/curated.yaml` has a human-made link there).
The output is deterministic: same inputs, same bytes. Run from the repository root:

    .venv/bin/python -m training.build_kb            # write the tables
    .venv/bin/python -m training.build_kb --check    # exit 1 if the committed tables are stale

QID policy: a gazetteer QID is kept when two independent sources give it, or when one of them is NEREL
(a human-made link); any other QID goes to `wikidata_hint` and the entry's `wikidata` stays empty.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
import tarfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from diplo.extractors.kb.keys import default_scan  # noqa: E402
from diplo.extractors.kb.loading import KB_DIR  # noqa: E402

# The shared data sit beside the repository (../shared/data); DIPLO_SHARED_DATA points elsewhere.
SHARED = Path(os.environ.get("DIPLO_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
GAZETTEER = SHARED / "gazetteer"
KY_COUNTRIES = SHARED / "kyrgyz-country-names" / "country_names_in_kyrgyz.tsv"
NEREL = SHARED / "nerel-v1.1"

ENTITY_COLUMNS = ("id", "type", "kind", "canonical", "wikidata", "qid_sources", "wikidata_hint",
                  "name_ru", "name_uk", "name_ky", "name_en", "country")
ALIAS_COLUMNS = ("id", "lang", "alias", "scan")
LANGS = ("ru", "uk", "ky", "en")
# Only these countries' cities, regions and people are in the gazetteer; their names are worth scanning.
_PATRONYMIC = re.compile(r"(вич|вна|ична|ич|оглы|кызы)$")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def split_multi(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def sources(cell: str) -> list[str]:
    return sorted({s.strip() for s in re.split(r"[;+]", cell or "") if s.strip()})


def qid_policy(qid: str, srcs: list[str]) -> tuple[str, str]:
    """(wikidata, wikidata_hint): verified QIDs only; a single non-NEREL source is a hint."""
    if not qid:
        return "", ""
    if len(srcs) >= 2 or "nerel" in srcs:
        return qid, ""
    return "", qid


def slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def person_name_ru(label: str) -> tuple[str, list[str]]:
    """NEREL labels carry a patronymic or 'Surname, Name'; news writes 'Name Surname'."""
    extra = []
    if "," in label:
        last, first = (p.strip() for p in label.split(",", 1))
        label, extra = f"{first} {last}", [label]
    words = label.split()
    if len(words) == 3 and _PATRONYMIC.search(words[1]):
        extra.append(label)
        label = f"{words[0]} {words[2]}"
    return label, extra


class Builder:
    def __init__(self) -> None:
        self.entities: dict[str, dict[str, str]] = {}
        self.aliases: dict[str, dict[str, list[str]]] = {}
        self.by_qid: dict[str, str] = {}

    def add(self, eid: str, type_: str, kind: str, canonical: str, qid: str, srcs: list[str],
            names: dict[str, str], aliases: dict[str, Iterable[str]], country: str = "") -> None:
        wikidata, hint = qid_policy(qid, srcs)
        self.entities[eid] = {
            "id": eid, "type": type_, "kind": kind, "canonical": canonical,
            "wikidata": wikidata, "qid_sources": ";".join(srcs) if qid else "", "wikidata_hint": hint,
            **{f"name_{lang}": names.get(lang, "") for lang in LANGS}, "country": country.upper(),
        }
        if qid:
            self.by_qid[qid] = eid
        self.extend(eid, {lang: [names[lang]] for lang in names if names[lang]})
        self.extend(eid, aliases)

    def extend(self, eid: str, aliases: dict[str, Iterable[str]]) -> None:
        table = self.aliases.setdefault(eid, {lang: [] for lang in LANGS})
        for lang, values in aliases.items():
            for value in values:
                value = value.strip()
                if value and value not in table[lang]:
                    table[lang].append(value)

    def countries(self) -> None:
        rows = read_tsv(GAZETTEER / "countries.tsv")
        for r in rows:
            names = {"ru": r["name_ru"], "uk": r["name_uk"], "ky": r["name_ky"], "en": r["name_en"]}
            self.add(f"country/{r['iso2']}", "LOC", "country", r["name_en"], r["wikidata"],
                     sources(r["qid_confirmed_by"]), names,
                     {"en": split_multi(r["aliases_en"]), "ru": split_multi(r["aliases_ru"]),
                      "uk": split_multi(r["aliases_uk"])}, country=r["iso2"])
        # The Kyrgyz source row joins by Russian or English name; it adds its spelling as a ky alias.
        by_name = {}
        for r in rows:
            for key in (r["name_ru"], r["name_en"], *split_multi(r["aliases_ru"]), *split_multi(r["aliases_en"])):
                by_name.setdefault(key.lower(), f"country/{r['iso2']}")
        for r in read_tsv(KY_COUNTRIES):
            eid = by_name.get(r["Аты орусча"].strip().lower()) or by_name.get(r["Аты англисче"].strip().lower())
            if eid:
                self.extend(eid, {"ky": [r["Аты кыргызча"]], "ru": [r["Аты орусча"]], "en": [r["Аты англисче"]]})

    def cities(self) -> None:
        for r in read_tsv(GAZETTEER / "cities.tsv"):
            names = {"ru": r["name_ru"], "uk": r["name_uk"], "en": r["name_en"]}
            # name_ky_wof is an unverified hint ("Ташкен"): a lookup alias, never the normal form.
            self.add(f"city/{r['country_iso2'].lower()}-{slug(r['name_en'])}", "LOC", "city", r["name_en"],
                     r["wikidata"], sources(r["qid_confirmed_by"]), names,
                     {"en": split_multi(r["aliases_en"]), "ru": split_multi(r["aliases_ru"]),
                      "uk": split_multi(r["aliases_uk"]), "ky": split_multi(r["name_ky_wof"])},
                     country=r["country_iso2"])

    def regions(self) -> None:
        for r in read_tsv(GAZETTEER / "regions_central_asia.tsv"):
            aliases = {"en": split_multi(r["aliases_en"]), "ru": split_multi(r["aliases_ru"]),
                       "uk": split_multi(r["aliases_uk"]), "ky": split_multi(r["name_ky_wof"])}
            city = self.by_qid.get(r["wikidata"])
            if city and city.startswith("city/"):
                # City-level units share QID and names with the city row.
                self.extend(city, aliases)
                continue
            names = {"ru": r["name_ru"], "uk": r["name_uk"], "en": f"{r['name_en']} {r['type'].title()}"
                     if r["type"] == "region" else r["name_en"]}
            aliases["en"].append(r["name_en"])
            self.add(f"region/{r['iso3166_2']}", "LOC", "region", names["en"], r["wikidata"],
                     sources(r["qid_confirmed_by"]), names, aliases, country=r["iso3166_2"][:2])

    def people(self) -> None:
        rows = read_tsv(GAZETTEER / "people.tsv")
        merged: dict[str, dict[str, str]] = {}
        for r in rows:  # one person may hold several offices; the last row (latest office) names them
            srcs = sources(r["qid_sources"])
            prev = merged.get(r["wikidata"])
            if prev is not None:
                srcs = sorted(set(srcs) | set(prev["srcs"].split(";")))
                if not r["name_ru"]:
                    r = {**r, "name_ru": prev["name_ru"]}
            merged[r["wikidata"]] = {**r, "srcs": ";".join(srcs)}
        for qid, r in merged.items():
            ru, extra = person_name_ru(r["name_ru"]) if r["name_ru"] else ("", [])
            self.add(f"person/{slug(r['name_en'])}", "PER", "person", r["name_en"], qid,
                     r["srcs"].split(";"), {"ru": ru, "en": r["name_en"]}, {"ru": extra}, country=r["country_iso2"])

    def organizations(self) -> None:
        for r in read_tsv(GAZETTEER / "organizations.tsv"):
            names = {"ru": r["name_ru"], "uk": r["name_uk"], "en": r["name_en"]}
            self.add(f"org/{r['key'].lower()}", "ORG", "organization", r["name_en"], r["wikidata"],
                     sources(r["qid_confirmed_by"]), names,
                     {"en": split_multi(r["abbr_en"]), "ru": split_multi(r["abbr_ru_manual"]) + split_multi(r["aliases_ru"]),
                      "uk": split_multi(r["abbr_uk_manual"])})

    def build(self) -> None:
        self.countries()
        self.cities()
        self.regions()
        self.people()
        self.organizations()

    def render(self) -> dict[str, str]:
        ent = io.StringIO()
        ent.write("\t".join(ENTITY_COLUMNS) + "\n")
        als = io.StringIO()
        als.write("\t".join(ALIAS_COLUMNS) + "\n")
        # "X (Y)" cells were split by the gazetteer; drop a part that names another entity
        # (US Virgin Islands: "Виргинские Острова|США").
        owner = {}
        for eid in sorted(self.entities):
            for lang in LANGS:
                owner.setdefault((lang, self.entities[eid][f"name_{lang}"].lower()), eid)
        for eid in sorted(self.entities):
            row = self.entities[eid]
            ent.write("\t".join(clean(row[c]) for c in ENTITY_COLUMNS) + "\n")
            for lang in LANGS:
                for alias in self.aliases[eid][lang]:
                    if owner.get((lang, alias.lower()), eid) != eid:
                        continue
                    if any(f"({alias})" in other for other in self.aliases[eid][lang]):
                        continue
                    scan = default_scan(alias, row["kind"])
                    als.write(f"{eid}\t{lang}\t{clean(alias)}\t{int(scan)}\n")
        return {"entities.tsv": ent.getvalue(), "aliases.tsv": als.getvalue()}


def clean(cell: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", cell).strip()


def nerel_qids() -> dict[str, set[str]]:
    """QID -> NEREL mention texts of its human-made links (train/dev/test)."""
    out: dict[str, set[str]] = {}
    for split in ("train", "dev", "test"):
        with tarfile.open(NEREL / f"{split}.tar.gz") as tar:
            members = sorted((m for m in tar.getmembers() if m.name.endswith(".ann")), key=lambda m: m.name)
            for member in members:
                text = tar.extractfile(member).read().decode("utf-8")
                spans = {}
                for line in text.splitlines():
                    parts = line.split("\t")
                    if line.startswith("T") and len(parts) >= 3:
                        spans[parts[0]] = parts[2]
                    elif line.startswith("N") and len(parts) >= 2:
                        m = re.fullmatch(r"Reference (T\d+) Wikidata:(Q\d+)", parts[1])
                        if m:
                            out.setdefault(m[2], set()).add(spans.get(m[1], ""))
    return out


def gazetteer_qids() -> set[str]:
    found: set[str] = set()
    for path in sorted(GAZETTEER.glob("*.tsv")):
        found.update(re.findall(r"\bQ[0-9]+\b", path.read_text(encoding="utf-8")))
    return found


def check_curated_qids(curated: Path) -> Iterator[str]:
    """Problems with hand-added QIDs: each must be in the gazetteer or linked by NEREL."""
    import yaml

    data = yaml.safe_load(curated.read_text(encoding="utf-8"))
    nerel, gaz = nerel_qids(), gazetteer_qids()
    for entry in data.get("entries", []):
        qid = entry.get("wikidata")
        if qid and qid not in nerel and qid not in gaz:
            yield f"{entry['id']}: {qid} is in neither the gazetteer nor NEREL"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed tables, write nothing")
    parser.add_argument("--out", type=Path, default=KB_DIR)
    args = parser.parse_args(argv)
    builder = Builder()
    builder.build()
    tables = builder.render()
    problems = list(check_curated_qids(KB_DIR / "curated.yaml"))
    for p in problems:
        print(p, file=sys.stderr)
    stale = [name for name, text in tables.items()
             if not (args.out / name).exists() or (args.out / name).read_text(encoding="utf-8") != text]
    if args.check:
        for name in stale:
            print(f"{args.out / name} is stale: run python -m training.build_kb", file=sys.stderr)
        return 1 if stale or problems else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(builder.entities)} entities to {args.out}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
