"""Russian: Natasha (segmentation, morphology, NER) with pymorphy3 normal forms and a few span repairs."""
from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from diplo.extractors.backends.stanza_extractor import describe_file, shipped_scores
from diplo.extractors.labels import LOC, ORG, PER
from diplo.extractors.morphology.pymorphy import Inflector, Word
from diplo.extractors.pipeline.analysis import Analysis, NameSpan, Sentence, Token
from diplo.extractors.pipeline.extractor import Extractor
from diplo.extractors.pipeline.language import Language

_NATASHA_TYPES = {"PER": PER, "LOC": LOC, "ORG": ORG}
# A one-word "name" the morphology tagger calls one of these is a tagging error ("Кто", "Опустили").
_NOT_NAMES = {"PRON", "VERB", "AUX", "ADV", "ADP", "CCONJ", "SCONJ", "PART", "DET", "NUM", "INTJ"}
_OWN_LEMMA = {"PUNCT", "ADP", "CCONJ", "SCONJ", "PART", "NUM", "SYM", "X", "INTJ"}
_OPENING, _CLOSING = "«„“\"'(", "»“”\"')"
GLUED_WORD = 5  # letters of a word that, glued to a capital, makes a page scrap
# Natasha ships its models inside its package; diplo uses these three (no syntax parser).
NATASHA_FILES = {"embedding": "data/emb/navec_news_v1_1B_250K_300d_100q.tar",
                 "morph": "data/model/slovnet_morph_news_v1.tar", "ner": "data/model/slovnet_ner_news_v1.tar"}


class RussianExtractor(Extractor):
    """Natasha's news models; loaded once per process."""

    def __init__(self, language: Language, *, stanza_dir: Path | None = None) -> None:
        from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        super().__init__(language)
        with _without_similarity_tables():
            embedding = NewsEmbedding()
        self.segmenter = Segmenter()
        self.morph_tagger = NewsMorphTagger(embedding)
        self.ner_tagger = NewsNERTagger(embedding)
        self.inflector = language.morphology
        self.words = language.names

    @classmethod
    def describe(cls, language: Language, *, stanza_dir: Path | None = None) -> dict[str, Any]:
        import importlib.util

        package = Path(importlib.util.find_spec("natasha").origin).parent
        manifest = json.loads((language.directory / "manifest.json").read_text(encoding="utf-8"))
        return {
            "lang": language.code,
            "pipeline": manifest["pipeline"],
            "files": {name: describe_file(package / relative) for name, relative in NATASHA_FILES.items()},
            "training_data": manifest["training_data"],
            "license": manifest["license"],
            "scores": shipped_scores(language),
        }

    def analyze_batch(self, texts: Sequence[str]) -> list[Analysis]:
        return [self.analyze(text) for text in texts]

    def analyze(self, text: str) -> Analysis:
        from natasha import Doc

        # The taggers and the dictionary read "е" for "ё", as most news writes it: "Соединённых Штатов" is
        # tagged and put in the nominative as "Соединенных Штатов". Same length, so offsets stay; the
        # mentions keep the article's own spelling.
        doc = Doc(text.replace("ё", "е").replace("Ё", "Е"))
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph_tagger)
        doc.tag_ner(self.ner_tagger)
        doc.text = text
        tokens = {t.start: adapt_token(t, self.inflector) for t in doc.tokens}
        sentences = tuple(adapt_sentence(s, tokens) for s in doc.sents)
        return Analysis(sentences, tuple(self._repair_spans(doc)))

    def _repair_spans(self, doc) -> list[NameSpan]:
        spans = []
        natasha_spans = [s for s in doc.spans if trim_tokens(s.tokens)]
        for index, span in enumerate(natasha_spans):
            kind = _NATASHA_TYPES.get(span.type)
            tokens = trim_tokens(span.tokens)
            if kind is None or all(t.pos in _NOT_NAMES for t in tokens) or self._glued_scrap(tokens):
                continue
            start, stop = tokens[0].start, tokens[-1].stop
            words = adapt_words(tokens)
            if all(w.pos == "ADJ" for w in words):
                # "Южной и Центральной Азии": the adjective borrows the next span's head noun.
                following = natasha_spans[index + 1] if index + 1 < len(natasha_spans) else None
                normal = self._shared_head_name(doc, span, following)
                if normal:
                    spans.append(NameSpan(kind, start, stop, doc.text[start:stop], normal))
                continue
            if kind == PER and len(words) == 1 and self._is_outlet(doc, span):
                kind = ORG
            normal = self.inflector.normal_name(words, kind)
            spans.append(NameSpan(kind, start, stop, doc.text[start:stop], normal))
        return self._bodies_of_countries(doc, spans)

    def _glued_scrap(self, tokens) -> bool:
        """Words of a page glued without a space ("СмотретьБританский"): a dictionary word of five letters or
        more runs into a capital. Names with a short prefix stay ("МакКейн", "ДиКаприо")."""
        for token in tokens:
            for i in range(GLUED_WORD, len(token.text)):
                if token.text[i].isupper() and token.text[i - 1].islower():
                    if self.inflector.is_known(token.text[:i]):
                        return True
                    break
        return False

    def _bodies_of_countries(self, doc, spans: list[NameSpan]) -> list[NameSpan]:
        """A body followed by a country in the genitive is one organization: "Конгресса США",
        "правительства Китая", "Верховный суд Бангладеша". The country stays a mention of its own, inside."""
        tokens = doc.tokens
        index = {t.start: i for i, t in enumerate(tokens)}
        by_end = {s.end: s for s in spans if s.type == ORG}
        result = list(spans)
        for place in [s for s in spans if s.type == LOC]:
            first = index.get(place.start)
            if first is None or first == 0 or (tokens[first].feats or {}).get("Case") != "Gen":
                continue
            before = doc.text[tokens[first - 1].stop:place.start]
            body = by_end.get(tokens[first - 1].stop)
            if body is not None and before.strip() == "":
                result.remove(body)
                result.append(NameSpan(ORG, body.start, place.end, doc.text[body.start:place.end],
                                       f"{body.normal} {place.text}"))
                continue
            head = self._org_head(tokens, first, spans)
            if head is not None:
                normal = self.inflector.normal_name(adapt_words(tokens[head:first]), ORG) + " " + place.text
                start = tokens[head].start
                result.append(NameSpan(ORG, start, place.end, doc.text[start:place.end], normal))
        return sorted(result, key=lambda s: s.start)

    def _org_head(self, tokens, first: int, spans: list[NameSpan]) -> int | None:
        """Index of the body word(s) right before a place ("правительства", "Верховного суда"), if any."""
        for width in (2, 1):
            head = first - width
            if head < 0 or any(s.start <= tokens[head].start < s.end for s in spans):
                continue
            lemmas = " ".join(self.inflector.lemma(t.text, t.pos or "") for t in tokens[head:first])
            if lemmas in self.words.org_heads:
                return head
        return None

    def _shared_head_name(self, doc, span, following) -> str | None:
        after = [t for t in doc.tokens if t.start >= span.stop]
        if following is None or len(after) < 2 or after[0].text.lower() not in self.words.coordinators:
            return None
        if after[1].start != following.start:
            return None
        words = adapt_words(following.tokens)
        head = next((i for i, w in enumerate(words) if w.pos in ("NOUN", "PROPN")), None)
        if head is None:
            return None
        adjectives = adapt_words(span.tokens)
        return self.inflector.normal_name(adjectives + words[head:], LOC)

    def _is_outlet(self, doc, span) -> bool:
        """A one-word 'person' that is a common noun next to a reporting verb: "Фокус писал", "Акорда опубликовала"."""
        token = span.tokens[0]
        if self.inflector.lemma(token.text, "PROPN") == token.text.lower() and _looks_like_person(self.inflector, token.text):
            return False
        index = next(i for i, t in enumerate(doc.tokens) if t.start == token.start)
        neighbours = doc.tokens[max(index - 1, 0): index] + doc.tokens[index + 1: index + 2]
        return any(self.inflector.lemma(t.text, "VERB") in self.words.reporting_verbs for t in neighbours)


