"""Reading articles: encodings, header, offsets, and every kind of bad input."""
from __future__ import annotations

import os

import pytest
from diplo.extractors.errors import InputError
from diplo.runner.reading import read_document
from hypothesis import given, settings
from hypothesis import strategies as st

RUSSIAN = "Президент Казахстана Касым-Жомарт Токаев посетил Вашингтон в ноябре."


@pytest.mark.parametrize("raw, text, published, encoding", [
    (RUSSIAN.encode(), RUSSIAN, None, "utf-8"),
    (b"\xef\xbb\xbf" + RUSSIAN.encode(), RUSSIAN, None, "utf-8"),
    ((" date 2025-11-07 " + RUSSIAN).encode(), " date 2025-11-07 " + RUSSIAN, "2025-11-07", "utf-8"),
    ((" date 2025-11-07\r\n" + RUSSIAN + "\r\n").encode(), " date 2025-11-07\r\n" + RUSSIAN + "\r\n", "2025-11-07", "utf-8"),
    (RUSSIAN.encode("cp1251"), RUSSIAN, None, "cp1251"),
    (RUSSIAN.encode("koi8_r"), RUSSIAN, None, "koi8_r"),
])
def test_reads_text_and_header(tmp_path, raw, text, published, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    doc, warnings = read_document(str(path))
    assert (doc.text, doc.published, doc.encoding, warnings) == (text, published, encoding, [])
    assert doc.doc_id == "a"


def test_header_wins_over_option_and_option_fills_in(tmp_path):
    with_header = tmp_path / "h.txt"
    with_header.write_text(" date 2025-11-07 " + RUSSIAN, encoding="utf-8")
    without = tmp_path / "n.txt"
    without.write_text(RUSSIAN, encoding="utf-8")
    assert read_document(str(with_header), published="2020-01-01")[0].published == "2025-11-07"
    assert read_document(str(without), published="2020-01-01")[0].published == "2020-01-01"


def test_malformed_header_date_is_a_warning_and_null(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(" date 2026-13-45 " + RUSSIAN, encoding="utf-8")
    doc, warnings = read_document(str(path), published="2020-01-01")
    assert doc.published is None
    assert [w.reason for w in warnings] == ["bad-header-date"] and "2026-13-45" in warnings[0].message


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"  \n\t \r\n", "empty"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (bytes(range(128, 256)) * 3 + b"\xff\xfe\xfa" * 40, "not-text"),
])
def test_bad_content(tmp_path, content, reason):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_document(str(path))
    assert error.value.reason == reason
    assert str(path) in str(error.value) and "\n" not in str(error.value)


def test_missing_too_large_and_unreadable(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(str(tmp_path / "missing.txt"))
    big = tmp_path / "big.txt"
    big.write_text(RUSSIAN * 10, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_document(str(big), max_bytes=100)
    assert error.value.reason == "too-large"
    locked = tmp_path / "locked.txt"
    locked.write_text(RUSSIAN, encoding="utf-8")
    os.chmod(locked, 0)
    if os.access(locked, os.R_OK):  # root reads anything: nothing to test on this machine
        return
    with pytest.raises(InputError) as error:
        read_document(str(locked))
    assert error.value.reason == "permission-denied"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise_anything_but_input_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.txt"
    path.write_bytes(data)
    try:
        doc, _ = read_document(str(path))
    except InputError:
        return
    assert isinstance(doc.text, str) and doc.text.strip()
