"""Entity linking against the shipped knowledge base (`extractors/kb/`).

Data: `entities.tsv` and `aliases.tsv` are generated from the shared gazetteer by `training/build_kb.py`;
`curated.yaml` holds hand-made entries and additions. Inflected forms are matched with the per-language
rules in `extractors/lexicons/<lang>/inflection.yaml` (ru/uk: stem + ending classes; ky: case suffixes),
and, for lookups only, with pymorphy3 normal forms as a last resort (imported lazily).
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractors.labels import ENTITY_TYPES

KB_DIR = Path(__file__).resolve().parent / "kb"
LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
KB_LANGS = ("ru", "uk", "ky", "en")
# Languages whose aliases are tried, in order, for text in a language. Kyrgyz news writes foreign
# names the Russian way (Трамп, Вашингтон); Ukrainian text often keeps Russian spellings of Asian names.
FALLBACK = {"ru": ("ru", "en"), "uk": ("uk", "ru", "en"), "ky": ("ky", "ru", "en"), "en": ("en",)}
ENTITY_HEADER = ("id", "type", "kind", "canonical", "wikidata", "qid_sources", "wikidata_hint",
                 "name_ru", "name_uk", "name_ky", "name_en", "country")
ALIAS_HEADER = ("id", "lang", "alias", "scan")
INFLECTION_KEYS = {"min_stem", "noun", "adjective", "stem_alternations", "case_suffixes",
                   "possessive_suffixes", "harmony", "protected_endings"}
CASE_GROUPS = ("after_vowel", "after_voiced", "after_voiceless", "after_possessive")
CURATED_ENTRY_KEYS = {"id", "type", "kind", "canonical", "wikidata", "wikidata_source", "names", "aliases",
                      "scan", "no_scan", "note", "country"}
QID = re.compile(r"Q[0-9]+")
# Per-word caches: large enough for the working vocabulary of a news stream, small enough that a long
# run's memory stays flat (each entry is a small set of keys).
CACHE_WORDS = 16384

# Words: letters/digits, apostrophe-joined parts kept together (Об'єднаних, Telegram’га).
_WORD = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "ё": "е", "Ё": "е"})
# Latin letters that look like Cyrillic ones (after lower-casing): C5 == С5, NATO ~ NАТО.
_LOOKALIKES = str.maketrans("acekmopxythb", "асекморхутнв")
_VOWELS = set("аеёиоуыэюяөүіїєaeiouy")
_VOICELESS = set("пфктсшщчхц")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"})


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One entity of the field: canonical English name, verified QID or None, normal name per language."""

    id: str
    type: str
    canonical: str
    wikidata: str | None
    names: dict[str, str]
    country: str | None = None  # ISO 3166-1 alpha-2 of the country a person serves or a place or body is in

    def __hash__(self) -> int:  # `names` is a dict; the id identifies the entry
        return hash(self.id)


@dataclass(frozen=True, slots=True)
class _Alias:
    entry: KBEntry
    words: tuple[str, ...]  # surface words
    gaps: tuple[str, ...]  # separators between words, normalized
    scan: bool
    rank: int  # 0 = a name; 1 = a surname derived from a person's full name


def match_key(word: str, lang: str) -> str:
    """The normalization used for matching: case-folded, ё=е, one apostrophe, Latin look-alikes folded."""
    key = unicodedata.normalize("NFC", word).translate(_APOSTROPHES).lower().translate(_APOSTROPHES)
    return key.translate(_LOOKALIKES)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and sum(c.isalnum() for c in word) >= 2 and all(c.isupper() for c in letters)


def default_scan(alias: str, kind: str) -> bool:
    """Whether an alias is distinctive enough to be searched for in raw text (see `KnowledgeBase.scan`)."""
    words = _WORD.findall(alias)
    if not words:
        return False
    if len(words) >= 2:
        return len(alias) >= 6 and any(w[0].isupper() for w in words)
    word = words[0]
    if _is_acronym(word):
        return sum(c.isalnum() for c in word) >= 3
    return kind in ("country", "city") and word[0].isupper() and len(word) >= 5


