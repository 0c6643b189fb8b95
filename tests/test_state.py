"""`--state` through the real `diplo` command (issue 16): a kill at any moment repeats at most the one
article in flight, with or without -o; any state file content is read or refused with a clear
message; a failure is reported once."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from support import DIPLO, assert_clean_stderr, json_lines, run_diplo, russian_corpus

SHA = "0" * 64


def _doc_ids(*outputs: bytes) -> list[str]:
    return [record["doc_id"] for output in outputs for record in json_lines(output)]


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([str(DIPLO), "extract", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _temporary_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".diplo-*.tmp"))


def _kill_once_written(process: subprocess.Popen, folder: Path, lines: int) -> Path:
    """SIGKILL `process` once its temporary -o file holds `lines` records; return that file."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        temps = _temporary_files(folder)
        if temps and temps[0].read_bytes().count(b"\n") >= lines:
            process.send_signal(signal.SIGKILL)
            process.communicate()
            return temps[0]
        time.sleep(0.01)
    raise AssertionError("the run wrote nothing")


def test_with_o_a_kill_between_the_rename_and_the_journal_repeats_nothing(tmp_path):
    """Issue 16.4: the output was renamed into place first and the state entries written after it, one by
    one; a kill in between repeated every article. Here a run is killed while writing, and the rename it
    was about to do is done for it: exactly the state a kill right after the rename leaves."""
    russian_corpus(tmp_path / "in", 40)
    out, state = tmp_path / "out", tmp_path / "state.jsonl"
    out.mkdir()
    temp = _kill_once_written(_start("--state", str(state), "-o", str(out / "1.jsonl"), str(tmp_path / "in")), out, 10)
    _rename_as_the_run_would_have(temp, state, out / "1.jsonl")
    second = run_diplo("extract", "--state", str(state), "-o", str(out / "2.jsonl"), str(tmp_path / "in"))
    assert second.returncode == 0, second.stderr
    first, rest = _doc_ids((out / "1.jsonl").read_bytes()), _doc_ids((out / "2.jsonl").read_bytes())
    assert len(first) >= 10
    assert sorted(first + rest) == [f"a{i:03d}" for i in range(40)]  # nothing lost, nothing repeated


def test_with_o_a_kill_before_the_rename_loses_nothing_and_leaves_no_temporary_file(tmp_path):
    """Issue 16.13: kills left .diplo-*.tmp files that were never cleaned up."""
    russian_corpus(tmp_path / "in", 40)
    out, state = tmp_path / "out", tmp_path / "state.jsonl"
    out.mkdir()
    _kill_once_written(_start("--state", str(state), "-o", str(out / "1.jsonl"), str(tmp_path / "in")), out, 10)
    assert not (out / "1.jsonl").exists() and _temporary_files(out)
    second = run_diplo("extract", "--state", str(state), "-o", str(out / "2.jsonl"), str(tmp_path / "in"))
    assert second.returncode == 0, second.stderr
    assert _doc_ids((out / "2.jsonl").read_bytes()) == [f"a{i:03d}" for i in range(40)]
    assert sorted(p.name for p in out.iterdir()) == ["2.jsonl"]


def test_with_o_a_kill_as_the_file_appears_repeats_nothing(tmp_path):
    russian_corpus(tmp_path / "in", 20)
    out, state = tmp_path / "out", tmp_path / "state.jsonl"
    out.mkdir()
    process = _start("--state", str(state), "-o", str(out / "1.jsonl"), str(tmp_path / "in"))
    while not (out / "1.jsonl").exists() and process.poll() is None:
        pass  # as tight as it gets: the kill lands within microseconds of the rename
    process.send_signal(signal.SIGKILL)
    process.communicate()
    second = run_diplo("extract", "--state", str(state), "-o", str(out / "2.jsonl"), str(tmp_path / "in"))
    assert second.returncode == 0, second.stderr
    assert sorted(_doc_ids((out / "1.jsonl").read_bytes(), (out / "2.jsonl").read_bytes())) == \
        [f"a{i:03d}" for i in range(20)]


