"""Ukrainian: the project's Stanza NER (trained on NER-UK 2.0) with pymorphy3 normal forms."""
from __future__ import annotations

from extractors.analysis import Token
from extractors.base import register
from extractors.morphology import Inflector, Word
from extractors.names import name_words
from extractors.stanza_extractor import StanzaExtractor


@register("uk")
class UkrainianExtractor(StanzaExtractor):
    """Stanza NER over the project's tokenizer; names put in the nominative with pymorphy3."""

    def __init__(self) -> None:
        super().__init__()
        self.inflector = Inflector("uk")
        self.titles = name_words("uk").titles

    def trim_span(self, tokens: list) -> list:
        """"Державний секретар США" -> "США": NER-UK marks titles apart (JOB), the model sometimes joins them."""
        last_title = max((i for i, t in enumerate(tokens) if self.inflector.lemma(t.text) in self.titles), default=-1)
        return tokens[last_title + 1:]

    def normal_name(self, tokens: list, entity_type: str) -> str:
        words = [Word(t.text, space_before=i > 0 and t.start > tokens[i - 1].end) for i, t in enumerate(tokens)]
        return self.inflector.normal_name(words, entity_type)

    def adapt_token(self, token) -> Token:
        # No Ukrainian tagger ships with the tool: pymorphy3 gives lemma, part of speech and tense.
        lemma, pos, tense = self.inflector.analyze(token.text)
        return Token(token.text, token.start, token.end, lemma, pos, tense)
