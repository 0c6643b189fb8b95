"""Offline Stanza pipelines, and the adapter from Stanza tokens to project labels.

Two model layouts are accepted:
* the shipped one, ``weights/`` of a language folder (``resources.json`` = ``{}``, flat ``*.pt`` files and a
  ``manifest.json``), trained by the scripts in ``training/``; its language.yaml names the files;
* an official Stanza resources directory (``<dir>/resources.json`` + ``<dir>/<lang>/<processor>/*.pt``).
Nothing is ever downloaded. stanza and torch are imported inside ``StanzaBackend.load`` only.
"""
from __future__ import annotations

import json
import pathlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diplo.extractors.errors import ModelsMissingError
from diplo.extractors.labels import LOC, ORG, PER

if TYPE_CHECKING:
    from diplo.extractors.pipeline.language import Language

# Sentences of (token text, start, end) triples: what a language's own tokenizer gives a pretokenized pipeline.
Tokenizer = Callable[[str], list[list[tuple[str, int, int]]]]

Row = tuple[str, int, int, "str | None", "str | None"]  # text, start, end, lemma, backend tag

# Backend entity types (NER-UK, KyrgyzNER, OntoNotes-style, CoNLL-style) -> project labels.
TYPE_MAP: dict[str, str] = {
    "PER": PER, "PERS": PER, "PERSON": PER,
    "LOC": LOC, "LOCATION": LOC, "GPE": LOC,
    "ORG": ORG, "ORGANIZATION": ORG, "ORGANISATION": ORG, "INSTITUTION": ORG, "BUSINESS": ORG,
}


# Not frozen, but never changed once made: a run makes one per token, and a frozen dataclass takes
# five times as long to construct. unsafe_hash keeps it usable as a key, as a frozen one would be.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    """One token: its text, half-open offsets into the original text, lemma and a project BIO tag."""

    text: str
    start: int
    end: int
    lemma: str | None
    ner: str  # 'O' or 'B-PER' / 'I-PER' / 'B-LOC' / 'I-LOC' / 'B-ORG' / 'I-ORG'


def shipped_manifest(language: Language) -> dict:
    """The manifest.json of a language's shipped models."""
    path = language.weights / "manifest.json"
    if not path.is_file():
        raise ModelsMissingError(f"No shipped Stanza models for '{language.code}': {path} does not exist.")
    return json.loads(path.read_text(encoding="utf-8"))


