"""Shared stage: link an article's entities to the knowledge base.

Linking gives `canonical` and `wikidata`, corrects the NER's type where the knowledge base is
sure (Акорда is an organization), and adds mentions of known names that the NER missed.
"""
from __future__ import annotations

from dataclasses import replace

from diplo.extractors.kb.knowledge_base import KnowledgeBase
from diplo.extractors.pipeline.language import Language
from diplo.models.records import Entity, Mention

# Kinds of entries whose type the knowledge base decides over the tagger's.
_SURE_KINDS = ("country", "city", "region", "org", "organization", "media", "loc")


def kind_of(kb_id: str | None) -> str:
    return kb_id.split("/", 1)[0] if kb_id else ""


def link_entities(text: str, language: Language, entities: list[Entity], kb: KnowledgeBase,
                  body_start: int = 0) -> list[Entity]:
    name_lang = language.kb_name_language
    linked = [_link(kb, language, e) for e in entities]
    by_id = {e.kb_id: i for i, e in enumerate(linked) if e.kb_id}
    covered = [(m.start, m.end) for e in linked for m in e.mentions]
    for start, end, entry in kb.scan(text, language):
        overlapping = [(s, e) for s, e in covered if s < end and start < e]
        if start < body_start or (overlapping and not _holds_all(start, end, overlapping)):
            continue
        if overlapping:  # a longer known name holds what the tagger found ("БУУнун Башкы Ассамблеясы")
            linked = _without_mentions(linked, set(overlapping))
            by_id = {e.kb_id: i for i, e in enumerate(linked) if e.kb_id}
            covered = [c for c in covered if c not in overlapping]
        mention = Mention(text[start:end], start, end, entry.names.get(name_lang))
        if entry.id in by_id:
            entity = linked[by_id[entry.id]]
            linked[by_id[entry.id]] = replace(entity, mentions=tuple(sorted(entity.mentions + (mention,), key=lambda m: m.start)))
        elif entry.names.get(name_lang):
            by_id[entry.id] = len(linked)
            linked.append(Entity(entry.type, entry.names[name_lang], (mention,), entry.wikidata, entry.canonical, entry.id))
        covered.append((start, end))
    return linked


def _holds_all(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the span [start, end) holds every one of `spans` and is longer than each."""
    return all(start <= s and e <= end and e - s < end - start for s, e in spans)


def _without_mentions(entities: list[Entity], spans: set[tuple[int, int]]) -> list[Entity]:
    """The entities with the mentions at `spans` taken out; an entity left with none goes."""
    kept = []
    for entity in entities:
        mentions = tuple(m for m in entity.mentions if (m.start, m.end) not in spans)
        if mentions:
            kept.append(entity if len(mentions) == len(entity.mentions) else replace(entity, mentions=mentions))
    return kept


def _link(kb: KnowledgeBase, language: Language, entity: Entity) -> Entity:
    entry = kb.lookup(entity.name, language)
    if entry is None:
        for mention in entity.mentions:
            entry = kb.lookup(mention.text, language)
            if entry:
                break
    if entry is None:
        return entity
    # The knowledge base decides the type for places, bodies and outlets ("Акорда" is an organization),
    # and for a name it knows only under one type ("Токаев" is not a place). Otherwise a name of another
    # type is another entity ("Вашингтон" the city, not the person): keep the tagger's reading.
    if entry.type != entity.type and kind_of(entry.id) not in _SURE_KINDS \
            and kb.lookup(entity.name, language, entity.type) is not None:
        return entity
    name = entity.name
    known = entry.names.get(language.kb_name_language)
    # The knowledge base's name wins where the language's normal forms are weaker than its (Kyrgyz case
    # endings), and where the tagger's type was wrong, so the normal form was made for another kind of name
    # ("Сполученого Королівства" read as a person's name).
    if known and (language.kb_names_win or entry.type != entity.type) and len(known.split()) == len(name.split()):
        name = known
    return replace(entity, type=entry.type, name=name, wikidata=entry.wikidata, canonical=entry.canonical, kb_id=entry.id)
