"""Unattended use, through the real `diplo` command: bad input, pipes, signals, state, workers."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from diplo.runner.extract import WINDOW
from support import DIPLO, RUSSIAN_SEEDS, assert_clean_stderr, json_lines, run_diplo, russian_corpus

GOOD = " date 2025-11-07 Президент Казахстана Касым-Жомарт Токаев посетил Вашингтон и встретился с Дональдом Трампом."


def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": b"",
        "blank": b"  \n \t\n",
        "binary": b"\x00\x01PNG\x00\x00",
        "latin": b"\xff\xfe\xfd\xfc" * 50 + bytes(range(128, 160)) * 20,
        "english": b"The president visited Washington and met the leaders of Central Asia on Thursday.",
        "big": GOOD.encode() * 40,
    }
    paths = {}
    for name, data in files.items():
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_bytes(data)
    return paths


@pytest.mark.parametrize("case, reason", [
    ("missing", "no such file"),
    ("empty", "empty"),
    ("blank", "empty"),
    ("binary", "binary"),
    ("latin", "not UTF-8"),
    ("english", "not in Kyrgyz, Russian or Ukrainian"),
    ("big", "--max-bytes"),
])
def test_each_bad_input_is_one_line_and_the_run_goes_on(tmp_path, case, reason):
    paths = bad_inputs(tmp_path)
    bad = paths.get(case, tmp_path / "missing.txt")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = run_diplo("extract", "--max-bytes", "2000", str(bad), str(good))
    assert result.returncode == 1
    assert [r["doc_id"] for r in json_lines(result.stdout)] == ["good"]
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and reason in lines[0], lines
    assert_clean_stderr(result.stderr)


def test_permission_denied(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    os.chmod(locked, 0)
    result = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", str(DIPLO), "extract", str(locked)],
                            capture_output=True) if os.geteuid() == 0 else run_diplo("extract", str(locked))
    assert result.returncode == 1
    assert "permission denied" in result.stderr.decode() and str(locked) in result.stderr.decode()
    assert_clean_stderr(result.stderr)


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_legacy_encodings_are_decoded_and_reported(tmp_path, encoding):
    path = tmp_path / "legacy.txt"
    path.write_bytes(GOOD.encode(encoding))
    result = run_diplo("extract", str(path))
    assert result.returncode == 0, result.stderr
    [record] = json_lines(result.stdout)
    assert record["encoding"] == encoding and record["published"] == "2025-11-07"
    assert any(e["name"] == "Касым-Жомарт Токаев" for e in record["entities"])


def test_malformed_header_date_is_a_warning(tmp_path):
    path = tmp_path / "bad-date.txt"
    path.write_text(GOOD.replace("2025-11-07", "2026-13-45"), encoding="utf-8")
    result = run_diplo("extract", str(path))
    assert result.returncode == 0
    assert json_lines(result.stdout)[0]["published"] is None
    assert "warning" in result.stderr.decode() and "2026-13-45" in result.stderr.decode()
    quiet = run_diplo("extract", "--quiet", str(path))
    assert quiet.returncode == 0 and quiet.stderr == b""


def test_fail_fast_and_errors_jsonl(tmp_path):
    paths = bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = run_diplo("extract", "--errors-jsonl", str(errors), str(paths["empty"]), str(paths["binary"]), str(good))
    assert result.returncode == 1
    problems = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(p["path"], p["reason"]) for p in problems] == [(str(paths["empty"]), "empty"), (str(paths["binary"]), "binary")]
    assert all(set(p) == {"path", "reason", "message", "fatal"} for p in problems)
    fast = run_diplo("extract", "--fail-fast", str(paths["empty"]), str(good))
    assert fast.returncode == 1 and fast.stdout == b""


def test_head_one_exits_quietly(tmp_path):
    russian_corpus(tmp_path / "big", 30)
    pipeline = subprocess.run(f"'{DIPLO}' extract '{tmp_path / 'big'}' | head -1", shell=True, capture_output=True, timeout=300)
    assert pipeline.returncode == 0
    assert len(pipeline.stdout.decode().splitlines()) == 1
    assert pipeline.stderr == b"", pipeline.stderr


def test_lines_are_flushed_per_article(tmp_path):
    russian_corpus(tmp_path / "big", 4 * WINDOW)  # the first record comes once the first read-ahead window is done
    process = subprocess.Popen([str(DIPLO), "extract", str(tmp_path / "big")], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    still_running = process.poll() is None
    process.kill()
    process.communicate()
    assert json.loads(first)["doc_id"] == "a000"
    assert still_running  # the first record arrived before the run was over


def test_ctrl_c_stops_cleanly(tmp_path):
    russian_corpus(tmp_path / "big", 150)
    out = tmp_path / "out" / "out.jsonl"
    out.parent.mkdir()
    # As from a terminal: a test runner started in the background would hand SIGINT down ignored.
    process = subprocess.Popen([str(DIPLO), "extract", str(tmp_path / "big"), "-o", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(p.stat().st_size for p in out.parent.glob(".diplo-*")):
        time.sleep(0.05)  # until the first records are in the temporary file: the run is mid-way
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.decode().strip().endswith("interrupted")
    assert_clean_stderr(stderr)
    assert list(out.parent.iterdir()) == []  # no half-written output, no temporary file left


def test_state_emits_only_new_or_changed_articles(tmp_path):
    paths = russian_corpus(tmp_path / "in", 3)
    state = tmp_path / "state.jsonl"
    first = run_diplo("extract", "--state", str(state), str(tmp_path / "in"))
    assert [r["doc_id"] for r in json_lines(first.stdout)] == ["a000", "a001", "a002"]
    assert run_diplo("extract", "--state", str(state), str(tmp_path / "in")).stdout == b""
    paths[1].write_text(paths[1].read_text(encoding="utf-8") + "Обновлено.", encoding="utf-8")
    (tmp_path / "in" / "a003.txt").write_text(GOOD, encoding="utf-8")
    again = run_diplo("extract", "--state", str(state), str(tmp_path / "in"))
    assert [r["doc_id"] for r in json_lines(again.stdout)] == ["a001", "a003"]


def test_sigkill_halfway_then_rerun_gives_exactly_the_full_set(tmp_path):
    russian_corpus(tmp_path / "in", 30)
    state = tmp_path / "state.jsonl"
    process = subprocess.Popen([str(DIPLO), "extract", "--state", str(state), str(tmp_path / "in")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first_lines = [process.stdout.readline() for _ in range(8)]
    process.send_signal(signal.SIGKILL)
    # Through the same buffered reader: communicate() would read the pipe itself and lose what
    # readline() has already buffered past the 8th line.
    rest = process.stdout.read()
    process.wait()
    process.stderr.close()
    first = [json.loads(line) for line in (b"".join(first_lines) + rest).splitlines(keepends=True) if line.endswith(b"\n")]
    assert 8 <= len(first) < 30
    second = json_lines(run_diplo("extract", "--state", str(state), str(tmp_path / "in")).stdout)
    emitted = [r["doc_id"] for r in first + second]
    assert set(emitted) == {f"a{i:03d}" for i in range(30)}
    assert len(emitted) - len(set(emitted)) <= 1  # at most the article in flight, twice
    shas = {r["doc_id"]: r["sha256"] for r in first + second}
    assert len(set(shas.values())) == 30


def test_a_second_run_on_the_same_state_is_refused(tmp_path):
    russian_corpus(tmp_path / "in", 30)
    state = tmp_path / "state.jsonl"
    first = subprocess.Popen([str(DIPLO), "extract", "--state", str(state), str(tmp_path / "in")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first.stdout.readline()  # running, and holding the lock
    second = run_diplo("extract", "--state", str(state), str(tmp_path / "in"))
    first.kill()
    first.communicate()
    assert second.returncode == 1 and second.stdout == b""
    assert "another diplo run" in second.stderr.decode()
    assert_clean_stderr(second.stderr)


def test_jobs_keep_input_order_and_output(tmp_path):
    russian_corpus(tmp_path / "in", 12)
    one = run_diplo("extract", str(tmp_path / "in"))
    two = run_diplo("extract", "--jobs", "2", str(tmp_path / "in"))
    assert two.returncode == 0, two.stderr
    assert json_lines(two.stdout) == json_lines(one.stdout)


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    result = run_diplo("extract", str(RUSSIAN_SEEDS[0]))
    assert result.stderr == b""


def test_progress_bar_when_stderr_is_a_terminal(tmp_path):
    import pty

    russian_corpus(tmp_path / "in", 4)
    master, slave = pty.openpty()
    process = subprocess.Popen([str(DIPLO), "extract", str(tmp_path / "in")], stdout=subprocess.PIPE,
                               stderr=slave, env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(slave)
    stdout, _ = process.communicate(timeout=300)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert process.returncode == 0
    assert len(json_lines(stdout)) == 4  # the bar never touches stdout
    assert b"diplo" in seen and b"/4" in seen, seen[-300:]
