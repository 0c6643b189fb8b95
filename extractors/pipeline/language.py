"""A language is a folder of `extractors/lang/`: its `language.yaml`, its data files and its weights.

The set of languages is the set of those folders. Shared stages receive a `Language` and read what
they need from it (inflection rules, name words, event rules, the date grammar, language-identification
evidence); none of them tests a language code. Each data file is loaded once, on first use, and held
by its `Language`, like spaCy's `Language.Defaults`.
"""
from __future__ import annotations

import importlib
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
from diplo.extractors.errors import UnknownLanguageError

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"
DESCRIPTION_FILE = "language.yaml"
DESCRIPTION_SCHEMA: dict[str, type | tuple[type, ...]] = {
    "name": str,  # English name, for messages
    "pipeline": str,  # "module:Class" of its extractor
    "kb_languages": list,  # knowledge-base alias languages tried for its text, in order; the first gives names
    "kb_names_win": bool,  # the knowledge base's name replaces a linked entity's normal form of as many words
    "pymorphy": (str, type(None)),  # pymorphy3 dictionary used to lemmatize lookups, or null
    "stanza": (dict, type(None)),  # shipped Stanza models: {files: {config key: file in weights/}, pretokenized: bool}
}
LANGID_SCHEMA = {"function_words": list, "look_alikes": dict}
BIGRAMS_SCHEMA = {"pairs_counted": int, "per_million": dict}


def load_data_file(path: Path, schema: dict[str, Any]) -> dict[str, Any]:
    """Load one YAML data file and check it has exactly the keys of `schema`, each of the given type."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    missing, unknown = set(schema) - set(data), set(data) - set(schema)
    if missing or unknown:
        raise ValueError(f"{path}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
    for key, kind in schema.items():
        if not isinstance(data[key], kind):
            kinds = kind if isinstance(kind, tuple) else (kind,)
            raise ValueError(f"{path}: key {key!r} must be {' or '.join(k.__name__ for k in kinds)}")
    return data


class Language:
    """One language: what its language.yaml says, and its data files, each loaded once when first asked for."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.code = self.directory.name
        description = load_data_file(self.directory / DESCRIPTION_FILE, DESCRIPTION_SCHEMA)
        self.name: str = description["name"]
        self.pipeline: str = description["pipeline"]
        self.kb_languages: tuple[str, ...] = tuple(description["kb_languages"])
        self.kb_names_win: bool = description["kb_names_win"]
        self.pymorphy: str | None = description["pymorphy"]
        self.stanza: dict[str, Any] | None = description["stanza"]
        if not self.kb_languages:
            raise ValueError(f"{self.directory / DESCRIPTION_FILE}: kb_languages needs at least one language")

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    def data_file(self, name: str) -> Path:
        return self.directory / f"{name}.yaml"

    @property
    def weights(self) -> Path:
        """Where its shipped model files are."""
        return self.directory / "weights"

    @property
    def kb_name_language(self) -> str:
        """The knowledge-base language whose names this language's records use."""
        return self.kb_languages[0]

    def extractor_class(self) -> type:
        module, _, name = self.pipeline.partition(":")
        return getattr(importlib.import_module(module), name)

    @cached_property
    def inflection(self):
        from diplo.extractors.morphology.inflection import load_inflection

        return load_inflection(self.data_file("inflection"))

    @cached_property
    def names(self):
        from diplo.extractors.pipeline.names import load_name_words

        return load_name_words(self.data_file("names"))

    @cached_property
    def events(self):
        from diplo.extractors.events.rules import load_event_rules

        return load_event_rules(self.data_file("events"))

    @cached_property
    def dates(self):
        from diplo.extractors.dates.grammar import load_grammar

        return load_grammar(self.data_file("dates"))

    @cached_property
    def langid(self) -> dict[str, Any]:
        return load_data_file(self.data_file("langid"), LANGID_SCHEMA)

    @cached_property
    def bigrams(self) -> dict[str, Any]:
        """Letter-pair frequencies of its news, for language identification (generated: training/build_langid.py)."""
        return load_data_file(self.data_file("bigrams"), BIGRAMS_SCHEMA)

    @cached_property
    def morphology(self):
        """The pymorphy3 inflector of its dictionary, or None where it has none."""
        from diplo.extractors.morphology.pymorphy import Inflector

        return Inflector(self.pymorphy) if self.pymorphy else None


@lru_cache(maxsize=1)
def languages() -> dict[str, Language]:
    """Every language of `extractors/lang/`, by code, in code order."""
    return {code: Language(LANG_DIR / code) for code in language_codes()}


@lru_cache(maxsize=1)
def language_codes() -> tuple[str, ...]:
    """The codes of the language folders, without loading any of them (for the command line)."""
    return tuple(sorted(p.name for p in LANG_DIR.iterdir() if (p / DESCRIPTION_FILE).is_file()))


def get_language(code: str) -> Language:
    """The language with this code; the error lists the known ones."""
    known = languages()
    if code not in known:
        raise UnknownLanguageError(f"no language {code!r}; known: {', '.join(known)}")
    return known[code]