# --- inflection rules ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Rules:
    min_stem: int
    noun_nom: tuple[str, ...]
    noun_obl: frozenset[str]
    adj_nom: tuple[str, ...]
    adj_obl: frozenset[str]
    alternations: dict[str, tuple[str, ...]]
    case_groups: dict[str, frozenset[str]]
    all_case: tuple[str, ...]  # longest first
    possessive: tuple[str, ...]
    harmony: dict[str, frozenset[str]]
    protected: tuple[str, ...]


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: expected a list of strings")
    return tuple(value)


@lru_cache(maxsize=None)
def load_inflection(lang: str, directory: Path = LEXICON_DIR) -> _Rules:
    """Load and validate `lexicons/<lang>/inflection.yaml`."""
    import yaml

    path = directory / lang / "inflection.yaml"
    if lang == "en" and not path.exists():  # English names are matched as written (no rules file)
        return _Rules(1, (), frozenset({""}), (), frozenset({""}), {}, {g: frozenset() for g in CASE_GROUPS},
                      (), (), {}, ())
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict) or set(data) != INFLECTION_KEYS:
        got = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"{path}: keys must be {sorted(INFLECTION_KEYS)}, got {got}")
    if not isinstance(data["min_stem"], int) or data["min_stem"] < 1:
        raise ValueError(f"{path}: min_stem must be a positive integer")
    classes = {}
    for cls in ("noun", "adjective"):
        block = data[cls]
        if not isinstance(block, dict) or set(block) != {"nominative", "oblique"}:
            raise ValueError(f"{path}: {cls} must have exactly 'nominative' and 'oblique'")
        nom = _str_list(block["nominative"], f"{path}: {cls}.nominative")
        obl = _str_list(block["oblique"], f"{path}: {cls}.oblique")
        classes[cls] = (tuple(sorted(nom, key=len, reverse=True)), frozenset(obl) | frozenset(nom) | {""})
    alts = data["stem_alternations"] or {}
    if not isinstance(alts, dict):
        raise ValueError(f"{path}: stem_alternations must be a mapping")
    cases = data["case_suffixes"]
    if not isinstance(cases, dict) or set(cases) != set(CASE_GROUPS):
        raise ValueError(f"{path}: case_suffixes must have exactly {list(CASE_GROUPS)}")
    groups = {g: frozenset(_str_list(cases[g], f"{path}: case_suffixes.{g}")) for g in CASE_GROUPS}
    harmony = data["harmony"] or {}
    if not isinstance(harmony, dict):
        raise ValueError(f"{path}: harmony must be a mapping")
    return _Rules(
        min_stem=data["min_stem"],
        noun_nom=classes["noun"][0], noun_obl=classes["noun"][1],
        adj_nom=classes["adjective"][0], adj_obl=classes["adjective"][1],
        alternations={k: _str_list(v, f"{path}: stem_alternations.{k}") for k, v in alts.items()},
        case_groups=groups,
        all_case=tuple(sorted(set().union(*groups.values()), key=len, reverse=True)),
        possessive=_str_list(data["possessive_suffixes"], f"{path}: possessive_suffixes"),
        harmony={k: frozenset(_str_list(v, f"{path}: harmony.{k}")) for k, v in harmony.items()},
        protected=_str_list(data["protected_endings"], f"{path}: protected_endings"),
    )


def _last_vowel(text: str) -> str | None:
    for ch in reversed(text):
        if ch in _VOWELS:
            return ch
    return None


def _suffix_fits(stem: str, suffix: str, rules: _Rules) -> bool:
    last = stem[-1]
    if last in _VOWELS:
        group = "after_vowel"
    elif last in _VOICELESS:
        group = "after_voiceless"
    else:
        group = "after_voiced"
    fits = suffix in rules.case_groups[group] or (
        suffix in rules.case_groups["after_possessive"] and last in rules.possessive)
    if not fits:
        return False
    vowel, suffix_vowel = _last_vowel(stem), _last_vowel(suffix)
    if vowel is None or suffix_vowel is None or vowel not in rules.harmony:
        return True
    return suffix_vowel in rules.harmony[vowel]


