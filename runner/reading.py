"""Turn a path (or stdin) into a Document: decode, check, and read the optional date header."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from diplo.extractors.errors import InputError
from diplo.models.records import Document

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
STDIN = "-"

# ' date 2026-01-09 ' at the very start of the first line; the article text may follow on that line.
_HEADER = re.compile(r"\A\ufeff?[ \t]*date[ \t]+(\S+)[ \t]*")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Warning_:
    """A problem that does not stop the article from being processed."""

    path: str
    reason: str
    message: str


def discover(paths: list[str]) -> Iterator[str | Warning_]:
    """Expand directories into their *.txt files (any letter case, hidden ones left out, sorted); keep files,
    '-' and missing paths in order. A directory without articles gives a warning in their place.

    A path that cannot be examined is passed on as it is: reading it then reports the problem.
    """
    for raw in paths:
        if raw != STDIN and _is_dir(raw):
            found = sorted(_text_files(raw))
            if not found:
                yield Warning_(raw, "no-articles", f"{raw}: no .txt files in this directory")
            yield from found
        else:
            yield raw


def input_root(paths: list[str]) -> str | None:
    """The folder that document ids are relative to: the deepest one holding every input given
    (a directory given is its own folder). None when only stdin is read."""
    folders = [os.path.abspath(p) if _is_dir(p) else os.path.dirname(os.path.abspath(p)) for p in paths if p != STDIN]
    return os.path.commonpath(folders) if folders else None


def _is_dir(path: str) -> bool:
    try:
        return Path(path).is_dir()
    except OSError:
        return False


def _text_files(directory: str) -> Iterator[str]:
    unreadable: list[str] = []
    for root, dirs, files in os.walk(directory, onerror=lambda error: unreadable.append(error.filename)):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from (os.path.join(root, name) for name in files if name.lower().endswith(".txt") and not name.startswith("."))
    yield from unreadable  # each is then reported as unreadable by read_bytes


def read_bytes(path: str, max_bytes: int, stdin=None) -> bytes:
    """Read a regular file (or stdin) with the size limit enforced; raise InputError on any problem.

    Anything else (a FIFO, a device, a socket) is refused without being opened for reading: a FIFO
    with no writer would block the run for good.
    """
    if path == STDIN:
        data = (stdin.read(max_bytes + 1)) if stdin is not None else b""
        if len(data) > max_bytes:
            raise InputError("too-large", f"{path}: input is larger than --max-bytes ({max_bytes} bytes)")
        return data
    try:
        kind = _file_kind(os.stat(path).st_mode)
        if kind:
            raise InputError("not-a-file", f"{path}: not a regular file ({kind}); only files and '-' are read")
        # O_NONBLOCK: should a FIFO have replaced the file since the stat, opening it does not wait.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            kind = _file_kind(info.st_mode)
            if kind:
                raise InputError("not-a-file", f"{path}: not a regular file ({kind}); only files and '-' are read")
            if info.st_size > max_bytes:
                raise InputError("too-large", f"{path}: file is {info.st_size} bytes, more than --max-bytes ({max_bytes})")
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:  # it grew since the stat
            raise InputError("too-large", f"{path}: file is more than --max-bytes ({max_bytes}) bytes")
        return data
    except FileNotFoundError:
        raise InputError("not-found", f"{path}: no such file or directory") from None
    except PermissionError:
        raise InputError("permission-denied", f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError("unreadable", f"{path}: directory cannot be read") from None
    except OSError as error:
        raise InputError("unreadable", f"{path}: cannot read ({error.strerror or error})") from None


def _file_kind(mode: int) -> str | None:
    """None for a regular file; else what it is, in words."""
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO or pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode UTF-8 (BOM or not); otherwise detect a legacy Cyrillic encoding. Returns (text, encoding)."""
    if b"\x00" in data:
        raise InputError("binary", f"{path}: binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data, path)
    if not text.strip():
        raise InputError("empty", f"{path}: empty file (no text)")
    return text, encoding


def _decode_legacy(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    # Only encodings a Russian, Ukrainian or Kyrgyz newsroom plausibly writes; a free guess
    # over all code pages turns random bytes into confident nonsense.
    best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "koi8_u", "mac_cyrillic", "cp866"]).best()
    if best is None or best.chaos > 0.3:
        raise InputError("not-text", f"{path}: not UTF-8 and not a recognisable Cyrillic encoding")
    return str(best), best.encoding


def split_header(text: str, path: str) -> tuple[str | None, int, Warning_ | None]:
    """The date of the ' date YYYY-MM-DD ' header, where the body starts, and a warning if the date is malformed."""
    match = _HEADER.match(text)
    if not match:
        return None, 0, None
    value = match.group(1)
    if _ISO_DAY.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
            return value, match.end(), None
        except ValueError:
            pass
    return None, match.end(), Warning_(path, "bad-header-date", f"{path}: header date {value!r} is not a valid YYYY-MM-DD date; published is null")


def doc_id_for(path: str, root: str | None = None) -> str:
    """A document's id: its path relative to the input root, without the .txt ending ("a/x" for
    root/a/x.txt), so that two articles of one run never share an id and a re-run gives the same ones."""
    if path == STDIN:
        return "stdin"
    relative = os.path.relpath(os.path.abspath(path), root) if root else os.path.basename(path)
    return relative[:-4] if relative.lower().endswith(".txt") else relative


def read_document(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, published: str | None = None,
                  stdin=None, root: str | None = None) -> tuple[Document, list[Warning_]]:
    """Read one article. The header date wins over `published` (the fallback anchor)."""
    data = read_bytes(path, max_bytes, stdin)
    text, encoding = decode(data, path)
    return document_from_text(text, doc_id_for(path, root), None if path == STDIN else path, published, encoding,
                              name=path)


def document_from_text(text: str, doc_id: str, path: str | None = None, published: str | None = None,
                       encoding: str = "utf-8", *, name: str | None = None) -> tuple[Document, list[Warning_]]:
    """An article from its decoded text; `name` is how problems name it (default: the doc_id)."""
    header_date, body_start, warning = split_header(text, name or doc_id)
    return Document(
        doc_id=doc_id,
        path=path,
        text=text,
        published=header_date or (None if warning else published),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        encoding=encoding,
        body_start=body_start,
    ), [warning] if warning else []
