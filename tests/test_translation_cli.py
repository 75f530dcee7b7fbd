"""`exerkine lint` on translation catalogues: walking, --include-fuzzy, --fix byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sphinx_exerkine.cli import main

DATA = Path(__file__).parent / "data" / "po"


@pytest.fixture
def lint(tmp_path_factory, capsys):
    from conftest import MINI_GLOSSARY

    glossary = tmp_path_factory.mktemp("g") / "mini.yaml"
    glossary.write_text(MINI_GLOSSARY, encoding="utf-8")

    def run(*args: str) -> tuple[int, list[dict]]:
        code = main(["lint", "--glossary", str(glossary), "--no-cache", "--format", "json", *args])
        out = capsys.readouterr().out
        return code, json.loads(out)["findings"] if out.strip() else []

    return run


def lines_of(findings: list[dict]) -> list[tuple[int, str]]:
    return [(f["line"], f["rule"]) for f in findings]


def test_catalogues_are_found_when_walking_a_directory(lint, tmp_path):
    shutil.copy(DATA / "en_ja.po", tmp_path / "index.po")
    (tmp_path / "index.xlf").write_text(
        '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" target-language="ja" '
        'datatype="plaintext" original="x"><body>\n<trans-unit id="1"><source>Exosomes</source>'
        "<target>エキソソーム</target></trans-unit>\n</body></file></xliff>\n", encoding="utf-8")
    code, findings = lint(str(tmp_path))
    assert code == 1
    assert {Path(f["path"]).name for f in findings} == {"index.po", "index.xlf"}


def test_include_fuzzy_adds_the_fuzzy_entries(lint):
    path = str(DATA / "en_ja.po")
    _, default = lint(path)
    _, with_fuzzy = lint("--include-fuzzy", path)
    added = [f for f in with_fuzzy if f not in default]
    assert lines_of(added) == [(78, "translation-mismatch"), (78, "translation-mismatch")]


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_fix_rewrites_only_the_variants_in_msgstr(lint, tmp_path, newline):
    original = (DATA / "en_ja.po").read_bytes().replace(b"\n", newline)
    path = tmp_path / "ja.po"
    path.write_bytes(original)
    code, remaining = lint("--fix", str(path))
    assert code == 1
    assert lines_of(remaining) == [(41, "translation-mismatch"), (41, "translation-mismatch")]
    fixed = path.read_bytes()
    before, after = original.split(newline), fixed.split(newline)
    assert len(before) == len(after)
    changed = {number for number, (a, b) in enumerate(zip(before, after), start=1) if a != b}
    assert changed == {29, 36, 45, 53, 64, 69, 73}
    assert after[52] == '"ソームの数とエクソソー"'.encode()  # still wrapped where it was
    assert after[77] == before[77]  # fuzzy: left alone
    _, again = lint(str(path))
    assert lines_of(again) == lines_of(remaining)
