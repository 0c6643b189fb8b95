"""Shared stage: link an article's entities to the knowledge base (extractors/kb/).

Linking gives `canonical` and `wikidata`, corrects the NER's type where the knowledge base is
sure (Акорда is an organization), and adds mentions of known names that the NER missed.
"""
from __future__ import annotations

from dataclasses import replace

from models.records import Entity, Mention

# Kinds of entries whose type the knowledge base decides over the tagger's.
_SURE_KINDS = ("country", "city", "region", "org", "organization", "media", "loc")


def kind_of(kb_id: str | None) -> str:
    return kb_id.split("/", 1)[0] if kb_id else ""


def link_entities(text: str, lang: str, entities: list[Entity], body_start: int = 0) -> list[Entity]:
    from extractors.linking import KnowledgeBase

    kb = KnowledgeBase.load()
    linked = [_link(kb, lang, e) for e in entities]
    by_id = {e.kb_id: i for i, e in enumerate(linked) if e.kb_id}
    covered = [(m.start, m.end) for e in linked for m in e.mentions]
    for start, end, entry in kb.scan(text, lang):
        if start < body_start or any(s < end and start < e for s, e in covered):
            continue
        mention = Mention(text[start:end], start, end, entry.names.get(lang))
        if entry.id in by_id:
            entity = linked[by_id[entry.id]]
            linked[by_id[entry.id]] = replace(entity, mentions=tuple(sorted(entity.mentions + (mention,), key=lambda m: m.start)))
        elif entry.names.get(lang):
            by_id[entry.id] = len(linked)
            linked.append(Entity(entry.type, entry.names[lang], (mention,), entry.wikidata, entry.canonical, entry.id))
        covered.append((start, end))
    return linked


def _link(kb, lang: str, entity: Entity) -> Entity:
    entry = kb.lookup(entity.name, lang)
    if entry is None:
        for mention in entity.mentions:
            entry = kb.lookup(mention.text, lang)
            if entry:
                break
    if entry is None:
        return entity
    # The knowledge base decides the type for places, bodies and outlets ("Акорда" is an organization),
    # and for a name it knows only under one type ("Токаев" is not a place). Otherwise a name of another
    # type is another entity ("Вашингтон" the city, not the person): keep the tagger's reading.
    if entry.type != entity.type and kind_of(entry.id) not in _SURE_KINDS \
            and kb.lookup(entity.name, lang, entity.type) is not None:
        return entity
    name = entity.name
    known = entry.names.get(lang)
    if lang == "ky" and known and len(known.split()) == len(name.split()):
        name = known  # case endings are the weak point of Kyrgyz normal forms; the KB has the bare form
    return replace(entity, type=entry.type, name=name, wikidata=entry.wikidata, canonical=entry.canonical, kb_id=entry.id)
