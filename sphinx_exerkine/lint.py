"""The linting core: a text and its format in, findings out. No file system, no printing.

Checks are functions registered in :data:`CHECKS`; each receives the read document and the matches of the
glossary in it and yields findings. Suppression comments and rule selection are applied here, once, for
every check.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, NamedTuple

from .config import Config
from .contradictions import check as check_contradictions
from .finding import Finding, Fix
from .matcher import PREFERRED_KINDS, Match, Matcher
from .model import Glossary
from .positions import LineIndex
from .readers import Document
from .readers.detect import read


class Context(NamedTuple):
    """What a check may look at besides the document."""

    glossary: Glossary
    matcher: Matcher
    config: Config
    path: str
    index: LineIndex

    def finding(self, rule: str, start: int, end: int, message: str, *, term: str | None = None,
                found: str = "", expected: str | None = None, fix: Fix | None = None,
                extra: tuple[tuple[str, str], ...] = ()) -> Finding:
        line, column = self.index.position(start)
        end_line, end_column = self.index.position(end)
        return Finding(path=self.path, line=line, column=column, end_line=end_line, end_column=end_column,
                       rule=rule, severity=self.config.severity_of(rule), message=message, term=term,
                       found=found, expected=expected, fix=fix, start=start, end=end, extra=extra)


Check = Callable[[Document, list[Match], Context], Iterable[Finding]]


def _is_catalogue(doc: Document) -> bool:
    """Translation catalogues (PO, XLIFF) are checked by :mod:`sphinx_exerkine.translation`, imported only
    when one is read."""
    return doc.format in ("po", "xliff") or bool(doc.messages)


def check_term_variants(doc: Document, matches: list[Match], ctx: Context) -> Iterator[Finding]:
    if _is_catalogue(doc):  # translations are matched decoded, next to their source
        from .translation import catalogue_variants

        yield from catalogue_variants(doc, ctx)
        return
    # most matches are terms spelt right: passed over in one comprehension (``Match.is_variant`` inlined)
    for m in [m for m in matches if m.kind not in PREFERRED_KINDS and m.expected is not None]:
        concept = ctx.glossary[m.concept]
        what = "listed variant" if m.kind == "variant" else m.detail or m.kind
        message = f"'{m.found}' is a variant of '{m.expected}' ({what}; {concept.id})"
        # a fix across a line break would also join the lines: only on request
        safe = m.safe_fix and "\n" not in m.found
        yield ctx.finding("term-variant", m.start, m.end, message, term=m.concept, found=m.found,
                          expected=m.expected, fix=Fix(m.start, m.end, m.expected, safe=safe))


def check_translation(doc: Document, matches: list[Match], ctx: Context) -> Iterable[Finding]:
    if not _is_catalogue(doc):
        return ()
    from .translation import check

    return check(doc, matches, ctx)


#: rule id -> check
CHECKS: dict[str, Check] = {
    "term-variant": check_term_variants,
    "definition-contradiction": check_contradictions,
    "translation-mismatch": check_translation,
}


class Linter:
    """The glossary and the configuration, compiled once, applied to many texts."""

    def __init__(self, glossary: Glossary, config: Config | None = None) -> None:
        self.glossary = glossary
        self.config = config or Config()
        self.matcher = Matcher.cached(glossary, tuple(self.config.allow))

    def lint_document(self, doc: Document, path: str = "<text>") -> list[Finding]:
        ctx = Context(self.glossary, self.matcher, self.config, path, LineIndex(doc.text))
        rules = [rule for rule in CHECKS if self.config.rule_enabled(rule)]
        if not rules:
            return []
        if _is_catalogue(doc):
            from .translation import catalogue_matches

            matches = catalogue_matches(doc, ctx)
        else:
            matches = self.matcher.scan(doc.masked)
        findings: list[Finding] = []
        for rule in rules:
            for finding in CHECKS[rule](doc, matches, ctx):
                if not doc.suppressed(finding.line, finding.rule):
                    findings.append(finding)
        findings.sort(key=Finding.sort_key)
        return findings

    def lint_text(self, text: str, fmt: str = "text", path: str = "<text>") -> list[Finding]:
        return self.lint_document(read(text, fmt), path)
