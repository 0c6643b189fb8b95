"""The date grammar of a language: one compiled regular expression per rule, built once from its lexicon."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from diplo.extractors.dates.lexicon import APOSTROPHES, DateLexicon, load_date_lexicon
from diplo.extractors.dates.resolve import (
    Resolver,
    resolve_cross_range,
    resolve_day_month,
    resolve_day_range,
    resolve_month,
    resolve_numeric,
    resolve_rel_day,
    resolve_rel_month,
    resolve_rel_week,
    resolve_rel_year,
    resolve_weekday,
    resolve_year,
    resolve_year_range,
)

_SP = r"[^\S\n]+"  # spaces, non-breaking ones included, but no line break
_JOIN = r"(?:[^\S\n]*-[^\S\n]*|[^\S\n]*)"  # number to word: "5 ноября", "22-сентябрында", "2025г."
_DASH = r"[^\S\n]*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212][^\S\n]*"
_APOS_RE = "[" + re.escape(APOSTROPHES) + "]"


def _form_re(form: str) -> str:
    return "".join(_SP if ch == " " else _APOS_RE if ch == "'" else re.escape(ch) for ch in form)


def _alt(forms: Iterable[str], suffixes: Sequence[str] = ()) -> str:
    """A whole-word alternation, longest first; glued suffixes only after a letter."""
    forms = sorted(set(forms), key=lambda f: (-len(f), f))
    if not forms:
        return r"(?!)"
    wordy = [_form_re(f) for f in forms if f[-1].isalnum()]
    dotted = [_form_re(f) for f in forms if not f[-1].isalnum()]
    suffix = ""
    if suffixes:
        suffix = "(?:" + "|".join(re.escape(s) for s in sorted(set(suffixes), key=lambda s: (-len(s), s))) + ")?"
    branches = []
    if wordy:
        branches.append("(?:" + "|".join(wordy) + ")" + suffix + r"(?!\w)")
    if dotted:
        branches.append("(?:" + "|".join(dotted) + ")")
    # Not glued to a preceding letter; a digit may precede ("2025г.", "5ноября").
    return r"(?<![^\W\d])(?:" + "|".join(branches) + ")"


def _year(name: str) -> str:
    return rf"(?<![\w.,])(?P<{name}>[12][0-9]{{3}})(?![0-9])"


def _day(name: str, ordinal: str) -> str:
    return rf"(?<![\w.,])(?P<{name}>[0-3]?[0-9])(?![0-9])(?:-?{ordinal}(?!\w))?"


def _build_rules(lex: DateLexicon) -> tuple[tuple[re.Pattern[str], Resolver], ...]:
    """The rules of one language, most specific first (the order breaks ties of equal length)."""
    suf = lex.case_suffixes
    mon = _alt(lex.months, suf)
    yw = _alt(lex.year_words, suf)
    rely = _alt(lex.relative_years)
    parts = _alt(lex.month_parts)
    ordinal = _alt(lex.ordinal_suffixes)
    mword = rf"(?:{_SP}{_alt(lex.month_words, suf)})?"
    prep_word = rf"(?P<prep>{_alt(lex.prepositions)}){_SP}"
    prep = rf"(?:{prep_word})?" if lex.prepositions else ""
    # "с 5 по 7 ноября" / "5-7 ноября": a range opens with a range word or a preposition
    lead = rf"(?:(?P<fr>{_alt(lex.range_from)}){_SP}|{prep_word})?" if lex.range_from else prep
    sep = rf"(?:{_DASH}|{_SP}{_alt(lex.range_to)}{_SP})" if lex.range_to else rf"(?:{_DASH})"
    part_or_prep = rf"(?:(?P<pb>{parts}){_SP}|{prep_word})?" if lex.prepositions else rf"(?:(?P<pb>{parts}){_SP})?"
    part_after = rf"(?:{_SP}(?P<pa>{_alt(lex.month_parts_after)}))?"

    def day(name: str) -> str:
        return _day(name, ordinal)

    def year_before() -> str:
        return rf"(?:(?:{_year('yb')}{_JOIN}{yw}|(?P<rb>{rely})){_SP})?"

    def year_after() -> str:
        return rf"(?:{_SP}(?:{_year('ya')}(?:{_JOIN}{yw})?|(?P<ra>{rely})))?"

    rules: list[tuple[str, Resolver]] = [
        (r"(?<![\w.\-])(?P<y>[12][0-9]{3})-(?P<mn>[01][0-9])-(?P<d>[0-3][0-9])(?![\w\-])", resolve_numeric),
        (rf"(?<![\w.,])(?P<d>[0-3]?[0-9])\.(?P<mn>[01]?[0-9])\.(?P<y>[12][0-9]{{3}})(?![\w]|\.[0-9])(?:{_JOIN}{yw})?", resolve_numeric),
        (rf"{lead}{day('d')}{_JOIN}(?P<m>{mon})(?:{_SP}{_year('y1')}(?:{_JOIN}{yw})?)?{sep}{day('d2')}{_JOIN}(?P<m2>{mon}){mword}{year_after()}", resolve_cross_range),
        (rf"{lead}{year_before()}{day('d')}{sep}{day('d2')}{_JOIN}(?P<m>{mon}){mword}{year_after()}", resolve_day_range),
        (rf"{prep}{year_before()}{day('d')}{_JOIN}(?P<m>{mon}){mword}{year_after()}", resolve_day_month),
        (rf"{lead}{_year('y')}{sep}{_year('y2')}{_JOIN}{yw}", resolve_year_range),
        (rf"{part_or_prep}{year_before()}(?P<m>{mon}){mword}{part_after}{year_after()}", resolve_month),
        (rf"{part_or_prep}{_year('y')}{_JOIN}{yw}{part_after}", resolve_year),
        (rf"(?P<w>{_alt(lex.relative_weeks)})", resolve_rel_week),
        (rf"(?:(?P<pb>{parts}){_SP})?(?P<rm>{_alt(lex.relative_months)}){part_after}", resolve_rel_month),
        (rf"(?:(?P<pb>{parts}){_SP})?(?P<r>{rely}){part_after}", resolve_rel_year),
        (rf"(?P<rd>{_alt(lex.relative_days)})", resolve_rel_day),
        (rf"{prep}(?P<wd>{_alt(lex.weekdays, suf)})", resolve_weekday),
    ]
    return tuple((re.compile(p, re.IGNORECASE), r) for p, r in rules)


@dataclass(frozen=True, slots=True)
class DateGrammar:
    """A language's date vocabulary and the rules compiled from it."""

    lexicon: DateLexicon
    rules: tuple[tuple[re.Pattern[str], Resolver], ...]



def load_grammar(path: Path) -> DateGrammar:
    """The grammar of one dates.yaml."""
    lexicon = load_date_lexicon(path)
    return DateGrammar(lexicon, _build_rules(lexicon))
