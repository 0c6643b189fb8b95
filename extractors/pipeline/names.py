"""Per-language word lists about names (`names.yaml` of each language folder), validated when loaded."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diplo.extractors.pipeline.language import load_data_file

SCHEMA = {"reporting_verbs": list, "coordinators": list, "titles": list, "org_heads": list, "place_words": list,
          "not_names": list}


@dataclass(frozen=True, slots=True)
class NameWords:
    reporting_verbs: frozenset[str]
    coordinators: frozenset[str]
    titles: frozenset[str]
    org_heads: frozenset[str]
    place_words: frozenset[str]
    not_names: frozenset[str]  # lower case, ё as е


def load_name_words(path: Path) -> NameWords:
    data = load_data_file(path, SCHEMA)
    return NameWords(*(frozenset(w.lower().replace("ё", "е") for w in data[key]) for key in SCHEMA))
