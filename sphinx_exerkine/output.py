"""Formatters: findings to text, JSON, SARIF 2.1.0 and GitHub workflow commands.

All functions are pure and return strings (ending with a newline when not empty); the caller
decides where to print them. Findings are sorted with :meth:`Finding.sort_key` so that output is
stable whatever order the files were checked in.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from types import MappingProxyType
from typing import NamedTuple
from urllib.parse import quote

from .finding import Finding, Fix

__all__ = [
    "DEFAULT_INFORMATION_URI",
    "SARIF_SCHEMA",
    "RuleMeta",
    "Summary",
    "format_github",
    "format_json",
    "format_sarif",
    "format_summary",
    "format_text",
    "summarize",
]

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
DEFAULT_INFORMATION_URI = "https://pypi.org/project/sphinx-exerkine/"
TOOL_NAME = "exerkine"
FINGERPRINT_KEY = "exerkine/v1"

_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


class RuleMeta(NamedTuple):
    """What formatters need to know about a rule. A plain 3-tuple is accepted too."""

    short: str
    full: str
    severity: str
    help_uri: str | None = None


class Summary(NamedTuple):
    """Counts over one run, for the last line of text output and the JSON ``summary`` object."""

    #: files read and checked (files that could not be read are not included)
    files_checked: int
    #: findings reported (in ``--fix`` mode: those that remain after fixing)
    findings: int
    #: findings reported, per rule id
    by_rule: Mapping[str, int] = MappingProxyType({})
    #: reported findings with a safe fix
    fixable: int = 0
    #: reported findings whose fix is unsafe
    unsafe_fixable: int = 0
    #: fixes applied in ``--fix`` mode
    fixed: int = 0
    #: files that could not be read (missing, binary, undecodable, too large)
    errors: int = 0

    def as_dict(self) -> dict:
        return {
            "files_checked": self.files_checked,
            "findings": self.findings,
            "by_rule": dict(sorted(self.by_rule.items())),
            "fixable": self.fixable,
            "unsafe_fixable": self.unsafe_fixable,
            "fixed": self.fixed,
            "errors": self.errors,
        }


def summarize(
    findings: Iterable[Finding], *, files_checked: int, errors: int = 0, fixed: int = 0
) -> Summary:
    """Count ``findings`` (the ones that will be reported) into a :class:`Summary`."""
    by_rule: Counter[str] = Counter()
    fixable = unsafe_fixable = 0
    for finding in findings:
        by_rule[finding.rule] += 1
        if finding.fix is not None:
            if finding.fix.safe:
                fixable += 1
            else:
                unsafe_fixable += 1
    return Summary(
        files_checked=files_checked,
        findings=sum(by_rule.values()),
        by_rule=dict(sorted(by_rule.items())),
        fixable=fixable,
        unsafe_fixable=unsafe_fixable,
        fixed=fixed,
        errors=errors,
    )


# -- text -----------------------------------------------------------------------------------------


def format_text(findings: Iterable[Finding]) -> str:
    """One line per finding: ``path:line:col: rule [*] message``.

    ``[*]`` marks findings that ``--fix`` can fix (a safe fix exists).
    """
    lines = []
    for finding in _sorted(findings):
        marker = " [*]" if finding.fix is not None and finding.fix.safe else ""
        lines.append(
            f"{finding.path}:{finding.line}:{finding.column}: {finding.rule}{marker} "
            f"{_one_line(finding.message)}\n"
        )
    return "".join(lines)


def format_summary(summary: Summary) -> str:
    """The closing line of text output, e.g. ``Found 3 problems (2 fixable with --fix).``"""
    if summary.findings == 0 and summary.fixed == 0:
        text = f"No problems found in {_plural(summary.files_checked, 'file')}."
    elif summary.fixed:
        total = summary.findings + summary.fixed
        text = (
            f"Found {_plural(total, 'problem')} "
            f"({summary.fixed} fixed, {summary.findings} remaining)."
        )
    else:
        hints = []
        if summary.fixable:
            hints.append(f"{summary.fixable} fixable with --fix")
        if summary.unsafe_fixable:
            more = " more" if summary.fixable else ""
            hints.append(f"{summary.unsafe_fixable}{more} with --unsafe-fixes")
        detail = f" ({', '.join(hints)})" if hints else ""
        text = f"Found {_plural(summary.findings, 'problem')}{detail}."
    if summary.errors:
        verb = "was" if summary.errors == 1 else "were"
        text += f" {_plural(summary.errors, 'file')} could not be read and {verb} skipped."
    return text + "\n"


# -- JSON -----------------------------------------------------------------------------------------


def format_json(findings: Iterable[Finding], summary: Summary) -> str:
    """``{"findings": [...], "summary": {...}}`` with :meth:`Finding.as_dict` for each finding."""
    # One finding per line: as easy to read and to diff as an indented document, and written by the
    # json module's C encoder (which an ``indent`` would switch off) -- thousands of findings stay quick.
    encode = _compact_encoder()
    items = ",\n".join("    " + encode(finding.as_dict()) for finding in _sorted(findings))
    body = f"[\n{items}\n  ]" if items else "[]"
    return f'{{\n  "findings": {body},\n  "summary": {encode(summary.as_dict())}\n}}\n'


def _compact_encoder():
    """``json.dumps(obj, ensure_ascii=False)`` for many small objects: the C encoder is made once
    (``JSONEncoder.encode`` makes a new one for every call)."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    iterencode = make(None, encoder.default, json.encoder.encode_basestring, None, encoder.key_separator,
                      encoder.item_separator, False, False, True)
    return lambda obj: "".join(iterencode(obj, 0))


