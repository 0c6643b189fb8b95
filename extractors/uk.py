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
