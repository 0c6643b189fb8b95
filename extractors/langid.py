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

# Bulgarian writes ъ as a vowel (2-3% of letters); Russian almost never.
_HARD_SIGN_SHARE = 0.01
MIN_LETTERS = 12
MIN_FUNCTION_SHARE = 0.04  # news prose has 20-35% function words; lists of names have few
MAX_OTHER_SHARE = 0.004


@lru_cache(maxsize=1)
def _evidence() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per language: its telling letters, and its function words that the other languages do not share."""
    data = {lang: load_lexicon(lang, "langid", {"letters": str, "function_words": list}) for lang in LANGUAGES}
    words = {lang: frozenset(w.lower() for w in d["function_words"]) for lang, d in data.items()}
    evidence = {}
    for lang in LANGUAGES:
        others = frozenset().union(*(words[o] for o in LANGUAGES if o != lang))
        evidence[lang] = (frozenset(data[lang]["letters"]), words[lang] - others)
    return evidence


def scores(text: str) -> dict[str, float]:
    """Score of each language: share of its own function words plus weighted share of its own letters."""
    lower = text.lower()
    words = _WORD.findall(lower)
    letters = [ch for ch in lower if ch.isalpha()]
    evidence = _evidence()
    result = {}
    for lang, (own_letters, function_words) in evidence.items():
        word_share = sum(w in function_words for w in words) / max(len(words), 1)
        letter_share = sum(ch in own_letters for ch in letters) / max(len(letters), 1)
        result[lang] = word_share + 10 * letter_share
    if "ky" in result and "ru" in result:
        # Kyrgyz writes Russian's ы, э, ё too: they tell Russian from Ukrainian, not from Kyrgyz.
        ru_letters = evidence["ru"][0]
        result["ky"] += 10 * sum(ch in ru_letters for ch in letters) / max(len(letters), 1)
    return result


def identify(text: str, path: str = "<text>") -> str:
    """The language code of `text`, or InputError('unknown-language') naming `path`."""
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum(1 for ch in letters if _CYRILLIC.match(ch))
    if cyrillic < MIN_LETTERS or cyrillic < 0.5 * len(letters):
        raise InputError("unknown-language", f"{path}: text is not in Russian, Ukrainian or Kyrgyz (too little Cyrillic text)")
    lower = [ch.lower() for ch in letters]
    if sum(ch in _OTHER_CYRILLIC for ch in letters) / len(letters) > MAX_OTHER_SHARE or \
            lower.count("ъ") / len(letters) > _HARD_SIGN_SHARE:
        raise InputError("unknown-language", f"{path}: text is in a Cyrillic language other than Russian, Ukrainian or Kyrgyz")
    ranked = sorted(scores(text).items(), key=lambda item: item[1], reverse=True)
    best, best_score = ranked[0]
    if best_score < MIN_FUNCTION_SHARE:
        raise InputError("unknown-language", f"{path}: cannot tell whether the text is Russian, Ukrainian or Kyrgyz")
    return best
