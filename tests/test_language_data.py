"""One test guards all language data: every language has the same files, and each loads with its loader."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.dates import lexicon_path, load_date_lexicon
from extractors.event_rules import event_rules
from extractors.labels import LANGUAGES
from extractors.lexicon_files import LEXICON_DIR, load_lexicon
from extractors.linking import load_inflection
from extractors.names import SCHEMA as NAMES_SCHEMA

LOADERS = {
    "dates.yaml": lambda lang: load_date_lexicon(lexicon_path(lang)),
    "events.yaml": lambda lang: event_rules(lang),
    "inflection.yaml": lambda lang: load_inflection(lang),
    "langid.yaml": lambda lang: load_lexicon(lang, "langid", {"letters": str, "function_words": list}),
    "names.yaml": lambda lang: load_lexicon(lang, "names", NAMES_SCHEMA),
}


def test_every_language_has_the_same_files():
    files = {lang: sorted(p.name for p in (LEXICON_DIR / lang).glob("*.yaml")) for lang in LANGUAGES}
    assert all(names == sorted(LOADERS) for names in files.values()), files


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(LOADERS))
def test_each_file_loads_and_validates(lang, name):
    assert LOADERS[name](lang)


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
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "events.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        event_rules("xx", tmp_path)
    assert "events.yaml" in str(error.value)
