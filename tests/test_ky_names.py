"""Kyrgyz names through the real pipeline (issue 13): bare nominative names, titles out of person spans,
the places inside titles kept, glued and coordinated names apart, patronymics kept, edge punctuation out."""
from __future__ import annotations

import pytest
from diplo.extractors.morphology.inflection import case_stems, strip_case_suffix
from diplo.extractors.pipeline.language import get_language

import diplo

# (text, [(type, name, mention text)] that must all be among the article's entities, names that must not be)
CASES = [
    # a title's country is its own entity; the person's mention is the name alone
    ("Өзбекстандын президенти Шавкат Мирзиёев жана Казакстандын президенти Касым-Жомарт Токаев Ташкентте жолугушту.",
     [("LOC", "Өзбекстан", "Өзбекстандын"), ("PER", "Шавкат Мирзиёев", "Шавкат Мирзиёев"),
      ("LOC", "Казакстан", "Казакстандын"), ("PER", "Касым-Жомарт Токаев", "Касым-Жомарт Токаев"),
      ("LOC", "Ташкент", "Ташкентте")], []),
    ("Кыргызстандын Казакстандагы элчиси Рыскул Жунушбаев Астанада болду.",
     [("LOC", "Казакстан", "Казакстандагы"), ("PER", "Рыскул Жунушбаев", "Рыскул Жунушбаев"),
      ("LOC", "Астана", "Астанада")], []),
    # a word in the locative before a person is no part of the name ("on Monday, Putin")
    ("Дүйшөмбүдө Путин Бишкекке келди.", [("PER", "Путин", "Путин"), ("LOC", "Бишкек", "Бишкекке")],
     ["Дүйшөмбүдө Путин"]),
    # the tokenizer leaves ";" on the word: it stays out of the name and the mention
    ("Депутат Дастан Бекешов; министр Руслан Казакбаев; Нарында жыйын өттү.",
     [("PER", "Дастан Бекешов", "Дастан Бекешов"), ("PER", "Руслан Казакбаев", "Руслан Казакбаев"),
      ("LOC", "Нарын", "Нарында")], ["Нары"]),
    # the relative suffix -дагы, and short stems the lemmatizer or the knowledge base vouches for
    ("Ысык-Көлдөгү эс алуу жайлары, Россиядагы мигранттар жана Оштогу базар.",
     [("LOC", "Ысык-Көл", "Ысык-Көлдөгү"), ("LOC", "Ош", "Оштогу")], ["Ысык-Көлдөгү", "Оштогу"]),
    # "уулу" is part of the name; a longer known name replaces the tagger's shorter one inside it
    ("Дамирбек Асылбек уулу жана Айгүл Токтосун кызы БУУнун Башкы Ассамблеясында сүйлөштү.",
     [("PER", "Дамирбек Асылбек уулу", "Дамирбек Асылбек уулу"),
      ("ORG", "БУУнун Башкы Ассамблеясы", "БУУнун Башкы Ассамблеясында")], ["Ассамблеясы", "БУУ"]),
    # quotes around a name stay in the mention as the text writes it, not in the name
    ('Ош шаарынын мэри Таалайбек Сарыбашов "Мегаком" компаниясынын өкүлдөрү менен жолугушту.',
     [("PER", "Таалайбек Сарыбашов", "Таалайбек Сарыбашов"), ("ORG", "Мегаком", '"Мегаком"')], []),
]


@pytest.fixture(scope="module")
def entities_of() -> dict[str, list[dict]]:
    records = diplo.extract([(str(i), text) for i, (text, _, _) in enumerate(CASES)], lang="ky")
    return {CASES[int(r["doc_id"])][0]: r["entities"] for r in records}


@pytest.mark.parametrize(("text", "expected", "absent"), CASES, ids=[c[0][:30] for c in CASES])
def test_kyrgyz_names(entities_of: dict[str, list[dict]], text: str, expected: list, absent: list[str]) -> None:
    found = {(e["type"], e["name"], m["text"]) for e in entities_of[text] for m in e["mentions"]}
    assert set(expected) <= found
    assert not {name for _, name, _ in found} & set(absent)


# the rules' candidate stems, longest suffix first: the pipeline picks among them
@pytest.mark.parametrize(("word", "stems"), [
    ("Нарында", ("Нары", "Нарын")),
    ("Бишкектеги", ("Бишкек",)),
    ("Беларустагы", ("Беларус",)),
    ("Ошто", ()),  # "Ош" is shorter than the rules allow on their own
    ("Казакстан", ()),
])
def test_case_stems(word: str, stems: tuple[str, ...]) -> None:
    assert case_stems(word, get_language("ky").inflection) == stems


@pytest.mark.parametrize(("word", "stem"), [
    ("Кыргызстандагы", "Кыргызстан"), ("Россиядагы", "Россия"), ("Ысык-Көлдөгү", "Ысык-Көл"),
    ("Штаттарындагы", "Штаттары"),
])
def test_relative_suffix(word: str, stem: str) -> None:
    assert strip_case_suffix(word, get_language("ky").inflection) == stem
