"""A language's date vocabulary (`dates.yaml` of its folder): every file has the same keys
(`DATE_LEXICON_KEYS`), each checked for its shape when loaded by `load_date_lexicon`."""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

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
_NUMBERED = {"months": range(1, 13), "weekdays": range(1, 8)}
APOSTROPHES = "'’ʼ‘`"
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
        if lookup(form, fields["months"], suffixes) is None:
            raise ValueError(f"{path}: key 'ambiguous_months': {form!r} is not a form of any month")
    fields["ambiguous_months"] = frozenset(fields["ambiguous_months"])
    return DateLexicon(**fields)



_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def norm(s: str) -> str:
    """Lower case, one plain space between words, one apostrophe: the key of every lookup."""
    s = _SPACE_RUN.sub(" ", s.strip()).lower()
    for a in APOSTROPHES[1:]:
        s = s.replace(a, "'")
    return s


def _check_form(path: Path, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{path}: key {key!r}: expected a non-empty string, got {value!r}")
    return norm(value)


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


def lookup(word: str, table: Mapping[str, int], suffixes: Sequence[str]) -> int | None:
    """The number of a matched month or weekday, its glued case ending stripped if needed."""
    w = norm(word)
    if w in table:
        return table[w]
    for suffix in sorted(suffixes, key=len, reverse=True):
        if w.endswith(suffix) and w[: -len(suffix)] in table:
            return table[w[: -len(suffix)]]
    return None

