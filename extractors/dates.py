"""Date expressions in Russian, Ukrainian and Kyrgyz news, resolved to ISO dates.

`find_dates` finds every date expression of a text slice (absolute, relative, weekdays,
ranges) and resolves it against the publication date. The vocabulary of each language
is data: `lexicons/<lang>/dates.yaml`, one file per language with the same keys
(`DATE_LEXICON_KEYS`), validated when loaded by `load_date_lexicon`.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml

from extractors.errors import UnknownLanguageError
from models.records import DateSpan

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
LEXICON_FILE = "dates.yaml"

# Every dates.yaml has exactly these keys; the value names the shape the loader checks.
DATE_LEXICON_KEYS: dict[str, str] = {
    "months": "numbered_forms",  # {1..12: [form, ...]}
    "ambiguous_months": "words",  # month forms that need a day, year, part or preposition
    "month_words": "words",  # words that may follow a month ("айында")
    "weekdays": "numbered_forms",  # {1..7: [form, ...]}, ISO weekday numbers
    "relative_days": "offsets",  # {phrase: days}
    "relative_weeks": "offsets",  # {phrase: weeks}
    "relative_months": "offsets",  # {phrase: months}
    "relative_years": "offsets",  # {phrase: years}
    "month_parts": "parts",  # {phrase: early | mid | late} before a month or year ("в конце")
    "month_parts_after": "parts",  # the same, after it ("сентябрдын аягында")
    "year_words": "words",  # after a four-digit year ("года", "року", "жыл")
    "prepositions": "words",  # kept in the span before a date ("в", "у")
    "range_from": "words",  # "с" of "с 5 по 7 ноября"
    "range_to": "words",  # "по" / "до"
    "ordinal_suffixes": "words",  # "го" of "5-го ноября"
    "case_suffixes": "words",  # endings glued to months, weekdays and year words (Kyrgyz)
}
MONTH_PART_VALUES = ("early", "mid", "late")
TENSES = ("past", "future")
_NUMBERED = {"months": range(1, 13), "weekdays": range(1, 8)}
_MAX_DAY = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
_ISO_RE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_PUBLISHED_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ].*)?", re.S)
_APOSTROPHES = "'’ʼ‘`"
_SPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class DateLexicon:
    """One language's date vocabulary; every form is normalised with `_norm`."""

    months: Mapping[str, int]
    ambiguous_months: frozenset[str]
    month_words: tuple[str, ...]
    weekdays: Mapping[str, int]
    relative_days: Mapping[str, int]
    relative_weeks: Mapping[str, int]
    relative_months: Mapping[str, int]
    relative_years: Mapping[str, int]
    month_parts: Mapping[str, str]
    month_parts_after: Mapping[str, str]
    year_words: tuple[str, ...]
    prepositions: tuple[str, ...]
    range_from: tuple[str, ...]
    range_to: tuple[str, ...]
    ordinal_suffixes: tuple[str, ...]
    case_suffixes: tuple[str, ...]


# ---------------------------------------------------------------------------------------
# Public API


