"""Date expressions in news text, resolved to ISO dates.

`find_dates` finds every date expression of a text slice (absolute, relative, weekdays, ranges) and
resolves it against the publication date. The vocabulary is the language's data (`dates.yaml` of its
folder); the rules built from it are in `grammar.py`, the resolution of each match in `resolve.py`.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from diplo.extractors.dates.resolve import TENSES, Context, parse_published
from diplo.models.records import DateSpan

if TYPE_CHECKING:
    from diplo.extractors.pipeline.language import Language

_ISO_RE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


def find_dates(
    text: str,
    language: Language,
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
    grammar = language.dates
    if not isinstance(text, str) or not text:
        return []
    lo, hi, _ = slice(start, end).indices(len(text))
    if lo >= hi:
        return []
    ctx = Context(parse_published(published), tense if tense in TENSES else None)
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


def named_month(text: str, language: Language) -> int | None:
    """The month a date expression names by itself ("ноябрда", "в ноябре"), whatever the year.

    Resolved against two anchors in different months: a month that comes out the same both times
    is fixed by the text; "вчера" or "в четверг" come out different and give None.
    """
    months = set()
    for anchor in ("2001-03-15", "2001-09-15"):
        spans = find_dates(text, language, anchor, tense="past")
        if len(spans) != 1 or precision(spans[0].date) < 2:
            return None
        months.add(int(spans[0].date[5:7]))
    return months.pop() if len(months) == 1 else None
