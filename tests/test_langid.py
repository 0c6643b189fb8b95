"""Language identification: right on the seeds, robust to quotes, an error for other languages."""
from __future__ import annotations

import pytest
from diplo.extractors.errors import InputError
from diplo.extractors.pipeline.langid import identify
from hypothesis import given, settings
from hypothesis import strategies as st
from support import SEEDS

SEED_LANGS = {"000": "ru", "001": "ky", "002": "uk", "003": "ru", "004": "ru"}


@pytest.mark.parametrize("prefix, lang", SEED_LANGS.items())
def test_seeds(prefix, lang):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    assert identify(path.read_text(encoding="utf-8")) == lang


@pytest.mark.parametrize("text, lang", [
    ("Президент России провел переговоры с лидерами стран Центральной Азии.\nВідео дня\nВстреча прошла в Кремле.", "ru"),
    ("Міністр закордонних справ України зустрівся з колегою у Києві. \"Мы готовы к диалогу\", - сказав він.", "uk"),
    ("Кыргызстандын тышкы иштер министри Бишкекте элчи менен жолугушту жана эки тараптуу мамилелерди талкуулады.", "ky"),
    ("Токаев посетил Вашингтон и встретился с Трампом.", "ru"),
    ("Зеленський провів телефонну розмову з президентом Казахстану.", "uk"),
    ("Жапаров Өзбекстанга расмий сапар менен барат.", "ky"),
])
def test_snippets(text, lang):
    assert identify(text) == lang


@pytest.mark.parametrize("text", [
    "The president of Kazakhstan visited Washington in November and met the US president.",
    "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев Вашингтонға ресми сапармен барды.",  # Kazakh
    "Министърът на външните работи на България се срещна с посланика на САЩ в София.",  # Bulgarian
    "12345 !!! ??? 2025-11-06",
    "",
])
def test_other_languages_are_errors_not_guesses(text):
    with pytest.raises(InputError) as error:
        identify(text, "a.txt")
    assert error.value.reason == "unknown-language" and "a.txt" in str(error.value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_random_text_never_raises_anything_but_input_error(text):
    try:
        assert identify(text) in ("ru", "uk", "ky")
    except InputError:
        pass
