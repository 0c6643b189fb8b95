"""Shared part of the Stanza-backed extractors (Ukrainian, Kyrgyz): BIO tags -> name spans."""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from extractors.analysis import Analysis, NameSpan, Sentence, Token
from extractors.base import Extractor

STANZA_DIR_ENV = "DIPLO_STANZA_DIR"


class StanzaExtractor(Extractor):
    """Runs the offline Stanza pipeline of `lang`; subclasses say how a span's words become a name."""

    def __init__(self) -> None:
        from extractors.stanza_backend import StanzaBackend

        override = os.environ.get(STANZA_DIR_ENV)
        self.backend = StanzaBackend.load(self.lang, Path(override) if override else None)

    def normal_name(self, tokens: list, entity_type: str) -> str:
        raise NotImplementedError

    def trim_span(self, tokens: list) -> list:
        """The part of a tagged span that is the name; languages whose NER keeps titles override this."""
        return tokens

    def adapt_tokens(self, sentence: list) -> tuple[Token, ...]:
        """Backend tokens of a sentence -> analysis tokens; languages with a better lemmatizer override this."""
        return tuple(Token(t.text, t.start, t.end, (t.lemma or t.text).lower()) for t in sentence)

    def analyze_batch(self, texts: Sequence[str]) -> list[Analysis]:
        return [self._adapt(text, sentences) for text, sentences in zip(texts, self.backend.analyze_batch(list(texts)))]

    def _adapt(self, text: str, sentences) -> Analysis:
        adapted, spans = [], []
        for sentence in sentences:
            if not sentence:
                continue
            tokens = self.adapt_tokens(sentence)
            adapted.append(Sentence(tokens[0].start, tokens[-1].end, tokens))
            for entity_type, span_tokens in bio_spans(sentence):
                span_tokens = self.trim_span(span_tokens)
                if not span_tokens:
                    continue
                start, end = span_tokens[0].start, span_tokens[-1].end
                normal = self.normal_name(span_tokens, entity_type)
                if normal:
                    spans.append(NameSpan(entity_type, start, end, text[start:end], normal))
        return Analysis(tuple(adapted), tuple(spans))


def bio_spans(tokens) -> list[tuple[str, list]]:
    """Group B-/I- tagged tokens into (type, tokens); a stray I- starts a span of its own."""
    spans: list[tuple[str, list]] = []
    for token in tokens:
        prefix, _, kind = token.ner.partition("-")
        if prefix == "B" or (prefix == "I" and (not spans or spans[-1][0] != kind or spans[-1][1][-1] is not _previous(tokens, token))):
            spans.append((kind, [token]))
        elif prefix == "I":
            spans[-1][1].append(token)
    return spans


def _previous(tokens, token):
    index = tokens.index(token)
    return tokens[index - 1] if index else None