@lru_cache(maxsize=CACHE_WORDS)
def strip_case_suffix(word: str, lang: str) -> str:
    """Cut a Kyrgyz case suffix off a name ('Казакстандын' -> 'Казакстан'); other languages: unchanged.

    Conservative: the stem keeps at least `min_stem` letters, the suffix must fit the stem's last sound
    and vowel harmony, and protected endings (-стан) are never cut. Acronyms and apostrophes mark the
    boundary themselves ('АКШнын', "Telegram’га").
    """
    rules = load_inflection(lang)
    if not rules.all_case:
        return word
    for ap in "'’ʼ`":
        if ap in word:
            stem, _, tail = word.rpartition(ap)
            if stem and tail.lower() in rules.all_case:
                return stem
    m = re.fullmatch(r"(.*[^\W\d_a-zа-яёөүңіїє])([a-zа-яёөүң]+)", word)
    if m and _is_acronym(m[1]) and m[2] in rules.all_case:
        return m[1]
    low = word.lower()
    if any(low.endswith(p) for p in rules.protected):
        return word
    for suffix in rules.all_case:
        if low.endswith(suffix) and len(low) - len(suffix) >= rules.min_stem:
            stem = word[: len(word) - len(suffix)]
            if _suffix_fits(stem.lower(), suffix, rules):
                return stem
    return word


def _strip_possessive(word: str, rules: _Rules) -> str:
    low = word.lower()
    for suffix in rules.possessive:
        if low.endswith(suffix) and len(low) - len(suffix) >= rules.min_stem and low[-2] not in _VOWELS:
            return word[: -len(suffix)]
    return word


def _alias_word_keys(word: str, lang: str) -> frozenset[str]:
    """Keys of one alias word: its own key, and for ru/uk `stem#class` for each reading of its ending."""
    key = match_key(word, lang)
    rules = load_inflection(lang)
    keys = {key}
    if _is_acronym(word) or not rules.noun_obl - {""}:
        return frozenset(keys)
    for cls, nominative in (("n", rules.noun_nom), ("a", rules.adj_nom)):
        stems = []
        for ending in nominative:
            if key.endswith(ending) and len(key) - len(ending) >= rules.min_stem:
                stems.append(key[: len(key) - len(ending)])
                break
        else:
            if cls == "n" and len(key) >= rules.min_stem:
                stems.append(key)
        for stem in list(stems):
            stems.extend(_alternate(stem, rules))
        keys.update(f"{s}#{cls}" for s in stems)
    return frozenset(keys)


def _alternate(stem: str, rules: _Rules) -> list[str]:
    """Stems with the vowel of the last syllable alternated (дім -> дом, Київ -> Києв)."""
    out = []
    for i in range(len(stem) - 1, max(len(stem) - 4, 0), -1):
        if stem[i] in _VOWELS:
            for repl in rules.alternations.get(stem[i], ()):
                alt = stem[:i] + repl + stem[i + 1:]
                if len(alt) >= rules.min_stem:
                    out.append(alt)
            break
    return out


@lru_cache(maxsize=CACHE_WORDS)
def _text_word_keys(word: str, lang: str) -> frozenset[str]:
    """Keys a text word can stand for: itself, stem#class readings (ru/uk), case-stripped stems (ky)."""
    rules = load_inflection(lang)
    key = match_key(word, lang)
    keys = {key}
    m = None if word.islower() else re.fullmatch(r"(.*[^\W\d_a-zа-яёөүңіїє])([a-zа-яёөүңіїє]{1,4})", word)
    if m and _is_acronym(m[1]) and (m[2] in rules.noun_obl or m[2] in rules.all_case):
        keys.add(match_key(m[1], lang))  # МИДа, АКШнын; never СШАшный
    if rules.all_case:
        stem = strip_case_suffix(word, lang)
        keys.add(match_key(stem, lang))
        keys.add(match_key(_strip_possessive(stem, rules), lang))
        return frozenset(keys)
    for cls, endings in (("n", rules.noun_obl), ("a", rules.adj_obl)):
        for size in _ending_sizes(endings):  # a set lookup per ending length, not an endswith per ending
            stem = len(key) - size
            if stem >= rules.min_stem and key[stem:] in endings:
                keys.add(f"{key[:stem]}#{cls}")
    return frozenset(keys)


