"""Shared stage: dated diplomatic events of one article, from the declarative rules of its language.

For each sentence: find rule triggers (lemma sequences), check the rule's context near the trigger,
then collect participants near the trigger, a place, a date and the status. Reports of one event
in several sentences are merged (`same_event.py`), keeping the most precise date.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from diplo.extractors.dates import find_dates, named_month, precision
from diplo.extractors.events.rules import ContextGroup, EventRules, Phrase, Rule
from diplo.extractors.events.same_event import fold_loose_meetings, merge_reports
from diplo.extractors.kb.knowledge_base import KnowledgeBase
from diplo.extractors.kb.linker import kind_of
from diplo.extractors.labels import LOC, OCCURRED, ORG, PER, PLANNED
from diplo.extractors.pipeline.analysis import Analysis, Sentence, Token
from diplo.extractors.pipeline.language import Language
from diplo.models.records import DateSpan, Document, Entity, Event, Mention, Participant, Place

NEGATION_REACH = 3  # "не проводили совместную встречу"
FUTURE_REACH = 2  # a future-tense verb this close before a trigger makes it planned ("будет подписано")
CLAUSE_BOUNDARIES = frozenset(",;:—–()")
CUE_REACH = 2  # how far before a name a role word may stand ("посол США Джули Стаффт" is too far: roles by position)
STATUS_WINDOW = 8  # tokens around a trigger (within its clause) searched for planned markers
DESTINATION_REACH = 3  # a place this close after a trigger is its destination ("посетил с визитом Вашингтон")


@dataclass(frozen=True, slots=True)
class _Mention:
    entity: Entity
    start: int
    end: int
    token: int  # index of its first token in the sentence


@dataclass(frozen=True, slots=True)
class _Trigger:
    rule: Rule
    first: int  # token span [first, last) in the sentence
    last: int


def find_events(doc: Document, language: Language, analysis: Analysis, entities: tuple[Entity, ...],
                kb: KnowledgeBase) -> tuple[Event, ...]:
    rules = language.events
    found: list[Event] = []
    every_mention = sorted(((entity, m) for entity in entities for m in entity.mentions), key=lambda em: em[1].start)
    mention_starts = [m.start for _, m in every_mention]
    for sentence in analysis.sentences:
        if sentence.end <= doc.body_start or not sentence.tokens:
            continue
        mentions = _mentions_in(sentence, every_mention, mention_starts)
        triggers = _triggers(rules, sentence, doc.text, mentions, kb)
        trigger_tokens = {i for t in triggers for i in range(t.first, t.last)}
        for trigger in triggers:
            event = _event(doc, language, rules, trigger, sentence, mentions, trigger_tokens)
            if trigger.rule.known_participant and not any(_known(p) for p in event.participants):
                continue  # "туристы прибыли": an arrival is a visit only for someone the knowledge base knows
            found.append(event)
    return tuple(fold_loose_meetings(merge_reports(found)))


def _triggers(rules: EventRules, sentence: Sentence, text: str, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Trigger]:
    """Every trigger of the sentence; on a token claimed by several rules, the first rule wins."""
    taken: set[int] = set()
    triggers = []
    tokens = sentence.tokens
    found = _trigger_matches(rules, tokens)
    for index, rule in enumerate(rules.rules):
        own = _presence_matches(rules, sentence, mentions, kb) if rule.presence else found.get(index, [])
        matches = [m for m in own if not taken & set(range(*m))]
        for first, last in matches:
            if first and tokens[first - 1].lemma in rules.anaphora:
                taken.update(range(first, last))  # "эта встреча": a report of an event told before
            elif any(t.lemma in rules.negations for t in tokens[max(first - NEGATION_REACH, 0):first]):
                taken.update(range(first, last))  # "не проводили встречу"
            elif _context_holds(rule, sentence, text, first, last) and _nearest_to_anchor(rule, sentence, text, matches, first):
                taken.update(range(first, last))
                triggers.append(_Trigger(rule, first, last))
    return sorted(triggers, key=lambda t: t.first)


def _presence_matches(rules: EventRules, sentence: Sentence, mentions: list[_Mention],
                      kb: KnowledgeBase) -> list[tuple[int, int]]:
    """A person the knowledge base knows, then a place of another country: "Токаев в Вашингтоне", "Токаев Вашингтондо"."""
    tokens = sentence.tokens
    matches = []
    for person, place in zip(mentions, mentions[1:]):
        person_entry, place_entry = kb.entry(person.entity.kb_id), kb.entry(place.entity.kb_id)
        if person.entity.type != PER or not person_entry or not person_entry.country:
            continue
        if kind_of(place.entity.kb_id) not in ("city", "country") or not place_entry or not place_entry.country:
            continue
        if place_entry.country == person_entry.country:
            continue
        between = [t for t in tokens if person.end <= t.start and t.end <= place.start]
        prepositional = [t.text.lower() for t in between] in ([p] for p in rules.location_prepositions)
        suffixed = not between and any(_surface(place).lower().endswith(s) for s in rules.location_suffixes)
        if prepositional or suffixed:
            last = next((i for i in range(place.token, len(tokens)) if tokens[i].end >= place.end), place.token)
            matches.append((place.token, last + 1))
    return matches


def _nearest_to_anchor(rule: Rule, sentence: Sentence, text: str, matches: list[tuple[int, int]], first: int) -> bool:
    """True unless another trigger of the rule stands closer to every anchor this one could use."""
    if not rule.context:
        return True
    anchors = _anchor_positions(rule.context[0], sentence, text)
    return any(min(matches, key=lambda m: abs(m[0] - anchor))[0] == first for anchor in anchors)


def _anchor_spans(rule: Rule, sentence: Sentence, text: str) -> list[tuple[int, int]]:
    """Character spans of the rule's anchor patterns in the sentence ("С5+1")."""
    if not rule.context:
        return []
    return [m.span() for p in rule.context[0].patterns for m in p.finditer(text, sentence.start, sentence.end)]


