from __future__ import annotations

import io
import json

import pytest

from sphinx_exerkine.finding import Finding, Fix
from sphinx_exerkine.output import (
    SARIF_SCHEMA,
    RuleMeta,
    Summary,
    format_github,
    format_json,
    format_sarif,
    format_summary,
    format_text,
    summarize,
)
from sphinx_exerkine.progress import Progress, progress_wanted

RULES = {
    "term-variant": ("Variant spelling of a glossary term", "A term is written in a form the glossary lists as a variant.", "warning"),
    "definition-contradiction": RuleMeta("Definition contradicts the glossary", "A sentence defines a term differently.", "error", "https://example.org/rules/dc"),
    "style-hint": ("Style hint", "A softer suggestion.", "info"),
}


def _finding(**changes: object) -> Finding:
    base: dict = dict(
        path="docs/ja/intro.md",
        line=3,
        column=5,
        end_line=3,
        end_column=11,
        rule="term-variant",
        severity="warning",
        message="「エキソソーム」は「エクソソーム」と書きます",
        term="exosome",
        found="エキソソーム",
        expected="エクソソーム",
        fix=Fix(40, 46, "エクソソーム"),
        start=40,
        end=46,
    )
    base.update(changes)
    return Finding(**base)


FINDINGS = [
    _finding(path="docs/z.md", line=1, column=1, end_line=1, end_column=8, rule="definition-contradiction",
             severity="error", message="EV is defined as 'exosome' here", fix=None,
             term="extracellular-vesicle", found="EV = exosome", expected=None, start=0, end=7),
    _finding(),
    _finding(line=7, column=2, end_line=7, end_column=5, found="ＥＶ", expected="EV", message="ＥＶ → EV",
             fix=Fix(90, 92, "EV", safe=False), start=90, end=92, term="extracellular-vesicle"),
    _finding(path="docs/en/intro.md", line=2, column=1, end_line=3, end_column=4,
             rule="style-hint", severity="info", message="consider 'myokine'", fix=None,
             found="myo-\nkine", expected="myokine", term="myokine", start=10, end=19),
]


# -- text -----------------------------------------------------------------------------------------


def test_text_golden() -> None:
    assert format_text(FINDINGS) == (
        "docs/en/intro.md:2:1: style-hint consider 'myokine'\n"
        "docs/ja/intro.md:3:5: term-variant [*] 「エキソソーム」は「エクソソーム」と書きます\n"
        "docs/ja/intro.md:7:2: term-variant ＥＶ → EV\n"
        "docs/z.md:1:1: definition-contradiction EV is defined as 'exosome' here\n"
    )


def test_text_keeps_one_line_per_finding() -> None:
    assert format_text([_finding(message="two\nlines\r\nhere")]).count("\n") == 1


def test_text_empty() -> None:
    assert format_text([]) == ""


def test_summarize_counts() -> None:
    summary = summarize(FINDINGS, files_checked=5, errors=1)
    assert summary == Summary(
        files_checked=5,
        findings=4,
        by_rule={"definition-contradiction": 1, "style-hint": 1, "term-variant": 2},
        fixable=1,
        unsafe_fixable=1,
        fixed=0,
        errors=1,
    )


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        (Summary(files_checked=3, findings=0), "No problems found in 3 files.\n"),
        (Summary(files_checked=1, findings=0), "No problems found in 1 file.\n"),
        (Summary(files_checked=2, findings=3, fixable=2), "Found 3 problems (2 fixable with --fix).\n"),
        (Summary(files_checked=2, findings=1), "Found 1 problem.\n"),
        (
            Summary(files_checked=2, findings=4, fixable=2, unsafe_fixable=1),
            "Found 4 problems (2 fixable with --fix, 1 more with --unsafe-fixes).\n",
        ),
        (
            Summary(files_checked=2, findings=1, unsafe_fixable=1),
            "Found 1 problem (1 with --unsafe-fixes).\n",
        ),
        (Summary(files_checked=2, findings=2, fixed=3), "Found 5 problems (3 fixed, 2 remaining).\n"),
        (Summary(files_checked=2, findings=0, fixed=1), "Found 1 problem (1 fixed, 0 remaining).\n"),
        (
            Summary(files_checked=2, findings=0, errors=1),
            "No problems found in 2 files. 1 file could not be read and was skipped.\n",
        ),
        (
            Summary(files_checked=0, findings=0, errors=2),
            "No problems found in 0 files. 2 files could not be read and were skipped.\n",
        ),
    ],
)
def test_summary_line(summary: Summary, line: str) -> None:
    assert format_summary(summary) == line


