"""`--state FILE`: what earlier runs did with each article, so that a run does only the rest.

The file is a journal of JSON lines, each appended and flushed as it happens:

    {"path": P, "sha256": H}                     P was emitted with this text
    {"path": P, "failed": REASON, "stat": F}     P failed; F (size and mtime) tells whether it changed since

With -o, an article counts as emitted only once the output file is in place, so its line waits for
the rename:

    {"pending": T, "output": O, "inode": I}      a run writes the temporary file T, to become O
    {"path": P, "sha256": H, "until": T}         P was written to T
    {"committed": T}                             T has been renamed to O

A kill between the rename and the "committed" line is settled by the next run: T gone and O being
T's file (the same inode) means the rename happened. So a kill at any moment repeats at most the one
article in flight (none with -o).

The journal is compacted (rewritten atomically, one line per article) at the end of a run, and at
the start when a kill left something to settle. A last line torn by a kill is dropped before
anything is appended. Any other line that is not one of the above is refused with a message naming
it: the file is not a diplo state file, and diplo does not overwrite it. A lock file keeps two runs
from using one state at once.
"""
from __future__ import annotations

import os
import re
import stat

import orjson
from diplo.extractors.errors import DiploError

_SHA256 = re.compile(r"[0-9a-f]{64}")


class StateLockedError(DiploError):
    reason = "state-locked"


class StateFileError(DiploError):
    reason = "bad-state"


