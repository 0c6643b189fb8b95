"""Ukrainian and Kyrgyz events through the real Stanza pipelines: one case per event type."""
from __future__ import annotations

import pytest
from diplo.models.records import Document

# (lang, text, published, expected: (type, status, date, location or None, participant canonical names))
CASES = [
    ("uk", "Державний секретар США Ентоні Блінкен прибув у вівторок з візитом до Казахстану.", "2023-03-01",
     ("visit", "occurred", "2023-02-28", "Kazakhstan", {"Antony Blinken"})),
    ("uk", "Блінкен зустрівся в Астані з президентом Касимом-Жомартом Токаєвим.", "2023-03-01",
     ("meeting", "occurred", None, "Astana", {"Kassym-Jomart Tokayev"})),
    ("uk", "У вівторок в Астані планується зустріч міністрів закордонних справ у форматі С5+1.", "2023-02-27",
     ("c5plus1", "planned", "2023-02-28", "Astana", set())),
    ("uk", "Посол США Джулі Стафт 9 січня 2026 року вручила вірчі грамоти президенту Касиму-Жомарту Токаєву.", "2026-01-09",
     ("credentials", "occurred", "2026-01-09", None, {"Kassym-Jomart Tokayev"})),
    ("uk", "Вчора президент Казахстану Касим-Жомарт Токаєв провів телефонну розмову з Дональдом Трампом.", "2025-03-02",
     ("call", "occurred", "2025-03-01", None, {"Donald Trump"})),
    ("uk", "Казахстан приєднався до Авраамових угод у листопаді 2025 року.", "2025-11-07",
     ("agreement", "occurred", "2025-11", None, {"Kazakhstan"})),
    ("uk", "Токаєв запросив Дональда Трампа відвідати Казахстан.", "2025-11-07",
     ("invitation", "planned", None, None, {"Donald Trump"})),
    ("ky", "АКШнын жаңы элчиси Жули Стаффт ишеним грамоталарын тапшырды.", "2026-01-09",
     ("credentials", "occurred", None, None, {"Julie Stufft"})),
    ("ky", "Президент Токаев ноябрда Вашингтонго расмий сапар менен барган.", "2026-01-10",
     ("visit", "occurred", "2025-11", "Washington", {"Kassym-Jomart Tokayev"})),
    ("ky", "Токаев жакын арада Кошмо Штаттарга барат.", "2026-01-10",
     ("visit", "planned", None, "United States", {"Kassym-Jomart Tokayev"})),
    ("ky", "Өткөн жылдын 22-сентябрында Токаев менен Трамп телефон аркылуу сүйлөшкөн.", "2026-01-10",
     ("call", "occurred", "2025-09-22", None, {"Kassym-Jomart Tokayev"})),
    ("ky", "Былтыр декабрь айында АКШ президенти Дональд Трамп Казакстан жана Өзбекстан лидерлерин кийинки жылы "
           "Майами шаарындагы саммитке чакырган.", "2026-01-10",
     ("invitation", "planned", "2025-12", None, {"Donald Trump"})),
    ("ky", "Кечээ Жапаров Бишкекте Путин менен жолугушту.", "2025-06-05",
     ("meeting", "occurred", "2025-06-04", "Bishkek", {"Vladimir Putin"})),
    ("ky", "Вашингтондо С5+1 форматындагы саммит өттү.", "2025-11-07",
     ("c5plus1", "occurred", None, "Washington", set())),
]


@pytest.mark.parametrize("lang, text, published, expected", CASES, ids=[f"{c[0]}-{c[3][0]}" for c in CASES])
def test_event(extractor, lang, text, published, expected):
    doc = extractor(lang)(Document("t", None, text, published=published))
    kind, status, date, location, people = expected
    events = [e for e in doc.events if e.type == kind]
    assert len(events) == 1, [(e.type, e.trigger) for e in doc.events]
    event = events[0]
    assert (event.status, event.date) == (status, date), event
    if location:
        assert event.location is not None and event.location.canonical == location, event.location
    assert people <= {p.canonical for p in event.participants}, event.participants
    assert text[event.start:event.end] == event.trigger
