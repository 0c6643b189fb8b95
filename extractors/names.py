"""Per-language word lists about names (lexicons/<lang>/names.yaml), loaded once and validated."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extractors.lexicon_files import load_lexicon

SCHEMA = {"reporting_verbs": list, "coordinators": list, "titles": list, "org_heads": list, "place_words": list}


@dataclass(frozen=True, slots=True)
class NameWords:
    reporting_verbs: frozenset[str]
    coordinators: frozenset[str]
    titles: frozenset[str]
    org_heads: frozenset[str]
    place_words: frozenset[str]


@lru_cache(maxsize=None)
def name_words(lang: str) -> NameWords:
    data = load_lexicon(lang, "names", SCHEMA)
    return NameWords(*(frozenset(w.lower() for w in data[key]) for key in SCHEMA))