@lru_cache(maxsize=None)
def _ending_sizes(endings: frozenset[str]) -> tuple[int, ...]:
    return tuple(sorted({len(e) for e in endings}))


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def _gap(text: str) -> str:
    g = text.translate(_DASHES)
    if not g.strip():
        return " "
    return g.strip()


# --- the knowledge base --------------------------------------------------------------------------

class KnowledgeBase:
    """Entities of the field, with aliases in ru/uk/ky/en."""

    def __init__(self, entries: dict[str, KBEntry], aliases: dict[str, list[_Alias]]):
        self.entries = entries
        self._aliases = aliases  # lang -> aliases written in that language
        self._index: dict[tuple[str, str], dict[str, list[tuple[_Alias, tuple[frozenset[str], ...]]]]] = {}
        self._first_keys: dict[str, frozenset[str]] = {}  # text lang -> every first-word key scan can start at
        self._lower_starts: dict[str, dict[str, bool]] = {}  # text lang -> char -> can a non-capital word there start one

    def entry(self, kb_id: str | None) -> KBEntry | None:
        """The entry with this id, or None."""
        return self.entries.get(kb_id) if kb_id else None

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def load(cls, directory: Path | None = None) -> "KnowledgeBase":
        """Load and validate the KB from `directory` (default: the shipped `extractors/kb/`); cached."""
        return _load(Path(directory) if directory is not None else KB_DIR)

    # -- matching --

    def _lang_index(self, alias_lang: str, text_lang: str) -> dict[str, list[tuple[_Alias, tuple[frozenset[str], ...]]]]:
        """First-word key -> aliases of `alias_lang`, keyed with the inflection rules of `text_lang`."""
        idx = self._index.get((alias_lang, text_lang))
        if idx is None:
            idx = {}
            for alias in self._aliases.get(alias_lang, ()):
                word_keys = tuple(_alias_word_keys(w, text_lang) for w in alias.words)
                for key in word_keys[0]:
                    idx.setdefault(key, []).append((alias, word_keys))
            self._index[(alias_lang, text_lang)] = idx
        return idx

    def lookup(self, name: str, lang: str, type: str | None = None) -> KBEntry | None:
        """The entry a surface or normal form names (inflected forms too); None when unknown or ambiguous."""
        return _cached_lookup(self, name, lang, type)

    def _lookup(self, name: str, lang: str, type: str | None) -> KBEntry | None:
        if lang not in FALLBACK:
            raise ValueError(f"unknown language {lang!r}; known: {', '.join(FALLBACK)}")
        words = [w for _, _, w in _tokens(name)]
        if not words:
            return None
        found = self._match_words(words, lang, type)
        if found is None and lang in ("ru", "uk"):
            lemmas = _pymorphy_normal_forms(tuple(words), lang)
            if lemmas != tuple(words):
                found = self._match_words(list(lemmas), lang, type)
        return found if found is not None and found is not False else None

    def _match_words(self, words: list[str], lang: str, type: str | None) -> KBEntry | None | bool:
        """The single best entry; False when the best level is ambiguous; None when nothing matches."""
        text_keys = [_text_word_keys(w, lang) for w in words]
        exact = [match_key(w, lang) for w in words]
        for alias_lang in FALLBACK[lang]:
            best: dict[tuple[int, int], set[str]] = {}
            entries: dict[str, KBEntry] = {}
            idx = self._lang_index(alias_lang, lang)
            seen = set()
            for key in text_keys[0]:
                for alias, word_keys in idx.get(key, ()):
                    if id(alias) in seen or len(word_keys) != len(words):
                        continue
                    seen.add(id(alias))
                    if type is not None and alias.entry.type != type:
                        continue
                    if not all(tk & ak for tk, ak in zip(text_keys, word_keys)):
                        continue
                    inflected = int(tuple(match_key(w, lang) for w in alias.words) != tuple(exact))
                    best.setdefault((alias.rank, inflected), set()).add(alias.entry.id)
                    entries[alias.entry.id] = alias.entry
            if best:
                ids = best[min(best)]
                return entries[next(iter(ids))] if len(ids) == 1 else False
        return None

    def scan(self, text: str, lang: str) -> list[tuple[int, int, KBEntry]]:
        """Occurrences of scan-safe aliases in raw text: (start, end, entry), longest match first, no overlaps."""
        if lang not in FALLBACK:
            raise ValueError(f"unknown language {lang!r}; known: {', '.join(FALLBACK)}")
        tokens = _tokens(text)
        keys = _LazyWordKeys(tokens, lang)
        indexes = [self._lang_index(al, lang) for al in FALLBACK[lang]]
        if lang not in self._first_keys:
            self._first_keys[lang] = frozenset(key for idx in indexes for key in idx)
            self._lower_starts[lang] = {}
        first_keys, lower_starts = self._first_keys[lang], self._lower_starts[lang]
        out: list[tuple[int, int, KBEntry]] = []
        i = 0
        while i < len(tokens):
            # Most words start no alias; nearly all aliases start with a capital ("область Абай", "24.kg" do not).
            initial = tokens[i][2][0]
            if not initial.isupper():
                if initial not in lower_starts:
                    lower_starts[initial] = _can_start_lowercase(initial, indexes)
                if not lower_starts[initial]:
                    i += 1
                    continue
            if first_keys.isdisjoint(keys[i]):
                i += 1
                continue
            best: tuple[int, int, KBEntry] | None = None
            best_len = 0
            for idx in indexes:
                for key in keys[i]:
                    for alias, word_keys in idx.get(key, ()):
                        n = len(word_keys)
                        if not alias.scan or n < best_len or i + n > len(tokens):
                            continue
                        if n == best_len and best is not None:
                            continue  # earlier language / first found wins a tie
                        if self._scan_fits(text, tokens, keys, i, alias, word_keys):
                            best, best_len = (tokens[i][0], tokens[i + n - 1][1], alias.entry), n
            if best is None or (best_len == 1 and best[2].type == "PER" and _after_other_name(text, tokens, i)):
                i += 1
                continue
            out.append(best)
            i += best_len
        return out

    @staticmethod
    def _scan_fits(text: str, tokens: list[tuple[int, int, str]], keys: "_LazyWordKeys", i: int,
                   alias: _Alias, word_keys: tuple[frozenset[str], ...]) -> bool:
        for j, (aw, ak) in enumerate(zip(alias.words, word_keys)):
            start, end, tw = tokens[i + j]
            if not keys[i + j] & ak:
                return False
            if _is_acronym(aw):
                if not tw[: len(aw)].isupper():
                    return False
            elif aw[0].isupper() and not tw[0].isupper():
                return False
            if j:
                gap = text[tokens[i + j - 1][1]:start]
                want = alias.gaps[j - 1]
                if want == " ":
                    if gap.strip() or gap.count("\n") > 1:
                        return False
                elif _gap(gap) != want:
                    return False
        return True