def _anchor_positions(group: ContextGroup, sentence: Sentence, text: str) -> list[int]:
    tokens = sentence.tokens
    starts = [t.start for t in tokens]
    positions = [i for phrase in group.phrases for i in range(len(tokens)) if _matches_at(phrase, tokens, i)]
    for pattern in group.patterns:
        for match in pattern.finditer(text, sentence.start, sentence.end):
            positions.append(max(bisect.bisect_right(starts, match.start()) - 1, 0))
    return positions


def _mentions_in(sentence: Sentence, every_mention: list[tuple[Entity, Mention]],
                 mention_starts: list[int]) -> list[_Mention]:
    """The mentions that start in the sentence, in text order (found by bisection: an article of a
    megabyte has thousands of sentences and mentions)."""
    starts = [t.start for t in sentence.tokens]
    first = bisect.bisect_left(mention_starts, sentence.start)
    last = bisect.bisect_left(mention_starts, sentence.end)
    return [_Mention(entity, m.start, m.end, max(bisect.bisect_right(starts, m.start) - 1, 0))
            for entity, m in every_mention[first:last]]


def _matches_at(phrase: Phrase, tokens: tuple[Token, ...], i: int) -> bool:
    if i + len(phrase) > len(tokens):
        return False
    return all(word.matches(tokens[i + k].lemma, tokens[i + k].text.lower()) for k, word in enumerate(phrase))


def _trigger_matches(rules: EventRules, tokens: tuple[Token, ...]) -> dict[int, list[tuple[int, int]]]:
    """Per rule index: its trigger spans in the sentence, longest first at each start, left to right."""
    longest: dict[int, dict[int, int]] = {}  # rule index -> start -> longest length
    for i, token in enumerate(tokens):
        for index, phrase in rules.triggers_at(token.lemma, token.text.lower()):
            if _matches_at(phrase, tokens, i):
                starts = longest.setdefault(index, {})
                starts[i] = max(starts.get(i, 0), len(phrase))
    spans: dict[int, list[tuple[int, int]]] = {}
    for index, starts in longest.items():
        end = 0
        for start in sorted(starts):
            if start >= end:
                end = start + starts[start]
                spans.setdefault(index, []).append((start, end))
    return spans


def _context_holds(rule: Rule, sentence: Sentence, text: str, first: int, last: int) -> bool:
    tokens = sentence.tokens
    lo, hi = max(first - rule.window, 0), min(last + rule.window, len(tokens))
    nearby = text[tokens[lo].start:tokens[hi - 1].end]
    for group in rule.context:
        if not (any(p.search(nearby) for p in group.patterns)
                or any(_matches_at(phrase, tokens, i) for phrase in group.phrases for i in range(lo, hi))):
            return False
    return True


