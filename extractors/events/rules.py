"""Loading and checking the event rules of a language (`events.yaml` of its folder)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from diplo.extractors.labels import ENTITY_TYPES, EVENT_STATUSES, EVENT_TYPES
from diplo.extractors.pipeline.language import load_data_file

FILE_SCHEMA = {"rules": list, "planned_markers": list, "anaphora": list, "negations": list, "light_verbs": list,
               "location_prepositions": list, "location_suffixes": list, "comitative_before": list,
               "comitative_after": list}
RULE_SCHEMA = {"id": str, "type": str, "cameo": dict, "triggers": list, "context": list,
               "roles": dict, "participants": list, "window": int}
OPTIONAL_RULE_KEYS = {"status": str, "destination": bool, "role_cues": dict, "presence": bool,
                      "known_participant": bool, "with_parties": bool}
ROLE_POSITIONS = ("before", "after")


@dataclass(frozen=True, slots=True)
class WordPattern:
    """One word of a trigger: an exact lemma, or a prefix of a lemma or word form ("word*")."""

    value: str
    prefix: bool

    def matches(self, lemma: str, lower: str) -> bool:
        if self.prefix:
            return lemma.startswith(self.value) or lower.startswith(self.value)
        return lemma == self.value or lower == self.value


Phrase = tuple[WordPattern, ...]


@dataclass(frozen=True, slots=True)
class ContextGroup:
    """Satisfied when any of its phrases or regular expressions occurs in the sentence."""

    phrases: tuple[Phrase, ...]
    patterns: tuple[re.Pattern, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    type: str
    cameo: dict[str, str]
    triggers: tuple[Phrase, ...]
    context: tuple[ContextGroup, ...]
    roles: dict[str, str]
    participants: frozenset[str]
    window: int
    status: str | None
    destination: bool  # a place right after the trigger is where the event goes ("посетил Казахстан")
    role_cues: dict[str, tuple[Phrase, ...]]  # role -> words just before a name that give it ("посол", "элчиси")
    presence: bool  # no trigger words: a person placed in another country's city or country ("Токаев в Вашингтоне")
    known_participant: bool  # kept only where a participant is in the knowledge base (an arrival of an official)
    with_parties: bool  # whether someone "with" whom it happens ("с Трампом", "Трамп менен") takes part
    by_first_word: dict[str, tuple[Phrase, ...]]  # exact first word -> triggers starting with it
    prefix_triggers: tuple[Phrase, ...]  # triggers whose first word is a prefix ("сапар*")


@dataclass(frozen=True, slots=True)
class EventRules:
    rules: tuple[Rule, ...]
    by_first_word: dict[str, tuple[tuple[int, Phrase], ...]]  # exact first word -> (rule index, trigger)
    prefix_triggers: tuple[tuple[int, Phrase], ...]  # triggers whose first word is a prefix ("сапар*")
    planned_markers: tuple[Phrase, ...]
    anaphora: frozenset[str]
    negations: frozenset[str]
    light_verbs: frozenset[str]
    location_prepositions: frozenset[str]
    location_suffixes: tuple[str, ...]
    comitative_before: frozenset[str]  # "с" of "с Трампом"
    comitative_after: frozenset[str]  # "менен" of "Трамп менен"

    def triggers_at(self, lemma: str, lower: str) -> tuple[tuple[int, Phrase], ...]:
        """(rule index, trigger) of every trigger that may start at a token: one lookup for all rules."""
        found = self.by_first_word.get(lemma, ()) + (self.by_first_word.get(lower, ()) if lower != lemma else ())
        return found + tuple(item for item in self.prefix_triggers if item[1][0].matches(lemma, lower))


def load_event_rules(path: Path) -> EventRules:
    """The rules of one events.yaml, checked: a bad file fails at start with its path and the rule id."""
    data = load_data_file(path, FILE_SCHEMA)
    rules = tuple(_rule(raw, path) for raw in data["rules"])
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: duplicate rule ids")
    by_first_word: dict[str, list[tuple[int, Phrase]]] = {}
    for index, rule in enumerate(rules):
        for word, triggers in rule.by_first_word.items():
            by_first_word.setdefault(word, []).extend((index, t) for t in triggers)
    return EventRules(
        rules=rules,
        by_first_word={word: tuple(items) for word, items in by_first_word.items()},
        prefix_triggers=tuple((i, t) for i, rule in enumerate(rules) for t in rule.prefix_triggers),
        planned_markers=tuple(phrase(w) for w in data["planned_markers"]),
        anaphora=frozenset(w.lower() for w in data["anaphora"]),
        negations=frozenset(w.lower() for w in data["negations"]),
        light_verbs=frozenset(w.lower() for w in data["light_verbs"]),
        location_prepositions=frozenset(w.lower() for w in data["location_prepositions"]),
        location_suffixes=tuple(data["location_suffixes"]),
        comitative_before=frozenset(w.lower() for w in data["comitative_before"]),
        comitative_after=frozenset(w.lower() for w in data["comitative_after"]),
    )


def phrase(text: str) -> Phrase:
    return tuple(WordPattern(w.rstrip("*").lower().replace("ё", "е"), w.endswith("*")) for w in text.split())


def _rule(raw: dict, path: Path) -> Rule:
    where = f"{path}: rule {raw.get('id', '?')!r}" if isinstance(raw, dict) else f"{path}: rule"
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected a mapping")
    missing = set(RULE_SCHEMA) - set(raw)
    unknown = set(raw) - set(RULE_SCHEMA) - set(OPTIONAL_RULE_KEYS)
    if missing or unknown:
        raise ValueError(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
    for key, kind in {**RULE_SCHEMA, **OPTIONAL_RULE_KEYS}.items():
        if key in raw and not isinstance(raw[key], kind):
            raise ValueError(f"{where}: {key!r} must be a {kind.__name__}")
    if raw["type"] not in EVENT_TYPES:
        raise ValueError(f"{where}: type {raw['type']!r} is not one of {EVENT_TYPES}")
    if set(raw["cameo"]) != set(EVENT_STATUSES):
        raise ValueError(f"{where}: cameo needs a code for each of {EVENT_STATUSES}")
    if not raw["triggers"] and not raw.get("presence"):
        raise ValueError(f"{where}: no triggers")
    if set(raw["roles"]) - set(ROLE_POSITIONS):
        raise ValueError(f"{where}: roles may only be given for {ROLE_POSITIONS}")
    if set(raw["participants"]) - set(ENTITY_TYPES):
        raise ValueError(f"{where}: participants must be among {ENTITY_TYPES}")
    if any(not isinstance(words, list) for words in raw.get("role_cues", {}).values()):
        raise ValueError(f"{where}: role_cues maps each role to a list of words")
    if raw.get("status") not in (None, *EVENT_STATUSES):
        raise ValueError(f"{where}: status must be one of {EVENT_STATUSES}")
    context = []
    for group in raw["context"]:
        if not isinstance(group, list) or not group:
            raise ValueError(f"{where}: each context group must be a non-empty list")
        try:
            patterns = tuple(re.compile(e[3:]) for e in group if e.startswith("re:"))
        except re.error as error:
            raise ValueError(f"{where}: bad regular expression ({error})") from None
        context.append(ContextGroup(tuple(phrase(e) for e in group if not e.startswith("re:")), patterns))
    triggers = tuple(phrase(t) for t in raw["triggers"])
    by_first_word: dict[str, list[Phrase]] = {}
    for trigger in triggers:
        if not trigger[0].prefix:
            by_first_word.setdefault(trigger[0].value, []).append(trigger)
    return Rule(
        id=raw["id"], type=raw["type"], cameo=dict(raw["cameo"]),
        triggers=triggers, context=tuple(context),
        roles=dict(raw["roles"]), participants=frozenset(raw["participants"]),
        window=raw["window"], status=raw.get("status"), destination=raw.get("destination", False),
        role_cues={role: tuple(phrase(w) for w in words) for role, words in raw.get("role_cues", {}).items()},
        presence=raw.get("presence", False),
        known_participant=raw.get("known_participant", False),
        with_parties=raw.get("with_parties", True),
        by_first_word={word: tuple(group) for word, group in by_first_word.items()},
        prefix_triggers=tuple(t for t in triggers if t[0].prefix),
    )