class StanzaBackend:
    """Offline Stanza pipeline for one language."""

    def __init__(self, lang: str, pipeline: Any, tokenize: Tokenizer | None, model_dir: pathlib.Path):
        self.lang = lang
        self.model_dir = model_dir
        self._nlp = pipeline
        self._tokenize = tokenize
        self._lemma = _lemma if "lemma" in getattr(pipeline, "processors", {}) else _no_lemma

    @classmethod
    def load(cls, language: Language, model_dir: pathlib.Path | None = None,
             tokenize: Tokenizer | None = None) -> "StanzaBackend":
        """The shipped pipeline of a language, or the one in `model_dir` (either layout).

        With `tokenize`, the shipped pipeline runs on the language's own tokens (pretokenized).
        """
        lang = language.code
        model_dir = pathlib.Path(model_dir) if model_dir is not None else language.weights
        if not model_dir.is_dir():
            raise ModelsMissingError(f"Stanza model directory {model_dir} does not exist (language '{lang}').")
        if (model_dir / lang).is_dir() and (model_dir / "resources.json").is_file():
            return cls._load_official(language, model_dir)
        if model_dir != language.weights and not any((model_dir / name).is_file() for name in (language.stanza or {}).values()):
            # neither layout: say what an official directory needs, not what the shipped one lacks
            raise ModelsMissingError(
                f"{model_dir} has no Stanza models for '{lang}': an official Stanza directory holds resources.json "
                f"and {lang}/<processor>/*.pt (omit --stanza-dir to use the shipped models)")
        return cls._load_shipped(language, model_dir, tokenize)

    @classmethod
    def _load_shipped(cls, language: Language, model_dir: pathlib.Path, tokenize: Tokenizer | None) -> "StanzaBackend":
        lang, files = language.code, language.stanza
        if not files:
            raise ModelsMissingError(f"{language.directory / 'language.yaml'} names no Stanza model files for '{lang}'.")
        needed = {"resources": "resources.json", **files}
        missing = sorted(name for name in needed.values() if not (model_dir / name).is_file())
        if missing:
            raise ModelsMissingError(
                f"Stanza model directory {model_dir} lacks {', '.join(missing)} for '{lang}'; "
                f"restore {language.weights} from the repository or rerun training/run_all.sh.")
        paths = {key: str(model_dir / name) for key, name in files.items()}
        import stanza  # deferred: Russian-only runs must not import torch

        processors = "tokenize,lemma,ner" if "lemma_model_path" in paths else "tokenize,ner"
        extra = {"tokenize_pretokenized": True} if tokenize else {}
        try:
            nlp = stanza.Pipeline(lang, dir=str(model_dir), download_method=None, allow_unknown_language=True,
                                  use_gpu=False, processors=processors, **paths, **extra,
                                  # Stanza warns that 'uk'/'ky' are unknown languages: expected for our own
                                  # pipelines, and noise in cron mail. Real errors still raise.
                                  logging_level="ERROR")
        except Exception as exc:  # a corrupt or mismatched file
            raise ModelsMissingError(f"Cannot load the Stanza models in {model_dir} for '{lang}': {exc}") from exc
        return cls(lang, nlp, tokenize, model_dir)

    @classmethod
    def _load_official(cls, language: Language, model_dir: pathlib.Path) -> "StanzaBackend":
        lang = language.code
        try:
            resources = json.loads((model_dir / "resources.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelsMissingError(f"Cannot read {model_dir / 'resources.json'}: {exc}") from exc
        known = resources.get(lang, {}) if isinstance(resources, dict) else {}
        lacking = [p for p in ("tokenize", "ner") if p not in known or not (model_dir / lang / p).is_dir()]
        if lacking:
            raise ModelsMissingError(
                f"The Stanza resources in {model_dir} have no {' or '.join(lacking)} model for '{lang}' "
                "(omit --stanza-dir to use the shipped models)")
        processors = ["tokenize"] + (["mwt"] if (model_dir / lang / "mwt").is_dir() and "mwt" in known else []) + ["ner"]
        import stanza  # deferred: Russian-only runs must not import torch

        try:
            nlp = stanza.Pipeline(lang, dir=str(model_dir), download_method=None, use_gpu=False,
                                  processors=",".join(processors), logging_level="ERROR")
        except Exception as exc:
            raise ModelsMissingError(f"Cannot load the official Stanza models in {model_dir} for '{lang}': {exc}") from exc
        return cls(lang, nlp, None, model_dir)

    def analyze_batch(self, texts: Sequence[str]) -> list[list[list[Token]]]:
        """Per text: sentences of tokens whose offsets index that text; one Stanza call for the whole batch."""
        results: list[list[list[Token]]] = [[] for _ in texts]
        live = [i for i, t in enumerate(texts) if isinstance(t, str) and t.strip()]
        if not live:
            return results
        if self._tokenize:
            spans = {i: self._tokenize(texts[i]) for i in live}
            batch = [[tok for tok, _, _ in sent] for i in live for sent in spans[i]]
            if not batch:
                return results
            doc = self._nlp(batch)
            sentences = iter(doc.sentences)
            for i in live:
                for sent in spans[i]:
                    stanza_sent = next(sentences)
                    results[i].append(adapt_sentence(
                        [(t, start, end, self._lemma(st), st.ner) for (t, start, end), st in zip(sent, stanza_sent.tokens)]))
            return results
        import stanza

        docs = self._nlp.bulk_process([stanza.Document([], text=texts[i]) for i in live])
        for i, doc in zip(live, docs):
            text = texts[i]
            sentences = []
            for sent in doc.sentences:
                rows = []
                for st in sent.tokens:
                    start, end = st.start_char, st.end_char
                    if start is None or end is None or not 0 <= start < end <= len(text) or not text[start:end].strip():
                        continue
                    rows.append((text[start:end], start, end, self._lemma(st), st.ner))
                if rows:
                    sentences.append(rows)
            results[i] = [adapt_sentence(rows) for rows in repair_segmentation(text, sentences)]
        return results

    def analyze(self, text: str) -> list[list[Token]]:
        """Sentences of tokens for one text."""
        return self.analyze_batch([text])[0]


def _no_lemma(stanza_token: Any) -> None:
    return None


def _lemma(stanza_token: Any) -> str | None:
    lemmas = [w.lemma for w in stanza_token.words if w.lemma]
    return "".join(lemmas) if lemmas else None


def repair_segmentation(text: str, sentences: list[list[Row]]) -> list[list[Row]]:
    """Undo two errors of the KTMU-trained tokenizer on running news text (it saw mostly short headlines).

    It sometimes cuts a word in two ("президен" + "т") and ends a sentence there. Kyrgyz has no clitics that
    UD KTMU splits off, so two letter/digit tokens with no gap between them are one word, and a sentence that
    ends in a letter or digit with no line break after it continues in the next one.
    """
    out: list[list[Row]] = []
    for rows in sentences:
        if out:
            last = out[-1][-1]
            gap = text[last[2]:rows[0][1]]
            if text[last[2] - 1].isalnum() and "\n" not in gap and "\r" not in gap:
                out[-1] = out[-1] + rows
                continue
        out.append(list(rows))
    merged: list[list[Row]] = []
    for rows in out:
        sent: list[Row] = []
        for row in rows:
            if sent and sent[-1][2] == row[1] and text[row[1] - 1].isalnum() and text[row[1]].isalnum():
                prev = sent[-1]
                lemma = (prev[3] or prev[0]) + (row[3] or row[0])
                sent[-1] = (text[prev[1]:row[2]], prev[1], row[2], lemma, _join_tags(prev[4], row[4]))
            else:
                sent.append(row)
        merged.append(sent)
    return merged


def _join_tags(first: str | None, second: str | None) -> str | None:
    """BIOES tag of a word the tokenizer cut in two: type of the first piece, boundaries of both."""
    if not first or first == "O" or "-" not in first:
        return second if first in (None, "O") and second and second[:1] in ("B", "S") else first
    p1, _, etype = first.partition("-")
    p2 = second.partition("-")[0] if second and "-" in second else "S"
    starts, ends = p1 in ("B", "S"), p2 in ("E", "S")
    return {(True, True): "S", (True, False): "B", (False, True): "E"}.get((starts, ends), "I") + "-" + etype


def adapt_tag(tag: str | None) -> tuple[str, str | None]:
    """Backend tag ('S-PERS', 'E-LOCATION', 'B-MISC', 'O', ...) -> (BIOES prefix, project type or None)."""
    if not tag or tag == "O" or "-" not in tag:
        return "O", None
    prefix, _, etype = tag.partition("-")
    label = TYPE_MAP.get(etype.upper())
    if label is None or prefix not in ("B", "I", "E", "S"):
        return "O", None
    return prefix, label


def adapt_sentence(rows: list[tuple[str, int, int, str | None, str | None]]) -> list[Token]:
    """Stanza (text, start, end, lemma, tag) rows -> Tokens with well-formed BIO project labels."""
    out: list[Token] = []
    open_label: str | None = None  # type of the span the next I-/E- tag may continue
    for text, start, end, lemma, tag in rows:
        prefix, label = adapt_tag(tag)
        if label is None:
            ner, open_label = "O", None
        else:
            inside = prefix in ("I", "E") and open_label == label
            ner = f"{'I' if inside else 'B'}-{label}"
            open_label = None if prefix in ("E", "S") else label
        out.append(Token(text=text, start=start, end=end, lemma=lemma, ner=ner))
    return out
