"""Ukrainian: the project's Stanza NER (trained on NER-UK 2.0) over the project's tokenizer, with pymorphy3 normal forms."""
from __future__ import annotations

from pathlib import Path

from diplo.extractors.backends.stanza_backend import Tokenizer
from diplo.extractors.backends.stanza_extractor import StanzaExtractor
from diplo.extractors.lang.uk.tokenizer import tokenize
from diplo.extractors.morphology.pymorphy import Word
from diplo.extractors.pipeline.analysis import Token
from diplo.extractors.pipeline.language import Language


class UkrainianExtractor(StanzaExtractor):
    """Stanza NER over the project's tokenizer; names put in the nominative with pymorphy3."""

    def __init__(self, language: Language, *, stanza_dir: Path | None = None) -> None:
        super().__init__(language, stanza_dir=stanza_dir)
        self.inflector = language.morphology
        self.titles = language.names.titles

    def tokenizer(self) -> Tokenizer:
        # The shipped NER was trained on this tokenizer's tokens (training/prepare_uk_ner.py).
        return tokenize

    def split_span(self, entity_type: str, tokens: list) -> list[tuple[str, list]]:
        """"Державний секретар США" -> "США": NER-UK marks titles apart (JOB), the model sometimes joins them."""
        last_title = max((i for i, t in enumerate(tokens) if self.inflector.lemma(t.text) in self.titles), default=-1)
        return [(entity_type, tokens[last_title + 1:])]

    def normal_name(self, tokens: list, entity_type: str) -> str:
        words = [Word(t.text, space_before=i > 0 and t.start > tokens[i - 1].end) for i, t in enumerate(tokens)]
        return self.inflector.normal_name(words, entity_type)

    def adapt_tokens(self, sentence: list) -> tuple[Token, ...]:
        # No Ukrainian tagger ships with the tool: pymorphy3 gives lemma, part of speech and tense, for
        # the words that can be triggers, markers or verbs. Short words ("в", "та"), tokens without letters
        # and capitalised words inside a sentence (names) are their own lemma.
        tokens = []
        for i, token in enumerate(sentence):
            text = token.text
            if len(text) <= 2 or not any(ch.isalpha() for ch in text) or (i > 0 and text[:1].isupper()):
                tokens.append(Token(text, token.start, token.end, text.lower()))
            else:
                lemma, pos, tense = self.inflector.analyze(text)
                tokens.append(Token(text, token.start, token.end, lemma, pos, tense))
        return tuple(tokens)