# -- JSON -----------------------------------------------------------------------------------------


def test_json_shape() -> None:
    summary = summarize(FINDINGS, files_checked=5, errors=1)
    data = json.loads(format_json(FINDINGS, summary))
    assert set(data) == {"findings", "summary"}
    assert set(data["summary"]) == {
        "files_checked", "findings", "by_rule", "fixable", "unsafe_fixable", "fixed", "errors",
    }
    assert data["summary"]["files_checked"] == 5
    assert data["summary"]["findings"] == 4
    assert data["summary"]["by_rule"] == {"definition-contradiction": 1, "style-hint": 1, "term-variant": 2}
    assert data["summary"]["fixable"] == 1
    assert data["summary"]["errors"] == 1
    documented = {
        "path", "line", "column", "end_line", "end_column", "rule", "severity", "message",
        "term", "found", "expected",
    }
    for item in data["findings"]:
        assert documented <= set(item)
    assert [item["path"] for item in data["findings"]] == [
        "docs/en/intro.md", "docs/ja/intro.md", "docs/ja/intro.md", "docs/z.md",
    ]
    fixed = data["findings"][1]
    assert fixed["fix"] == {"replacement": "エクソソーム", "safe": True}
    assert "fix" not in data["findings"][0]


def test_json_keeps_japanese_readable() -> None:
    out = format_json([_finding()], summarize([_finding()], files_checked=1))
    assert "エクソソーム" in out
    assert out.endswith("}\n")


def test_json_empty() -> None:
    data = json.loads(format_json([], summarize([], files_checked=0)))
    assert data["findings"] == [] and data["summary"]["findings"] == 0


# -- SARIF ----------------------------------------------------------------------------------------


def _sarif(findings: list[Finding] = FINDINGS, **kwargs: object) -> dict:
    return json.loads(format_sarif(findings, RULES, "0.1.0", **kwargs))


def _check_region(region: dict) -> None:
    for key in ("startLine", "startColumn", "endLine", "endColumn"):
        assert isinstance(region[key], int) and region[key] >= 1
    assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])


def test_sarif_log_structure() -> None:
    log = _sarif()
    assert log["$schema"] == SARIF_SCHEMA
    assert log["version"] == "2.1.0"
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "exerkine"
    assert driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == sorted(RULES)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["helpUri"].startswith("https://")
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note", "none"}
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert by_id["definition-contradiction"]["helpUri"] == "https://example.org/rules/dc"
    assert by_id["style-hint"]["defaultConfiguration"]["level"] == "note"
    assert by_id["definition-contradiction"]["defaultConfiguration"]["level"] == "error"

    assert len(run["results"]) == len(FINDINGS)
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not physical["artifactLocation"]["uri"].startswith("/")
        _check_region(physical["region"])
        fingerprints = result["partialFingerprints"]
        assert fingerprints and all(isinstance(v, str) for v in fingerprints.values())