def _event(doc: Document, language: Language, rules: EventRules, trigger: _Trigger, sentence: Sentence,
           mentions: list[_Mention], trigger_tokens: set[int]) -> Event:
    rule, first, last = trigger.rule, trigger.first, trigger.last
    tokens = sentence.tokens
    # The text's tense places the date; a rule may still fix the status (an invitation is planned).
    tense = PLANNED if _sounds_planned(rules, tokens, first, last) else OCCURRED
    status = rule.status or tense
    date = _date_for(doc, language, rules, sentence, first, last, tense, reported_act=rule.status is not None)
    if date and date.date and doc.published and tense == OCCURRED and _after(date.date, doc.published):
        status = rule.status or PLANNED
        date = _date_for(doc, language, rules, sentence, first, last, PLANNED)
    anchors = _anchor_spans(rule, sentence, doc.text)
    if not rule.with_parties:  # "беседовал с Трампом и ... посетит США": Трамп is not the visitor
        mentions = [m for m in mentions if not _comitative(rules, tokens, m)]
    near = [m for m in mentions if _distance(m, first, last) <= rule.window
            and not _verb_between(rules, tokens, m.token, first, last, trigger_tokens)
            and not any(a < m.end and m.start < b for a, b in anchors)]  # "С5+1" names the format, not a party
    location = _location(rules, rule, near, tokens, first, last)
    participants = _participants(rule, near, tokens, first, location)
    if not participants:
        participants = _subject(rule, mentions, first)
    start, end = tokens[first].start, tokens[last - 1].end
    body_start = max(sentence.start, doc.body_start)
    return Event(
        type=rule.type, status=status,
        date=date.date if date else None, date_end=date.date_end if date else None,
        date_text=date.text if date else None,
        participants=participants, location=location,
        trigger=doc.text[start:end], sentence=doc.text[body_start:sentence.end].strip(),
        start=start, end=end, cameo=rule.cameo[status],
        month=named_month(date.text, language) if date and not date.date else None,
    )


def _comitative(rules: EventRules, tokens: tuple[Token, ...], mention: _Mention) -> bool:
    """Someone "with" whom something happens: "с Трампом", "Трамп менен"."""
    after = next((i for i in range(mention.token, len(tokens)) if tokens[i].start >= mention.end), len(tokens))
    before_word = tokens[mention.token - 1].text.lower() if mention.token else ""
    after_word = tokens[after].text.lower() if after < len(tokens) else ""
    return before_word in rules.comitative_before or after_word in rules.comitative_after


def _known(participant: Participant) -> bool:
    return bool(participant.canonical)


def _distance(mention: _Mention, first: int, last: int) -> int:
    if mention.token < first:
        return first - mention.token
    return max(mention.token - last + 1, 0)


def _verb_between(rules: EventRules, tokens: tuple[Token, ...], index: int, first: int, last: int,
                  trigger_tokens: set[int]) -> bool:
    """Whether what stands at `index` belongs to another verb than the trigger.

    Before the trigger, any finite verb (not a trigger, not a light verb) in between owns it ("Акорда
    опубликовала ролик про визит"). After it, only a verb in a new clause does: "на приеме выступил
    Рубио" keeps Рубио, "присоединился к соглашениям, отвесил Трампу" does not keep Трамп. Where no
    tagger tells verbs apart (Kyrgyz), a clause boundary alone separates ("барган, жакында ... барат").
    """
    lo, hi = (index + 1, first) if index < first else (last, index)
    if not any(t.tense for t in tokens):
        return any(tokens[i].text in CLAUSE_BOUNDARIES for i in range(lo, hi))
    boundary = index < first
    for i in range(lo, hi):
        boundary = boundary or tokens[i].text in CLAUSE_BOUNDARIES
        if boundary and tokens[i].tense and tokens[i].pos in ("VERB", "AUX") and i not in trigger_tokens \
                and tokens[i].lemma not in rules.light_verbs:
            return True
    return False


def _sounds_planned(rules: EventRules, tokens: tuple[Token, ...], first: int, last: int) -> bool:
    """Future tense at the trigger, or a word of intention near it in the same clause."""
    if any(t.tense == "Fut" for t in tokens[max(first - FUTURE_REACH, 0):last]):
        return True
    lo, hi = _clause(tokens, first, last)
    lo, hi = max(lo, first - STATUS_WINDOW), min(hi, last + STATUS_WINDOW)
    # the trigger itself is no marker: "пригласил" is an invitation made, the visit it asks for is planned
    return any(_matches_at(p, tokens, i) for i in range(lo, hi) if not first <= i < last for p in rules.planned_markers)


def _clause(tokens: tuple[Token, ...], first: int, last: int) -> tuple[int, int]:
    """Token range of the clause around a trigger: up to the nearest boundary punctuation each side."""
    lo = next((i + 1 for i in range(first - 1, -1, -1) if tokens[i].text in CLAUSE_BOUNDARIES), 0)
    hi = next((i for i in range(last, len(tokens)) if tokens[i].text in CLAUSE_BOUNDARIES), len(tokens))
    return lo, hi


