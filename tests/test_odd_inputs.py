"""Odd files and odd standard streams (issue 16), through the real `diplo` command: only regular
files and '-' are read, --max-bytes holds for every input, and a stderr that cannot be written does
not stop the records."""
from __future__ import annotations

import os
import subprocess

import pytest
from support import DIPLO, assert_clean_stderr, json_lines, run_diplo, russian_corpus

NOT_READ = "only files and '-' are read"


def test_a_fifo_named_txt_is_one_error_and_holds_nothing_back(tmp_path):
    """Issue 16.5: a FIFO named *.txt hung the run for good, holding back the articles before it."""
    russian_corpus(tmp_path / "in", 4)
    os.mkfifo(tmp_path / "in" / "a001-fifo.txt")
    result = run_diplo("extract", str(tmp_path / "in"), timeout=120)
    assert result.returncode == 1
    assert [r["doc_id"] for r in json_lines(result.stdout)] == ["a000", "a001", "a002", "a003"]
    [line] = result.stderr.decode().splitlines()
    assert "a001-fifo.txt" in line and "FIFO" in line and NOT_READ in line
    assert_clean_stderr(result.stderr)


@pytest.mark.parametrize("path, kind", [("/dev/zero", "device"), ("/dev/null", "device")])
def test_a_device_is_one_error(tmp_path, path, kind):
    russian_corpus(tmp_path / "in", 1)
    result = run_diplo("extract", path, str(tmp_path / "in" / "a000.txt"), timeout=120)
    assert result.returncode == 1
    assert [r["path"] for r in json_lines(result.stdout)] == [str(tmp_path / "in" / "a000.txt")]
    [line] = result.stderr.decode().splitlines()
    assert path in line and kind in line and NOT_READ in line


def test_a_pipe_given_as_a_path_is_refused_not_cut(tmp_path):
    """Issue 16.9: `<(cat f)` was read without --max-bytes and silently cut."""
    [article] = russian_corpus(tmp_path / "in", 1)
    result = subprocess.run(["bash", "-c", f"'{DIPLO}' extract --max-bytes 100 <(cat '{article}')"], capture_output=True,
                            timeout=120)
    assert result.returncode == 1 and result.stdout == b""
    assert "/dev/fd/" in result.stderr.decode() and "FIFO or pipe" in result.stderr.decode()


def test_max_bytes_holds_for_stdin(tmp_path):
    [article] = russian_corpus(tmp_path / "in", 1)
    data = article.read_bytes()
    over = run_diplo("extract", "--max-bytes", str(len(data) - 1), "-", stdin=data)
    assert over.returncode == 1 and over.stdout == b"" and "--max-bytes" in over.stderr.decode()
    exact = run_diplo("extract", "--max-bytes", str(len(data)), "-", stdin=data)
    assert exact.returncode == 0 and len(json_lines(exact.stdout)) == 1


@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full"])
def test_records_come_even_when_stderr_cannot_be_written(tmp_path, redirect):
    """Issue 16.12: with `2>&-` or `2>/dev/full` no records were produced at all."""
    russian_corpus(tmp_path / "in", 2)
    (tmp_path / "in" / "a000-empty.txt").write_bytes(b"")
    result = subprocess.run(["bash", "-c", f"'{DIPLO}' extract '{tmp_path / 'in'}' {redirect}"], capture_output=True,
                            timeout=300)
    assert result.returncode == 1  # the empty file failed, as it would with a stderr
    assert [r["doc_id"] for r in json_lines(result.stdout)] == ["a000", "a001"]


def test_a_closed_stderr_never_lets_messages_into_the_output_file(tmp_path):
    """With fd 2 closed, the first file diplo opens would get number 2, and messages would go into it."""
    russian_corpus(tmp_path / "in", 1)
    (tmp_path / "in" / "a000-empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    result = subprocess.run(["bash", "-c", f"'{DIPLO}' extract -o '{out}' '{tmp_path / 'in'}' 2>&-"], capture_output=True,
                            timeout=300)
    assert result.returncode == 1
    assert [r["doc_id"] for r in json_lines(out.read_bytes())] == ["a000"]