def test_sarif_levels_regions_and_fixes() -> None:
    results = _sarif()["runs"][0]["results"]
    levels = [result["level"] for result in results]
    assert levels == ["note", "warning", "warning", "error"]
    safe = results[1]
    assert safe["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 11, "snippet": {"text": "エキソソーム"},
    }
    (fix,) = safe["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "docs/ja/intro.md", "uriBaseId": "%SRCROOT%"}
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"] == {"text": "エクソソーム"}
    _check_region(replacement["deletedRegion"])
    assert fix["description"]["text"]
    assert "(unsafe)" in results[2]["fixes"][0]["description"]["text"]
    assert "fixes" not in results[0]


def test_sarif_fix_on_another_span_uses_character_offsets() -> None:
    finding = _finding(fix=Fix(38, 46, "のエクソソーム"))
    (result,) = _sarif([finding])["runs"][0]["results"]
    deleted = result["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    assert deleted == {"charOffset": 38, "charLength": 8}


def test_sarif_fingerprints_are_stable_and_distinct() -> None:
    one = _finding()
    moved = _finding(line=30, end_line=30, start=400, end=406, fix=Fix(400, 406, "エクソソーム"))
    first = _sarif([one])["runs"][0]["results"][0]["partialFingerprints"]
    second = _sarif([moved])["runs"][0]["results"][0]["partialFingerprints"]
    assert first == second  # moving lines keeps the fingerprint
    both = _sarif([one, moved])["runs"][0]["results"]
    assert both[0]["partialFingerprints"] != both[1]["partialFingerprints"]


def test_sarif_unknown_rule_gets_an_entry() -> None:
    finding = _finding(rule="translation-mismatch", severity="error")
    run = _sarif([finding])["runs"][0]
    (result,) = run["results"]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "translation-mismatch"


def test_sarif_paths() -> None:
    findings = [
        _finding(path="./docs/ja/運動 1.md"),
        _finding(path="/repo/docs/a.md"),
        _finding(path="/elsewhere/b.md"),
    ]
    run = _sarif(findings, srcroot="/repo")["runs"][0]
    locations = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: result["locations"][0]["physicalLocation"]["artifactLocation"]
        for result in run["results"]
    }
    assert locations["docs/ja/%E9%81%8B%E5%8B%95%201.md"]["uriBaseId"] == "%SRCROOT%"
    assert locations["docs/a.md"]["uriBaseId"] == "%SRCROOT%"
    assert "uriBaseId" not in locations["file:///elsewhere/b.md"]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///repo/"}}


def test_sarif_accepts_registry_entries() -> None:
    from sphinx_exerkine.rules import RULES as REGISTRY

    driver = json.loads(format_sarif([_finding()], REGISTRY, "0.1.0"))["runs"][0]["tool"]["driver"]
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    entry = REGISTRY["term-variant"]
    assert by_id["term-variant"]["shortDescription"]["text"] == entry.summary
    assert by_id["term-variant"]["fullDescription"]["text"] == entry.description


def test_sarif_without_results_is_still_valid() -> None:
    run = _sarif([])["runs"][0]
    assert run["results"] == []
    assert len(run["tool"]["driver"]["rules"]) == len(RULES)


# -- GitHub ---------------------------------------------------------------------------------------


def test_github_golden() -> None:
    assert format_github(FINDINGS) == (
        "::notice file=docs/en/intro.md,line=2,endLine=3,title=style-hint::consider 'myokine'\n"
        "::warning file=docs/ja/intro.md,line=3,col=5,endLine=3,endColumn=11,title=term-variant::"
        "「エキソソーム」は「エクソソーム」と書きます\n"
        "::warning file=docs/ja/intro.md,line=7,col=2,endLine=7,endColumn=5,title=term-variant::ＥＶ → EV\n"
        "::error file=docs/z.md,line=1,col=1,endLine=1,endColumn=8,title=definition-contradiction::"
        "EV is defined as 'exosome' here\n"
    )


def test_github_escaping() -> None:
    finding = _finding(
        path="docs/a,b:c%.md",
        rule="term:variant,x",
        message="100% sure:\r\nline two, really",
    )
    out = format_github([finding])
    assert out == (
        "::warning file=docs/a%2Cb%3Ac%25.md,line=3,col=5,endLine=3,endColumn=11,"
        "title=term%3Avariant%2Cx::100%25 sure:%0D%0Aline two, really\n"
    )
    assert out.count("\n") == 1


# -- progress -------------------------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_renders_and_clears() -> None:
    stream = io.StringIO()
    clock = _Clock()
    with Progress(456, True, stream=stream, width=10, clock=clock) as bar:
        bar.update(123)
        assert stream.getvalue() == "\r[##........] 123/456 files"
        clock.now = 0.05
        bar.advance()  # too soon: not drawn
        assert stream.getvalue().count("\r[") == 1
        clock.now = 0.2
        bar.update(456)
        assert stream.getvalue().endswith("\r[##########] 456/456 files")
    assert stream.getvalue().endswith("\r" + " " * len("[##########] 456/456 files") + "\r")


def test_disabled_progress_writes_nothing() -> None:
    stream = io.StringIO()
    with Progress(10, False, stream=stream) as bar:
        for _ in range(10):
            bar.advance()
    assert stream.getvalue() == ""
    with Progress(0, True, stream=stream) as bar:
        bar.advance()
    assert stream.getvalue() == ""


def test_progress_wanted() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert progress_wanted(quiet=False, output_format="text", stream=Tty())
    assert not progress_wanted(quiet=True, output_format="text", stream=Tty())
    assert not progress_wanted(quiet=False, output_format="json", stream=Tty())
    assert not progress_wanted(quiet=False, output_format="text", stream=io.StringIO())
