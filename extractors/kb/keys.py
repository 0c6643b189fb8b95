"""Match keys: what an alias word and a text word are reduced to before they are compared.

A key is the case-folded word (ё=е, one apostrophe, Latin look-alikes folded). Words of languages that
decline by endings also get `stem#class` keys; words of languages with case suffixes also get their
suffix-stripped stems. The rules come from the text language's inflection.yaml.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from diplo.extractors.morphology.inflection import (
    CACHE_WORDS,
    InflectionRules,
    acronym_and_ending,
    alternate,
    is_acronym,
    strip_case_suffix,
    strip_possessive,
)

# Words: letters/digits, apostrophe-joined parts kept together (Об'єднаних, Telegram’га).
WORD = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "ё": "е", "Ё": "е"})
# Latin letters that look like Cyrillic ones (after lower-casing): C5 == С5, NATO ~ NАТО.
_LOOKALIKES = str.maketrans("acekmopxythb", "асекморхутнв")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"})
MAX_GLUED_ENDING = 4  # "МИДа", "АКШнын"


def match_key(word: str) -> str:
    """The normalization used for matching: case-folded, ё=е, one apostrophe, Latin look-alikes folded."""
    key = unicodedata.normalize("NFC", word).translate(_APOSTROPHES).lower().translate(_APOSTROPHES)
    return key.translate(_LOOKALIKES)


def words_of(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def gap_key(gap: str) -> str:
    """What stands between two words of a name, normalized: ' ' for spaces, else the punctuation."""
    g = gap.translate(_DASHES)
    if not g.strip():
        return " "
    return g.strip()


def default_scan(alias: str, kind: str) -> bool:
    """Whether an alias is distinctive enough to be searched for in raw text (see `KnowledgeBase.scan`)."""
    words = WORD.findall(alias)
    if not words:
        return False
    if len(words) >= 2:
        return len(alias) >= 6 and any(w[0].isupper() for w in words)
    word = words[0]
    if is_acronym(word):
        return sum(c.isalnum() for c in word) >= 3
    return kind in ("country", "city") and word[0].isupper() and len(word) >= 5


def alias_word_keys(word: str, rules: InflectionRules) -> frozenset[str]:
    """Keys of one alias word: its own key, and where words decline by endings `stem#class` for each
    reading of its ending."""
    key = match_key(word)
    keys = {key}
    if is_acronym(word) or not rules.has_endings:
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
            stems.extend(alternate(stem, rules))
        keys.update(f"{s}#{cls}" for s in stems)
    return frozenset(keys)


@lru_cache(maxsize=CACHE_WORDS)
def text_word_keys(word: str, rules: InflectionRules) -> frozenset[str]:
    """Keys a text word can stand for: itself, stem#class readings, case-stripped stems."""
    key = match_key(word)
    keys = {key}
    glued = None if word.islower() else acronym_and_ending(word, MAX_GLUED_ENDING)
    if glued and (glued[1] in rules.noun_obl or glued[1] in rules.all_case):
        keys.add(match_key(glued[0]))  # МИДа, АКШнын; never СШАшный
    if rules.has_case_suffixes:
        stem = strip_case_suffix(word, rules)
        keys.add(match_key(stem))
        keys.add(match_key(strip_possessive(stem, rules)))
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
