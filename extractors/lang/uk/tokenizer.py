"""Regex tokenizer and sentence splitter for Ukrainian news text.

The same function builds the Stanza NER training data (training/prepare_uk_ner.py) and feeds the
pretokenized Ukrainian pipeline at run time, so token boundaries agree between the two.
Offsets are half-open code-point indices into the input: ``text[start:end] == token``.
"""
from __future__ import annotations

import re

Token = tuple[str, int, int]

_APOS = "'’ʼ‘`"
_WORD = rf"[^\W_]+(?:[{_APOS}\-‐‑][^\W_]+)*"
_TOKEN_RE = re.compile(
    r"(?:https?://|www\.)[^\s«»\"“”„<>()\[\]]+[^\s«»\"“”„<>()\[\].,;:!?…'’]"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|[A-Za-z0-9][\w-]*(?:\.[A-Za-z0-9][\w-]*)*\.(?:com|org|net|gov|edu|info|news|ua|kz|kg|ru|uz|tj|tm|by|az|ge|am|uk|us|eu|de|fr|cn|tr|pl|io|tv|me)\b"  # domains: Zakon.kz, 24.kg
    r"|\d+(?:[.,:]\d+)+"  # 1.5, 12:30, 1,000
    r"|" + _WORD +  # words with inner apostrophes / hyphens: п'яти, Касимом-Жомартом, COVID-19
    r"|\.{2,}|[-‐‑–—]{2,}|[?!]+"  # runs of dots, dashes, ?!
    r"|\S",  # any other single character
    re.UNICODE,
)

_TERMINATORS = {".", "!", "?", "…", "?!", "!?", "!!", "??", "!!!", "..."}
_CLOSERS = {"»", "”", '"', ")", "]", "’", "'", "“"}
_OPENERS = {"«", "„", '"', "“", "(", "[", "-", "–", "—"}
# Lower-cased words that are usually followed by a period inside a sentence.
_ABBREVIATIONS = {
    "м", "р", "рр", "ст", "вул", "просп", "пл", "буд", "кв", "обл", "р-н", "ім", "т", "тис", "млн",
    "млрд", "грн", "коп", "дол", "проф", "акад", "д", "див", "напр", "пор", "с", "смт", "о", "табл",
    "рис", "св", "гр", "п", "пп", "ч", "зб", "вид", "ред", "упор", "др", "канд", "доц", "тел", "н",
    "е", "і", "мін", "сек", "км", "кг", "га", "год", "хв", "etc", "vs", "mr", "mrs", "dr", "st",
}
_MAX_SENTENCE_TOKENS = 200


def _starts_sentence(token: str) -> bool:
    ch = token[0]
    return ch.isupper() or ch.isdigit() or token in _OPENERS


def tokenize(text: str) -> list[list[Token]]:
    """Split ``text`` into sentences of (token, start, end) triples; never raises on any str."""
    if not isinstance(text, str) or not text:
        return []
    sentences: list[list[Token]] = []
    current: list[Token] = []
    pending = False  # a sentence terminator was seen; break before the next sentence-starting token
    prev_end = 0
    for match in _TOKEN_RE.finditer(text):
        tok, start, end = match.group(), match.start(), match.end()
        gap = text[prev_end:start]
        if current and ("\n" in gap or "\r" in gap or "\u2029" in gap):
            sentences.append(current)
            current, pending = [], False
        elif current and pending:
            is_closer = tok in _CLOSERS and not (tok == '"' and gap and end < len(text) and not text[end:end + 1].isspace())
            if is_closer and not gap:
                pass  # closing quote / bracket right after the period stays in this sentence
            elif gap and _starts_sentence(tok):
                sentences.append(current)
                current, pending = [], False
            else:
                pending = is_closer
        elif len(current) >= _MAX_SENTENCE_TOKENS:
            sentences.append(current)
            current = []
        current.append((tok, start, end))
        prev_end = end
        if tok in _TERMINATORS or tok[0] in "!?…":
            pending = not (tok == "." and len(current) >= 2 and _is_abbreviation(current[-2], start))
    if current:
        sentences.append(current)
    return sentences


def _is_abbreviation(prev: Token, dot_start: int) -> bool:
    """A period right after an initial (О.) or a known abbreviation (вул.) does not end a sentence."""
    word, _, end = prev
    if end != dot_start:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True
    return word.lower() in _ABBREVIATIONS
