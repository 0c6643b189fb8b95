"""Quality on the seed articles, through the real pipelines: entities and events against the gold files."""
from __future__ import annotations

import pytest
import seed_events  # noqa: E402
import seed_quality  # noqa: E402
from support import ROOT

ENTITY_F1 = {"ru": 0.95, "uk": 0.90, "ky": 0.90}


@pytest.fixture(scope="module")
def entity_scores():
    return seed_quality.seed_scores()


@pytest.mark.parametrize("lang", sorted(ENTITY_F1))
def test_entity_f1_on_distinct_normal_forms(entity_scores, lang):
    precision, recall, f1 = entity_scores[lang]
    assert f1 >= ENTITY_F1[lang], (lang, precision, recall, f1)


def test_events_on_the_seeds():
    scores = seed_events.score()
    assert scores["core_recall"] >= 0.9, scores
    assert scores["right_date_status_place"] >= 0.9, scores
    assert scores["precision"] >= 0.8, scores


def test_tokayev_is_one_entity_with_one_qid_in_all_five_articles(extractor):
    from diplo.extractors.pipeline.langid import identify
    from diplo.runner.reading import read_document

    for path in sorted((ROOT / "seeds").glob("*.txt")):
        doc, _ = read_document(str(path))
        result = extractor(identify(doc.text))(doc)
        tokayev = [e for e in result.entities if e.wikidata == "Q200881"]
        assert len(tokayev) == 1, (path.name, [e.name for e in result.entities if "Тока" in e.name])
        assert tokayev[0].canonical == "Kassym-Jomart Tokayev" and tokayev[0].type == "PER"
