"""The knowledge base: entities of the field with aliases in several languages, matched in text.

Inflected forms are matched with the inflection rules of the text's language (stem + ending classes, or
case suffixes; see `keys.py`), and, for lookups only, with pymorphy3 normal forms as a last resort where
the language has a pymorphy3 dictionary.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from diplo.extractors.kb.keys import (
    alias_word_keys,
    gap_key,
    match_key,
    text_word_keys,
    words_of,
)
from diplo.extractors.morphology.inflection import CACHE_WORDS, is_acronym

if TYPE_CHECKING:
    from diplo.extractors.pipeline.language import Language


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One entity of the field: canonical English name, verified QID or None, normal name per language."""

    id: str
    type: str
    canonical: str
    wikidata: str | None
    names: dict[str, str]
    country: str | None = None  # ISO 3166-1 alpha-2 of the country a person serves or a place or body is in

    def __hash__(self) -> int:  # `names` is a dict; the id identifies the entry
        return hash(self.id)


@dataclass(frozen=True, slots=True)
class Alias:
    entry: KBEntry
    words: tuple[str, ...]  # surface words
    gaps: tuple[str, ...]  # separators between words, normalized
    scan: bool
    rank: int  # 0 = a name; 1 = a surname derived from a person's full name



class KnowledgeBase:
    """Entities of the field, with aliases in several languages (the columns of its tables)."""

    def __init__(self, entries: dict[str, KBEntry], aliases: dict[str, list[Alias]]):
        self.entries = entries
        self._aliases = aliases  # lang -> aliases written in that language
        self._index: dict[tuple[str, Language], dict[str, list[tuple[Alias, tuple[frozenset[str], ...]]]]] = {}
        self._first_keys: dict[Language, frozenset[str]] = {}  # every first-word key a scan of its text can start at
        self._lower_starts: dict[Language, dict[str, bool]] = {}  # char -> can a non-capital word there start one

    def entry(self, kb_id: str | None) -> KBEntry | None:
        """The entry with this id, or None."""
        return self.entries.get(kb_id) if kb_id else None

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def load(cls, directory: Path | None = None) -> "KnowledgeBase":
        """Load and validate the KB from `directory` (default: the shipped one); cached."""
        from diplo.extractors.kb.loading import load_knowledge_base

        return load_knowledge_base(directory)

    # -- matching --

    def _lang_index(self, alias_lang: str, language: Language) -> dict[str, list[tuple[Alias, tuple[frozenset[str], ...]]]]:
        """First-word key -> aliases of `alias_lang`, keyed with the inflection rules of the text's language."""
        idx = self._index.get((alias_lang, language))
        if idx is None:
            idx = {}
            rules = language.inflection
            for alias in self._aliases.get(alias_lang, ()):
                word_keys = tuple(alias_word_keys(w, rules) for w in alias.words)
                for key in word_keys[0]:
                    idx.setdefault(key, []).append((alias, word_keys))
            self._index[(alias_lang, language)] = idx
        return idx

    def lookup(self, name: str, language: Language, type: str | None = None) -> KBEntry | None:
        """The entry a surface or normal form names (inflected forms too); None when unknown or ambiguous."""
        return _cached_lookup(self, name, language, type)

    def _lookup(self, name: str, language: Language, type: str | None) -> KBEntry | None:
        words = [w for _, _, w in words_of(name)]
        if not words:
            return None
        found = self._match_words(words, language, type)
        if found is None and language.pymorphy:
            lemmas = _pymorphy_normal_forms(tuple(words), language.pymorphy)
            if lemmas != tuple(words):
                found = self._match_words(list(lemmas), language, type)
        return found if found is not None and found is not False else None

    def _match_words(self, words: list[str], language: Language, type: str | None) -> KBEntry | None | bool:
        """The single best entry; False when the best level is ambiguous; None when nothing matches."""
        text_keys = [text_word_keys(w, language.inflection) for w in words]
        exact = [match_key(w) for w in words]
        for alias_lang in language.kb_languages:
            best: dict[tuple[int, int], set[str]] = {}
            entries: dict[str, KBEntry] = {}
            idx = self._lang_index(alias_lang, language)
            seen = set()
            for key in text_keys[0]:
                for alias, word_keys in idx.get(key, ()):
                    if id(alias) in seen or len(word_keys) != len(words):
                        continue
                    seen.add(id(alias))
                    if type is not None and alias.entry.type != type:
                        continue
                    if not all(tk & ak for tk, ak in zip(text_keys, word_keys)):
                        continue
                    inflected = int(tuple(match_key(w) for w in alias.words) != tuple(exact))
                    best.setdefault((alias.rank, inflected), set()).add(alias.entry.id)
                    entries[alias.entry.id] = alias.entry
            if best:
                ids = best[min(best)]
                return entries[next(iter(ids))] if len(ids) == 1 else False
        return None

    def scan(self, text: str, language: Language) -> list[tuple[int, int, KBEntry]]:
        """Occurrences of scan-safe aliases in raw text: (start, end, entry), longest match first, no overlaps."""
        tokens = words_of(text)
        keys = _LazyWordKeys(tokens, language.inflection)
        indexes = [self._lang_index(al, language) for al in language.kb_languages]
        if language not in self._first_keys:
            self._first_keys[language] = frozenset(key for idx in indexes for key in idx)
            self._lower_starts[language] = {}
        first_keys, lower_starts = self._first_keys[language], self._lower_starts[language]
        out: list[tuple[int, int, KBEntry]] = []
        i = 0
        while i < len(tokens):
            # Most words start no alias; nearly all aliases start with a capital ("область Абай", "24.kg" do not).
            initial = tokens[i][2][0]
            if not initial.isupper():
                if initial not in lower_starts:
                    lower_starts[initial] = _can_start_lowercase(initial, indexes)
                if not lower_starts[initial]:
                    i += 1
                    continue
            if first_keys.isdisjoint(keys[i]):
                i += 1
                continue
            best: tuple[int, int, KBEntry] | None = None
            best_len = 0
            for idx in indexes:
                for key in keys[i]:
                    for alias, word_keys in idx.get(key, ()):
                        n = len(word_keys)
                        if not alias.scan or n < best_len or i + n > len(tokens):
                            continue
                        if n == best_len and best is not None:
                            continue  # earlier language / first found wins a tie
                        if self._scan_fits(text, tokens, keys, i, alias, word_keys):
                            best, best_len = (tokens[i][0], tokens[i + n - 1][1], alias.entry), n
            if best is None or (best_len == 1 and best[2].type == "PER" and _after_other_name(text, tokens, i)):
                i += 1
                continue
            out.append(best)
            i += best_len
        return out

    @staticmethod
    def _scan_fits(text: str, tokens: list[tuple[int, int, str]], keys: "_LazyWordKeys", i: int,
                   alias: Alias, word_keys: tuple[frozenset[str], ...]) -> bool:
        for j, (aw, ak) in enumerate(zip(alias.words, word_keys)):
            start, end, tw = tokens[i + j]
            if not keys[i + j] & ak:
                return False
            if is_acronym(aw):
                if not tw[: len(aw)].isupper():
                    return False
            elif aw[0].isupper() and not tw[0].isupper():
                return False
            if j:
                gap = text[tokens[i + j - 1][1]:start]
                want = alias.gaps[j - 1]
                if want == " ":
                    if gap.strip() or gap.count("\n") > 1:
                        return False
                elif gap_key(gap) != want:
                    return False
        return True


