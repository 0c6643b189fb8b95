"""Score Stanza models on the official TEST splits (and on the dev splits cut off TRAIN).

NER: exact-span precision / recall / F1 per type (PER, LOC, ORG) and micro.
* uk: end to end, as the product runs: raw NER-UK TEST text -> extractors/lang/uk/tokenizer.py -> StanzaBackend;
  predicted character spans are compared with the gold brat spans (outermost PER/LOC/ORG).
* ky: the NER model of the loaded pipeline on the gold KyrgyzNER TEST tokens (multiword tokens split on spaces);
  also end to end ("test_e2e"): tokens joined by spaces, KTMU tokenizer, character spans.
Kyrgyz tokenizer / lemmatizer: UD KTMU TEST with Stanza's UD scorer (raw text -> tokens, sentences, lemmas),
and lemma accuracy on gold tokens.

Usage: python training/evaluate_models.py [--lang uk|ky|all] [--model_dir DIR] [--write_manifest]
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

from diplo.extractors.labels import ENTITY_TYPES  # noqa: E402

# The shared data sit beside the repository (../shared/data); DIPLO_SHARED_DATA points elsewhere.
SHARED_DATA = pathlib.Path(os.environ.get("DIPLO_SHARED_DATA", pathlib.Path(__file__).resolve().parents[2] / "shared" / "data"))
KTMU_TEST = SHARED_DATA / "ud-kyrgyz-ktmu/ky_ktmu-ud-test.conllu"
KYRGYZNER = SHARED_DATA / "kyrgyzner"
Span = tuple[int, int, str]
# Slices re-scored by tests/test_stanza_backend.py to prove the shipped NER runs with its own pretrain.
UK_SLICE_DOCS, KY_SLICE_SENTENCES = 6, 300
KY_E2E_SENTENCES = 500  # the seq2seq lemmatizer makes the whole-pipeline run slow on 2 CPU cores
SLICE_DOC = {"uk": f"micro scores on the first {UK_SLICE_DOCS} NER-UK TEST documents (sorted ids), end to end",
             "ky": f"micro scores on the first {KY_SLICE_SENTENCES} KyrgyzNER TEST sentences, gold tokens"}


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "gold": tp + fn, "pred": tp + fp}


def score_spans(pred: Iterable[Iterable[Span]], gold: Iterable[Iterable[Span]]) -> dict[str, dict[str, float]]:
    """Exact-span scores; pred and gold are parallel per-unit collections of (start, end, type)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for p_units, g_units in zip(pred, gold):
        p_set, g_set = set(p_units), set(g_units)
        for s in p_set:
            (tp if s in g_set else fp)[s[2]] += 1
        for s in g_set - p_set:
            fn[s[2]] += 1
    scores = {t: prf(tp[t], fp[t], fn[t]) for t in ENTITY_TYPES}
    scores["micro"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return scores


def bio_spans(tags: Sequence[str], offsets: Sequence[tuple[int, int]]) -> list[Span]:
    """BIO tags (project labels) over tokens with (start, end) -> spans."""
    spans: list[Span] = []
    cur: list | None = None
    for tag, (s, e) in zip(tags, offsets):
        if tag.startswith("I-") and cur is not None and cur[2] == tag[2:]:
            cur[1] = e
            continue
        if cur is not None:
            spans.append(tuple(cur))
            cur = None
        if tag != "O":
            cur = [s, e, tag[2:]]
    if cur is not None:
        spans.append(tuple(cur))
    return spans


def predicted_spans(backend, texts: Sequence[str], batch: int = 16) -> list[list[Span]]:
    out: list[list[Span]] = []
    for k in range(0, len(texts), batch):
        for sents in backend.analyze_batch(texts[k:k + batch]):
            toks = [t for s in sents for t in s]
            out.append(bio_spans([t.ner for t in toks], [(t.start, t.end) for t in toks]))
    return out


# ---------------------------------------------------------------- Ukrainian
def uk_docs(split: str) -> list[tuple[str, list[Span]]]:
    """(text, gold spans) of NER-UK documents: split 'test' (official) or 'dev' (cut off TRAIN)."""
    import prepare_uk_ner as prep

    if split == "test":
        docs = prep.read_brat(prep.DATA / "brat-test.tar.gz")
        return [docs[i] for i in sorted(docs)]
    docs = prep.read_brat(prep.DATA / "brat-train.tar.gz")
    ids = sorted(docs)
    import random

    dev = sorted(random.Random(prep.SEED).sample(ids, round(len(ids) * prep.DEV_FRACTION)))
    return [docs[i] for i in dev]


def score_uk(backend, docs: Sequence[tuple[str, list[Span]]]) -> dict:
    pred = predicted_spans(backend, [t for t, _ in docs])
    return score_spans(pred, [g for _, g in docs])


# ---------------------------------------------------------------- Kyrgyz
def ky_sentences(split: str) -> list[list[dict[str, str]]]:
    """KyrgyzNER sentences as [{'text', 'ner'}] (project BIO): 'test' (official) or 'dev' (cut off TRAIN)."""
    import prepare_ky_ner as prep

    if split == "test":
        return [s for s in map(prep.convert, prep.read_kyrgyzner(KYRGYZNER / "KyrgyzNER_TEST.txt")) if s]
    import random

    train = prep.read_kyrgyzner(KYRGYZNER / "KyrgyzNER_TRAIN.txt")
    doc_ids = sorted({s["doc"] for s in train})
    dev_docs = set(random.Random(prep.SEED).sample(doc_ids, round(len(doc_ids) * prep.DEV_FRACTION)))
    return [c for c in (prep.convert(s) for s in train if s["doc"] in dev_docs) if c]


def ner_on_gold_tokens(backend, sentences: Sequence[Sequence[dict]]) -> list[list[str]]:
    """Run only the loaded pipeline's NER processor over gold tokens; project BIO tags per token."""
    from diplo.extractors.backends.stanza_backend import adapt_sentence
    from stanza.models.common.doc import Document

    doc = Document([[{"id": (k + 1,), "text": t["text"]} for k, t in enumerate(s)] for s in sentences])
    doc = backend._nlp.processors["ner"].process(doc)
    return [[tok.ner for tok in adapt_sentence([(t.text, 0, 1, None, t.ner) for t in s.tokens])] for s in doc.sentences]


def score_ky_gold_tokens(backend, sentences: Sequence[Sequence[dict]]) -> dict:
    pred_tags = ner_on_gold_tokens(backend, sentences)
    pred, gold = [], []
    for s, tags in zip(sentences, pred_tags):
        offs = [(k, k + 1) for k in range(len(s))]
        pred.append(bio_spans(tags, offs))
        gold.append(bio_spans([t["ner"] for t in s], offs))
    return score_spans(pred, gold)


def score_ky_e2e(backend, sentences: Sequence[Sequence[dict]]) -> dict:
    texts, gold = [], []
    for s in sentences:
        offs, pos = [], 0
        for t in s:
            offs.append((pos, pos + len(t["text"])))
            pos += len(t["text"]) + 1
        texts.append(" ".join(t["text"] for t in s))
        gold.append(bio_spans([t["ner"] for t in s], offs))
    return score_spans(predicted_spans(backend, texts, batch=64), gold)


def score_ky_ud(backend) -> dict:
    """KTMU TEST: tokenizer + lemmatizer from raw text (UD scorer), and lemma accuracy on gold tokens."""
    from stanza.models.common.doc import Document
    from stanza.models.common.utils import ud_scores
    from stanza.utils.conll import CoNLL

    gold_text = KTMU_TEST.read_text(encoding="utf-8")
    sents, forms, lemmas = [], [], []
    cur_f, cur_l = [], []
    for line in gold_text.split("\n"):
        if line.startswith("# text = "):
            sents.append(line[len("# text = "):])
        elif not line.strip():
            if cur_f:
                forms.append(cur_f)
                lemmas.append(cur_l)
            cur_f, cur_l = [], []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                cur_f.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
                cur_l.append(cols[2])
    nlp = backend._nlp
    # raw text rebuilt from the gold forms and SpaceAfter=No (some '# text' lines differ from the forms)
    raw_text = " ".join("".join(f).strip() for f in forms)
    forms = [[f.strip() for f in s] for s in forms]
    doc = nlp.processors["tokenize"].process(raw_text)
    doc = nlp.processors["lemma"].process(doc)
    with tempfile.TemporaryDirectory() as tmp:
        sys_file = pathlib.Path(tmp) / "sys.conllu"
        CoNLL.write_doc2conll(doc, str(sys_file))
        ud = ud_scores(str(KTMU_TEST), str(sys_file))
    raw = {k: round(ud[k].f1, 4) for k in ("Tokens", "Sentences", "Words", "Lemmas")}
    gdoc = Document([[{"id": (k + 1,), "text": f} for k, f in enumerate(s)] for s in forms])
    gdoc = nlp.processors["lemma"].process(gdoc)
    pred = [w.lemma for s in gdoc.sentences for w in s.words]
    gold = [x for s in lemmas for x in s]
    copy = sum(f == g for s, ls in zip(forms, lemmas) for f, g in zip(s, ls)) / len(gold)
    return {"raw_text_f1": raw, "lemma_accuracy_gold_tokens": round(sum(p == g for p, g in zip(pred, gold)) / len(gold), 4),
            "copy_form_baseline": round(copy, 4), "sentences": len(forms), "words": len(gold)}


# ---------------------------------------------------------------- main
def evaluate(lang: str, model_dir: pathlib.Path | None) -> dict:
    from diplo.extractors.backends.stanza_backend import StanzaBackend
    from diplo.extractors.lang.uk.tokenizer import tokenize
    from diplo.extractors.pipeline.language import get_language

    # as the product runs: Ukrainian on the project's own tokens
    backend = StanzaBackend.load(get_language(lang), model_dir, tokenize=tokenize if lang == "uk" else None)
    t0 = time.time()
    if lang == "uk":
        test = uk_docs("test")
        res = {"test": score_uk(backend, test), "dev": score_uk(backend, uk_docs("dev")),
               "test_slice": {"what": SLICE_DOC["uk"], **score_uk(backend, test[:UK_SLICE_DOCS])["micro"]}}
    else:
        test = ky_sentences("test")
        res = {"test": score_ky_gold_tokens(backend, test), "dev": score_ky_gold_tokens(backend, ky_sentences("dev")),
               "test_e2e": {"what": f"first {KY_E2E_SENTENCES} TEST sentences, whole pipeline",
                            **score_ky_e2e(backend, test[:KY_E2E_SENTENCES])},
               "ud_ktmu_test": score_ky_ud(backend),
               "test_slice": {"what": SLICE_DOC["ky"], **score_ky_gold_tokens(backend, test[:KY_SLICE_SENTENCES])["micro"]}}
    res["eval_seconds"] = round(time.time() - t0, 1)
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="all", choices=["uk", "ky", "all"])
    ap.add_argument("--model_dir", type=pathlib.Path, default=None)
    ap.add_argument("--write_manifest", action="store_true", help="store the scores in the shipped manifest.json")
    args = ap.parse_args()
    for lang in (["uk", "ky"] if args.lang == "all" else [args.lang]):
        res = evaluate(lang, args.model_dir)
        print(json.dumps({lang: res}, ensure_ascii=False))
        if args.write_manifest:
            from diplo.extractors.pipeline.language import get_language

            path = (args.model_dir or get_language(lang).weights) / "manifest.json"
            manifest = json.loads(path.read_text(encoding="utf-8"))
            manifest["scores"] = {k: v for k, v in res.items() if k != "eval_seconds"}
            path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
