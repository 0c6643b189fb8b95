"""Kyrgyz: the project's Stanza tokenizer, lemmatizer and NER (KTMU, KyrgyzNER); names without case endings."""
from __future__ import annotations

from pathlib import Path

from diplo.extractors.backends.stanza_extractor import StanzaExtractor
from diplo.extractors.events.rules import phrase
from diplo.extractors.labels import LOC, PER
from diplo.extractors.morphology.inflection import strip_case_suffix
from diplo.extractors.pipeline.language import Language


class KyrgyzExtractor(StanzaExtractor):
    """KyrgyzNER keeps titles in person spans and case endings on every word: both go from the name."""

    def __init__(self, language: Language, *, stanza_dir: Path | None = None) -> None:
        super().__init__(language, stanza_dir=stanza_dir)
        self.titles = language.names.titles
        self.place_words = tuple(phrase(w)[0] for w in language.names.place_words)
        self.inflection = language.inflection

    def normal_name(self, tokens: list, entity_type: str) -> str:
        words = [t.text for t in tokens]
        if entity_type == PER:
            words = self._drop_titles(words)
        elif entity_type == LOC:
            while len(words) > 1 and any(w.matches(words[-1].lower(), words[-1].lower()) for w in self.place_words):
                words = words[:-1]  # "Майами шаарына" -> "Майами"
        if not words:
            return ""
        # Only the last word of a Kyrgyz name phrase takes the case ending ("Кошмо Штаттарга").
        words[-1] = strip_case_suffix(words[-1], self.inflection)
        return " ".join(words)

    def _is_title(self, word: str) -> bool:
        """A title in any case or number: "Президенттер", "президентинин", "элчиси"."""
        lower = word.lower()
        return lower in self.titles or any(len(t) >= 5 and lower.startswith(t) for t in self.titles)

    def _drop_titles(self, words: list[str]) -> list[str]:
        """'АКШ президенти Дональд Трамп' -> 'Дональд Трамп': keep what follows the last title word."""
        last_title = max((i for i, w in enumerate(words) if self._is_title(w) or w[:1].islower()), default=-1)
        return words[last_title + 1:]