# -- SARIF ----------------------------------------------------------------------------------------


def format_sarif(
    findings: Iterable[Finding],
    rules_meta: Mapping[str, object],
    tool_version: str,
    *,
    information_uri: str = DEFAULT_INFORMATION_URI,
    srcroot: str | None = None,
) -> str:
    """A SARIF 2.1.0 log with one run.

    ``rules_meta`` maps rule ids to ``(short description, full description, default severity)``
    (optionally a fourth item, the help URI), or to objects with ``summary``, ``description`` and
    ``severity`` attributes such as the entries of the rule registry. Rules that appear in findings but not in
    ``rules_meta`` get a minimal entry so that every ``ruleIndex`` is valid. Relative paths are
    written relative to ``%SRCROOT%``; absolute paths are made relative to ``srcroot`` when they lie
    under it, otherwise written as ``file:`` URIs.
    """
    ordered = _sorted(findings)
    metas = {rule: _as_meta(meta) for rule, meta in rules_meta.items()}
    for finding in ordered:
        metas.setdefault(
            finding.rule, RuleMeta(finding.rule, finding.rule, finding.severity)
        )
    rule_ids = sorted(metas)
    index = {rule: position for position, rule in enumerate(rule_ids)}

    occurrences: Counter[str] = Counter()
    results = []
    for finding in ordered:
        location = _artifact_location(finding.path, srcroot)
        key = _fingerprint_key(finding, location["uri"])
        occurrences[key] += 1
        results.append(
            _sarif_result(finding, index[finding.rule], location, f"{key}:{occurrences[key]}")
        )

    run: dict = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "informationUri": information_uri,
                "version": tool_version,
                "rules": [_sarif_rule(rule, metas[rule], information_uri) for rule in rule_ids],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if srcroot is not None and PurePath(srcroot).is_absolute():
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": PurePath(srcroot).as_uri().rstrip("/") + "/"}}
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _as_meta(meta: object) -> RuleMeta:
    if isinstance(meta, tuple):
        return RuleMeta(*meta)
    return RuleMeta(
        getattr(meta, "summary"),
        getattr(meta, "description"),
        getattr(meta, "severity"),
        getattr(meta, "help_uri", None),
    )