@contextmanager
def _without_similarity_tables():
    """Load navec without the tables it precomputes for word similarity (0.4 s of a cold start).

    The taggers only look vectors up (PQ.__getitem__ reads `codes` and `indexes`); `norm` and `ab`
    serve `Navec.sim`, which diplo never calls.
    """
    from navec.pq import PQ

    original = PQ.precompute
    PQ.precompute = lambda self: setattr(self, "qdims", np.arange(self.qdim))
    try:
        yield
    finally:
        PQ.precompute = original


def _looks_like_person(inflector: Inflector, text: str) -> bool:
    return any(tag in p.tag for p in inflector._parses(text.lower()) for tag in ("Name", "Surn", "Patr"))


def trim_tokens(tokens) -> list:
    """A name span without punctuation at its edges, and without a trailing parenthesis:
    "Урсула фон дер Ляйен (Ursula von der Leyen)" -> "Урсула фон дер Ляйен", "новости»" -> "новости"."""
    tokens = list(tokens)
    cut = next((i for i, t in enumerate(tokens) if t.text == "(" and i > 0), None)
    if cut is not None:
        tokens = tokens[:cut]
    while tokens and tokens[0].pos == "PUNCT" and not (tokens[0].text in _OPENING and _closes(tokens)):
        tokens.pop(0)
    while tokens and tokens[-1].pos == "PUNCT" and not (tokens[-1].text in _CLOSING and _opens(tokens)):
        tokens.pop()
    return tokens


def _closes(tokens) -> bool:
    return any(t.text in _CLOSING for t in tokens[1:])


def _opens(tokens) -> bool:
    return any(t.text in _OPENING for t in tokens[:-1])


def adapt_words(tokens) -> list[Word]:
    words = []
    for i, token in enumerate(tokens):
        feats = token.feats or {}
        spaced = i > 0 and token.start > tokens[i - 1].stop
        words.append(Word(token.text, token.pos or "", feats.get("Case", ""), feats.get("Number", ""), spaced,
                          feats.get("Gender", "")))
    return words


def adapt_token(token, inflector: Inflector) -> Token:
    pos = token.pos or ""
    # Function words and punctuation are their own lemma; looking them up costs a fifth of a run.
    lemma = token.text.lower() if pos in _OWN_LEMMA else inflector.lemma(token.text, pos)
    return Token(token.text, token.start, token.stop, lemma, pos, (token.feats or {}).get("Tense", ""))


def adapt_sentence(sent, tokens: dict[int, Token]) -> Sentence:
    return Sentence(sent.start, sent.stop, tuple(tokens[t.start] for t in sent.tokens))