def _rename_as_the_run_would_have(temp: Path, state: Path, output: Path) -> None:
    """Rename `temp` to `output` as a run does, with what a run holds at that moment: the records the
    journal counts for `temp`, complete. The kill may have torn the last record mid-write, or come
    between a record and its journal entry; a run renames only after both are done."""
    held = {entry["path"] for entry in map(json.loads, state.read_bytes().split(b"\n")[:-1]) if "until" in entry}
    complete = temp.read_bytes().split(b"\n")[:-1]
    temp.write_bytes(b"".join(line + b"\n" for line in complete if json.loads(line)["path"] in held))
    os.replace(temp, output)


def _state_of_one_run(tmp_path: Path, count: int = 3) -> tuple[Path, Path]:
    russian_corpus(tmp_path / "in", count)
    state = tmp_path / "state.jsonl"
    assert run_diplo("extract", "--state", str(state), str(tmp_path / "in")).returncode == 0
    return tmp_path / "in", state


@pytest.mark.parametrize("line, why", [
    (b'{"path": 5, "sha256": "%s"}' % SHA.encode(), "path is int"),
    (b'{"path": null, "sha256": "%s"}' % SHA.encode(), "path is NoneType"),
    (b'null', "not a JSON object"),
    (b'[1, 2]', "not a JSON object"),
    (b'{"path": "/x.txt", "sha256": "abc"}', "not a SHA-256"),
    (b'{"doc_id": "a000", "lang": "ru", "entities": []}', "unexpected keys"),  # an output file given as --state
    (b'\x00\xff\xfe garbage', "not a JSON object"),
])
def test_any_state_content_is_read_or_refused_with_a_clear_message(tmp_path, line, why):
    """Issue 16.6: `{"path": 5, ...}` or `null` made every later run fail with an internal TypeError."""
    folder, state = _state_of_one_run(tmp_path)
    damaged = state.read_bytes() + line + b"\n"
    state.write_bytes(damaged)
    result = run_diplo("extract", "--state", str(state), str(folder))
    assert result.returncode == 1 and result.stdout == b""
    [message] = result.stderr.decode().splitlines()
    assert str(state) in message and "line 4" in message and why in message, message
    assert_clean_stderr(result.stderr)
    assert state.read_bytes() == damaged  # refused, never overwritten


def test_a_torn_last_line_does_not_swallow_the_next_entry(tmp_path):
    """Issue 16.7: the entry appended after a torn last line was lost, and its article repeated later."""
    folder, state = _state_of_one_run(tmp_path)
    state.write_bytes(state.read_bytes() + b'{"path": "/somewhere/a.txt", "sha2')  # as a kill mid-write leaves it
    russian_corpus(folder, 5)  # two more articles
    second = run_diplo("extract", "--state", str(state), str(folder))
    assert _doc_ids(second.stdout) == ["a003", "a004"]
    assert all(json.loads(line) for line in state.read_bytes().splitlines())  # the torn line is gone
    assert run_diplo("extract", "--state", str(state), str(folder)).stdout == b""


def test_an_entry_glued_to_a_torn_line_by_an_older_diplo_is_recovered(tmp_path):
    folder, state = _state_of_one_run(tmp_path)
    lines = state.read_bytes().splitlines(keepends=True)
    state.write_bytes(lines[0] + b'{"path": "/somewhere/a.txt", "sha2' + lines[1] + lines[2])
    result = run_diplo("extract", "--state", str(state), str(folder))
    assert result.returncode == 0 and result.stdout == b"", result.stderr


def test_a_symlinked_state_stays_a_symlink(tmp_path):
    """Issue 16.10: a symlinked state file was replaced by a regular file."""
    russian_corpus(tmp_path / "in", 2)
    (tmp_path / "real").mkdir()
    link = tmp_path / "state.jsonl"
    link.symlink_to(tmp_path / "real" / "state.jsonl")
    assert run_diplo("extract", "--state", str(link), str(tmp_path / "in")).returncode == 0
    assert link.is_symlink() and len((tmp_path / "real" / "state.jsonl").read_bytes().splitlines()) == 2
    assert run_diplo("extract", "--state", str(link), str(tmp_path / "in")).stdout == b""


