"""Resolution of a matched date expression to ISO dates: `(date, date_end)`; `(None, None)` when the
publication date it needs is missing; None when the match is not a date after all (31 ноября,
2025-13-40, "майда")."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Optional

from diplo.extractors.dates.lexicon import DateLexicon, lookup, norm

_MAX_DAY = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
_PUBLISHED_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ].*)?", re.S)
TENSES = ("past", "future")


@dataclass(frozen=True, slots=True)
class Context:
    published: date | None
    tense: str | None


_Result = Optional[tuple[Optional[str], Optional[str]]]
Resolver = Callable[[re.Match[str], DateLexicon, Context], _Result]
_UNRESOLVED: tuple[None, None] = (None, None)


def parse_published(published: object) -> date | None:
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


def _infer_year(month: int, ctx: Context) -> int | None:
    """The year of a month the text gives without one: the latest such month not after
    the publication month, or with future tense the first one not before it."""
    pub = ctx.published
    if pub is None:
        return None
    if ctx.tense == "future":
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _stated_year(m: re.Match[str], lex: DateLexicon, ctx: Context) -> tuple[bool, int | None]:
    """(whether the text states a year, that year or None where it needs the missing anchor)."""
    g = m.groupdict()
    for absolute, relative in (("yb", "rb"), ("ya", "ra")):
        if g.get(absolute):
            return True, int(g[absolute])
        if g.get(relative):
            offset = lex.relative_years.get(norm(g[relative]))
            if offset is None or ctx.published is None:
                return True, None
            return True, ctx.published.year + offset
    return False, None


def _month(m: re.Match[str], lex: DateLexicon, group: str = "m") -> int | None:
    return lookup(m[group], lex.months, lex.case_suffixes)


def _year_for(m: re.Match[str], lex: DateLexicon, ctx: Context, month: int) -> tuple[bool, int | None]:
    """(whether the text states the year, the year): stated, else inferred from tense and publication."""
    stated, year = _stated_year(m, lex, ctx)
    return stated, (year if stated else _infer_year(month, ctx))


def resolve_numeric(m: re.Match[str], lex: DateLexicon, ctx: Context) -> _Result:
    iso = _iso_ymd(int(m["y"]), int(m["mn"]), int(m["d"]))
    return (iso, None) if iso else None


def resolve_day_month(m: re.Match[str], lex: DateLexicon, ctx: Context) -> _Result:
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


def resolve_day_range(m: re.Match[str], lex: DateLexicon, ctx: Context) -> _Result:
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


def resolve_cross_range(m: re.Match[str], lex: DateLexicon, ctx: Context) -> _Result:
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


def resolve_month(m: re.Match[str], lex: DateLexicon, ctx: Context) -> _Result:
    mo = _month(m, lex)
    if mo is None:
        return None
    stated, year = _stated_year(m, lex, ctx)
    g = m.groupdict()
    if not (stated or g.get("pb") or g.get("pa") or g.get("prep")) and norm(m["m"]) in lex.ambiguous_months:
        return None
    if not stated:
        year = _infer_year(mo, ctx)
    if year is None:
        return _UNRESOLVED
    return _iso_ym(year, mo), None


def resolve_year(m: re.Match[str], lex: DateLexicon, ctx: Context) -> _Result:
    return _iso_y(int(m["y"])), None


def resolve_year_range(m: re.Match[str], lex: DateLexicon, ctx: Context) -> _Result:
    y1, y2 = int(m["y"]), int(m["y2"])
    return (_iso_y(y1), _iso_y(y2)) if y1 < y2 else None


def resolve_rel_day(m: re.Match[str], lex: DateLexicon, ctx: Context) -> _Result:
    offset = lex.relative_days.get(norm(m["rd"]))
    if offset is None or ctx.published is None:
        return _UNRESOLVED
    return (ctx.published + timedelta(days=offset)).isoformat(), None


def resolve_rel_week(m: re.Match[str], lex: DateLexicon, ctx: Context) -> _Result:
    offset = lex.relative_weeks.get(norm(m["w"]))
    if offset is None or ctx.published is None:
        return _UNRESOLVED
    monday = ctx.published - timedelta(days=ctx.published.weekday()) + timedelta(weeks=offset)
    return monday.isoformat(), (monday + timedelta(days=6)).isoformat()


def resolve_rel_month(m: re.Match[str], lex: DateLexicon, ctx: Context) -> _Result:
    offset = lex.relative_months.get(norm(m["rm"]))
    if offset is None or ctx.published is None:
        return _UNRESOLVED
    y, mo = divmod(ctx.published.year * 12 + ctx.published.month - 1 + offset, 12)
    return _iso_ym(y, mo + 1), None


def resolve_rel_year(m: re.Match[str], lex: DateLexicon, ctx: Context) -> _Result:
    offset = lex.relative_years.get(norm(m["r"]))
    if offset is None or ctx.published is None:
        return _UNRESOLVED
    return _iso_y(ctx.published.year + offset), None


def resolve_weekday(m: re.Match[str], lex: DateLexicon, ctx: Context) -> _Result:
    """The publication day itself when it has that weekday; else the last one before it,
    or with future tense the next one after it."""
    wd = lookup(m["wd"], lex.weekdays, lex.case_suffixes)
    if wd is None:
        return None
    pub = ctx.published
    if pub is None:
        return _UNRESOLVED
    if ctx.tense == "future":
        return (pub + timedelta(days=(wd - pub.isoweekday()) % 7)).isoformat(), None
    return (pub - timedelta(days=(pub.isoweekday() - wd) % 7)).isoformat(), None

