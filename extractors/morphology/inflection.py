"""Inflection rules kept as data (`inflection.yaml` of each language folder), and what they do to a word.

Two schemes share one file format: ending classes (a stem plus a nominative or oblique ending, for
fusional languages such as Russian and Ukrainian) and case suffixes with vowel harmony (for agglutinative
ones such as Kyrgyz: "Казакстандын" -> "Казакстан"). A language uses whichever its file fills in.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

INFLECTION_KEYS = {"min_stem", "noun", "adjective", "stem_alternations", "case_suffixes",
                   "possessive_suffixes", "harmony", "protected_endings", "vowels", "voiceless"}
CASE_GROUPS = ("after_vowel", "after_voiced", "after_voiceless", "after_possessive")
# Per-word cache: large enough for the working vocabulary of a news stream, small enough that a long
# run's memory stays flat.
CACHE_WORDS = 16384
_APOSTROPHES = "'’ʼ`"


# eq=False: rules are compared and hashed by identity (they hold dicts), so they can key caches.
@dataclass(frozen=True, slots=True, eq=False)
class InflectionRules:
    min_stem: int
    noun_nom: tuple[str, ...]
    noun_obl: frozenset[str]
    adj_nom: tuple[str, ...]
    adj_obl: frozenset[str]
    alternations: dict[str, tuple[str, ...]]
    case_groups: dict[str, frozenset[str]]
    all_case: tuple[str, ...]  # longest first
    possessive: tuple[str, ...]
    harmony: dict[str, frozenset[str]]
    protected: tuple[str, ...]
    vowels: frozenset[str]
    voiceless: frozenset[str]

    @property
    def has_endings(self) -> bool:
        """Whether words decline by ending classes (stem + ending)."""
        return bool(self.noun_obl - {""})

    @property
    def has_case_suffixes(self) -> bool:
        """Whether words take agglutinative case suffixes."""
        return bool(self.all_case)


def str_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: expected a list of strings")
    return tuple(value)


def load_inflection(path: Path) -> InflectionRules:
    """Load and validate one inflection.yaml."""
    import yaml

    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict) or set(data) != INFLECTION_KEYS:
        got = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"{path}: keys must be {sorted(INFLECTION_KEYS)}, got {got}")
    if not isinstance(data["min_stem"], int) or data["min_stem"] < 1:
        raise ValueError(f"{path}: min_stem must be a positive integer")
    classes = {}
    for cls in ("noun", "adjective"):
        block = data[cls]
        if not isinstance(block, dict) or set(block) != {"nominative", "oblique"}:
            raise ValueError(f"{path}: {cls} must have exactly 'nominative' and 'oblique'")
        nom = str_list(block["nominative"], f"{path}: {cls}.nominative")
        obl = str_list(block["oblique"], f"{path}: {cls}.oblique")
        classes[cls] = (tuple(sorted(nom, key=len, reverse=True)), frozenset(obl) | frozenset(nom) | {""})
    alts = data["stem_alternations"] or {}
    if not isinstance(alts, dict):
        raise ValueError(f"{path}: stem_alternations must be a mapping")
    cases = data["case_suffixes"]
    if not isinstance(cases, dict) or set(cases) != set(CASE_GROUPS):
        raise ValueError(f"{path}: case_suffixes must have exactly {list(CASE_GROUPS)}")
    groups = {g: frozenset(str_list(cases[g], f"{path}: case_suffixes.{g}")) for g in CASE_GROUPS}
    harmony = data["harmony"] or {}
    if not isinstance(harmony, dict):
        raise ValueError(f"{path}: harmony must be a mapping")
    for key in ("vowels", "voiceless"):
        if not isinstance(data[key], str) or not data[key]:
            raise ValueError(f"{path}: {key} must be a non-empty string of letters")
    return InflectionRules(
        min_stem=data["min_stem"],
        noun_nom=classes["noun"][0], noun_obl=classes["noun"][1],
        adj_nom=classes["adjective"][0], adj_obl=classes["adjective"][1],
        alternations={k: str_list(v, f"{path}: stem_alternations.{k}") for k, v in alts.items()},
        case_groups=groups,
        all_case=tuple(sorted(set().union(*groups.values()), key=len, reverse=True)),
        possessive=str_list(data["possessive_suffixes"], f"{path}: possessive_suffixes"),
        harmony={k: frozenset(str_list(v, f"{path}: harmony.{k}")) for k, v in harmony.items()},
        protected=str_list(data["protected_endings"], f"{path}: protected_endings"),
        vowels=frozenset(data["vowels"]),
        voiceless=frozenset(data["voiceless"]),
    )


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and sum(c.isalnum() for c in word) >= 2 and all(c.isupper() for c in letters)


def acronym_and_ending(word: str, max_ending: int | None = None) -> tuple[str, str] | None:
    """An upper-case acronym with a lower-case ending glued on ("АКШнын", "МИДа"): (acronym, ending)."""
    cut = len(word)
    while cut > 0 and word[cut - 1].isalpha() and word[cut - 1].islower():
        cut -= 1
    ending = word[cut:]
    if not ending or cut == 0 or not word[cut - 1].isupper() or (max_ending is not None and len(ending) > max_ending):
        return None
    return (word[:cut], ending) if is_acronym(word[:cut]) else None


def _last_vowel(text: str, rules: InflectionRules) -> str | None:
    for ch in reversed(text):
        if ch in rules.vowels:
            return ch
    return None


def _suffix_fits(stem: str, suffix: str, rules: InflectionRules) -> bool:
    last = stem[-1]
    if last in rules.vowels:
        group = "after_vowel"
    elif last in rules.voiceless:
        group = "after_voiceless"
    else:
        group = "after_voiced"
    fits = suffix in rules.case_groups[group] or (
        suffix in rules.case_groups["after_possessive"] and last in rules.possessive)
    if not fits:
        return False
    # Harmony binds the suffix's first vowel to the stem's last ("Беларус+тагы", "Ош+тогу").
    vowel, suffix_vowel = _last_vowel(stem, rules), next((ch for ch in suffix if ch in rules.vowels), None)
    if vowel is None or suffix_vowel is None or vowel not in rules.harmony:
        return True
    return suffix_vowel in rules.harmony[vowel]


@lru_cache(maxsize=CACHE_WORDS)
def strip_case_suffix(word: str, rules: InflectionRules) -> str:
    """Cut a case suffix off a name ('Казакстандын' -> 'Казакстан'); unchanged where the rules have none.

    Conservative: the stem keeps at least `min_stem` letters, the suffix must fit the stem's last sound
    and vowel harmony, and protected endings (-стан) are never cut. Acronyms and apostrophes mark the
    boundary themselves ('АКШнын', "Telegram’га").
    """
    stems = case_stems(word, rules)
    return stems[0] if stems else word


@lru_cache(maxsize=CACHE_WORDS)
def case_stems(word: str, rules: InflectionRules, min_stem: int | None = None) -> tuple[str, ...]:
    """Every stem the case-suffix rules allow for `word`, longest suffix first ('Нарында': 'Нары' + 'нда',
    'Нарын' + 'да'); empty where no suffix fits. `min_stem` overrides the rules' shortest stem, for callers
    that check short stems elsewhere ('Ошто' -> 'Ош' where the knowledge base knows Ош)."""
    if not rules.all_case:
        return ()
    for ap in _APOSTROPHES:
        if ap in word:
            stem, _, tail = word.rpartition(ap)
            if stem and tail.lower() in rules.all_case:
                return (stem,)
    glued = acronym_and_ending(word)
    if glued and glued[1] in rules.all_case:
        return (glued[0],)
    low = word.lower()
    if any(low.endswith(p) for p in rules.protected):
        return ()
    shortest = rules.min_stem if min_stem is None else min_stem
    return tuple(word[: len(word) - len(suffix)] for suffix in rules.all_case
                 if low.endswith(suffix) and len(low) - len(suffix) >= shortest
                 and _suffix_fits(low[: len(low) - len(suffix)], suffix, rules))


def strip_possessive(word: str, rules: InflectionRules) -> str:
    low = word.lower()
    for suffix in rules.possessive:
        if low.endswith(suffix) and len(low) - len(suffix) >= rules.min_stem and low[-2] not in rules.vowels:
            return word[: -len(suffix)]
    return word


def alternate(stem: str, rules: InflectionRules) -> list[str]:
    """Stems with the vowel of the last syllable alternated (дім -> дом, Київ -> Києв)."""
    out = []
    for i in range(len(stem) - 1, max(len(stem) - 4, 0), -1):
        if stem[i] in rules.vowels:
            for repl in rules.alternations.get(stem[i], ()):
                alt = stem[:i] + repl + stem[i + 1:]
                if len(alt) >= rules.min_stem:
                    out.append(alt)
            break
    return out