def file_fingerprint(path: str) -> str | None:
    """Size and modification time of a file, or None where it cannot be examined."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return f"{info.st_size}:{info.st_mtime_ns}"


class RunState:
    """What is done and what failed, by article key, and the open journal that extends it."""

    def __init__(self, path: str, lock_wait: float = 0.0, retry_failed: bool = False):
        from filelock import FileLock, Timeout

        self.given = path
        self.path = os.path.realpath(path)  # a symlinked state is updated where it points
        self.retry_failed = retry_failed
        self._lock = FileLock(self.path + ".lock")
        try:
            self._lock.acquire(timeout=lock_wait)
        except Timeout:
            raise StateLockedError(
                f"{path}: another diplo run is using this state file; try again later or pass --lock-wait SECONDS"
            ) from None
        try:
            self.done: dict[str, str] = {}
            self.failed: dict[str, tuple[str, str]] = {}  # key -> (fingerprint, reason)
            self._held: dict[str, str] = {}  # written to the -o temporary file, not yet in place
            self._temp: str | None = None
            leftovers = self._load()
            if leftovers is not None:
                self._compact()
                for temp in leftovers:  # of a killed run: this run holds the lock, nobody else writes them
                    if os.path.lexists(temp):
                        os.unlink(temp)
            self._journal = open(self.path, "ab")
        except BaseException:
            self._lock.release()
            raise

    def is_done(self, key: str, sha256: str) -> bool:
        return sha256 in (self.done.get(key), self._held.get(key))

    def failed_before(self, key: str, fingerprint: str) -> bool:
        """Whether the file failed before as it is now (and failures are not to be retried)."""
        return not self.retry_failed and self.failed.get(key, ("",))[0] == fingerprint

    def hold_until(self, temp: str, output: str) -> None:
        """Count what is recorded from now on as done only once `temp` is renamed to `output`."""
        self._temp = temp
        self._write({"pending": temp, "output": output, "inode": os.stat(temp).st_ino})

    def committed(self) -> None:
        """The temporary file is in place: what was held is done."""
        self._write({"committed": self._temp})
        self.done.update(self._held)
        self._held.clear()
        self._temp = None

    def record(self, key: str, sha256: str) -> None:
        self.failed.pop(key, None)
        if self._temp:
            self._held[key] = sha256
            self._write({"path": key, "sha256": sha256, "until": self._temp})
        else:
            self.done[key] = sha256
            self._write({"path": key, "sha256": sha256})

    def record_failure(self, key: str, fingerprint: str, reason: str) -> None:
        self.failed[key] = (fingerprint, reason)
        self._write({"path": key, "failed": reason, "stat": fingerprint})

    def _write(self, entry: dict) -> None:
        self._journal.write(orjson.dumps(entry, option=orjson.OPT_APPEND_NEWLINE))
        self._journal.flush()

    def close(self) -> None:
        """Compact the journal to one line per article, atomically, and release the lock."""
        try:
            self._journal.close()
            self._compact()
        except OSError:
            pass  # the journal is complete as it is; the next run compacts it
        finally:
            self._lock.release()

    def _compact(self) -> None:
        from diplo.runner.output import AtomicFile

        out = AtomicFile(self.path)
        try:
            for key, sha in sorted(self.done.items()):
                out.stream.write(orjson.dumps({"path": key, "sha256": sha}, option=orjson.OPT_APPEND_NEWLINE))
            for key, (fingerprint, reason) in sorted(self.failed.items()):
                out.stream.write(orjson.dumps({"path": key, "failed": reason, "stat": fingerprint},
                                              option=orjson.OPT_APPEND_NEWLINE))
            out.commit()
        except BaseException:
            out.discard()
            raise

    def _load(self) -> list[str] | None:
        """Read the journal into done and failed. None if it needs no rewrite; else the temporary
        files of killed runs that a rewrite settles (possibly none)."""
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StateFileError(f"{self.given}: cannot read the state file ({error.strerror})") from None
        if not stat.S_ISREG(info.st_mode):
            raise StateFileError(f"{self.given}: the state file is not a regular file")
        try:
            with open(self.path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise StateFileError(f"{self.given}: cannot read the state file ({error.strerror})") from None
        lines = data.split(b"\n")
        torn = lines.pop()  # after the last newline: b"" unless a kill cut the last line short
        groups: dict[str, _Group] = {}
        recovered = False
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            entry = _parse(line)
            if entry is None:
                # Before diplo cut torn lines off, the next entry was appended to one: keep that entry.
                start = line.rfind(b'{"path"')
                entry = _parse(line[start:]) if start > 0 else None
                recovered = True
            why = _invalid(entry)
            if why:
                raise StateFileError(f"{self.given}: line {number} is not a diplo state entry ({why}); "
                                     "give --state a file of its own, or delete that line")
            self._apply(entry, groups)
        settled = []
        for temp, group in groups.items():
            if not group.committed and _renamed(temp, group):
                self.done.update(group.entries)
            settled.append(temp)
        return settled if (settled or torn.strip() or recovered) else None

    def _apply(self, entry: dict, groups: dict[str, _Group]) -> None:
        if "pending" in entry:
            groups[entry["pending"]] = _Group(entry["output"], entry["inode"])
        elif "committed" in entry:
            group = groups.get(entry["committed"])
            if group is not None:
                group.committed = True
                self.done.update(group.entries)
        elif "failed" in entry:
            self.failed[entry["path"]] = (entry["stat"], entry["failed"])
        elif "until" in entry:
            group = groups.get(entry["until"])
            if group is not None:
                group.entries[entry["path"]] = entry["sha256"]
        else:
            self.done[entry["path"]] = entry["sha256"]
            self.failed.pop(entry["path"], None)


class _Group:
    """The entries of one run that wrote with -o: done once its temporary file was renamed."""

    def __init__(self, output: str, inode: int):
        self.output, self.inode = output, inode
        self.entries: dict[str, str] = {}
        self.committed = False


def _renamed(temp: str, group: _Group) -> bool:
    if os.path.lexists(temp):
        return False
    try:
        return os.stat(group.output).st_ino == group.inode
    except OSError:
        return False


def _parse(line: bytes) -> dict | None:
    try:
        entry = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    return entry if isinstance(entry, dict) else None


# The shapes of journal lines: each key and the type of its value.
_SHAPES = (
    {"path": str, "sha256": str},
    {"path": str, "sha256": str, "until": str},
    {"path": str, "failed": str, "stat": str},
    {"pending": str, "output": str, "inode": int},
    {"committed": str},
)


def _invalid(entry: dict | None) -> str | None:
    """Why a parsed line is not a journal entry, or None."""
    if entry is None:
        return "not a JSON object"
    shape = next((s for s in _SHAPES if set(s) == set(entry)), None)
    if shape is None:
        return f"unexpected keys {', '.join(sorted(map(str, entry)))}"
    wrong = [key for key, kind in shape.items() if type(entry[key]) is not kind]
    if wrong:
        return f"{wrong[0]} is {type(entry[wrong[0]]).__name__}, not {shape[wrong[0]].__name__}"
    if "sha256" in entry and not _SHA256.fullmatch(entry["sha256"]):
        return "sha256 is not a SHA-256 hex digest"
    return None
