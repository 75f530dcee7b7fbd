"""prh export and import: pattern building, regex expansion without running regexes, imports, errors."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml

from sphinx_exerkine.formats import IMPORTERS, ImportProblem
from sphinx_exerkine.formats.prh import MAX_SPELLINGS, expand_pattern, export_prh, import_prh, pattern_for
from sphinx_exerkine.loader import load_glossary

# ------------------------------------------------------------------------------------------ patterns


@pytest.mark.parametrize(("variant", "lang", "forms", "expected"), [
    ("エキソソーム", "ja", ("エクソソーム",), "エキソソーム"),
    ("マイオカイ", "ja", ("マイオカイン",), "/マイオカイ(?!ン)/"),
    ("ソーム", "ja", ("エクソソーム",), "/(?<!エクソ)ソーム/"),
    ("イオカイ", "ja", ("マイオカイン",), "/(?!(?<=マ)イオカイン)イオカイ/"),
    ("カイン", "ja", ("マイオカイン", "ヘパトカイン"), "/(?<!マイオ)(?<!ヘパト)カイン/"),
    ("a.b(c)", "ja", (), "a.b(c)"),  # plain strings are escaped by prh itself
    ("イオ.カイ", "ja", ("マイオ.カイン",), r"/(?!(?<=マ)イオ\.カイン)イオ\.カイ/"),
    ("イオ.カイ", "ja", ("イオ.カイン",), r"/イオ\.カイ(?!ン)/"),
    ("exo-some", "en", ("exosome",), r"/\bexo-some\b/i"),
    ("myokin", "en", ("myokine", "myokines"), r"/\bmyokin\b/i"),
    ("vesicle release", "en", ("extracellular vesicle release",), r"/\b(?<!extracellular )vesicle release\b/i"),
    ("(EV)", "en", (), r"/\(EV\)/i"),
    ("EV.", "en", (), r"/\bEV\./i"),
    ("a/b", "en", (), r"/\ba\/b\b/i"),
    ("Exosome", "en", ("exosome",), None),
])
def test_pattern_for(variant: str, lang: str, forms: tuple[str, ...], expected: str | None) -> None:
    pattern, reason = pattern_for(variant, lang, forms)
    assert pattern == expected
    assert (reason == "") == (expected is not None)


def test_pattern_for_reports_why_a_spelling_is_left_out() -> None:
    assert pattern_for("Exosome", "en", ("exosome",)) == (None, "it is the correct form 'exosome'")


@pytest.mark.parametrize(("source", "spellings"), [
    ("abc", ["abc"]),
    ("a|b", ["a", "b"]),
    ("colou?r", ["color", "colour"]),
    ("[エア]クソソーム", ["エクソソーム", "アクソソーム"]),
    ("(?:exo|exi)-?some", ["exosome", "exo-some", "exisome", "exi-some"]),
    ("x{1,3}", ["x", "xx", "xxx"]),
    ("[a-c]", ["a", "b", "c"]),
    (r"\bfoo\b", ["foo"]),
    ("^foo$", ["foo"]),
    ("(?<!bar)foo(?!baz)", ["foo"]),
    (r"\bfoo\b|\bbar\b", ["foo", "bar"]),
    (r"\b(?:foo|ba[rz])\b", ["foo", "bar", "baz"]),
    (r"\u30a8", ["エ"]),
    (r"a\.b", ["a.b"]),
    ("(a|)b", ["ab", "b"]),
])
def test_expand_pattern(source: str, spellings: list[str]) -> None:
    assert expand_pattern(source) == spellings


@pytest.mark.parametrize("source", [
    "a+", "a*", "(a+)+$", "a{2,}", ".", "[^a]", r"\d", r"\w", "(a)\\1", "a(?=b)c", "a\\bb",
    "[a-z]{3}", "(?>ab)", r"\u{1F600}", "(?<name>a)", "[", "", "^$", "(" * 500 + ")" * 500,
    "x" * 3000,
])
def test_expand_pattern_refuses_infinite_or_unsupported(source: str) -> None:
    assert expand_pattern(source) is None


def test_expand_pattern_is_quiet(recwarn: pytest.WarningsRecorder) -> None:
    assert expand_pattern("[[a]") == ["[", "a"]
    assert not recwarn.list


def test_expand_pattern_limit() -> None:
    assert len(expand_pattern("[a-h][a-h]") or []) == MAX_SPELLINGS
    assert expand_pattern("[a-i][a-h]") is None


# -------------------------------------------------------------------------------------------- export

GLOSSARY = """\
- id: myokine
  ja: {term: マイオカイン, reading: まいおかいん, variants: [ミオカイン, マイオカイ]}
  en: {term: myokine, variants: [myo-kine]}
  definition: {ja: 骨格筋由来の因子。, en: A factor from muscle.}
  facts: {}
  sources: [x]
