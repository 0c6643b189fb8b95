"""Language identification for ru / uk / ky: function words plus the letters only one of them has.

A text in none of the three gets an error, never a guess. Quotes from another language (a Ukrainian
line in a Russian article) do not flip the decision because the whole text votes.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.errors import InputError
from extractors.labels import LANGUAGES
from extractors.lexicon_files import load_lexicon

# Letters of other Cyrillic languages (Kazakh, Tajik, Belarusian, Serbian, Macedonian, Tatar, ...).
_OTHER_CYRILLIC = set("әғқұһӣӯҳҷўђћџљњјѓќѕҗӘҒҚҰҺӢӮҲҶЎЂЋЏЉЊЈЃЌЅҖ")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")

MIN_LETTERS = 12
MIN_FUNCTION_SHARE = 0.04  # news prose has 20-35% function words; lists of names have few
MAX_OTHER_SHARE = 0.004


@lru_cache(maxsize=1)
def _evidence() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    evidence = {}
    for lang in LANGUAGES:
        data = load_lexicon(lang, "langid", {"letters": str, "function_words": list})
        evidence[lang] = (frozenset(data["letters"]), frozenset(w.lower() for w in data["function_words"]))
    return evidence


def scores(text: str) -> dict[str, float]:
    """Score of each language: share of function words plus weighted share of its own letters."""
    lower = text.lower()
    words = _WORD.findall(lower)
    letters = [ch for ch in lower if ch.isalpha()]
    result = {}
    for lang, (own_letters, function_words) in _evidence().items():
        word_share = sum(w in function_words for w in words) / max(len(words), 1)
        letter_share = sum(ch in own_letters for ch in letters) / max(len(letters), 1)
        result[lang] = word_share + 10 * letter_share
    return result


def identify(text: str, path: str = "<text>") -> str:
    """The language code of `text`, or InputError('unknown-language') naming `path`."""
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum(1 for ch in letters if _CYRILLIC.match(ch))
    if cyrillic < MIN_LETTERS or cyrillic < 0.5 * len(letters):
        raise InputError("unknown-language", f"{path}: text is not in Russian, Ukrainian or Kyrgyz (too little Cyrillic text)")
    if sum(ch in _OTHER_CYRILLIC for ch in letters) / len(letters) > MAX_OTHER_SHARE:
        raise InputError("unknown-language", f"{path}: text is in a Cyrillic language other than Russian, Ukrainian or Kyrgyz")
    ranked = sorted(scores(text).items(), key=lambda item: item[1], reverse=True)
    best, best_score = ranked[0]
    if best_score < MIN_FUNCTION_SHARE:
        raise InputError("unknown-language", f"{path}: cannot tell whether the text is Russian, Ukrainian or Kyrgyz")
    return best
