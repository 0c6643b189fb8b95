"""The real `diplo` command as a subprocess: stdout is JSON lines only, stderr is for people."""
from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess

import pytest
from support import DIPLO, ROOT, SEEDS, assert_clean_stderr, json_lines, run_diplo

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
    good = tmp_path / SEED_FILES[0].name
    shutil.copyfile(SEED_FILES[0], good)
    result = run_diplo("extract", str(tmp_path / "missing.txt"), str(empty), str(good), str(english))
    assert result.returncode == 1
    assert [r["doc_id"] for r in json_lines(result.stdout)] == [SEED_FILES[0].stem]
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 3, lines
    assert "missing.txt" in lines[0] and "no such file" in lines[0]
    assert "empty.txt" in lines[1] and "empty" in lines[1]
    assert "english.txt" in lines[2] and "Kyrgyz, Russian or Ukrainian" in lines[2]
    assert_clean_stderr(result.stderr)


# (arguments, what the one stderr line says)
USAGE_ERRORS = [
    (("extract", "--published", "2025-13-01", "seeds/"), "invalid value for --published"),
    (("extract", "--lang", "de", "seeds/"), "unknown language 'de' (known: ky, ru, uk)"),
    (("extract", "--jobs", "0", "seeds/"), "invalid value for --jobs: 0 is less than 1"),
    (("extract", "--jobs", "x", "seeds/"), "invalid value for --jobs: expected a whole number"),
    (("extract", "--max-bytes", "0", "seeds/"), "invalid value for --max-bytes"),
    (("extract", "--lock-wait", "soon", "seeds/"), "invalid value for --lock-wait: expected a number"),
    (("extract", "--no-such-option", "seeds/"), "unknown option --no-such-option"),
    (("extract", "--quite", "seeds/"), "did you mean --quiet?"),
    (("models", "--stanza-dir", "/nonexistent"), "'/nonexistent' is not a directory"),
    (("frobnicate",), "no such command 'frobnicate'"),
    ((), "missing command: extract, timeline or models"),
]


@pytest.mark.parametrize("args, says", USAGE_ERRORS)
def test_usage_errors_are_one_plain_line_and_exit_2(args, says):
    result = run_diplo(*args)
    assert result.returncode == 2
    assert result.stdout == b""
    [line] = result.stderr.decode().splitlines()
    assert line.startswith("diplo: error: ") and says in line and "--help" in line, line
    assert_clean_stderr(result.stderr)


