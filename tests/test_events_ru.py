"""Russian events through real Natasha: one case per event type, plus status, dates, merging."""
from __future__ import annotations

import pytest
from diplo.models.records import Document

# (text, published, expected: (type, status, date, date_end, location or None, {participant: role}))
CASES = [
    ("Посол США в Казахстане Джули Стаффт 9 января 2026 года вручила верительные грамоты президенту Касым-Жомарту Токаеву.",
     "2026-01-09", ("credentials", "occurred", "2026-01-09", None, "Казахстан", {"Джули Стаффт": "ambassador", "Касым-Жомарт Токаев": "receiver"})),
    ("Президент Касым-Жомарт Токаев 5-6 ноября посетил с визитом Вашингтон.",
     "2026-01-09", ("visit", "occurred", "2025-11-05", "2025-11-06", "Вашингтон", {"Касым-Жомарт Токаев": "visitor"})),
    ("Государственный секретарь США Марко Рубио заявил о намерении посетить Казахстан в 2026 году.",
     "2025-11-06", ("visit", "planned", "2026", None, "Казахстан", {"Марко Рубио": "visitor"})),
    ("Накануне на приветственном приеме С5+1 в Вашингтоне выступил госсекретарь Марко Рубио.",
     "2025-11-06", ("c5plus1", "occurred", "2025-11-05", None, "Вашингтон", {"Марко Рубио": None})),
    ("Президент США Дональд Трамп в четверг принял в Белом доме лидеров пяти стран Центральной Азии.",
     "2025-11-07", ("c5plus1", "occurred", "2025-11-06", None, "Белый дом", {"Дональд Трамп": None})),
    ("Вчера министр иностранных дел Казахстана провел телефонный разговор с Марко Рубио.",
     "2025-11-07", ("call", "occurred", "2025-11-06", None, None, {"Марко Рубио": None})),
    ("Касым-Жомарт Токаев в Вашингтоне присоединился к Авраамским соглашениям.",
     "2025-11-07", ("agreement", "occurred", None, None, "Вашингтон", {"Касым-Жомарт Токаев": "signatory"})),
    ("В декабре Дональд Трамп пригласил Касым-Жомарта Токаева на саммит в Майами.",
     "2026-01-10", ("invitation", "planned", "2025-12", None, "Майами", {"Дональд Трамп": "inviter", "Касым-Жомарт Токаев": "invitee"})),
    ("Вчера я провела переговоры с Касым-Жомартом Токаевым в Министерстве иностранных дел.",
     "2026-01-09", ("meeting", "occurred", "2026-01-08", None, "Министерство иностранных дел", {"Касым-Жомарт Токаев": None})),
]


@pytest.mark.parametrize("text, published, expected", CASES, ids=[c[2][0] for c in CASES])
def test_event(extractor, text, published, expected):
    doc = extractor("ru")(Document("t", None, text, published=published))
    kind, status, date, date_end, location, roles = expected
    events = [e for e in doc.events if e.type == kind]
    assert len(events) == 1, doc.events
    event = events[0]
    assert (event.status, event.date, event.date_end) == (status, date, date_end)
    assert (event.location.name if event.location else None) == location
    assert {p.name: p.role for p in event.participants if p.name in roles} == roles
    assert text[event.start:event.end] == event.trigger
    assert event.cameo


def test_without_publication_date_relative_dates_stay_null(extractor):
    doc = extractor("ru")(Document("t", None, "Вчера Токаев посетил Вашингтон. 9 января 2026 года он посетил Пекин."))
    assert [(e.date, e.date_text) for e in doc.events] == [(None, "Вчера"), ("2026-01-09", "9 января 2026 года")]


@pytest.mark.parametrize("text", [
    "Лидеры никогда не проводили совместную встречу с американским президентом.",
    "Для Белого дома эта встреча подчеркивает попытку наладить связи.",
    "Вчера в Москву прибыли туристы из Китая.",
    "Судебное заседание по делу перенесли на понедельник.",
])
def test_not_diplomatic_events(extractor, text):
    assert extractor("ru")(Document("t", None, text, published="2025-11-07")).events == ()


def test_reports_of_one_visit_merge_and_keep_the_most_precise_date(extractor):
    text = ("Президент Токаев посетил с визитом Вашингтон в ноябре. "
            "Акорда показала, как прошел визит президента 5-6 ноября в США.")
    doc = extractor("ru")(Document("t", None, text, published="2026-01-09"))
    visits = [e for e in doc.events if e.type == "visit"]
    assert len(visits) == 1
    assert (visits[0].date, visits[0].date_end, visits[0].location.name) == ("2025-11-05", "2025-11-06", "Вашингтон")


def test_c5plus1_spellings(extractor):
    for spelling in ("С5+1", "C5+1", "С5 + 1", "c5+1"):
        text = f"В Вашингтоне прошел саммит в формате {spelling}."
        doc = extractor("ru")(Document("t", None, text, published="2025-11-07"))
        assert [e.type for e in doc.events] == ["c5plus1"], spelling
