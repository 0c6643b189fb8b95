"""`--scheduler`: a real local Dask cluster of 2 worker processes gives exactly the records of a plain run,
the Python API gives them too, and a worker killed mid-run loses no article."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import corpus
import pytest
from support import DIPLO, SEEDS, children, json_lines, run_diplo

import diplo

PER_LANGUAGE = 12  # with the seeds, 41 articles in three languages: several chunks per language


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """Real articles of all three languages in one folder (seeds and the benchmark corpora's texts)."""
    folder = tmp_path_factory.mktemp("mixed")
    work = tmp_path_factory.mktemp("corpus")
    for lang in ("ru", "uk", "ky"):
        for path in corpus.build(lang, PER_LANGUAGE, work):
            shutil.copyfile(path, folder / f"{lang}-{path.name}")
    for seed in SEEDS.glob("*.txt"):
        shutil.copyfile(seed, folder / seed.name)
    return folder


@pytest.mark.parametrize("folder", ["seeds", "mixed"])
def test_dask_records_are_those_of_a_plain_run_byte_for_byte(folder, mixed):
    path = str(SEEDS if folder == "seeds" else mixed)
    plain = run_diplo("extract", path)
    on_dask = run_diplo("extract", "--scheduler", "local", "--jobs", "2", path)
    assert plain.returncode == on_dask.returncode == 0, on_dask.stderr
    assert on_dask.stdout == plain.stdout
    assert on_dask.stderr == b""  # Dask's own logging stays out of cron mail


def test_python_api_gives_the_records_of_the_command(mixed):
    paths = sorted(str(p) for p in mixed.glob("*.txt"))
    plain = json_lines(run_diplo("extract", *paths).stdout)
    assert list(diplo.extract(paths)) == plain
    texts = [(Path(p).stem, Path(p).read_text(encoding="utf-8")) for p in paths[:3]]
    from_memory = list(diplo.extract(texts))
    assert [r["doc_id"] for r in from_memory] == [stem for stem, _ in texts]
    assert [r["entities"] for r in from_memory] == [r["entities"] for r in plain[:3]]


def _dask_workers(pid: int) -> list[int]:
    """The worker processes of the local cluster: diplo's children started by multiprocessing's spawn."""
    workers = []
    for child, _ in children(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                workers.append(child)
        except OSError:
            continue
    return workers


def test_a_killed_worker_loses_no_article(mixed, tmp_path):
    many = tmp_path / "many"  # four read-ahead windows: the run is surely still going at its first record
    for copy in range(3):
        shutil.copytree(mixed, many / f"copy{copy}")
    expected = [r["doc_id"] for r in json_lines(run_diplo("extract", str(many)).stdout)]
    process = subprocess.Popen([str(DIPLO), "extract", "--scheduler", "local", "--jobs", "2", str(many)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()  # the cluster is up and working
    assert first, process.stderr.read()
    deadline = time.monotonic() + 60
    while len(workers := _dask_workers(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert workers, "no Dask worker process found"
    os.kill(workers[0], signal.SIGKILL)
    assert process.poll() is None
    rest = process.stdout.read()  # through the buffered reader: communicate() would lose what readline buffered
    errors = process.stderr.read()
    assert process.wait(timeout=600) == 0, errors
    assert [r["doc_id"] for r in json_lines(first + rest)] == expected
