"""Ukrainian normal forms (issue 12) with the real pymorphy3 dictionary, words as the Ukrainian pipeline hands
them over (no tagger): a phrase's words read together, so adjectives agree with their noun, and names that
already read as nominative stay as written."""
from __future__ import annotations

import pytest
from diplo.extractors.morphology.pymorphy import Word
from diplo.extractors.pipeline.language import get_language

NORMAL_FORMS = [
    # adjective and noun agree in case, number and gender; the singular reading unless agreement says otherwise
    ("Європейської ради", "ORG", "Європейська рада"),
    ("Сполученого Королівства", "LOC", "Сполучене Королівство"),
    ("Світового банку", "ORG", "Світовий банк"),
    ("Сполучених Штатів", "LOC", "Сполучені Штати"),
    ("Північного моря", "LOC", "Північне море"),
    ("України", "LOC", "Україна"),
    ("Європи", "LOC", "Європа"),
    ("Львова", "LOC", "Львів"),  # the city, not the surname Львов
    # already nominative, or indeclinable: as written
    ("Верховна Рада України", "ORG", "Верховна Рада України"),
    ("Гельсінки", "LOC", "Гельсінки"),
    ("Павло Клімкін", "PER", "Павло Клімкін"),
    ("Ангела Меркель", "PER", "Ангела Меркель"),
    ("Петро Порошенко", "PER", "Петро Порошенко"),
    # a person's words share one case
    ("Касимом-Жомартом Токаєвим", "PER", "Касим-Жомарт Токаєв"),
]


@pytest.mark.parametrize(("text", "kind", "normal"), NORMAL_FORMS)
def test_ukrainian_normal_forms(text: str, kind: str, normal: str) -> None:
    inflector = get_language("uk").morphology
    assert inflector.normal_name([Word(w) for w in text.split()], kind) == normal


def test_the_pipeline_names_agree(extractor) -> None:
    """Whatever type the tagger gives "Сполученого Королівства" (the shipped model has read it as a person),
    the country comes out with a well-formed Ukrainian name: where the tagger's type was wrong, the
    knowledge base's name replaces the one made for another kind of name."""
    from diplo.models.records import Document

    text = "Представники Європейської ради та Сполученого Королівства зустрілися в Гельсінки."
    entities = extractor("uk")(Document("t", None, text)).entities
    names = {(e.type, e.name) for e in entities}
    assert {("ORG", "Європейська рада"), ("LOC", "Гельсінки")} <= names
    (britain,) = [e for e in entities if e.canonical == "United Kingdom"]
    assert (britain.type, britain.name) in {("LOC", "Сполучене Королівство"), ("LOC", "Велика Британія")}, names
