"""`--state FILE`: which articles (path and content hash) a run has already emitted.

The file is a journal of JSON lines {"path", "sha256"}, appended after each record has been written
and flushed, and compacted (rewritten atomically) at the end of a run. A run killed at any moment
loses at most the entry of the article it was emitting, which the next run then emits again; a torn
last line is ignored. A lock file keeps two runs from using one state at once.
"""
from __future__ import annotations

import os
import tempfile

import orjson
from diplo.extractors.errors import DiploError


class StateLockedError(DiploError):
    reason = "state-locked"


class RunState:
    """The set of (path, sha256) already emitted, and the open journal that extends it."""

    def __init__(self, path: str, lock_wait: float = 0.0):
        from filelock import FileLock, Timeout

        self.path = os.path.abspath(path)
        self._lock = FileLock(self.path + ".lock")
        try:
            self._lock.acquire(timeout=lock_wait)
        except Timeout:
            raise StateLockedError(
                f"{path}: another diplo run is using this state file; try again later or pass --lock-wait SECONDS"
            ) from None
        self.seen: dict[str, str] = self._load()
        self._journal = open(self.path, "ab")

    def _load(self) -> dict[str, str]:
        seen: dict[str, str] = {}
        try:
            with open(self.path, "rb") as handle:
                for line in handle:
                    try:
                        entry = orjson.loads(line)
                        seen[entry["path"]] = entry["sha256"]
                    except (orjson.JSONDecodeError, KeyError, TypeError):
                        continue  # a line torn by a kill: that article is emitted again
        except FileNotFoundError:
            pass
        return seen

    def is_done(self, key: str, sha256: str) -> bool:
        return self.seen.get(key) == sha256

    def record(self, key: str, sha256: str) -> None:
        self.seen[key] = sha256
        self._journal.write(orjson.dumps({"path": key, "sha256": sha256}, option=orjson.OPT_APPEND_NEWLINE))
        self._journal.flush()

    def close(self) -> None:
        """Compact the journal to one line per article, atomically, and release the lock."""
        try:
            self._journal.close()
            directory = os.path.dirname(self.path)
            fd, tmp = tempfile.mkstemp(prefix=".diplo-state-", dir=directory)
            with os.fdopen(fd, "wb") as handle:
                for key, sha in sorted(self.seen.items()):
                    handle.write(orjson.dumps({"path": key, "sha256": sha}, option=orjson.OPT_APPEND_NEWLINE))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        finally:
            self._lock.release()