class _LazyWordKeys:
    """`_text_word_keys` of each token of a text, computed when first asked for."""

    def __init__(self, tokens: list[tuple[int, int, str]], lang: str):
        self._tokens, self._lang = tokens, lang
        self._keys: list[frozenset[str] | None] = [None] * len(tokens)

    def __getitem__(self, i: int) -> frozenset[str]:
        keys = self._keys[i]
        if keys is None:
            keys = self._keys[i] = _text_word_keys(self._tokens[i][2], self._lang)
        return keys


def _can_start_lowercase(initial: str, indexes: list[dict]) -> bool:
    """Whether a word beginning with this non-capital character could start a scan-safe alias.

    All keys of a word begin with the match key of its first character, so one comparison per alias key
    decides it. Aliases whose first word is capitalised need a capitalised word (see `_scan_fits`).
    """
    folded = match_key(initial, "")
    return any(key.startswith(folded) for idx in indexes for entries in idx.values()
               for alias, word_keys in entries if alias.scan and not alias.words[0][:1].isupper()
               for key in word_keys[0])


def _after_other_name(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """A surname right after a capitalized word inside a sentence belongs to someone else (Мелания Трамп)."""
    if i == 0:
        return False
    pstart, pend, prev = tokens[i - 1]
    gap = text[pend:tokens[i][0]]
    if gap.strip() or "\n" in gap or not prev[0].isupper():
        return False
    before = text[:pstart].rstrip()
    return bool(before) and before[-1] not in ".!?…:;\"«»“”„—–-\n"


@lru_cache(maxsize=CACHE_WORDS)
def _cached_lookup(kb: KnowledgeBase, name: str, lang: str, type: str | None) -> KBEntry | None:
    return kb._lookup(name, lang, type)


@lru_cache(maxsize=4096)
def _pymorphy_normal_forms(words: tuple[str, ...], lang: str) -> tuple[str, ...]:
    out = []
    for word in words:
        parses = _morph(lang).parse(word)
        out.append(parses[0].normal_form if parses else word)
    return tuple(out)


def _morph(lang: str) -> Any:
    from extractors.morphology import analyzer  # one analyzer per language for the whole process

    return analyzer(lang)


# --- loading -------------------------------------------------------------------------------------

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
    scan_block = {match_key(a, "ru") for a in _str_list(data["scan_block"], f"{cur_path}: scan_block")}
    if not isinstance(data["entries"], list):
        raise ValueError(f"{cur_path}: entries must be a list")
    for n, item in enumerate(data["entries"], start=1):
        _merge_curated(raw, item, f"{cur_path}: entry {n}")

    entries: dict[str, KBEntry] = {}
    aliases: dict[str, list[_Alias]] = {lang: [] for lang in KB_LANGS}
    for eid in sorted(raw):
        r = raw[eid]
        entry = KBEntry(eid, r["type"], r["canonical"], r["wikidata"], dict(r["names"]), r["country"])
        entries[eid] = entry
        seen = set()
        for lang, alias, scan in r["aliases"]:
            toks = _tokens(alias)
            if not toks:
                continue
            words = tuple(t for _, _, t in toks)
            dedup = (lang, tuple(match_key(w, lang) for w in words))
            if dedup in seen:
                continue
            seen.add(dedup)
            gaps = tuple(_gap(alias[toks[k][1]:toks[k + 1][0]]) for k in range(len(toks) - 1))
            blocked = match_key(alias, "ru") in scan_block
            aliases[lang].append(_Alias(entry, words, gaps, scan and not blocked, 0))
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
    scan_yes = set(_str_list(item.get("scan") or [], f"{where}: {eid}: scan"))
    scan_no = set(_str_list(item.get("no_scan") or [], f"{where}: {eid}: no_scan"))
    listed = set()
    for lang, values in [*((lang, [v]) for lang, v in names.items()), *alias_map.items()]:
        for alias in _str_list(values, f"{where}: {eid}: aliases.{lang}"):
            scan = (alias in scan_yes or default_scan(alias, target["kind"])) and alias not in scan_no
            target["aliases"].append((lang, alias, scan))
            listed.add(alias)
    missing = (scan_yes | scan_no) - listed - {a for _, a, _ in target["aliases"]}
    if missing:
        raise ValueError(f"{where}: {eid}: scan/no_scan name aliases it does not have: {sorted(missing)}")
    if scan_no:  # also switch off generated aliases
        target["aliases"] = [(lang, a, s and a not in scan_no) for lang, a, s in target["aliases"]]


def _add_surnames(aliases: dict[str, list[_Alias]]) -> None:
    """A person's surname alone links to them, as a lower-ranked alias, unless it is some name already."""
    for lang, items in aliases.items():
        taken = {match_key(a.words[0], lang) for a in items if len(a.words) == 1}
        derived: dict[str, list[_Alias]] = {}
        for a in items:
            if a.entry.type == "PER" and len(a.words) >= 2 and a.gaps[-1] == " ":
                key = match_key(a.words[-1], lang)
                if key not in taken and all(x.entry is not a.entry for x in derived.get(key, ())):
                    derived.setdefault(key, []).append(_Alias(a.entry, (a.words[-1],), (), False, 1))
        for group in derived.values():
            items.extend(group)