def find_dates(
    text: str,
    lang: str,
    published: str | None,
    *,
    start: int = 0,
    end: int | None = None,
    tense: str | None = None,
) -> list[DateSpan]:
    """Every date expression in `text[start:end]`, offsets into `text`, sorted, non-overlapping.

    `published` ('YYYY-MM-DD', anything else counts as None) anchors relative words,
    weekdays and months without a year; `tense` ('past', 'future' or None) picks the
    week or year those fall in. Expressions that need a missing anchor get `date=None`.
    """
    grammar = _grammar(lang)
    if not isinstance(text, str) or not text:
        return []
    lo, hi, _ = slice(start, end).indices(len(text))
    if lo >= hi:
        return []
    ctx = _Context(_parse_published(published), tense if tense in TENSES else None)
    found: list[tuple[int, int, int, tuple[str | None, str | None]]] = []
    for priority, (pattern, resolve) in enumerate(grammar.rules):
        for m in pattern.finditer(text, lo, hi):
            if m.end() == m.start():
                continue
            try:
                got = resolve(m, grammar.lexicon, ctx)
            except (ValueError, OverflowError):  # date arithmetic past year 1 or 9999
                got = (None, None)
            if got is not None:
                found.append((m.start(), m.end(), priority, got))
    # Longest match wins; among equals, the earlier one, then the more specific rule.
    found.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    starts: list[int] = []  # accepted spans, kept sorted; they never overlap, so ends are sorted too
    taken: list[tuple[int, int, tuple[str | None, str | None]]] = []
    for s, e, _, got in found:
        i = bisect.bisect_right(starts, s)
        if (i and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
            continue
        starts.insert(i, s)
        taken.insert(i, (s, e, got))
    return [DateSpan(text=text[s:e], start=s, end=e, date=d, date_end=de) for s, e, (d, de) in taken]


def precision(date: str | None) -> int:
    """0 for None (or not an ISO date), 1 for 'YYYY', 2 for 'YYYY-MM', 3 for 'YYYY-MM-DD'."""
    if not isinstance(date, str) or not _ISO_RE.fullmatch(date):
        return 0
    return date.count("-") + 1


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """Language codes that have a date lexicon (a folder under lexicons/ with a dates.yaml)."""
    if not LEXICON_DIR.is_dir():
        return ()
    return tuple(sorted(p.name for p in LEXICON_DIR.iterdir() if (p / LEXICON_FILE).is_file()))


def lexicon_path(lang: str) -> Path:
    """Where the date lexicon of `lang` lives."""
    return LEXICON_DIR / lang / LEXICON_FILE


def load_date_lexicon(path: Path | str) -> DateLexicon:
    """Read and validate one dates.yaml; a ValueError names the file and the faulty key."""
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read the date lexicon: {exc}") from exc
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: the top level must be a mapping with the keys {sorted(DATE_LEXICON_KEYS)}")
    missing = sorted(set(DATE_LEXICON_KEYS) - set(map(str, raw)))
    unknown = sorted(str(k) for k in raw if k not in DATE_LEXICON_KEYS)
    if missing or unknown:
        raise ValueError(f"{path}: missing keys {missing}, unknown keys {unknown}")
    fields = {key: _CHECKS[kind](path, key, raw[key]) for key, kind in DATE_LEXICON_KEYS.items()}
    for key in ("months", "weekdays"):
        fields[key] = _invert(path, key, fields[key])
    suffixes = fields["case_suffixes"]
    for form in fields["ambiguous_months"]:
        if _lookup(form, fields["months"], suffixes) is None:
            raise ValueError(f"{path}: key 'ambiguous_months': {form!r} is not a form of any month")
    fields["ambiguous_months"] = frozenset(fields["ambiguous_months"])
    return DateLexicon(**fields)


# ---------------------------------------------------------------------------------------
# Loading and validation

_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _norm(s: str) -> str:
    """Lower case, one plain space between words, one apostrophe: the key of every lookup."""
    s = _SPACE_RUN.sub(" ", s.strip()).lower()
    for a in _APOSTROPHES[1:]:
        s = s.replace(a, "'")
    return s


def _check_form(path: Path, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{path}: key {key!r}: expected a non-empty string, got {value!r}")
    return _norm(value)


def _check_words(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{path}: key {key!r}: expected a list of strings (use [] for none), got {value!r}")
    words = [_check_form(path, key, v) for v in value]
    dupes = sorted({w for w in words if words.count(w) > 1})
    if dupes:
        raise ValueError(f"{path}: key {key!r}: duplicate entries {dupes}")
    return tuple(words)


def _check_numbered(path: Path, key: str, value: Any) -> dict[int, tuple[str, ...]]:
    wanted = _NUMBERED[key]
    if not isinstance(value, dict) or set(value) != set(wanted) or any(isinstance(k, bool) for k in value):
        raise ValueError(f"{path}: key {key!r}: expected a mapping with the numbers {wanted.start}..{wanted.stop - 1}")
    out = {}
    for number in wanted:
        forms = _check_words(path, f"{key}.{number}", value[number])
        if not forms:
            raise ValueError(f"{path}: key '{key}.{number}': needs at least one form")
        out[number] = forms
    return out


def _check_mapping(path: Path, key: str, value: Any, check: Callable[[Any], bool], what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{path}: key {key!r}: expected a mapping of phrase to {what}, got {value!r}")
    out: dict[str, Any] = {}
    for phrase, v in value.items():
        form = _check_form(path, key, phrase)
        if not check(v):
            raise ValueError(f"{path}: key '{key}.{phrase}': expected {what}, got {v!r}")
        if form in out:
            raise ValueError(f"{path}: key {key!r}: duplicate phrase {form!r}")
        out[form] = v
    return out


def _check_offsets(path: Path, key: str, value: Any) -> dict[str, int]:
    return _check_mapping(path, key, value, lambda v: type(v) is int and -100 <= v <= 100, "an integer offset")


def _check_parts(path: Path, key: str, value: Any) -> dict[str, str]:
    return _check_mapping(path, key, value, lambda v: v in MONTH_PART_VALUES, f"one of {MONTH_PART_VALUES}")


_CHECKS: dict[str, Callable[[Path, str, Any], Any]] = {
    "words": _check_words,
    "numbered_forms": _check_numbered,
    "offsets": _check_offsets,
    "parts": _check_parts,
}


def _invert(path: Path, key: str, numbered: dict[int, tuple[str, ...]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for number, forms in numbered.items():
        for form in forms:
            if out.get(form, number) != number:
                raise ValueError(f"{path}: key {key!r}: {form!r} is listed under both {out[form]} and {number}")
            out[form] = number
    return out


def _lookup(word: str, table: Mapping[str, int], suffixes: Sequence[str]) -> int | None:
    """The number of a matched month or weekday, its glued case ending stripped if needed."""
    w = _norm(word)
    if w in table:
        return table[w]
    for suffix in sorted(suffixes, key=len, reverse=True):
        if w.endswith(suffix) and w[: -len(suffix)] in table:
            return table[w[: -len(suffix)]]
    return None


# ---------------------------------------------------------------------------------------
# Grammar: one compiled regex per rule and language, built once from the lexicon

_SP = r"[^\S\n]+"  # spaces, non-breaking ones included, but no line break
_JOIN = r"(?:[^\S\n]*-[^\S\n]*|[^\S\n]*)"  # number to word: "5 ноября", "22-сентябрында", "2025г."
_DASH = r"[^\S\n]*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212][^\S\n]*"
_APOS_RE = "[" + re.escape(_APOSTROPHES) + "]"


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


def _build_rules(lex: DateLexicon) -> tuple[tuple[re.Pattern[str], _Resolver], ...]:
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

    rules: list[tuple[str, _Resolver]] = [
        (r"(?<![\w.\-])(?P<y>[12][0-9]{3})-(?P<mn>[01][0-9])-(?P<d>[0-3][0-9])(?![\w\-])", _resolve_numeric),
        (rf"(?<![\w.,])(?P<d>[0-3]?[0-9])\.(?P<mn>[01]?[0-9])\.(?P<y>[12][0-9]{{3}})(?![\w]|\.[0-9])(?:{_JOIN}{yw})?", _resolve_numeric),
        (rf"{lead}{day('d')}{_JOIN}(?P<m>{mon})(?:{_SP}{_year('y1')}(?:{_JOIN}{yw})?)?{sep}{day('d2')}{_JOIN}(?P<m2>{mon}){mword}{year_after()}", _resolve_cross_range),
        (rf"{lead}{year_before()}{day('d')}{sep}{day('d2')}{_JOIN}(?P<m>{mon}){mword}{year_after()}", _resolve_day_range),
        (rf"{prep}{year_before()}{day('d')}{_JOIN}(?P<m>{mon}){mword}{year_after()}", _resolve_day_month),
        (rf"{lead}{_year('y')}{sep}{_year('y2')}{_JOIN}{yw}", _resolve_year_range),
        (rf"{part_or_prep}{year_before()}(?P<m>{mon}){mword}{part_after}{year_after()}", _resolve_month),
        (rf"{part_or_prep}{_year('y')}{_JOIN}{yw}{part_after}", _resolve_year),
        (rf"(?P<w>{_alt(lex.relative_weeks)})", _resolve_rel_week),
        (rf"(?:(?P<pb>{parts}){_SP})?(?P<rm>{_alt(lex.relative_months)}){part_after}", _resolve_rel_month),
        (rf"(?:(?P<pb>{parts}){_SP})?(?P<r>{rely}){part_after}", _resolve_rel_year),
        (rf"(?P<rd>{_alt(lex.relative_days)})", _resolve_rel_day),
        (rf"{prep}(?P<wd>{_alt(lex.weekdays, suf)})", _resolve_weekday),
    ]
    return tuple((re.compile(p, re.IGNORECASE), r) for p, r in rules)


@dataclass(frozen=True, slots=True)
class _Grammar:
    lexicon: DateLexicon
    rules: tuple[tuple[re.Pattern[str], _Resolver], ...]


@lru_cache(maxsize=None)
def _grammar_for(lang: str) -> _Grammar:
    lexicon = load_date_lexicon(lexicon_path(lang))
    return _Grammar(lexicon, _build_rules(lexicon))


def _grammar(lang: str) -> _Grammar:
    known = languages()
    if not isinstance(lang, str) or lang not in known:
        raise UnknownLanguageError(f"no date lexicon for language {lang!r}; known: {', '.join(known)}")
    return _grammar_for(lang)


# ---------------------------------------------------------------------------------------
# Resolution: each rule's match -> (date, date_end); (None, None) when the anchor is
# missing; None when the match is not a date after all (31 ноября, 2025-13-40, "майда")


@dataclass(frozen=True, slots=True)
class _Context:
    published: date | None
    tense: str | None


_Result = Optional[tuple[Optional[str], Optional[str]]]
_Resolver = Callable[[re.Match[str], DateLexicon, _Context], _Result]
_UNRESOLVED: tuple[None, None] = (None, None)


def _parse_published(published: object) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if not isinstance(published, str):
        return None
    m = _PUBLISHED_RE.fullmatch(published.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _iso_y(y: int) -> str | None:
    return f"{y:04d}" if 1 <= y <= 9999 else None


def _iso_ym(y: int, mo: int) -> str | None:
    return f"{y:04d}-{mo:02d}" if 1 <= y <= 9999 and 1 <= mo <= 12 else None


def _iso_ymd(y: int, mo: int, d: int) -> str | None:
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _infer_year(month: int, ctx: _Context) -> int | None:
    """The year of a month the text gives without one: the latest such month not after
    the publication month, or with future tense the first one not before it."""
    pub = ctx.published
    if pub is None:
        return None
    if ctx.tense == "future":
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _stated_year(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> tuple[bool, int | None]:
    """(whether the text states a year, that year or None where it needs the missing anchor)."""
    g = m.groupdict()
    for absolute, relative in (("yb", "rb"), ("ya", "ra")):
        if g.get(absolute):
            return True, int(g[absolute])
        if g.get(relative):
            offset = lex.relative_years.get(_norm(g[relative]))
            if offset is None or ctx.published is None:
                return True, None
            return True, ctx.published.year + offset
    return False, None


def _month(m: re.Match[str], lex: DateLexicon, group: str = "m") -> int | None:
    return _lookup(m[group], lex.months, lex.case_suffixes)


def _year_for(m: re.Match[str], lex: DateLexicon, ctx: _Context, month: int) -> tuple[bool, int | None]:
    """(whether the text states the year, the year): stated, else inferred from tense and publication."""
    stated, year = _stated_year(m, lex, ctx)
    return stated, (year if stated else _infer_year(month, ctx))


def _resolve_numeric(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Result:
    iso = _iso_ymd(int(m["y"]), int(m["mn"]), int(m["d"]))
    return (iso, None) if iso else None


def _resolve_day_month(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Result:
    mo, d = _month(m, lex), int(m["d"])
    if mo is None or not 1 <= d <= _MAX_DAY[mo]:
        return None
    stated, year = _year_for(m, lex, ctx, mo)
    if year is None:
        return _UNRESOLVED
    iso = _iso_ymd(year, mo, d)
    if iso is None:
        return None if stated else _UNRESOLVED  # 29 февраля 2025 is no date; an inferred year may be wrong
    return iso, None


def _resolve_day_range(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Result:
    mo, d1, d2 = _month(m, lex), int(m["d"]), int(m["d2"])
    if mo is None or not 1 <= d1 < d2 <= _MAX_DAY[mo]:
        return None
    stated, year = _year_for(m, lex, ctx, mo)
    if year is None:
        return _UNRESOLVED
    first, last = _iso_ymd(year, mo, d1), _iso_ymd(year, mo, d2)
    if first is None or last is None:
        return None if stated else _UNRESOLVED
    return first, last


def _resolve_cross_range(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Result:
    m1, m2, d1, d2 = _month(m, lex), _month(m, lex, "m2"), int(m["d"]), int(m["d2"])
    if m1 is None or m2 is None or m1 == m2 or not (1 <= d1 <= _MAX_DAY[m1] and 1 <= d2 <= _MAX_DAY[m2]):
        return None
    wraps = (m2, d2) < (m1, d1)  # "30 декабря – 2 января" crosses a year end
    stated_end, y2 = _stated_year(m, lex, ctx)
    if m["y1"]:
        y1 = int(m["y1"])
        if not stated_end:
            y2 = y1 + wraps
    elif stated_end:
        y1 = None if y2 is None else y2 - wraps
    else:
        y1 = _infer_year(m1, ctx)
        y2 = None if y1 is None else y1 + wraps
    if y1 is None or y2 is None:
        return _UNRESOLVED
    first, last = _iso_ymd(y1, m1, d1), _iso_ymd(y2, m2, d2)
    if first is None or last is None or last < first:
        return None
    return first, last


def _resolve_month(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Result:
    mo = _month(m, lex)
    if mo is None:
        return None
    stated, year = _stated_year(m, lex, ctx)
    g = m.groupdict()
    if not (stated or g.get("pb") or g.get("pa") or g.get("prep")) and _norm(m["m"]) in lex.ambiguous_months:
        return None
    if not stated:
        year = _infer_year(mo, ctx)
    if year is None:
        return _UNRESOLVED
    return _iso_ym(year, mo), None


def _resolve_year(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Result:
    return _iso_y(int(m["y"])), None


def _resolve_year_range(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Result:
    y1, y2 = int(m["y"]), int(m["y2"])
    return (_iso_y(y1), _iso_y(y2)) if y1 < y2 else None


def _resolve_rel_day(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Result:
    offset = lex.relative_days.get(_norm(m["rd"]))
    if offset is None or ctx.published is None:
        return _UNRESOLVED
    return (ctx.published + timedelta(days=offset)).isoformat(), None


def _resolve_rel_week(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Result:
    offset = lex.relative_weeks.get(_norm(m["w"]))
    if offset is None or ctx.published is None:
        return _UNRESOLVED
    monday = ctx.published - timedelta(days=ctx.published.weekday()) + timedelta(weeks=offset)
    return monday.isoformat(), (monday + timedelta(days=6)).isoformat()


def _resolve_rel_month(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Result:
    offset = lex.relative_months.get(_norm(m["rm"]))
    if offset is None or ctx.published is None:
        return _UNRESOLVED
    y, mo = divmod(ctx.published.year * 12 + ctx.published.month - 1 + offset, 12)
    return _iso_ym(y, mo + 1), None


def _resolve_rel_year(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Result:
    offset = lex.relative_years.get(_norm(m["r"]))
    if offset is None or ctx.published is None:
        return _UNRESOLVED
    return _iso_y(ctx.published.year + offset), None


def _resolve_weekday(m: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Result:
    """The publication day itself when it has that weekday; else the last one before it,
    or with future tense the next one after it."""
    wd = _lookup(m["wd"], lex.weekdays, lex.case_suffixes)
    if wd is None:
        return None
    pub = ctx.published
    if pub is None:
        return _UNRESOLVED
    if ctx.tense == "future":
        return (pub + timedelta(days=(wd - pub.isoweekday()) % 7)).isoformat(), None
    return (pub - timedelta(days=(pub.isoweekday() - wd) % 7)).isoformat(), None


def named_month(text: str, lang: str) -> int | None:
    """The month a date expression names by itself ("ноябрда", "в ноябре"), whatever the year.

    Resolved against two anchors in different months: a month that comes out the same both times
    is fixed by the text; "вчера" or "в четверг" come out different and give None.
    """
    months = set()
    for anchor in ("2001-03-15", "2001-09-15"):
        spans = find_dates(text, lang, anchor, tense="past")
        if len(spans) != 1 or precision(spans[0].date) < 2:
            return None
        months.add(int(spans[0].date[5:7]))
    return months.pop() if len(months) == 1 else None