@pytest.mark.parametrize("option", ["--state", "--output", "--errors-jsonl"])
def test_a_missing_folder_is_one_line_naming_it_and_exit_2(tmp_path, option):
    """Issue 16.10 and 16.13: --state created the folder silently; -o and --errors-jsonl failed with an
    internal error naming the temporary file."""
    russian_corpus(tmp_path / "in", 1)
    target = tmp_path / "missing" / "file.jsonl"
    result = run_diplo("extract", option, str(target), str(tmp_path / "in"))
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().splitlines() == [f"diplo: error: {option} {target}: folder {target.parent} does not exist"]
    assert not target.parent.exists()


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_files_get_the_permissions_of_the_umask(tmp_path, umask):
    """Issue 16.11: output and state files were always 0600, so other users could not read cron's output."""
    russian_corpus(tmp_path / "in", 1)
    files = {name: tmp_path / f"{name}.jsonl" for name in ("out", "state", "errors")}
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = subprocess.run([str(DIPLO), "extract", "-o", str(files["out"]), "--state", str(files["state"]),
                             "--errors-jsonl", str(files["errors"]), str(tmp_path / "in")],
                            capture_output=True, preexec_fn=lambda: os.umask(umask))
    assert result.returncode == 1, result.stderr
    assert {name: oct(path.stat().st_mode & 0o777) for name, path in files.items()} == \
        {name: oct(0o666 & ~umask) for name in files}


def test_a_failure_is_reported_once_until_the_file_changes(tmp_path):
    """Issue 16.13: with the README's cron line, a file that is bad for good was reported on every run,
    with exit 1, forever."""
    russian_corpus(tmp_path / "in", 2)
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"\x00binary\x00")
    state, errors = tmp_path / "state.jsonl", tmp_path / "errors.jsonl"
    args = ["extract", "--state", str(state), "--errors-jsonl", str(errors), str(tmp_path / "in")]
    first = run_diplo(*args)
    assert first.returncode == 1 and str(bad) in first.stderr.decode()
    again = run_diplo(*args)
    assert (again.returncode, again.stdout, again.stderr) == (0, b"", b"")
    assert len(errors.read_bytes().splitlines()) == 1
    bad.write_bytes(b"\x00binary, changed\x00")
    changed = run_diplo(*args)
    assert changed.returncode == 1 and str(bad) in changed.stderr.decode()
    assert [json.loads(line)["failed"] for line in state.read_bytes().splitlines() if b'"failed"' in line] == ["binary"]


def test_a_missing_path_is_never_remembered(tmp_path):
    """A folder that went missing (an unmounted share) must keep cron mail coming."""
    state = tmp_path / "state.jsonl"
    for _ in range(2):
        result = run_diplo("extract", "--state", str(state), str(tmp_path / "news"))
        assert result.returncode == 1 and "no such file" in result.stderr.decode()


def test_the_state_file_is_the_same_after_a_clean_run(tmp_path):
    folder, state = _state_of_one_run(tmp_path)
    entries = [json.loads(line) for line in state.read_bytes().splitlines()]
    assert [set(entry) for entry in entries] == [{"path", "sha256"}] * 3
    assert entries[0]["sha256"] == hashlib.sha256((folder / "a000.txt").read_text(encoding="utf-8").encode()).hexdigest()


def test_touching_a_remembered_failure_retries_it(tmp_path):
    """The way to retry one remembered failure from the shell: a new modification time is a new file."""
    russian_corpus(tmp_path / "in", 1)
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"")
    state = tmp_path / "state.jsonl"
    assert run_diplo("extract", "--state", str(state), str(tmp_path / "in")).returncode == 1
    assert run_diplo("extract", "--state", str(state), str(tmp_path / "in")).returncode == 0
    info = bad.stat()
    os.utime(bad, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    retried = run_diplo("extract", "--state", str(state), str(tmp_path / "in"))
    assert retried.returncode == 1 and str(bad) in retried.stderr.decode()


def test_retry_failed_retries_every_remembered_failure(tmp_path):
    """`diplo extract --retry-failed` tries the remembered failures again; without it they stay quiet."""
    russian_corpus(tmp_path / "in", 1)
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"")
    state = tmp_path / "state.jsonl"
    assert run_diplo("extract", "--state", str(state), str(tmp_path / "in")).returncode == 1
    retried = run_diplo("extract", "--state", str(state), "--retry-failed", str(tmp_path / "in"))
    assert retried.returncode == 1 and str(bad) in retried.stderr.decode() and retried.stdout == b""
    assert run_diplo("extract", "--state", str(state), str(tmp_path / "in")).returncode == 0
