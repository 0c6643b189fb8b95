"""Kyrgyz: the project's Stanza tokenizer, lemmatizer and NER (KTMU, KyrgyzNER); names without case endings."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from diplo.extractors.backends.stanza_extractor import StanzaExtractor
from diplo.extractors.events.rules import phrase
from diplo.extractors.labels import LOC, PER
from diplo.extractors.morphology.inflection import acronym_and_ending, case_stems
from diplo.extractors.pipeline.language import Language

SHORTEST_KNOWN_STEM = 2  # "Ош": a stem this short is cut only where the lemmatizer or the knowledge base says so
SHORT_ENDING = 2  # a dative or locative ending: many bare names end so ("Соода", "Тамга")
GENITIVE = frozenset({"нын", "нин", "нун", "нүн", "дын", "дин", "дун", "дүн", "тын", "тин", "тун", "түн"})
OPENING_QUOTES, CLOSING_QUOTES = "\"«“„", "\"»”"
QUOTES = OPENING_QUOTES + CLOSING_QUOTES + "'"


class KyrgyzExtractor(StanzaExtractor):
    """KyrgyzNER keeps titles in person spans and case endings on every word: both go from the name.

    A tagged span may hold several names: a title with a country in it ("Кыргызстандын президенти Садыр
    Жапаров"), a case-marked place glued to the next name ("Дүйшөмбүдө Путин"), or coordinated names.
    """

    def __init__(self, language: Language, *, stanza_dir: Path | None = None) -> None:
        super().__init__(language, stanza_dir=stanza_dir)
        self.titles = language.names.titles
        self.coordinators = language.names.coordinators
        self.place_words = tuple(phrase(w)[0] for w in language.names.place_words)
        self.inflection = language.inflection

    def split_span(self, entity_type: str, tokens: list) -> list[tuple[str, list]]:
        pieces: list[tuple[str, list]] = []
        for part in self._coordinated(tokens):
            if entity_type == PER:
                titles, part = self._title_run(part)
                pieces += self._known_names(titles)
            while len(part) > 1 and (cut := self._case_marked_place(part, entity_type)) is not None:
                last, cut_type = cut
                if cut_type:
                    pieces.append((cut_type, part[:last + 1]))
                part = _without_edge_punctuation(part[last + 1:])
            pieces.append((entity_type, part))
        return pieces

    def normal_name(self, tokens: list, entity_type: str) -> str:
        tokens = _without_edge_punctuation(tokens, keep_quotes=False)
        if entity_type == LOC:
            while len(tokens) > 1 and self._is_place_word(tokens[-1].text):
                tokens = tokens[:-1]  # "Майами шаарына" -> "Майами"
        if not tokens:
            return ""
        # Only the last word of a Kyrgyz noun phrase takes the case ending ("Кошмо Штаттарга").
        last = tokens[-1]
        words = [t.text for t in tokens[:-1]] + [self.bare(last.text, last.lemma)]
        return "".join((" " if i and tokens[i].start > tokens[i - 1].end else "") + w for i, w in enumerate(words))

    def bare(self, word: str, lemma: str | None) -> str:
        """The word without its case ending. The stems the suffix rules allow are candidates: first those
        the knowledge base knows, then the lemmatizer's, then the longest-suffix one. A stem shorter than
        the rules' shortest ("Ош") needs the lemmatizer or the knowledge base. Where the lemmatizer says the
        word is bare, a short ending stays on ("Соода", "Тамга"); acronyms mark their ending themselves
        ("ИИМдин"). Lower-case words of a name ("уулу") are the rules' alone: the lemmatizer reads them as
        common nouns ("уул")."""
        stems = case_stems(word, self.inflection, SHORTEST_KNOWN_STEM)
        if not stems or acronym_and_ending(word):
            return stems[0] if stems else word
        known = [s for s in stems if self.kb.lookup(s, self.language) is not None]
        if word[:1].isupper() and lemma and not known:
            by_lemma = [s for s in stems if s.lower() == lemma.lower()]
            if by_lemma:
                return by_lemma[0]
            if lemma.lower() == word.lower():
                stems = tuple(s for s in stems if len(word) - len(s) > SHORT_ENDING)
        usual = [s for s in stems if len(s) >= self.inflection.min_stem]
        return (known or usual or [word])[0]

    def _case_marked_place(self, tokens: list, entity_type: str) -> tuple[int, str] | None:
        """A case-marked word that ends a name before another capitalised or quoted one, as (index, type of
        the name it ends, "" where it is no name), or None. Before a person: a place or body the knowledge
        base knows ("Москвадагы Аскат Алиев"), or an unknown word in another case than the genitive, which
        no name of a person takes ("Дүйшөмбүдө Путин": on Monday, Putin); many first names look genitive
        ("Бакирдин", "Зиядин"). In places and bodies a genitive is part of the name ("Талас облусунун
        Кара-Буура району", "Түркиянын Зираат Банкы"); other cases end it ("Лейлекте "Кайрагач" чек ара
        заставасы")."""
        for i, token in enumerate(tokens[:-1]):
            following = tokens[i + 1].text[:1]
            if not (following.isupper() or following in QUOTES):
                continue
            stem = self.bare(token.text, token.lemma)
            ending = token.text[len(stem):].lower()
            if len(stem) == len(token.text) or ending not in self.inflection.all_case:
                continue
            known = self._place_or_body(stem)
            if entity_type == PER:
                if known:
                    return i, known
                if ending not in GENITIVE:
                    return i, ""  # "Дүйшөмбүдө Путин": on Monday, Putin
            elif ending not in GENITIVE:
                return i, known or LOC
        return None

    def _coordinated(self, tokens: list) -> list[list]:
        """"Садыр Жапаров жана Шавкат Мирзиёев" -> two names: a comma or a coordinator between two
        capitalised words that are not titles ("Маданият, маалымат жана туризм министри" stays one)."""
        parts: list[list] = [[]]
        for i, token in enumerate(tokens):
            if (token.text.lower() in self.coordinators or token.text == ",") \
                    and self._is_name_word(_first_word(reversed(parts[-1]))) and self._is_name_word(_first_word(tokens[i + 1:])):
                parts.append([])
            else:
                parts[-1].append(token)
        return [_without_edge_punctuation(part) for part in parts if part]

    def _title_run(self, tokens: list) -> tuple[list, list]:
        """Split 'АКШ президенти Дональд Трамп' into the title ('АКШ президенти') and the name: the title is
        the leading run up to its last title word, and lower-case words before the name. "Асылбек уулу"
        keeps its "уулу": only words before the name are a title."""
        last_title = max((i for i, t in enumerate(tokens) if self._is_title(t.text)), default=-1)
        first = last_title + 1
        while first < len(tokens) and tokens[first].text[:1].islower():
            first += 1
        return tokens[:first], tokens[first:]

    def _known_names(self, tokens: list) -> list[tuple[str, list]]:
        """Places and bodies the knowledge base knows inside a title ("Кыргызстандын президенти")."""
        found = []
        for token in tokens:
            if self._is_name_word(token.text):
                known = self._place_or_body(self.bare(token.text, token.lemma))
                if known:
                    found.append((known, [token]))
        return found

    def _place_or_body(self, name: str) -> str:
        """The type of the place or body the knowledge base knows by this name, or "" (none, or a person)."""
        entry = self.kb.lookup(name, self.language)
        return entry.type if entry is not None and entry.type != PER else ""

    def _is_name_word(self, word: str) -> bool:
        return word[:1].isupper() and not self._is_title(word)

    def _is_title(self, word: str) -> bool:
        """A title in any case or number: "Президенттер", "президентинин", "элчиси"."""
        lower = word.lower()
        return lower in self.titles or any(len(t) >= 5 and lower.startswith(t) for t in self.titles)

    def _is_place_word(self, word: str) -> bool:
        lower = word.lower()
        return any(w.matches(lower, lower) for w in self.place_words)


def _first_word(tokens) -> str:
    """The text of the first token that is not a quote ("" where there is none)."""
    return next((t.text for t in tokens if t.text not in QUOTES), "")


def _without_edge_punctuation(tokens: list, keep_quotes: bool = True) -> list:
    """Tokens without punctuation at the span's edges ("Казакбаев;": the tokenizer leaves ";" on). Quotes
    around the whole name stay in the span, as the news writes it ("«Мегаком»"), unless `keep_quotes` is off."""
    tokens = list(tokens)
    if keep_quotes and len(tokens) > 2 and tokens[0].text in OPENING_QUOTES and tokens[-1].text in CLOSING_QUOTES:
        return tokens
    while tokens and not any(ch.isalnum() for ch in tokens[0].text):
        tokens.pop(0)
    while tokens and not any(ch.isalnum() for ch in tokens[-1].text):
        tokens.pop()
    if tokens:
        last = tokens[-1]
        kept = len(last.text)
        while not last.text[kept - 1].isalnum():
            kept -= 1
        if kept < len(last.text):
            tokens[-1] = replace(last, text=last.text[:kept], end=last.start + kept)
    return tokens
