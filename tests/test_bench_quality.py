"""The measurement scripts under bench/: corpus readers give gold that indexes the text exactly,
and the scorers, run on two real documents per set, give figures in [0, 1].

Real data from the repository's sibling folder `../shared/data` (or $DIPLO_SHARED_DATA); the real
Russian pipeline; the uk/ky readers only (their models are not needed here).
"""
from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

import corpora  # noqa: E402
import events_nerel  # noqa: E402
import ner_quality  # noqa: E402

LIMIT = 2
READERS = {
    "factru": lambda: corpora.read_factrueval("testset", LIMIT),
    "ner-uk": lambda: corpora.read_ner_uk("test", LIMIT),
    "kyrgyzner": lambda: corpora.read_kyrgyzner("TEST", LIMIT),
    "slavicner-ru": lambda: corpora.read_slavicner("ru", "cross-topic_test", LIMIT),
    "slavicner-uk": lambda: corpora.read_slavicner("uk", "cross-topic_test", LIMIT),
}


def test_data_dir_is_the_sibling_shared_folder(monkeypatch):
    monkeypatch.delenv("DIPLO_SHARED_DATA", raising=False)
    assert corpora.data_dir() == ROOT.parent / "shared" / "data"
    assert (corpora.data_dir() / "factrueval-2016").is_dir()
    monkeypatch.setenv("DIPLO_SHARED_DATA", "/elsewhere")
    assert corpora.data_dir() == Path("/elsewhere")


@pytest.mark.parametrize("name", sorted(READERS))
def test_reader_gives_spans_inside_the_text(name):
    docs = list(READERS[name]())
    assert len(docs) == LIMIT
    assert len({doc.doc_id for doc in docs}) == LIMIT
    for doc in docs:
        assert doc.spans, doc.doc_id
        for span in doc.spans:
            assert 0 <= span.start < span.end <= len(doc.text)
            assert span.type in corpora.TYPES
            assert doc.text[span.start:span.end] == span.text
            assert span.text == span.text.strip(), span


def test_ner_uk_offsets_reproduce_the_ann_text():
    """The TEXT field of every `.ann` line (continuation lines joined) is text[start:end]."""
    with tarfile.open(corpora.data_dir() / "ner-uk-v2" / "brat-test.tar.gz") as tar:
        names = sorted(m.name for m in tar.getmembers() if m.name.endswith(".ann"))[:LIMIT]
        for name in names:
            ann = tar.extractfile(name).read().decode("utf-8")
            text = tar.extractfile(name[:-4] + ".txt").read().decode("utf-8")
            records = corpora.parse_ner_uk_ann(ann)
            assert records
            assert all(text[start:end] == mention for _, start, end, mention in records)


def test_ner_uk_continuation_lines_are_joined():
    ann = "T1\tORG\t0\t12\tМіська\nрада\nT2\tPERS\t13\t20\tОлексій"
    assert corpora.parse_ner_uk_ann(ann) == [("ORG", 0, 12, "Міська\nрада"), ("PERS", 13, 20, "Олексій")]


def test_kyrgyzner_text_is_rebuilt_from_tokens():
    doc = next(corpora.read_kyrgyzner("TEST", 1))
    assert doc.text.startswith("Тажикстанда Мамлекеттик ветеринардык көзөмөл кызматы")
    assert (doc.spans[0].text, doc.spans[0].type) == ("Тажикстанда", "LOC")
    assert any(s.type == "ORG" and s.text.startswith("Мамлекеттик ветеринардык") for s in doc.spans)
    for span in doc.spans:  # spans start and end on token boundaries
        assert span.start == 0 or doc.text[span.start - 1] in " \n"
        assert span.end == len(doc.text) or doc.text[span.end] in " \n"


def test_slavicner_split_and_lemmas():
    assert len(corpora.slavicner_split("ru")) == 91
    assert len(corpora.slavicner_split("uk")) == 33
    for doc in corpora.read_slavicner("uk", "cross-topic_test", LIMIT):
        assert all(span.lemma for span in doc.spans)


def test_exact_matching_counts():
    doc = next(corpora.read_factrueval("testset", 1))
    gold = {(s.start, s.end, s.type) for s in doc.spans}
    perfect = ner_quality.match(gold, gold)
    assert sum(c.tp for c in perfect.values()) == len(gold)
    assert all(c.fp == c.fn == 0 for c in perfect.values())
    shifted = {(start, end + 1, label) for start, end, label in gold}
    counts = ner_quality.match(gold, shifted)
    assert sum(c.tp for c in counts.values()) == 0
    assert sum(c.fn for c in counts.values()) == sum(c.fp for c in counts.values()) == len(gold)


@pytest.mark.parametrize("set_name", ["factru", "slavicner-ru"])
def test_ner_scores_on_the_russian_pipeline(set_name):
    eval_set = next(s for s in ner_quality.EVAL_SETS if s.name == set_name)
    result = ner_quality.evaluate(eval_set, LIMIT)
    assert result.docs == LIMIT
    assert result.misaligned == 0
    micro = result.micro()
    assert micro.tp > 0
    for counts in [*result.counts.values(), micro]:
        assert all(0.0 <= x <= 1.0 for x in counts.prf())
    if eval_set.lemmas:
        assert 0 < result.lemmas.same_nocase <= result.lemmas.found <= micro.tp
        assert result.lemmas.same <= result.lemmas.same_nocase


def test_nerel_reader_and_diplomatic_selection():
    # A TRAIN document (the README's example), so that no test-part gold is looked at here.
    doc = next(d for d in corpora.read_nerel("train") if d.doc_id == "536232_text")
    for entity in doc.entities.values():
        if len(entity.fragments) == 1:
            assert doc.text[entity.start:entity.end] == entity.text
    events = {e.trigger.text: e for e in events_nerel.gold_events(doc)}
    assert "визита" in events
    visit = events["визита"]
    assert [p.text for p in visit.participants] == ["Владимир Путин"]
    assert [p.text for p in visit.places] == ["Израиль"]
    assert [t.text for t in visit.times] == ["23 января 2020 года"]
    assert events_nerel.date_matches("23 января", doc.text, visit.times[0])


@pytest.mark.parametrize("gold, predicted, same", [
    ("Джона Болтона", "Джон Болтон", True),
    ("Владимир Путин", "Путин", True),
    ("Аргентине", "Аргентина", True),
    ("Аргентине", "Россия", False),
])
def test_loose_name_match(gold, predicted, same):
    assert events_nerel.same_name(gold, predicted) is same


def test_event_scores_on_the_russian_pipeline():
    result = events_nerel.evaluate(LIMIT)
    assert result.docs == LIMIT
    for hits in (result.events, result.participants, result.places, result.times):
        assert 0 <= hits.found <= hits.total
        assert 0.0 <= hits.share <= 1.0
    assert result.predicted_no_gold + result.predicted_other_gold <= result.predicted
