"""Real Stanza, real shipped models: offline loading, offsets, labels, and that each NER runs with its pretrain."""
from __future__ import annotations

import json
import pathlib
import shutil

import pytest
from diplo.extractors.backends.stanza_backend import (
    StanzaBackend,
    Token,
    adapt_sentence,
    shipped_manifest,
)
from diplo.extractors.errors import ModelsMissingError
from diplo.extractors.lang.uk.tokenizer import tokenize
from diplo.extractors.pipeline.extractor import get_extractor
from diplo.extractors.pipeline.language import get_language

ROOT = pathlib.Path(__file__).resolve().parents[1]
import evaluate_models as ev  # noqa: E402

SEEDS = {"uk": ROOT / "seeds" / "002_76e9c1f8ecf387a7.txt", "ky": ROOT / "seeds" / "001_f1bb1109d737bb7e.txt"}
TAGS = {"O"} | {f"{p}-{t}" for p in "BI" for t in ("PER", "LOC", "ORG")}


@pytest.fixture(scope="module")
def backends() -> dict[str, StanzaBackend]:
    return {lang: get_extractor(lang).backend for lang in ("uk", "ky")}  # the backends the product runs


def check_tokens(text: str, sentences: list[list[Token]]) -> None:
    prev = None
    for sent in sentences:
        assert sent, "empty sentence"
        for tok in sent:
            assert text[tok.start:tok.end] == tok.text and tok.text.strip()
            assert tok.ner in TAGS
            if tok.ner.startswith("I-"):
                assert prev is not None and prev.ner[2:] == tok.ner[2:], "I- without a span to continue"
            prev = tok
        prev = None


# ---------------------------------------------------------------- loading
def test_missing_directory_raises(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ModelsMissingError, match="does not exist"):
        StanzaBackend.load(get_language("uk"), tmp_path / "nowhere")


@pytest.mark.parametrize("lang", ["uk", "ky"])
def test_incomplete_directory_names_missing_files(tmp_path: pathlib.Path, lang: str) -> None:
    (tmp_path / "resources.json").write_text("{}")
    shutil.copyfile(get_language(lang).weights / "ner.pt", tmp_path / "ner.pt")
    with pytest.raises(ModelsMissingError) as err:
        StanzaBackend.load(get_language(lang), tmp_path)
    assert str(tmp_path) in str(err.value) and "pretrain.pt" in str(err.value)


def test_official_layout_without_ner_raises(tmp_path: pathlib.Path) -> None:
    (tmp_path / "resources.json").write_text(json.dumps({"ky": {"tokenize": {"ktmu": {}}}}))
    (tmp_path / "ky" / "tokenize").mkdir(parents=True)
    with pytest.raises(ModelsMissingError, match="no ner model for 'ky'"):
        StanzaBackend.load(get_language("ky"), tmp_path)


@pytest.mark.parametrize("lang", ["uk", "ky"])
def test_manifest_matches_shipped_files(lang: str) -> None:
    manifest = shipped_manifest(get_language(lang))
    assert manifest["lang"] == lang and set(manifest["scores"]["test"]) >= {"PER", "LOC", "ORG", "micro"}
    for entry in manifest["files"].values():
        assert (get_language(lang).weights / entry["path"]).stat().st_size == entry["bytes"]


# ---------------------------------------------------------------- analysis
@pytest.mark.parametrize("lang", ["uk", "ky"])
def test_seed_offsets_round_trip(backends: dict[str, StanzaBackend], lang: str) -> None:
    text = SEEDS[lang].read_text(encoding="utf-8")
    sentences = backends[lang].analyze(text)
    assert len(sentences) > 3
    check_tokens(text, sentences)
    assert {t.ner[2:] for s in sentences for t in s if t.ner != "O"} & {"PER", "LOC"}
    if lang == "ky":
        assert all(t.lemma for s in sentences for t in s)


