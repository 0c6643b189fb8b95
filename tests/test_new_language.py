"""The promise that a language is a folder: a fourth language built from data in a temporary directory runs
the whole pipeline (backend, entities, linking, events, dates) with no change to Python code."""
from __future__ import annotations

import shutil

import pytest
import yaml
from diplo.extractors.pipeline.extractor import get_extractor
from diplo.extractors.pipeline.language import LANG_DIR, Language, language_codes
from diplo.models.records import Document

# Its own made-up trigger word, so that the event can only come from its own events.yaml.
TRIGGER = "зыяраттады"
TEXT = f"Дональд Трамп 6-ноябрда Вашингтондо Касым-Жомарт Токаев менен {TRIGGER}.\n"


@pytest.fixture(scope="module")
def testish(tmp_path_factory) -> Language:
    """Language "xx": Kyrgyz's data files, the shipped Kyrgyz Stanza models as its backend, the generic
    Stanza pipeline class, and a meeting rule of its own."""
    folder = tmp_path_factory.mktemp("languages") / "xx"
    folder.mkdir()
    kyrgyz = LANG_DIR / "ky"
    for name in ("bigrams", "dates", "inflection", "langid", "names", "events"):
        shutil.copyfile(kyrgyz / f"{name}.yaml", folder / f"{name}.yaml")
    (folder / "weights").symlink_to(kyrgyz / "weights")
    description = yaml.safe_load((kyrgyz / "language.yaml").read_text(encoding="utf-8"))
    description.update(name="Testish", pipeline="diplo.extractors.backends.stanza_extractor:StanzaExtractor")
    (folder / "language.yaml").write_text(yaml.safe_dump(description, allow_unicode=True), encoding="utf-8")
    events = yaml.safe_load((folder / "events.yaml").read_text(encoding="utf-8"))
    meeting = next(rule for rule in events["rules"] if rule["id"] == "meeting")
    meeting["triggers"] = [TRIGGER]
    (folder / "events.yaml").write_text(yaml.safe_dump(events, allow_unicode=True), encoding="utf-8")
    return Language(folder)


def test_a_new_folder_is_a_new_language(testish):
    assert testish.code == "xx" and testish.name == "Testish"
    assert "xx" not in language_codes()  # nothing of it was added to the package


def test_the_whole_pipeline_runs_on_it(testish):
    doc = get_extractor(testish)(Document(doc_id="x", path=None, text=TEXT, published="2025-11-07"))
    assert doc.lang == "xx"
    people = {e.canonical for e in doc.entities if e.type == "PER"}
    assert {"Donald Trump", "Kassym-Jomart Tokayev"} <= people  # the backend found them, the knowledge base linked them
    [event] = [e for e in doc.events if e.trigger == TRIGGER]
    assert event.type == "meeting" and event.date == "2025-11-06"  # its own rule, its own date words
    assert {p.canonical for p in event.participants} == {"Donald Trump", "Kassym-Jomart Tokayev"}
    assert event.location is not None and event.location.canonical == "Washington"
