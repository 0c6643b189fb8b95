"""Language identification among the languages of extractors/lang/: function words plus the letters only
one of them has (each language's langid.yaml).

A text in none of them gets an error, never a guess. Quotes from another language (a Ukrainian
line in a Russian article) do not flip the decision because the whole text votes.
"""
from __future__ import annotations

import re
from functools import lru_cache

from diplo.extractors.errors import InputError
from diplo.extractors.pipeline.language import languages

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
def _evidence() -> dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]]:
    """Per language: its telling letters, its function words that no other language shares, and the
    letters of other languages that count for it too."""
    known = languages()
    words = {code: frozenset(w.lower() for w in lang.langid["function_words"]) for code, lang in known.items()}
    letters = {code: frozenset(lang.langid["letters"]) for code, lang in known.items()}
    evidence = {}
    for code, lang in known.items():
        others = frozenset().union(*(words[o] for o in known if o != code))
        borrowed = frozenset().union(*(letters[o] for o in lang.langid["borrows_letters_of"] if o in letters))
        evidence[code] = (letters[code], words[code] - others, borrowed)
    return evidence


def scores(text: str) -> dict[str, float]:
    """Score of each language: share of its own function words plus weighted share of its own letters."""
    lower = text.lower()
    words = _WORD.findall(lower)
    letters = [ch for ch in lower if ch.isalpha()]
    result = {}
    for code, (own_letters, function_words, borrowed) in _evidence().items():
        word_share = sum(w in function_words for w in words) / max(len(words), 1)
        letter_share = sum(ch in own_letters for ch in letters) / max(len(letters), 1)
        result[code] = word_share + 10 * letter_share
        if borrowed:
            result[code] += 10 * sum(ch in borrowed for ch in letters) / max(len(letters), 1)
    return result


def _names() -> str:
    """'Kyrgyz, Russian or Ukrainian'."""
    names = [lang.name for lang in languages().values()]
    return " or ".join(filter(None, [", ".join(names[:-1]), names[-1]]))


def identify(text: str, path: str = "<text>") -> str:
    """The language code of `text`, or InputError('unknown-language') naming `path`."""
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum(1 for ch in letters if _CYRILLIC.match(ch))
    if cyrillic < MIN_LETTERS or cyrillic < 0.5 * len(letters):
        raise InputError("unknown-language", f"{path}: text is not in {_names()} (too little Cyrillic text)")
    lower = [ch.lower() for ch in letters]
    if sum(ch in _OTHER_CYRILLIC for ch in letters) / len(letters) > MAX_OTHER_SHARE or \
            lower.count("ъ") / len(letters) > _HARD_SIGN_SHARE:
        raise InputError("unknown-language", f"{path}: text is in a Cyrillic language other than {_names()}")
    ranked = sorted(scores(text).items(), key=lambda item: item[1], reverse=True)
    best, best_score = ranked[0]
    if best_score < MIN_FUNCTION_SHARE:
        raise InputError("unknown-language", f"{path}: cannot tell whether the text is {_names()}")
    return best
