"""The real `diplo` command as a subprocess: stdout is JSON lines only, stderr is for people."""
from __future__ import annotations

import pytest
from support import SEEDS, assert_clean_stderr, json_lines, run_diplo

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def seeds_run():
    return run_diplo("extract", "seeds/")


def test_extract_seeds_directory(seeds_run, validate):
    assert seeds_run.returncode == 0, seeds_run.stderr
    records = json_lines(seeds_run.stdout)
    assert [r["doc_id"] for r in records] == [p.stem for p in SEED_FILES]
    assert [r["lang"] for r in records] == ["ru", "ky", "uk", "ru", "ru"]
    assert [r["published"] for r in records] == ["2026-01-09", None, None, "2025-11-06", "2025-11-07"]
    for record, path in zip(records, SEED_FILES):
        validate(record)
        text = path.read_text(encoding="utf-8")
        for entity in record["entities"]:
            for mention in entity["mentions"]:
                assert text[mention["start"]:mention["end"]] == mention["text"]
    assert seeds_run.stderr == b""  # nothing for cron to mail when all is well


def test_stdin_with_published(validate):
    text = SEED_FILES[1].read_bytes()
    result = run_diplo("extract", "--published", "2026-01-10", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    [record] = json_lines(result.stdout)
    validate(record)
    assert (record["doc_id"], record["path"], record["published"], record["lang"]) == ("stdin", None, "2026-01-10", "ky")


def test_output_file(tmp_path, seeds_run):
    out = tmp_path / "out.jsonl"
    result = run_diplo("extract", f"seeds/{SEED_FILES[0].name}", "-o", str(out))
    assert result.returncode == 0 and result.stdout == b""
    assert json_lines(out.read_bytes()) == json_lines(seeds_run.stdout)[:1]
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary file left behind


def test_bad_inputs_are_named_and_the_rest_is_processed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    english = tmp_path / "english.txt"
    english.write_text("The president visited Washington and met the leaders of Central Asia.", encoding="utf-8")
    result = run_diplo("extract", str(tmp_path / "missing.txt"), str(empty), str(SEED_FILES[0]), str(english))
    assert result.returncode == 1
    assert [r["doc_id"] for r in json_lines(result.stdout)] == [SEED_FILES[0].stem]
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 3, lines
    assert "missing.txt" in lines[0] and "no such file" in lines[0]
    assert "empty.txt" in lines[1] and "empty" in lines[1]
    assert "english.txt" in lines[2] and "Kyrgyz, Russian or Ukrainian" in lines[2]
    assert_clean_stderr(result.stderr)


@pytest.mark.parametrize("args", [
    ("extract", "--published", "2025-13-01", "seeds/"),
    ("extract", "--lang", "de", "seeds/"),
    ("extract",),
    ("extract", "--no-such-option", "seeds/"),
    ("frobnicate",),
])
def test_usage_errors_exit_2(args):
    result = run_diplo(*args)
    assert result.returncode == 2
    assert result.stdout == b""
    assert_clean_stderr(result.stderr)


def test_forced_language_overrides_identification(seeds_run):
    assert json_lines(seeds_run.stdout)[0]["lang"] == "ru"
    result = run_diplo("extract", "--lang", "uk", str(SEED_FILES[0]))
    assert result.returncode == 0, result.stderr
    assert json_lines(result.stdout)[0]["lang"] == "uk"


def test_help_lists_every_option():
    result = run_diplo("extract", "--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    for option in ("--lang", "--published", "--output", "--max-bytes", "--fail-fast", "--errors-jsonl", "--quiet"):
        assert option in text


def test_incomplete_official_stanza_dir_is_a_clear_error(tmp_path):
    official = tmp_path / "stanza_resources"
    (official / "uk" / "tokenize").mkdir(parents=True)
    (official / "resources.json").write_text('{"uk": {"tokenize": {}}}', encoding="utf-8")
    uk, ru = f"seeds/{SEED_FILES[2].name}", f"seeds/{SEED_FILES[0].name}"
    for args, env in ((["--stanza-dir", str(official)], None), ([], {"DIPLO_STANZA_DIR": str(official)})):
        result = run_diplo("extract", *args, uk, ru, env=env)
        assert result.returncode == 1
        assert [r["doc_id"] for r in json_lines(result.stdout)] == [SEED_FILES[0].stem]
        [line] = result.stderr.decode().splitlines()
        assert uk in line and str(official) in line and "ner" in line
        assert_clean_stderr(result.stderr)


def test_models_lists_every_language():
    result = run_diplo("models", "--json")
    assert result.returncode == 0, result.stderr
    entries = {e["lang"]: e for e in json_lines(result.stdout)}
    assert list(entries) == ["ky", "ru", "uk"]
    for entry in entries.values():
        assert entry["files"] and all(f["bytes"] for f in entry["files"].values())
        assert entry["license"]
        assert entry["scores"]["test"]["micro"]["f1"] > 0.5  # read from the package, not from bench/
    assert "CC BY-NC-SA" in entries["uk"]["license"] and "CC BY-NC-SA" in entries["ky"]["license"]
