"""Language identification among the languages of extractors/lang/.

Each language has the frequencies of the letter pairs in its news (bigrams.yaml, counted from the
corpora by training/build_langid.py); the text's pairs vote, and the likeliest language wins if it
is clearly likelier than the next (MARGIN). Pairs decide short texts too: a Russian sentence
without ы, э or ё is still plainly Russian, and a Kyrgyz one without ө, ү or ң plainly Kyrgyz.

A text in none of them gets an error, never a guess: letters that none of them writes, pairs
that the winner's news never shows (Mongolian read as Kyrgyz, Bulgarian as Russian), or the
function words of a look-alike language that its langid.yaml names (Mongolian for Kyrgyz).
Because the whole text votes, a quoted line in another language (a Ukrainian line in a Russian
article) does not flip the decision.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from diplo.extractors.errors import InputError
from diplo.extractors.pipeline.language import Language, languages

# Letters of other Cyrillic languages: Kazakh, Tatar, Bashkir, Tajik, Uzbek, Belarusian, Serbian,
# Macedonian, Chuvash, Buryat, Yakut, Altai, the languages of the Caucasus, ...
_OTHER_CYRILLIC = set("әғқұһӣӯҳҷўђћџљњјѓќѕҗҙҫҡӑӗӳӧӱӓӹӝӟӥӵҕҥӏ")
_OTHER_CYRILLIC |= {ch.upper() for ch in _OTHER_CYRILLIC} | {"Ӏ"}
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF]+")

MIN_LETTERS = 12
MAX_OTHER_SHARE = 0.004
MARGIN = 3.0  # natural log: the winner must be e^3 = 20 times likelier than the next language
UNSEEN = 1e-6  # the probability of a pair that the language's news never shows
# Real news of a language has at most 3.4% pairs its table lacks (99.9% of 12,000 test sentences);
# Mongolian read as Kyrgyz, or Bulgarian as Russian, has 4-20%.
MAX_UNSEEN_SHARE = 0.04
MIN_UNSEEN = 3


def letter_pairs(text: str) -> Counter[str]:
    """Pairs of letters in the Cyrillic words of `text`, `_` marking the start and end of a word."""
    pairs: Counter[str] = Counter()
    for word in _CYRILLIC_WORD.findall(text.lower()):
        marked = f"_{word}_"
        pairs.update(marked[i:i + 2] for i in range(len(marked) - 1))
    return pairs


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, float]]:
    """Per language: the log-probability of each letter pair it shows."""
    return {code: {pair: math.log(count / 1_000_000) for pair, count in lang.bigrams["per_million"].items()}
            for code, lang in languages().items()}


def scores(text: str) -> dict[str, float]:
    """Log-likelihood of the text's letter pairs under each language."""
    pairs = letter_pairs(text)
    unseen = math.log(UNSEEN)
    return {code: sum(count * table.get(pair, unseen) for pair, count in pairs.items())
            for code, table in _tables().items()}


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
    if sum(ch in _OTHER_CYRILLIC for ch in letters) / len(letters) > MAX_OTHER_SHARE:
        raise InputError("unknown-language", f"{path}: text is in a Cyrillic language other than {_names()}")
    ranked = sorted(scores(text).items(), key=lambda item: item[1], reverse=True)
    best, second = ranked[0], ranked[1] if len(ranked) > 1 else (None, -math.inf)
    language = languages()[best[0]]
    pairs = letter_pairs(text)
    unseen = sum(count for pair, count in pairs.items() if pair not in _tables()[best[0]])
    if unseen >= MIN_UNSEEN and unseen / sum(pairs.values()) > MAX_UNSEEN_SHARE:
        raise InputError("unknown-language", f"{path}: text is in a Cyrillic language other than {_names()}")
    look_alike = _look_alike(text, language)
    if look_alike:
        raise InputError("unknown-language", f"{path}: text is in {look_alike}, not in {_names()}")
    if best[1] - second[1] < MARGIN:
        raise InputError("unknown-language", f"{path}: cannot tell whether the text is {_names()}")
    return best[0]


def _look_alike(text: str, language: Language) -> str | None:
    """The look-alike language (langid.yaml) with at least as many of its function words in the text as
    the winner has of its own, if any."""
    words = Counter(_WORD.findall(text.lower()))
    own = sum(words[w] for w in language.langid["function_words"])
    for name, function_words in language.langid["look_alikes"].items():
        theirs = sum(words[w] for w in function_words)
        if theirs and theirs >= own:
            return name
    return None
