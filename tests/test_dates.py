"""The date resolver: table-driven cases per language, lexicon schema, and a never-raises property."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from diplo.extractors.dates import find_dates, precision
from diplo.extractors.dates.lexicon import DATE_LEXICON_KEYS, load_date_lexicon
from diplo.extractors.errors import UnknownLanguageError
from diplo.extractors.pipeline.language import get_language, languages
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LANGS = ("ru", "uk", "ky")

# (lang, text, published, tense, expected [(span text, date, date_end), ...])
# Each expected list is every date the resolver must find in the text, in order.
CASES: list[tuple[str, str, str | None, str | None, list[tuple[str, str | None, str | None]]]] = [
    # --- ru 000, published 2026-01-09
    ("ru", "Джули Стаффт 9 января 2026 года после церемонии", "2026-01-09", None, [("9 января 2026 года", "2026-01-09", None)]),
    ("ru", "Токаев посетил с визитом Вашингтон в ноябре, недавно", "2026-01-09", "past", [("в ноябре", "2025-11", None)]),
    ("ru", "Вчера я также провела переговоры", "2026-01-09", None, [("Вчера", "2026-01-08", None)]),
    ("ru", "как прошел визит президента 5-6 ноября в США", "2026-01-09", None, [("5-6 ноября", "2025-11-05", "2025-11-06")]),
    ("ru", "7 ноября 2025 года Акорда опубликовала ролик", "2026-01-09", None, [("7 ноября 2025 года", "2025-11-07", None)]),
    ("ru", "Встреча 9 января прошла", "2026-01-09", None, [("9 января", "2026-01-09", None)]),
    ("ru", "\"Сегодня наше партнерство стало прочным", "2026-01-09", None, [("Сегодня", "2026-01-09", None)]),
    # --- ru 003, published 2025-11-06
    ("ru", "Марко Рубио накануне, 5 ноября 2025 года, на приеме", "2025-11-06", None,
     [("накануне", "2025-11-05", None), ("5 ноября 2025 года", "2025-11-05", None)]),
    ("ru", "о намерении посетить Казахстан в 2026 году, сообщает", "2025-11-06", "future", [("в 2026 году", "2026", None)]),
    ("ru", "посетившие Казахстан в конце октября.", "2025-11-06", "past", [("в конце октября", "2025-10", None)]),
    ("ru", "за поездку на прошлой неделе.", "2025-11-06", None, [("на прошлой неделе", "2025-10-27", "2025-11-02")]),
    ("ru", "планирую посетить их в следующем году, все пять", "2025-11-06", "future", [("в следующем году", "2026", None)]),
    ("ru", "Между тем, 6 ноября ночью президент прилетел", "2025-11-06", "past", [("6 ноября", "2025-11-06", None)]),
    # --- ru 004, published 2025-11-07 (a Friday)
    ("ru", "Состоявшийся в четверг в Белом доме саммит", "2025-11-07", "past", [("в четверг", "2025-11-06", None)]),
    ("ru", "Состоявшийся в четверг в Белом доме саммит", "2025-11-07", None, [("в четверг", "2025-11-06", None)]),
    ("ru", "Саммит пройдет в четверг в Белом доме", "2025-11-07", "future", [("в четверг", "2025-11-13", None)]),
    ("ru", "сделанное им в августе предложение", "2025-11-07", "past", [("в августе", "2025-08", None)]),
    ("ru", "подписанных в 2020—2025 годах. Их название", "2025-11-07", None, [("в 2020—2025 годах", "2020", "2025")]),
    ("ru", "граница протяженностью более 8 тысяч километров", "2025-11-07", None, []),
    # --- ru, other forms
    ("ru", "в ноябре", "2026-01-09", "future", [("в ноябре", "2026-11", None)]),
    ("ru", "в ноябре 2025 года", None, None, [("в ноябре 2025 года", "2025-11", None)]),
    ("ru", "переговоры с 5 по 7 ноября", "2025-11-20", None, [("с 5 по 7 ноября", "2025-11-05", "2025-11-07")]),
    ("ru", "с 30 декабря по 2 января", "2026-01-09", None, [("с 30 декабря по 2 января", "2025-12-30", "2026-01-02")]),
    ("ru", "дата 09.01.2026 и 2026-01-09", None, None, [("09.01.2026", "2026-01-09", None), ("2026-01-09", "2026-01-09", None)]),
    ("ru", "в ноябре прошлого года", "2026-01-09", None, [("в ноябре прошлого года", "2025-11", None)]),
    ("ru", "в прошлом году и в этом году", "2026-01-09", None, [("в прошлом году", "2025", None), ("в этом году", "2026", None)]),
    ("ru", "в начале 2026 года", None, None, [("в начале 2026 года", "2026", None)]),
    ("ru", "с 5\u00a0по\u00a07\u00a0ноября 2025\u00a0г.", None, None, [("с 5\u00a0по\u00a07\u00a0ноября 2025\u00a0г.", "2025-11-05", "2025-11-07")]),
    ("ru", "в 2025г. и 5-го ноября", "2025-12-01", None, [("в 2025г.", "2025", None), ("5-го ноября", "2025-11-05", None)]),
    ("ru", "31 ноября 2025 года", None, None, [("ноября 2025 года", "2025-11", None)]),
    ("ru", "9 января 2026 года", None, None, [("9 января 2026 года", "2026-01-09", None)]),
    ("ru", "в ноябре в середине недели; в середине ноября", "2026-01-09", None,
     [("в ноябре", "2025-11", None), ("в середине ноября", "2025-11", None)]),
    ("ru", "на этой неделе, в прошлом месяце, в конце прошлого года", "2026-01-09", None,
     [("на этой неделе", "2026-01-05", "2026-01-11"), ("в прошлом месяце", "2025-12", None), ("в конце прошлого года", "2025", None)]),
    ("ru", "30 октября – 2 ноября 2025 года", "2026-01-09", None, [("30 октября – 2 ноября 2025 года", "2025-10-30", "2025-11-02")]),
    ("ru", "в среде экспертов, в среду", "2026-01-09", None, [("в среду", "2026-01-07", None)]),
    ("ru", "29 февраля 2025 года", None, None, [("февраля 2025 года", "2025-02", None)]),
    # --- ru without a publication date: spans kept, dates not invented
    ("ru", "Вчера, в ноябре, 5-6 ноября, в четверг, в следующем году", None, None,
     [("Вчера", None, None), ("в ноябре", None, None), ("5-6 ноября", None, None), ("в четверг", None, None),
      ("в следующем году", None, None)]),
    ("ru", "в ноябре", "not-a-date", None, [("в ноябре", None, None)]),
    ("ru", "в ноябре", "2025-02-30", None, [("в ноябре", None, None)]),
    ("ru", "Марта Иванова и 8 марта", "2026-03-20", None, [("8 марта", "2026-03-08", None)]),
    # --- uk 002, no publication date, then with 2023-02-28 (a Tuesday)
    ("uk", "Блінкен прибув у вівторок з візитом до Казахстану", None, None, [("у вівторок", None, None)]),
    ("uk", "Блінкен прибув у вівторок з візитом до Казахстану", "2023-02-28", None, [("у вівторок", "2023-02-28", None)]),
    ("uk", "Блінкен прибув у вівторок з візитом до Казахстану", "2023-02-28", "past", [("у вівторок", "2023-02-28", None)]),
    ("uk", "Зустріч відбудеться у вівторок", "2023-02-27", "future", [("у вівторок", "2023-02-28", None)]),
    ("uk", "обсягом інвестицій понад 62 млрд доларів", "2023-02-28", None, []),
    ("uk", "успіхи, досягнуті за більш ніж 30 років, понад 30 років", "2023-02-28", None, []),
    ("uk", "зустріч 5–6 листопада 2025 року", None, None, [("5–6 листопада 2025 року", "2025-11-05", "2025-11-06")]),
    ("uk", "планує відвідати у 2026 році", None, None, [("у 2026 році", "2026", None)]),
    ("uk", "візит у листопаді", "2026-01-09", None, [("у листопаді", "2025-11", None)]),
    ("uk", "в січні", "2026-01-09", None, [("в січні", "2026-01", None)]),
    ("uk", "вчора і напередодні", "2026-01-09", None, [("вчора", "2026-01-08", None), ("напередодні", "2026-01-08", None)]),
    ("uk", "сьогодні", "2026-01-09", None, [("сьогодні", "2026-01-09", None)]),
    ("uk", "торік, минулого року, наступного року", "2026-01-09", None,
     [("торік", "2025", None), ("минулого року", "2025", None), ("наступного року", "2027", None)]),
    ("uk", "у листопаді минулого року", "2026-01-09", None, [("у листопаді минулого року", "2025-11", None)]),
    ("uk", "на початку грудня", "2026-01-09", None, [("на початку грудня", "2025-12", None)]),
    ("uk", "у п’ятницю", "2026-01-09", None, [("у п’ятницю", "2026-01-09", None)]),
    ("uk", "у середу; від 5 до 7 листопада", "2026-01-09", None,
     [("у середу", "2026-01-07", None), ("від 5 до 7 листопада", "2025-11-05", "2025-11-07")]),
    ("uk", "у 2020–2025 роках та 2025 р.", None, None, [("у 2020–2025 роках", "2020", "2025"), ("2025 р.", "2025", None)]),
    ("uk", "лютий ворог", "2026-01-09", None, []),
    # --- ky 001, no publication date
    ("ky", "Президент Токаев ноябрда Вашингтонго расмий сапар менен барган", None, None, [("ноябрда", None, None)]),
    ("ky", "Өткөн жылдын 22-сентябрында лидерлердин", None, None, [("Өткөн жылдын 22-сентябрында", None, None)]),
    ("ky", "Былтыр декабрь айында АКШ президенти", None, None, [("Былтыр декабрь айында", None, None)]),
    ("ky", "аларды кийинки жылы саммитине чакырган", None, None, [("кийинки жылы", None, None)]),
    ("ky", "\"Нью-Йорк, АКШ, 2025-жыл\" деп жазган", None, None, [("2025-жыл", "2025", None)]),
    ("ky", "Сентябрдын аягында Казакстандын президентинин", None, None, [("Сентябрдын аягында", None, None)]),
    # --- ky 001 with published 2026-01-10
    ("ky", "Президент Токаев ноябрда Вашингтонго расмий сапар менен барган", "2026-01-10", "past", [("ноябрда", "2025-11", None)]),
    ("ky", "Өткөн жылдын 22-сентябрында лидерлердин", "2026-01-10", None, [("Өткөн жылдын 22-сентябрында", "2025-09-22", None)]),
    ("ky", "Былтыр декабрь айында АКШ президенти", "2026-01-10", None, [("Былтыр декабрь айында", "2025-12", None)]),
    ("ky", "аларды кийинки жылы саммитине чакырган", "2026-01-10", None, [("кийинки жылы", "2027", None)]),
    ("ky", "\"Нью-Йорк, АКШ, 2025-жыл\" деп жазган", "2026-01-10", None, [("2025-жыл", "2025", None)]),
    ("ky", "Сентябрдын аягында Казакстандын президентинин", "2026-01-10", "past", [("Сентябрдын аягында", "2025-09", None)]),
    # --- ky, other forms
    ("ky", "2025-жылы жана 22-сентябрда", "2025-11-06", None, [("2025-жылы", "2025", None), ("22-сентябрда", "2025-09-22", None)]),
    ("ky", "2025-жылдын 22-сентябрында", None, None, [("2025-жылдын 22-сентябрында", "2025-09-22", None)]),
    ("ky", "кечээ, бүгүн, эртең", "2026-01-10", None,
     [("кечээ", "2026-01-09", None), ("бүгүн", "2026-01-10", None), ("эртең", "2026-01-11", None)]),
    ("ky", "былтыр, өткөн жылы, келерки жылы", "2026-01-10", None,
     [("былтыр", "2025", None), ("өткөн жылы", "2025", None), ("келерки жылы", "2027", None)]),
    ("ky", "шейшембиде жолугушту", "2026-01-10", "past", [("шейшембиде", "2026-01-06", None)]),
    ("ky", "2020-2025-жылдары", None, None, [("2020-2025-жылдары", "2020", "2025")]),
    ("ky", "2025-жылдын ноябрь айынын аягында", None, None, [("2025-жылдын ноябрь айынын аягында", "2025-11", None)]),
    ("ky", "жума күнү жана 5-7-ноябрда", "2026-01-10", "future", [("жума күнү", "2026-01-16", None), ("5-7-ноябрда", "2026-11-05", "2026-11-07")]),
    ("ky", "өткөн аптада 22.09.2025-ж.", "2026-01-10", None, [("өткөн аптада", "2025-12-29", "2026-01-04"), ("22.09.2025-ж.", "2025-09-22", None)]),
    ("ky", "майда ишкерлер жана 5-майда", "2026-01-10", None, [("5-майда", "2025-05-05", None)]),
]


@pytest.mark.parametrize(("lang", "text", "published", "tense", "expected"), CASES)
def test_find_dates(lang: str, text: str, published: str | None, tense: str | None, expected: list) -> None:
    spans = find_dates(text, get_language(lang), published, tense=tense)
    assert [(d.text, d.date, d.date_end) for d in spans] == expected
    for d in spans:
        assert text[d.start:d.end] == d.text


def test_offsets_index_the_whole_text() -> None:
    text = "Первое. Вчера, 5 ноября 2025 года, посол прибыл. В ноябре."
    start = text.index("Вчера")
    end = text.index(" В ноябре")
    spans = find_dates(text, get_language("ru"), "2025-11-06", start=start, end=end)
    assert [(d.text, d.start, d.date) for d in spans] == [
        ("Вчера", start, "2025-11-05"),
        ("5 ноября 2025 года", text.index("5 ноября"), "2025-11-05"),
    ]


@pytest.mark.parametrize(("date", "expected"), [(None, 0), ("", 0), ("2025", 1), ("2025-11", 2), ("2025-11-06", 3), ("11/2025", 0)])
def test_precision(date: str | None, expected: int) -> None:
    assert precision(date) == expected


def test_unknown_language_lists_known_ones() -> None:
    with pytest.raises(UnknownLanguageError, match="ru"):
        find_dates("9 января 2026 года", get_language("xx"), None)


# --- lexicon schema


def test_every_language_has_a_date_lexicon_with_the_same_keys() -> None:
    assert set(LANGS) <= set(languages())
    for language in languages().values():
        raw = yaml.safe_load(language.data_file("dates").read_text(encoding="utf-8"))
        assert set(raw) == set(DATE_LEXICON_KEYS), language
        load_date_lexicon(language.data_file("dates"))


def _good_lexicon() -> dict:
    return yaml.safe_load(get_language("ru").data_file("dates").read_text(encoding="utf-8"))


def _drop(key: str):
    return lambda d: d.pop(key)


def _set(key: str, value):
    return lambda d: d.__setitem__(key, value)


BROKEN = [
    ("missing key", _drop("weekdays"), "weekdays"),
    ("unknown key", _set("seasons", []), "seasons"),
    ("months as a list", _set("months", ["январь"]), "months"),
    ("month 12 missing", lambda d: d["months"].pop(12), "months"),
    ("empty month", lambda d: d["months"].__setitem__(3, []), "months.3"),
    ("form not a string", lambda d: d["weekdays"].__setitem__(1, [1]), "weekdays.1"),
    ("same form in two months", lambda d: d["months"][2].append("января"), "months"),
    ("offset not an int", lambda d: d["relative_days"].__setitem__("вчера", "-1"), "relative_days"),
    ("offset a bool", lambda d: d["relative_years"].__setitem__("в этом году", True), "relative_years"),
    ("bad month part", lambda d: d["month_parts"].__setitem__("в конце", "end"), "month_parts"),
    ("words not a list", _set("year_words", "года"), "year_words"),
    ("duplicate word", _set("prepositions", ["в", "в"]), "prepositions"),
    ("ambiguous form of no month", _set("ambiguous_months", ["марс"]), "ambiguous_months"),
]


@pytest.mark.parametrize(("why", "breakit", "key"), BROKEN, ids=[b[0] for b in BROKEN])
def test_loader_rejects_a_broken_lexicon(tmp_path: Path, why: str, breakit, key: str) -> None:
    data = _good_lexicon()
    breakit(data)
    path = tmp_path / "dates.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_date_lexicon(path)
    assert str(path) in str(err.value) and key in str(err.value)


@pytest.mark.parametrize("content", ["- just\n- a list\n", "months: [unclosed\n", ""])
def test_loader_rejects_a_file_that_is_not_a_lexicon(tmp_path: Path, content: str) -> None:
    path = tmp_path / "dates.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(str(path))):
        load_date_lexicon(path)


# --- property: never raises, spans are consistent

FRAGMENTS = [
    "9 января 2026 года", "в ноябре", "Вчера", "5-6 ноября", "с 30 декабря по 2 января", "в 2020—2025 годах",
    "у вівторок", "5–6 листопада 2025 року", "торік", "Өткөн жылдын 22-сентябрында", "Былтыр декабрь айында",
    "2025-жыл", "ноябрда", "шейшембиде", "на прошлой неделе", "09.01.2026", "2026-01-09", "29 февраля",
    "31.02.2024", "62 млрд", "0000-00-00", "9999-12-31", " ", "\u00a0", "-", "—", "\n", "5", "2025",
]
texts = st.one_of(st.text(), st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=12).map("".join))
published_values = st.one_of(
    st.none(), st.text(max_size=12), st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01", "9999-12-31", "2025-02-29", "2025-13-01", "2026-01-09T10:00:00"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, lang=st.sampled_from(LANGS), published=published_values,
       tense=st.sampled_from([None, "past", "future", "present"]), bounds=st.tuples(st.integers(-5, 60), st.none() | st.integers(-5, 60)))
def test_never_raises_and_spans_are_consistent(text: str, lang: str, published: str | None, tense: str | None, bounds) -> None:
    spans = find_dates(text, get_language(lang), published, start=bounds[0], end=bounds[1], tense=tense)
    lo, hi, _ = slice(*bounds).indices(len(text))
    previous_end = lo
    for d in spans:
        assert text[d.start:d.end] == d.text
        assert previous_end <= d.start < d.end <= hi
        previous_end = d.end
        for value in (d.date, d.date_end):
            assert value is None or ISO.match(value)
        if d.date_end is not None:
            assert d.date is not None and d.date <= d.date_end