@pytest.mark.parametrize("lang", ["uk", "ky"])
def test_robust_inputs_and_batching(backends: dict[str, StanzaBackend], lang: str) -> None:
    seed = SEEDS[lang].read_text(encoding="utf-8")
    texts = ["", "   \n\t ", "!!! 123 ... %%% —", "\u200b\x00 «»", seed[:300], seed * 3, "\n\nТокаев\n\n"]
    batch = backends[lang].analyze_batch(texts)
    assert len(batch) == len(texts) and batch[0] == [] and batch[1] == []
    for text, sentences in zip(texts, batch):
        check_tokens(text, sentences)
    assert batch[4] == backends[lang].analyze(texts[4])


def test_adapter_maps_backend_tags() -> None:
    rows = [("a", 0, 1, None, "S-PERS"), ("b", 2, 3, None, "B-LOCATION"), ("c", 4, 5, None, "E-LOCATION"),
            ("d", 6, 7, None, "I-INSTITUTION"), ("e", 8, 9, None, "S-MISC"), ("f", 10, 11, None, "E-BUSINESS")]
    assert [t.ner for t in adapt_sentence(rows)] == ["B-PER", "B-LOC", "I-LOC", "B-ORG", "O", "B-ORG"]


# ---------------------------------------------------------------- the NER runs with its own pretrain
def test_uk_reproduces_test_slice(backends: dict[str, StanzaBackend]) -> None:
    expected = shipped_manifest(get_language("uk"))["scores"]["test_slice"]
    got = ev.score_uk(backends["uk"], ev.uk_docs("test")[: ev.UK_SLICE_DOCS])["micro"]
    assert abs(got["f1"] - expected["f1"]) <= 0.02 and got["f1"] > 0.6


def test_ky_reproduces_test_slice(backends: dict[str, StanzaBackend]) -> None:
    expected = shipped_manifest(get_language("ky"))["scores"]["test_slice"]
    got = ev.score_ky_gold_tokens(backends["ky"], ev.ky_sentences("test")[: ev.KY_SLICE_SENTENCES])["micro"]
    assert abs(got["f1"] - expected["f1"]) <= 0.02 and got["f1"] > 0.5


# ---------------------------------------------------------------- Ukrainian tokenizer
UK_TOKEN_CASES = [
    ("Зустріч п'яти міністрів", [["Зустріч", "п'яти", "міністрів"]]),
    ("п’ять і пʼять", [["п’ять", "і", "пʼять"]]),
    ("з Касимом-Жомартом Токаєвим.", [["з", "Касимом-Жомартом", "Токаєвим", "."]]),
    ("Посол США прибув.", [["Посол", "США", "прибув", "."]]),
    ("газета «День» пише", [["газета", "«", "День", "»", "пише"]]),
    ('Він сказав: "Так".', [["Він", "сказав", ":", '"', "Так", '"', "."]]),
    ("Київ — столиця", [["Київ", "—", "столиця"]]),
    ("у 2024 році 1,5 млрд", [["у", "2024", "році", "1,5", "млрд"]]),
    ("на Zakon.kz та https://www.mfa.gov.ua/news.", [["на", "Zakon.kz", "та", "https://www.mfa.gov.ua/news", "."]]),
    ("Прибув О. Чорний. Далі був Київ!", [["Прибув", "О", ".", "Чорний", "."], ["Далі", "був", "Київ", "!"]]),
    ("«Так», - сказав він. Потім пішов.", [["«", "Так", "»", ",", "-", "сказав", "він", "."], ["Потім", "пішов", "."]]),
    ("Перший рядок\nДругий рядок", [["Перший", "рядок"], ["Другий", "рядок"]]),
    ("", []),
    ("  \n ", []),
]


@pytest.mark.parametrize(("text", "expected"), UK_TOKEN_CASES)
def test_uk_tokenizer(text: str, expected: list[list[str]]) -> None:
    sentences = tokenize(text)
    assert [[t for t, _, _ in s] for s in sentences] == expected
    assert all(text[s:e] == t for sent in sentences for t, s, e in sent)


@pytest.mark.parametrize("text", ["\ud800x", "\x00\x01", "a" * 5000, "." * 300, "ʼ’'", "–—-", "1.2.3.4.5", "@@@ x@y.z"])
def test_uk_tokenizer_never_raises(text: str) -> None:
    for sent in tokenize(text):
        assert all(text[s:e] == t for t, s, e in sent)
