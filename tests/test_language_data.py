"""One test guards all language data: every language has the same files, and each loads with its loader."""
from __future__ import annotations

from pathlib import Path

import pytest
from diplo.extractors.dates.grammar import load_grammar
from diplo.extractors.events.rules import load_event_rules
from diplo.extractors.morphology.inflection import load_inflection
from diplo.extractors.pipeline.language import (
    BIGRAMS_SCHEMA,
    DESCRIPTION_SCHEMA,
    LANG_DIR,
    LANGID_SCHEMA,
    Language,
    language_codes,
    load_data_file,
)
from diplo.extractors.pipeline.names import load_name_words

LOADERS = {
    "bigrams.yaml": lambda path: load_data_file(path, BIGRAMS_SCHEMA),
    "dates.yaml": load_grammar,
    "events.yaml": load_event_rules,
    "inflection.yaml": load_inflection,
    "langid.yaml": lambda path: load_data_file(path, LANGID_SCHEMA),
    "language.yaml": lambda path: load_data_file(path, DESCRIPTION_SCHEMA),
    "names.yaml": load_name_words,
}
LANGUAGES = language_codes()


def test_the_languages_are_the_folders():
    assert set(LANGUAGES) >= {"ru", "uk", "ky"}


def test_every_language_has_the_same_files():
    files = {lang: sorted(p.name for p in Language(LANG_DIR / lang).directory.glob("*.yaml")) for lang in LANGUAGES}
    assert all(names == sorted(LOADERS) for names in files.values()), files


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(LOADERS))
def test_each_file_loads_and_validates(lang, name):
    assert LOADERS[name](LANG_DIR / lang / name)


@pytest.mark.parametrize("broken, message", [
    ("rules: []\nplanned_markers: []\n", "missing keys"),
    ("rules:\n  - {id: x, type: party, cameo: {occurred: '1', planned: '2'}, triggers: [a], context: [], roles: {}, participants: [PER], window: 3}\n"
     "planned_markers: []\nanaphora: []\nnegations: []\nlight_verbs: []\nlocation_prepositions: []\nlocation_suffixes: []\n"
     "comitative_before: []\ncomitative_after: []\n", "type 'party'"),
    ("rules:\n  - {id: x, type: visit, cameo: {occurred: '1', planned: '2'}, triggers: [a], context: [['re:(']], roles: {}, participants: [PER], window: 3}\n"
     "planned_markers: []\nanaphora: []\nnegations: []\nlight_verbs: []\nlocation_prepositions: []\nlocation_suffixes: []\n"
     "comitative_before: []\ncomitative_after: []\n", "bad regular expression"),
])
def test_broken_event_rules_fail_at_load_with_the_file_named(tmp_path: Path, broken, message):
    (tmp_path / "events.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        load_event_rules(tmp_path / "events.yaml")
    assert "events.yaml" in str(error.value)