- id: irisin
  ja: {term: イリシン, reading: いりしん}
  en: {term: irisin}
  definition: {ja: 因子。, en: A factor.}
  facts: {}
  sources: [x]
"""


@pytest.fixture
def glossary(tmp_path: Path):
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return load_glossary([str(path)], use_cache=False)


def test_export_format(glossary) -> None:
    text = export_prh(glossary)
    assert text.startswith("# prh rules generated from the exerkine glossary")
    assert yaml.safe_load(text) == {"version": 1, "rules": [
        {"expected": "マイオカイン", "patterns": ["ミオカイン", "/マイオカイ(?!ン)/"],
         "specs": [{"from": "ミオカイン", "to": "マイオカイン"}, {"from": "マイオカイ", "to": "マイオカイン"}],
         "prh": "exerkine 用語集 (myokine): 「マイオカイン」と書く"},
        {"expected": "myokine", "patterns": [r"/\bmyo-kine\b/i"],
         "specs": [{"from": "myo-kine", "to": "myokine"}],
         "prh": 'exerkine glossary (myokine): write "myokine"'},
    ]}


def test_export_import_pairs(glossary) -> None:
    result = import_prh(export_prh(glossary), "prh.yml")
    assert [c for c in result.concepts] == [
        {"id": "term-" + _hash("マイオカイン"), "ja": {"term": "マイオカイン", "variants": ["ミオカイン", "マイオカイ"]}},
        {"id": "myokine", "en": {"term": "myokine", "variants": ["myo-kine"]}},
    ]
    assert result.warnings == [
        f"prh.yml:4:5: concept 'term-{_hash('マイオカイン')}' still needs ja.reading, en.term, definition.ja, "
        "definition.en, facts, sources before the glossary accepts it",
        "prh.yml:10:5: concept 'myokine' still needs ja.term, ja.reading, definition.ja, definition.en, facts, "
        "sources before the glossary accepts it",
    ]


def _hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:8]


# -------------------------------------------------------------------------------------------- import


def _import(text: str, files: dict[str, str] | None = None):
    files = files or {}

    def read(path: str) -> str:
        if path not in files:
            raise FileNotFoundError(2, "No such file or directory")
        return files[path]

    return import_prh(text, "rules/prh.yml", read=read)


def _variants(result) -> dict[str, list[str]]:
    return {c[lang]["term"]: c[lang].get("variants", []) for c in result.concepts for lang in ("ja", "en")
            if lang in c}


def test_import_pattern_forms() -> None:
    result = _import("""\
version: 1
rules:
  - expected: Cookie
    pattern: /[Cc]ookie/
  - expected: JavaScript
    patterns:
      - javascript
      - /java-?script/i
      - Java Script
  - expected: 行う
    pattern: [行なう, おこなう]
  - エクソソーム
  - expected: colour
    pattern: /colou?r/
    options: {wordBoundary: true}
    specs: [{from: color, to: colour}]
