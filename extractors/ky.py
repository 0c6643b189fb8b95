"""Kyrgyz: the project's Stanza tokenizer, lemmatizer and NER (KTMU, KyrgyzNER); names without case endings."""
from __future__ import annotations

from extractors.base import register
from extractors.labels import PER
from extractors.names import name_words
from extractors.stanza_extractor import StanzaExtractor


@register("ky")
class KyrgyzExtractor(StanzaExtractor):
    """KyrgyzNER keeps titles in person spans and case endings on every word: both go from the name."""

    def __init__(self) -> None:
        super().__init__()
        self.titles = name_words("ky").titles

    def normal_name(self, tokens: list, entity_type: str) -> str:
        from extractors.linking import strip_case_suffix

        words = [t.text for t in tokens]
        if entity_type == PER:
            words = self._drop_titles(words)
        if not words:
            return ""
        # Only the last word of a Kyrgyz name phrase takes the case ending ("Кошмо Штаттарга").
        words[-1] = strip_case_suffix(words[-1], "ky")
        return " ".join(words)

    def _drop_titles(self, words: list[str]) -> list[str]:
        """'АКШ президенти Дональд Трамп' -> 'Дональд Трамп': keep what follows the last title word."""
        last_title = max((i for i, w in enumerate(words) if w.lower() in self.titles or w[:1].islower()), default=-1)
        return words[last_title + 1:]
