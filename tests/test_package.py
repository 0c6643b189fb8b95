"""The installed package: one `diplo` namespace, everything it needs inside it, and `python -m diplo`."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support import ROOT

SOURCE_FOLDERS = {"diplo": "diplo", "cli": "diplo/cli", "extractors": "diplo/extractors", "models": "diplo/models",
                  "runner": "diplo/runner"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True, cwd=out)
    [path] = out.glob("diplo-*.whl")
    return path


def test_the_wheel_holds_only_the_diplo_namespace(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"diplo", wheel.name.split("-py")[0] + ".dist-info"}


def test_the_wheel_holds_every_module_and_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, installed in SOURCE_FOLDERS.items():
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc",):
                relative = path.relative_to(ROOT / folder).as_posix()
                assert f"{installed}/{relative}" in names, relative


def test_the_unpacked_wheel_runs_from_anywhere(wheel, tmp_path):
    """No bench/ or repository beside it: `diplo models` still has every score; a `models/` folder in the
    working directory does not shadow anything."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    (work / "models").mkdir(parents=True)
    (work / "models" / "__init__.py").write_text("raise ImportError('shadowed')\n")
    (work / "cli").mkdir()
    (work / "cli" / "__init__.py").write_text("raise ImportError('shadowed')\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run([sys.executable, "-c", "import diplo; print(diplo.__file__)"], cwd=work, env=env,
                           capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(site))
    models = subprocess.run([sys.executable, "-m", "diplo", "models", "--json"], cwd=work, env=env,
                            capture_output=True, text=True)
    assert models.returncode == 0, models.stderr
    assert '"scores":null' not in models.stdout.replace(" ", "")
    help_ = subprocess.run([sys.executable, "-m", "diplo", "--help"], cwd=work, capture_output=True, text=True)
    assert help_.returncode == 0 and "extract" in help_.stdout


def _modules_outside_language_folders() -> list[Path]:
    return [path for folder in SOURCE_FOLDERS for path in (ROOT / folder).rglob("*.py")
            if "lang" not in path.relative_to(ROOT).parts[:2]]


def test_shared_code_never_compares_a_language_code():
    """Only a language's own folder may know its code; shared stages read the language's data."""
    import ast

    from diplo.extractors.pipeline.language import language_codes

    codes = set(language_codes())
    found = []
    for path in _modules_outside_language_folders():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                operands = [node.left, *node.comparators]
                literals = {n.value for o in operands for n in ast.walk(o) if isinstance(n, ast.Constant)}
                if literals & codes:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found


def test_no_module_is_over_450_lines():
    assert not [p for p in _modules_outside_language_folders() + list((ROOT / "extractors" / "lang").rglob("*.py"))
                if len(p.read_text(encoding="utf-8").splitlines()) > 450]