def _sarif_rule(rule: str, meta: RuleMeta, information_uri: str) -> dict:
    return {
        "id": rule,
        "name": _rule_name(rule),
        "shortDescription": {"text": meta.short},
        "fullDescription": {"text": meta.full},
        "helpUri": meta.help_uri or f"{information_uri}#{rule}",
        "defaultConfiguration": {"level": _SARIF_LEVELS.get(meta.severity, "warning")},
    }


def _sarif_result(finding: Finding, rule_index: int, location: dict, fingerprint: str) -> dict:
    region = _region(finding)
    if finding.found:
        region["snippet"] = {"text": finding.found}
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if finding.fix is not None:
        result["fixes"] = [_sarif_fix(finding, finding.fix, location)]
    properties = {
        name: value
        for name, value in (("term", finding.term), ("expected", finding.expected))
        if value is not None
    }
    # "tags" is reserved by SARIF for a list of strings
    properties.update((name, value) for name, value in finding.extra if name != "tags")
    if properties:
        result["properties"] = properties
    return result


def _sarif_fix(finding: Finding, fix: Fix, location: dict) -> dict:
    if (fix.start, fix.end) == (finding.start, finding.end):
        deleted = _region(finding)
    else:
        # the fix covers another span than the finding: describe it by character offsets
        deleted = {"charOffset": fix.start, "charLength": fix.end - fix.start}
    description = f"Replace with {fix.replacement!r}" if fix.replacement else "Delete"
    if not fix.safe:
        description += " (unsafe)"
    return {
        "description": {"text": description},
        "artifactChanges": [
            {
                "artifactLocation": dict(location),
                "replacements": [
                    {"deletedRegion": deleted, "insertedContent": {"text": fix.replacement}}
                ],
            }
        ],
    }


def _region(finding: Finding) -> dict:
    return {
        "startLine": max(1, finding.line),
        "startColumn": max(1, finding.column),
        "endLine": max(1, finding.end_line, finding.line),
        "endColumn": max(1, finding.end_column),
    }


def _artifact_location(path: str, srcroot: str | None) -> dict:
    pure = PurePath(path)
    if pure.is_absolute():
        if srcroot is not None:
            try:
                pure = pure.relative_to(srcroot)
            except ValueError:
                return {"uri": pure.as_uri()}
        else:
            return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def _fingerprint_key(finding: Finding, uri: str) -> str:
    # stable when lines move: location is left out, repeats are told apart by their ordinal
    parts = (finding.rule, uri, finding.term or "", finding.found, finding.expected or "")
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def _rule_name(rule: str) -> str:
    return "".join(part.capitalize() for part in rule.replace("_", "-").split("-"))


# -- GitHub workflow commands ---------------------------------------------------------------------


def format_github(findings: Iterable[Finding]) -> str:
    """One ``::warning file=...,line=...::message`` workflow command per finding.

    ``col`` and ``endColumn`` are only given for findings on a single line, as GitHub ignores
    columns on multi-line annotations.
    """
    lines = []
    for finding in _sorted(findings):
        level = _GITHUB_LEVELS.get(finding.severity, "warning")
        props = [("file", finding.path), ("line", str(finding.line))]
        if finding.end_line == finding.line:
            props += [
                ("col", str(finding.column)),
                ("endLine", str(finding.end_line)),
                ("endColumn", str(finding.end_column)),
            ]
        else:
            props.append(("endLine", str(finding.end_line)))
        props.append(("title", finding.rule))
        rendered = ",".join(f"{name}={_escape_property(value)}" for name, value in props)
        lines.append(f"::{level} {rendered}::{_escape_data(finding.message)}\n")
    return "".join(lines)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


# -- helpers --------------------------------------------------------------------------------------


def _sorted(findings: Iterable[Finding]) -> Sequence[Finding]:
    return sorted(findings, key=Finding.sort_key)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")