class _LazyWordKeys:
    """`text_word_keys` of each token of a text, computed when first asked for."""

    def __init__(self, tokens: list[tuple[int, int, str]], rules):
        self._tokens, self._rules = tokens, rules
        self._keys: list[frozenset[str] | None] = [None] * len(tokens)

    def __getitem__(self, i: int) -> frozenset[str]:
        keys = self._keys[i]
        if keys is None:
            keys = self._keys[i] = text_word_keys(self._tokens[i][2], self._rules)
        return keys


def _can_start_lowercase(initial: str, indexes: list[dict]) -> bool:
    """Whether a word beginning with this non-capital character could start a scan-safe alias.

    All keys of a word begin with the match key of its first character, so one comparison per alias key
    decides it. Aliases whose first word is capitalised need a capitalised word (see `_scan_fits`).
    """
    folded = match_key(initial)
    return any(key.startswith(folded) for idx in indexes for entries in idx.values()
               for alias, word_keys in entries if alias.scan and not alias.words[0][:1].isupper()
               for key in word_keys[0])


def _after_other_name(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """A surname right after a capitalized word inside a sentence belongs to someone else (Мелания Трамп)."""
    if i == 0:
        return False
    pstart, pend, prev = tokens[i - 1]
    gap = text[pend:tokens[i][0]]
    if gap.strip() or "\n" in gap or not prev[0].isupper():
        return False
    before = text[:pstart].rstrip()
    return bool(before) and before[-1] not in ".!?…:;\"«»“”„—–-\n"


@lru_cache(maxsize=CACHE_WORDS)
def _cached_lookup(kb: KnowledgeBase, name: str, language: Language, type: str | None) -> KBEntry | None:
    return kb._lookup(name, language, type)


@lru_cache(maxsize=4096)
def _pymorphy_normal_forms(words: tuple[str, ...], dictionary: str) -> tuple[str, ...]:
    from diplo.extractors.morphology.pymorphy import (
        analyzer,  # one analyzer per dictionary for the whole process
    )

    morph = analyzer(dictionary)
    out = []
    for word in words:
        parses = morph.parse(word)
        out.append(parses[0].normal_form if parses else word)
    return tuple(out)