""")
    assert _variants(result) == {
        "Cookie": [],
        "JavaScript": ["java-script", "Java Script"],
        "行う": ["行なう", "おこなう"],
        "エクソソーム": [],
        "colour": ["color"],
    }
    case_warnings = [w for w in result.warnings if "differ only" in w]
    assert case_warnings == [
        "rules/prh.yml:3:5: 1 spelling(s) of 'Cookie' differ only in case or width; left out",
        "rules/prh.yml:5:5: 1 spelling(s) of 'JavaScript' differ only in case or width; left out",
    ]
    assert len(result.warnings) == 2 + len(result.concepts)  # plus one "still needs" per concept
    ids = [c["id"] for c in result.concepts]
    assert ids == ["cookie", "javascript", "term-" + _hash("行う"), "term-" + _hash("エクソソーム"), "colour"]


def test_import_same_expected_twice_is_one_concept() -> None:
    result = _import("rules:\n  - {expected: exosome, pattern: exo-some}\n  - {expected: exosome, pattern: exosom}\n")
    assert [c["en"] for c in result.concepts] == [{"term": "exosome", "variants": ["exo-some", "exosom"]}]


def test_import_slug_collisions() -> None:
    result = _import("rules:\n  - {expected: Exo Some, pattern: x}\n  - {expected: exo-some, pattern: y}\n")
    assert [c["id"] for c in result.concepts] == ["exo-some", "exo-some-2"]


@pytest.mark.parametrize(("text", "warning"), [
    ("rules:\n  - expected: foo\n    pattern: /fo+/\n",
     "rules/prh.yml:3:14: pattern /fo+/ is not a finite list of spellings; skipped"),
    ("rules:\n  - expected: foo\n    patterns:\n      - bar\n      - /(?<=x)fo./\n",
     "rules/prh.yml:5:9: pattern /(?<=x)fo./ is not a finite list of spellings; skipped"),
    ("rules:\n  - expected: foo\n    pattern: '/[a-z]{2}oo/'\n",
     "rules/prh.yml:3:14: pattern /[a-z]{2}oo/ is not a finite list of spellings; skipped"),
    ("version: 2\nrules: []\n", "rules/prh.yml:1:10: prh version '2' is not 1; read as version 1"),
])
def test_import_warnings(text: str, warning: str) -> None:
    assert warning in _import(text).warnings


@pytest.mark.parametrize(("text", "error"), [
    ("- expected: foo\n", "rules/prh.yml:1:1: a prh file is a mapping with 'version' and 'rules'"),
    ("rules: {expected: foo}\n", "rules/prh.yml:1:8: 'rules' must be a list"),
    ("rules:\n  - pattern: foo\n", "rules/prh.yml:2:5: rule without 'expected'"),
    ("rules:\n  - expected: [a, b]\n", "rules/prh.yml:2:15: 'expected' must be a single non-empty string"),
    ("rules:\n  - expected: ''\n", "rules/prh.yml:2:15: 'expected' must be a single non-empty string"),
    ("rules:\n  - [foo]\n", "rules/prh.yml:2:5: each rule is a mapping with 'expected' (or a plain string)"),
    ("rules:\n  - expected: foo\n    pattern: {a: b}\n",
     "rules/prh.yml:3:14: 'pattern' must be a string or a list of strings"),
    ("rules:\n  - expected: foo\n    patterns: [a, [b]]\n",
     "rules/prh.yml:3:19: each item of 'patterns' must be a string"),
    ("imports: {a: b}\n", "rules/prh.yml:1:10: 'imports' must be a path or a list of paths"),
    ("imports:\n  - missing.yml\n",
     "rules/prh.yml:2:5: cannot import rules/missing.yml: No such file or directory"),
    ("imports:\n  - disableImports: true\n", "rules/prh.yml:2:5: import without 'path'"),
    ("imports:\n  - [a]\n", "rules/prh.yml:2:5: each import is a path or a mapping with 'path'"),
])
def test_import_errors(text: str, error: str) -> None:
    with pytest.raises(ImportProblem) as info:
        _import(text)
    assert str(info.value) == error


def test_yaml_syntax_error_is_an_import_problem() -> None:
    with pytest.raises(ImportProblem) as info:
        _import("rules: [\n")
    assert str(info.value).startswith("rules/prh.yml:2:1: YAML syntax error: ")


def test_import_problem_has_position() -> None:
    with pytest.raises(ImportProblem) as info:
        _import("rules:\n  - pattern: foo\n")
    assert (info.value.path, info.value.line, info.value.column) == ("rules/prh.yml", 2, 5)
    assert isinstance(info.value, ValueError)


def test_empty_file_gives_nothing() -> None:
    result = _import("")
    assert (result.concepts, result.warnings) == ([], [])


# ------------------------------------------------------------------------------------------- imports


def test_imports_are_relative_and_the_importing_rule_wins() -> None:
    files = {
        "rules/common/base.yml": "rules:\n  - {expected: exosome, pattern: exo-some}\n  - {expected: 行う, pattern: 行なう}\n"
                                 "imports: [../deeper.yml]\n",
        "rules/deeper.yml": "rules:\n  - {expected: colour, pattern: color}\n",
    }
    result = _import("imports:\n  - common/base.yml\nrules:\n  - {expected: exosome, pattern: exosom}\n", files)
    assert _variants(result) == {"exosome": ["exosom"], "行う": ["行なう"], "colour": ["color"]}
    warnings_paths = [w.split(":")[0] for w in result.warnings]
    assert warnings_paths == ["rules/prh.yml", "rules/common/base.yml", "rules/deeper.yml"]


def test_import_options_disable_and_ignore() -> None:
    files = {
        "rules/base.yml": "rules:\n  - {expected: a-term, pattern: a}\n  - {expected: b-term, pattern: b}\n"
                          "imports: [other.yml]\n",
        "rules/other.yml": "rules:\n  - {expected: c-term, pattern: c}\n",
    }
    text = ("imports:\n  - path: base.yml\n    disableImports: true\n    ignoreRules:\n      - expected: b-term\n"
            "      - /a/\n")
    result = _import(text, files)
    assert list(_variants(result)) == ["a-term"]
    assert result.warnings[0] == ("rules/prh.yml:6:9: ignoreRules entries are matched by 'expected' only; "
                                  "this one is not applied")


def test_import_cycle_is_cut_with_a_warning() -> None:
    files = {
        "rules/a.yml": "imports: [b.yml]\nrules: [{expected: from-a, pattern: a}]\n",
        "rules/b.yml": "imports: [a.yml, prh.yml]\nrules: [{expected: from-b, pattern: b}]\n",
    }
    result = _import("imports: a.yml\nrules: [{expected: top, pattern: t}]\n", files)
    assert list(_variants(result)) == ["top", "from-a", "from-b"]
    assert [w for w in result.warnings if "cycle" in w] == [
        "rules/b.yml:1:11: import cycle rules/a.yml -> rules/b.yml -> rules/a.yml; not followed",
        "rules/b.yml:1:18: import cycle rules/prh.yml -> rules/a.yml -> rules/b.yml -> rules/prh.yml; not followed",
    ]


def test_imports_read_from_disk(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "extra.yml").write_text("rules:\n  - {expected: エクソソーム, pattern: エキソソーム}\n",
                                                encoding="utf-8")
    main = tmp_path / "prh.yml"
    main.write_text("version: 1\nimports: [sub/extra.yml]\n", encoding="utf-8")
    result = IMPORTERS["prh"](main.read_text(encoding="utf-8"), str(main))
    assert _variants(result) == {"エクソソーム": ["エキソソーム"]}


# ---------------------------------------------------------------------------------------- safety


def test_catastrophic_regex_is_skipped_without_running_it(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real_compile = re._compile  # type: ignore[attr-defined]

    def spy(pattern, flags):
        compiled.append(str(getattr(pattern, "pattern", pattern)))
        return real_compile(pattern, flags)

    monkeypatch.setattr(re, "_compile", spy)
    text = "rules:\n  - expected: a\n    patterns:\n      - /(a+)+$/\n      - /(x|xx)+y/\n      - /(a|a?)+b/\n"
    start = time.perf_counter()
    result = _import(text)
    assert time.perf_counter() - start < 0.5
    assert not [p for p in compiled if "a+" in p or "xx" in p or "a?" in p]
    re.search("spy-check", "")  # the spy does see compilations
    assert compiled[-1] == "spy-check"
    assert result.warnings[:3] == [
        "rules/prh.yml:4:9: pattern /(a+)+$/ is not a finite list of spellings; skipped",
        "rules/prh.yml:5:9: pattern /(x|xx)+y/ is not a finite list of spellings; skipped",
        "rules/prh.yml:6:9: pattern /(a|a?)+b/ is not a finite list of spellings; skipped",
    ]
    assert result.concepts == [{"id": "a", "en": {"term": "a"}}]


def test_huge_bounded_repeats_are_refused_quickly() -> None:
    start = time.perf_counter()
    assert expand_pattern("(a{1,60}){1,60}") is None
    assert expand_pattern("a{100000}") is None
    assert expand_pattern("((((a|b){2}){2}){2}){2}") is None
    assert time.perf_counter() - start < 0.5


def test_export_lists_longer_patterns_first_and_never_writes_a_plain_hyphen(tmp_path):
    """prh applies the first matching pattern and checks each spec with them; it also rewrites a plain
    '-' into an escape that JavaScript's u flag rejects."""
    import yaml

    from sphinx_exerkine.formats.prh import export_prh
    from sphinx_exerkine.loader import load_glossary

    path = tmp_path / "g.yaml"
    path.write_text(
        "- id: frailty\n"
        "  ja: {term: フレイル, reading: ふれいる, variants: [フレイルティ, フレイルティー, フレイル-ティ]}\n"
        "  en: {term: frailty}\n"
        "  definition: {ja: 虚弱。, en: Weakness.}\n"
        "  facts: {coined: {year: 2014, source: S}}\n"
        "  sources: [S]\n",
        encoding="utf-8",
    )
    rules = yaml.safe_load(export_prh(load_glossary([str(path)], use_cache=False)))["rules"]
    patterns = rules[0]["patterns"]
    assert sorted(patterns[:2]) == ["/フレイル-ティ/", "フレイルティー"]
    assert patterns[2] == "フレイルティ"
    assert [s["from"] for s in rules[0]["specs"]][2] == "フレイルティ"
