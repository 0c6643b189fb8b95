"""The shared entity stage on hand-made name spans (real languages, real knowledge base): names repeated in
an article, words that are no names, model numbers."""
from __future__ import annotations

import pytest

from diplo.extractors.kb.knowledge_base import KnowledgeBase
from diplo.extractors.pipeline.analysis import Analysis, NameSpan
from diplo.extractors.pipeline.entities import build_entities
from diplo.extractors.pipeline.language import get_language


def _span(text: str, form: str, kind: str, normal: str, occurrence: int = 0) -> NameSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(form, start + 1)
    return NameSpan(kind, start, start + len(form), form, normal)


# (lang, text, the tagger's spans as (form, type, normal), expected {name: [mention texts]})
CASES = [
    # found once, repeated as written and with a case suffix (Kyrgyz glues them on)
    ("ky", "Нарын шаары чоң. Нарында жыйын өттү. Нарын облусу.", [("Нарын", "LOC", "Нарын")],
     {"Нарын": ["Нарын", "Нарында", "Нарын"]}),
    # the normal form and the found forms are searched; Russian endings are no suffixes ("Алросой" stays out)
    ("ru", "Компания Алроса выросла. Акции Алросы упали, с Алросой спорят.", [("Алросы", "ORG", "Алроса")],
     {"Алроса": ["Алроса", "Алросы"]}),
    ("ru", "Акции Алросы упали. Позже акции Алросы выросли.", [("Алросы", "ORG", "Алроса")],
     {"Алроса": ["Алросы", "Алросы"]}),
    # events, generic nouns and model numbers are no names
    ("ru", "Брекзит обсуждали, сообщают СМИ. Boeing-737-800 сел в Москве.",
     [("Брекзит", "ORG", "Брекзит"), ("СМИ", "ORG", "СМИ"), ("Boeing-737-800", "ORG", "Boeing-737-800"),
      ("Москве", "LOC", "Москва")], {"Москва": ["Москве"]}),
]


@pytest.mark.parametrize(("lang", "text", "spans", "expected"), CASES)
def test_entity_stage(lang: str, text: str, spans: list, expected: dict) -> None:
    analysis = Analysis((), tuple(_span(text, form, kind, normal) for form, kind, normal in spans))
    entities = build_entities(text, get_language(lang), analysis, KnowledgeBase.load())
    found = {e.name: [m.text for m in e.mentions] for e in entities}
    assert found == expected
    for entity in entities:
        assert all(text[m.start:m.end] == m.text for m in entity.mentions)