def _date_for(doc: Document, language: Language, rules: EventRules, sentence: Sentence, first: int, last: int,
              status: str, reported_act: bool = False) -> DateSpan | None:
    """The date expression of the trigger's sentence closest to it, not one owned by another verb.

    For a `reported_act` (an invitation: its status is fixed, the act itself was made), dates after
    publication belong to what it invites to ("пригласил на саммит в следующем году") and are passed over.
    """
    start = max(sentence.start, doc.body_start)
    tense = "future" if status == PLANNED else "past"
    dates = find_dates(doc.text, language, doc.published, start=start, end=sentence.end, tense=tense)
    tokens = sentence.tokens
    starts = [t.start for t in tokens]
    usable = [d for d in dates
              if not _verb_between(rules, tokens, max(bisect.bisect_right(starts, d.start) - 1, 0), first, last,
                                   set(range(first, last)))]
    if reported_act and doc.published:
        usable = [d for d in usable if not (d.date and _after(d.date, doc.published))] or usable
    if not usable:
        return None
    trigger_start, trigger_end = tokens[first].start, tokens[last - 1].end
    return min(usable, key=lambda d: (max(d.start - trigger_end, trigger_start - d.end, 0), -precision(d.date)))


def _after(date: str, published: str) -> bool:
    """True when `date` (any precision) lies wholly after the publication day."""
    return date > published[: len(date)]


def _participants(rule: Rule, near: list[_Mention], tokens: tuple[Token, ...], first: int,
                  location: Place | None) -> tuple[Participant, ...]:
    seen: dict[str, Participant] = {}
    for mention in near:
        entity = mention.entity
        if entity.type not in rule.participants or kind_of(entity.kb_id) == "media":
            continue
        if location and entity.name == location.name:
            continue
        role = _cued_role(rule, mention, tokens) or rule.roles.get("before" if mention.token < first else "after")
        if entity.name not in seen or (role and not seen[entity.name].role):
            seen[entity.name] = _participant(entity, role)
    return tuple(seen.values())


def _cued_role(rule: Rule, mention: _Mention, tokens: tuple[Token, ...]) -> str | None:
    """A role named just before the name or inside its span ("посол ... Джули Стаффт", "АКШнын элчиси Жули Стаффт")."""
    lo = max(mention.token - CUE_REACH, 0)
    hi = next((i for i in range(mention.token, len(tokens)) if tokens[i].start >= mention.end), len(tokens))
    for role, cues in rule.role_cues.items():
        if any(_matches_at(cue, tokens, i) for cue in cues for i in range(lo, hi)):
            return role
    return None


def _subject(rule: Rule, mentions: list[_Mention], first: int) -> tuple[Participant, ...]:
    """Where nothing is near, the first person of the sentence before the trigger is its likely subject."""
    before = [m for m in mentions if m.token < first and m.entity.type == PER]
    return (_participant(before[0].entity, rule.roles.get("before")),) if before else ()


def _participant(entity: Entity, role: str | None) -> Participant:
    return Participant(entity.name, entity.type, role, entity.wikidata, entity.canonical)


def _location(rules: EventRules, rule: Rule, near: list[_Mention], tokens: tuple[Token, ...], first: int,
              last: int) -> Place | None:
    """Where the text puts the event ("в Вашингтоне", "Вашингтондо", "посетил Казахстан"), nearest the trigger."""
    starts = [t.start for t in tokens]
    candidates = []
    for mention in near:
        if mention.entity.type not in (LOC, ORG) or kind_of(mention.entity.kb_id) == "media":
            continue
        index = bisect.bisect_left(starts, mention.start)
        preceded = index > 0 and tokens[index - 1].text.lower() in rules.location_prepositions
        suffixed = any(_surface(mention).lower().endswith(suffix) for suffix in rules.location_suffixes)
        destination = rule.destination and last <= mention.token < last + DESTINATION_REACH
        if preceded or suffixed or destination:
            rank = (mention.entity.type != LOC, kind_of(mention.entity.kb_id) != "city", mention.token < first,
                    abs(mention.token - first))
            candidates.append((rank, mention.entity))
    if not candidates:
        return None
    entity = min(candidates, key=lambda c: c[0])[1]
    return Place(entity.name, entity.wikidata, entity.canonical, entity.kb_id)


def _surface(mention: _Mention) -> str:
    return next((m.text for m in mention.entity.mentions if m.start == mention.start), "")
