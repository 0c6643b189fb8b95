"""Records to JSON lines: the output contract of shared/schema/document.schema.json."""
from __future__ import annotations

import os
import sys
import tempfile
from typing import IO, Any

import orjson
from diplo.models.records import (
    Document,
    Entity,
    Event,
    Mention,
    Participant,
    Place,
    TimelineEntry,
)


def document_record(doc: Document) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "lang": doc.lang,
        "published": doc.published,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
        "entities": [entity_record(e) for e in doc.entities],
        "events": [event_record(e) for e in doc.events],
    }


def entity_record(entity: Entity) -> dict[str, Any]:
    return {
        "type": entity.type,
        "name": entity.name,
        "canonical": entity.canonical,
        "wikidata": entity.wikidata,
        "kb_id": entity.kb_id,
        "mentions": [_mention(m) for m in entity.mentions],
    }


def _mention(mention: Mention) -> dict[str, Any]:
    return {"text": mention.text, "start": mention.start, "end": mention.end, "normal": mention.normal}


def participant_record(p: Participant) -> dict[str, Any]:
    return {"name": p.name, "type": p.type, "role": p.role, "canonical": p.canonical, "wikidata": p.wikidata}


def place_record(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"name": place.name, "canonical": place.canonical, "wikidata": place.wikidata, "kb_id": place.kb_id}


def event_record(event: Event) -> dict[str, Any]:
    return {
        "type": event.type,
        "status": event.status,
        "date": event.date,
        "date_end": event.date_end,
        "date_text": event.date_text,
        "month": event.month,
        "cameo": event.cameo,
        "participants": [participant_record(p) for p in event.participants],
        "location": place_record(event.location),
        "trigger": event.trigger,
        "sentence": event.sentence,
        "start": event.start,
        "end": event.end,
    }


def event_from_record(record: dict[str, Any]) -> Event:
    """An event of a `diplo extract` record back as an Event (the timeline reads extract's output)."""
    location = record.get("location")
    return Event(
        type=record["type"], status=record["status"], date=record.get("date"), date_end=record.get("date_end"),
        date_text=record.get("date_text"),
        participants=tuple(Participant(p["name"], p.get("type", ""), p.get("role"), p.get("wikidata"), p.get("canonical"))
                           for p in record.get("participants", [])),
        location=Place(location["name"], location.get("wikidata"), location.get("canonical"), location.get("kb_id"))
        if location else None,
        trigger=record.get("trigger", ""), sentence=record.get("sentence", ""),
        start=record.get("start", 0), end=record.get("end", 0), cameo=record.get("cameo"), month=record.get("month"),
    )


def timeline_record(entry: TimelineEntry) -> dict[str, Any]:
    place = entry.location
    return {
        "type": entry.type,
        "status": entry.status,
        "date": entry.date,
        "date_end": entry.date_end,
        "participants": [{"name": p.name, "canonical": p.canonical, "wikidata": p.wikidata, "role": p.role}
                         for p in entry.participants],
        "location": {"name": place.name, "canonical": place.canonical, "wikidata": place.wikidata} if place else None,
        "sources": [{"doc_id": s.doc_id, "sentence": s.sentence, "start": s.start, "end": s.end} for s in entry.sources],
    }


def silence_stdout() -> None:
    """After the reader of a pipe has gone, make the interpreter's final flush of stdout harmless."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def json_line(record: dict[str, Any]) -> bytes:
    return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)


class AtomicFile:
    """A file that appears under its name, complete, only when committed.

    It is written to a temporary `.diplo-*.tmp` beside it (the same folder, so that the rename is
    atomic), created with the permissions the umask gives, and written through a symlink to its
    target. The temporary file stays locked while it is written: a run that finds an unlocked one
    in the folder knows its writer was killed, and removes it.
    """

    PREFIX, SUFFIX = ".diplo-", ".tmp"

    def __init__(self, path: str):
        import fcntl

        self.path = os.path.realpath(path)
        directory = os.path.dirname(self.path)
        self._sweep(directory)
        while True:
            fd, self.temp = tempfile.mkstemp(prefix=self.PREFIX, suffix=self.SUFFIX, dir=directory)
            fcntl.flock(fd, fcntl.LOCK_EX)
            # A sweeping run may have taken it between mkstemp and flock: then it is gone, make another.
            if self._same_file(fd, self.temp):
                break
            os.close(fd)
        os.fchmod(fd, 0o666 & ~self._umask())
        self.stream: IO[bytes] = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        os.replace(self.temp, self.path)
        self.stream.close()

    def discard(self) -> None:
        if os.path.exists(self.temp):
            os.unlink(self.temp)
        self.stream.close()

    @classmethod
    def _sweep(cls, directory: str) -> None:
        """Remove the temporary files of killed runs: those nobody holds the lock of."""
        import fcntl

        try:
            names = [n for n in os.listdir(directory) if n.startswith(cls.PREFIX) and n.endswith(cls.SUFFIX)]
        except OSError:
            return
        for name in names:
            path = os.path.join(directory, name)
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                if cls._same_file(fd, path):
                    os.unlink(path)
            except OSError:
                pass  # locked: a live run is writing it
            finally:
                os.close(fd)

    @staticmethod
    def _same_file(fd: int, path: str) -> bool:
        try:
            here, there = os.fstat(fd), os.stat(path, follow_symlinks=False)
        except OSError:
            return False
        return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)

    @staticmethod
    def _umask() -> int:
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("Umask:"):
                        return int(line.split()[1], 8)
        except (OSError, ValueError):
            pass
        mask = os.umask(0o022)  # the portable way to read it is to set it
        os.umask(mask)
        return mask


def flat_records(doc: Document) -> list[dict[str, Any]]:
    """One row per entity and per event, each with its article's doc_id, for `diplo extract --flat`."""
    base = {"doc_id": doc.doc_id, "lang": doc.lang, "published": doc.published}
    rows = [{"kind": "entity", **base, **entity_record(e)} for e in doc.entities]
    rows += [{"kind": "event", **base, **event_record(e)} for e in doc.events]
    return rows
