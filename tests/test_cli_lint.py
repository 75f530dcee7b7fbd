"""`exerkine lint` end to end: exit codes, output formats, fixes, configuration, bad input."""

from __future__ import annotations

import json
import os
import stat

import pytest

from sphinx_exerkine.cli import main


@pytest.fixture
def glossary_file(tmp_path_factory):
    from conftest import MINI_GLOSSARY

    path = tmp_path_factory.mktemp("g") / "mini.yaml"
    path.write_text(MINI_GLOSSARY, encoding="utf-8")
    return str(path)


@pytest.fixture
def lint(glossary_file, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["lint", "--glossary", glossary_file, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_clean_text_exits_0(lint, tmp_path):
    (tmp_path / "ok.txt").write_text("マイオカインは骨格筋から分泌される。\n", encoding="utf-8")
    code, out, _ = lint(str(tmp_path))
    assert code == 0 and out == ""


def test_findings_exit_1_and_text_lines_are_path_line_col_rule_message(lint, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("前書き。\n運動でミオカインが出る。\n", encoding="utf-8")
    code, out, err = lint(str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:2:4: term-variant [*] 'ミオカイン' is a variant of 'マイオカイン' (listed variant; myokine)"
    ]
    assert "Found 1 problem" in err


def test_json_output_has_documented_keys_and_character_columns(lint, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("ｲﾘｼﾝ、イリシン、ｲﾘｼﾝ\n", encoding="utf-8")
    code, out, _ = lint("--format", "json", str(path))
    data = json.loads(out)
    assert code == 1
    assert set(data) == {"findings", "summary"}
    first, second = data["findings"]
    for key in ("path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "term",
                "found", "expected"):
        assert key in first
    assert (first["line"], first["column"], first["end_column"]) == (1, 1, 5)
    assert (second["column"], second["end_column"]) == (11, 15)
    assert first["path"] == str(path) and first["expected"] == "イリシン"
    assert data["summary"]["findings"] == 2


def test_sarif_and_github_formats(lint, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("ミオカイン\n", encoding="utf-8")
    code, out, _ = lint("--format", "sarif", str(path))
    sarif = json.loads(out)
    assert code == 1 and sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["results"][0]["ruleId"] == "term-variant"
    code, out, _ = lint("--format", "github", str(path))
    assert out.startswith("::warning file=") and "term-variant" in out


def test_fix_changes_only_flagged_spans_and_keeps_bom_newlines_and_mode(lint, tmp_path):
    path = tmp_path / "a.txt"
    original = "\ufeff一行目 ミオカイン\r\n二行目 ｲﾘｼﾝ と エグソソーム\r\n"
    path.write_bytes(original.encode("utf-8"))
    os.chmod(path, 0o640)
    code, _, _ = lint("--fix", str(path))
    assert code == 1  # the unsafe suggestion remains
    assert path.read_bytes().decode("utf-8") == "\ufeff一行目 マイオカイン\r\n二行目 イリシン と エグソソーム\r\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left behind
    code, _, _ = lint("--fix", "--unsafe-fixes", str(path))
    assert code == 0
    assert "エクソソーム" in path.read_text(encoding="utf-8-sig")
    before = path.read_bytes()
    assert lint("--fix", str(path))[0] == 0 and path.read_bytes() == before  # idempotent


def test_diff_writes_nothing(lint, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("ミオカイン\n", encoding="utf-8")
    code, out, _ = lint("--diff", str(path))
    assert "-ミオカイン" in out and "+マイオカイン" in out
    assert path.read_text(encoding="utf-8") == "ミオカイン\n"


def test_bad_files_are_reported_in_one_line_and_the_others_still_checked(lint, tmp_path):
    (tmp_path / "bad.txt").write_bytes("正しい\n".encode() + b"\xff\xfe broken\n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "good.txt").write_text("ミオカイン\n", encoding="utf-8")
    code, out, err = lint(str(tmp_path), str(tmp_path / "missing.txt"))
    assert code == 2
    assert "good.txt:1:1: term-variant" in out
    lines = err.splitlines()
    assert any(line.startswith(f"{tmp_path / 'bad.txt'}: invalid UTF-8 at line 2, column 1") for line in lines)
    assert any(line.startswith(f"{tmp_path / 'bin.txt'}: binary file") for line in lines)
    assert any(line.startswith(f"{tmp_path / 'missing.txt'}: no such file") for line in lines)


def test_fix_never_writes_a_file_that_could_not_be_read(lint, tmp_path):
    path = tmp_path / "sjis.txt"
    data = "ミオカインの研究\n".encode("shift_jis")
    path.write_bytes(data)
    code, _, err = lint("--fix", str(path))
    assert code == 2 and "try --encoding" in err
    assert path.read_bytes() == data
    code, _, _ = lint("--fix", "--encoding", "shift_jis", str(path))
    assert code == 0 and path.read_bytes() == "マイオカインの研究\n".encode("shift_jis")


def test_select_and_ignore(lint, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("ミオカイン\n", encoding="utf-8")
    assert lint("--ignore", "term-variant", str(path))[0] == 0
    assert lint("--select", "term-variant", str(path))[0] == 1
    code, _, err = lint("--select", "no-such-rule", str(path))
    assert code == 2 and "unknown rule" in err


def test_walking_uses_include_patterns_and_gitignore_but_explicit_files_are_always_read(lint, tmp_path):
    (tmp_path / ".gitignore").write_text("ignored/\n", encoding="utf-8")
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "a.txt").write_text("ミオカイン\n", encoding="utf-8")
    (tmp_path / "notes.log").write_text("ミオカイン\n", encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.txt").write_text("ミオカイン\n", encoding="utf-8")
    assert lint(str(tmp_path))[0] == 0
    code, out, _ = lint(str(tmp_path / "notes.log"))
    assert code == 1 and "notes.log:1:1" in out


def test_config_file_sets_allow_list_and_is_validated(lint, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("エグソソーム\n", encoding="utf-8")
    (tmp_path / ".exerkine.toml").write_text('allow = ["エグソソーム"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert lint("a.txt")[0] == 0
    (tmp_path / ".exerkine.toml").write_text('alow = ["x"]\n', encoding="utf-8")
    code, _, err = lint("a.txt")
    assert code == 2 and "unknown option 'alow' (did you mean 'allow'?)" in err


def test_pyproject_tool_table_is_found_walking_up(glossary_file, tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.exerkine]\nglossary = ["{glossary_file}"]\nignore = ["term-variant"]\n', encoding="utf-8")
    sub = tmp_path / "docs"
    sub.mkdir()
    (sub / "a.txt").write_text("ミオカイン\n", encoding="utf-8")
    monkeypatch.chdir(sub)
    assert main(["lint", "a.txt"]) == 0


def test_parallel_and_cached_runs_give_the_same_findings(lint, tmp_path):
    for k in range(12):
        (tmp_path / f"f{k}.txt").write_text(f"{k}行目 ミオカイン と ｲﾘｼﾝ\n" * (k + 1), encoding="utf-8")
    serial = lint("--format", "json", "--no-cache", str(tmp_path))[1]
    parallel = lint("--format", "json", "-j", "2", "--no-cache", str(tmp_path))[1]
    cold = lint("--format", "json", str(tmp_path))[1]
    warm = lint("--format", "json", str(tmp_path))[1]
    assert json.loads(serial)["findings"] == json.loads(parallel)["findings"] == json.loads(cold)["findings"]
    assert json.loads(warm)["findings"] == json.loads(cold)["findings"]
    assert json.loads(serial)["summary"]["findings"] == sum(2 * (k + 1) for k in range(12))


def test_parallel_work_is_handed_out_largest_files_first_each_file_once(tmp_path):
    from sphinx_exerkine.runner import _batches

    todo = []
    for k in range(70):
        path = tmp_path / f"f{k:02}.txt"
        path.write_text("x" * ((k * 37) % 101 + 1), encoding="utf-8")
        todo.append((str(path), "text"))
    todo.append((str(tmp_path / "gone.txt"), "text"))  # vanished since it was listed: still handed out
    batches = _batches(todo, 2)
    handed_out = [item for batch in batches for item in batch]
    assert sorted(handed_out) == sorted(todo)
    sizes = [os.path.getsize(p) if os.path.exists(p) else 0 for p, _ in handed_out]
    assert sizes == sorted(sizes, reverse=True)
    assert len(batches) >= 2 * 16


def test_cache_notices_changed_files(lint, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("マイオカイン\n", encoding="utf-8")
    assert lint(str(path))[0] == 0
    path.write_text("ミオカイン\n", encoding="utf-8")
    assert lint(str(path))[0] == 1


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["lint", "--format", "xml"])
    assert info.value.code == 2


def test_broken_glossary_exits_2_naming_file_and_line(tmp_path, capsys):
    bad = tmp_path / "g.yaml"
    bad.write_text("- id: x\n  ja: {term: エ}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    assert main(["lint", "--glossary", str(bad), str(tmp_path / "a.txt")]) == 2
    assert f"{bad}:2:" in capsys.readouterr().err