@pytest.mark.parametrize("command", ["extract", "timeline", "models"])
def test_help_reads_like_coreutils(command):
    result = run_diplo(command, "--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert text.startswith(f"Usage: diplo {command} [OPTIONS]")
    for python_type in ("<bool>", "<list[str]>", "<int range>", "<float range>", "<file>", "╭"):
        assert python_type not in text


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


def test_stanza_dir_without_a_language_is_said_once_with_exit_2(tmp_path):
    official = tmp_path / "stanza_resources"
    (official / "ky" / "tokenize").mkdir(parents=True)
    (official / "resources.json").write_text('{"ky": {"tokenize": {}}}', encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(3):
        (articles / f"uk{n}.txt").write_bytes(SEED_FILES[2].read_bytes() + f"\n{n}".encode())
    for args, env in ((["--stanza-dir", str(official)], None), ([], {"DIPLO_STANZA_DIR": str(official)})):
        result = run_diplo("extract", *args, str(articles), env=env)
        assert result.returncode == 2
        [line] = result.stderr.decode().splitlines()  # once, not once per article
        assert str(official) in line and "'uk'" in line and "Kyrgyz" not in line, line
        assert_clean_stderr(result.stderr)


@pytest.mark.parametrize("folder", ["empty", "not-stanza"])
def test_stanza_dir_that_is_no_stanza_folder_says_what_it_needs(tmp_path, folder):
    directory = tmp_path / folder
    directory.mkdir()
    if folder == "not-stanza":
        (directory / "notes.txt").write_text("x")
    result = run_diplo("extract", "--stanza-dir", str(directory), str(SEED_FILES[2]))
    assert result.returncode == 2
    [line] = result.stderr.decode().splitlines()
    assert str(directory) in line and "resources.json" in line and "restore" not in line, line


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


def test_models_shows_one_basis_for_every_language():
    entries = json_lines(run_diplo("models", "--json").stdout)
    assert len({e["scores"]["basis"] for e in entries}) == 1
    assert all("whole diplo pipeline" in e["scores"]["basis"] for e in entries)


def test_models_json_into_head_exits_0():
    process = subprocess.Popen([str(DIPLO), "models", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()  # `| head -1`
    assert process.wait(timeout=60) == 0
    assert json.loads(first)["lang"] and process.stderr.read() == b""


def test_one_entity_per_thing(seeds_run):
    """"США", "Соединенные Штаты" and "Соединенные Штаты Америки" are one entity, named in full."""
    for record in json_lines(seeds_run.stdout):
        ids = [e["kb_id"] for e in record["entities"] if e["kb_id"]]
        assert len(ids) == len(set(ids)), record["doc_id"]
    usa = {r["doc_id"][:3]: next(e for e in r["entities"] if e["kb_id"] == "country/US") for r in json_lines(seeds_run.stdout)}
    assert usa["000"]["name"] == "Соединенные Штаты Америки"
    assert {"США", "Соединенные Штаты"} <= {m["text"] for m in usa["000"]["mentions"]}
    assert usa["001"]["name"] == "Кошмо Штаттар" and "АКШ" in {m["text"][:3] for m in usa["001"]["mentions"]}


@pytest.fixture()
def folders(tmp_path):
    """Two folders with an article of one name, a capitalised ending, a hidden file and an empty folder."""
    for folder in ("a", "b", "empty", "a/.drafts"):
        (tmp_path / folder).mkdir()
    shutil.copyfile(SEED_FILES[0], tmp_path / "a" / "x.txt")
    shutil.copyfile(SEED_FILES[3], tmp_path / "b" / "x.TXT")
    shutil.copyfile(SEED_FILES[4], tmp_path / "a" / ".hidden.txt")
    shutil.copyfile(SEED_FILES[4], tmp_path / "a" / ".drafts" / "y.txt")
    return tmp_path


def test_ids_are_unique_and_stable_and_every_txt_is_found(folders):
    runs = [run_diplo("extract", "a", "b", "empty", cwd=folders) for _ in range(2)]
    assert all(r.returncode == 0 for r in runs)
    assert [r["doc_id"] for r in json_lines(runs[0].stdout)] == ["a/x", "b/x"]  # x.TXT read, hidden ones not
    assert runs[0].stdout == runs[1].stdout
    [line] = runs[0].stderr.decode().splitlines()
    assert line == "diplo: warning: empty: no .txt files in this directory"
    alone = run_diplo("extract", "a/x.txt", cwd=folders)
    assert [r["doc_id"] for r in json_lines(alone.stdout)] == ["x"]


def test_timeline_sources_name_articles_as_extract_does(folders):
    extracted = {r["doc_id"] for r in json_lines(run_diplo("extract", "a", "b", cwd=folders).stdout)}
    entries = json_lines(run_diplo("timeline", "--json", "a", "b", cwd=folders).stdout)
    assert {s["doc_id"] for e in entries for s in e["sources"]} == extracted == {"a/x", "b/x"}


def test_extract_reads_stdin_without_a_path_as_timeline_does():
    text = SEED_FILES[0].read_bytes()
    piped = run_diplo("extract", stdin=text)
    assert piped.returncode == 0
    assert [r["doc_id"] for r in json_lines(piped.stdout)] == ["stdin"]
    for command in ("extract", "timeline"):
        primary, secondary = pty.openpty()  # a terminal on stdin: nothing is piped
        try:
            result = subprocess.run([str(DIPLO), command], stdin=secondary, capture_output=True, timeout=60, cwd=ROOT)
        finally:
            os.close(primary)
            os.close(secondary)
        assert result.returncode == 2
        [line] = result.stderr.decode().splitlines()
        assert "give PATHs, or pipe" in line


def test_jobs_beyond_the_cores_are_capped_with_a_warning():
    cores = len(os.sched_getaffinity(0))
    result = run_diplo("extract", "--jobs", str(cores + 6), str(SEED_FILES[0]))
    assert result.returncode == 0 and len(json_lines(result.stdout)) == 1
    [line] = result.stderr.decode().splitlines()
    assert f"--jobs {cores + 6} is more than the {cores} cores" in line


def test_timeline_counts_an_article_given_twice_once(tmp_path):
    article = str(SEED_FILES[3])
    jsonl = tmp_path / "extracted.jsonl"
    jsonl.write_bytes(run_diplo("extract", article).stdout * 2)  # and a line repeated after a kill
    once = json_lines(run_diplo("timeline", "--json", article).stdout)
    twice = json_lines(run_diplo("timeline", "--json", str(jsonl), article).stdout)
    assert twice == once


def test_timeline_takes_flat_lines():
    article = str(SEED_FILES[3])
    flat = run_diplo("extract", "--flat", article).stdout
    result = run_diplo("timeline", "--json", stdin=flat)
    assert result.returncode == 0
    assert json_lines(result.stdout) == json_lines(run_diplo("timeline", "--json", article).stdout)


@pytest.mark.parametrize("version, ok", [((3, 11, 7), True), ((3, 12, 1), False), ((3, 10, 4), False)])
def test_python_version_is_checked(version, ok):
    from diplo.cli.main import python_problem

    problem = python_problem(version)
    assert (problem is None) == ok
    if not ok:
        assert "Python 3.11" in problem and f"{version[0]}.{version[1]}" in problem


@pytest.mark.parametrize("option", ["--output", "--state", "--errors-jsonl"])
def test_a_missing_folder_for_a_file_option_is_one_line_and_exit_2(tmp_path, option):
    target = tmp_path / "nodir" / "file.jsonl"
    result = run_diplo("extract", option, str(target), str(SEED_FILES[0]))
    assert result.returncode == 2 and result.stdout == b""
    [line] = result.stderr.decode().splitlines()
    assert option in line and str(tmp_path / "nodir") in line and ".tmp" not in line, line
    assert not (tmp_path / "nodir").exists()  # no folder made behind the user's back
