"""Linter findings as Sphinx warnings.

Each finding becomes a warning with ``location=(docname, line)``, ``type="exerkine"`` and
``subtype=<rule id>``, so ``suppress_warnings = ["exerkine.term-variant"]`` silences one rule and ``-W``
turns findings into a failed build.

What is linted is what readers see:

* the source text of each document, captured on ``source-read`` and read by the linter's reader for its
  format (suppression comments and exact lines included);
* in a translated build, the paragraphs, titles ... that the ``Locale`` transform replaced by their
  translation: findings of the source text inside them are dropped, and the translated text is linted
  instead, reported at the line of the original paragraph;
* a source format without a reader (e.g. a parser of another extension): the prose of the doctree;
* files pulled in with ``.. include::`` (``include-read``), reported at their own path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..readers import Document
from ..readers.errors import ReadError
from .incremental import note_dependent
from .runtime import Runtime, collector_paused, get_runtime
from .nodes import exerkine_glossary
from .textscan import collect

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..finding import Finding

logger = logging.getLogger(__name__)

WARNING_TYPE = "exerkine"
_SOURCE_KEY = "exerkine_source"
#: Sphinx file types (values of ``source_suffix``) the linter reads itself, and its reader for each; other
#: sources are linted from the doctree
SOURCE_FORMATS = {"restructuredtext": "rst", "markdown": "markdown"}
#: text elements that are not prose, whether translated or not
NOT_PROSE = (nodes.FixedTextElement, nodes.Invisible, nodes.Special, nodes.Referential)


def _document_data(env: BuildEnvironment) -> Any:
    """Per-document scratch space (``env.current_document`` since Sphinx 8.2)."""
    current = getattr(env, "current_document", None)
    return current if current is not None else env.temp_data


def report(finding: Finding, location: Any) -> None:
    logger.warning(finding.message, location=location, type=WARNING_TYPE, subtype=finding.rule)


def capture_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: keep the text as read from the file for :class:`LintTransform`."""
    if get_runtime(app.env).lint:
        _document_data(app.env)[_SOURCE_KEY] = source[0]


def lint_included(app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]) -> None:
    """``include-read``: lint an included reST file at its own path."""
    runtime = get_runtime(app.env)
    if not runtime.lint:
        return
    note_dependent(app.env, parent_docname)
    path = Path(app.srcdir) / relative_path
    for finding in runtime.linter.lint_text(content[0], "rst", str(path)):
        report(finding, f"{path}:{finding.line}")


def source_format(env: BuildEnvironment, docname: str) -> str | None:
    """The linter's reader for a document's source, from the file type Sphinx parses it as."""
    suffixes = env.config.source_suffix
    path = str(env.doc2path(docname))
    if isinstance(suffixes, dict):
        for suffix, filetype in sorted(suffixes.items(), key=lambda item: -len(item[0])):
            if path.endswith(suffix):
                return SOURCE_FORMATS.get(filetype)
    return "rst" if path.endswith(".rst") else None


def _lint_source(runtime: Runtime, text: str, fmt: str, docname: str) -> list[Finding] | None:
    try:
        return runtime.linter.lint_text(text, fmt, docname)
    except (ImportError, ReadError):  # no reader in this installation, or a source it cannot read
        return None


def _lint_element(runtime: Runtime, element: nodes.Element, docname: str) -> list[Finding]:
    """Lint the prose of one doctree element (its literals, references ... masked); lines are relative
    to the element's first line."""
    scan = collect(element, keep_newlines=True)
    if not scan.nodes:
        return []
    return runtime.linter.lint_document(Document(scan.text, scan.text, "text"), docname)


def _line_of(element: nodes.Element) -> int | None:
    node: nodes.Node | None = element
    while node is not None:
        if node.line:
            return node.line
        node = node.parent
    return None


def _span(element: nodes.Element) -> tuple[int, int] | None:
    """First and last source line of a translated element (from its untranslated raw source)."""
    line = _line_of(element)
    if line is None:
        return None
    return line, line + max(element.rawsource.count("\n"), 0)


class LintTransform(SphinxTransform):
    # after Locale (20): translated text is in place
    default_priority = 690

    def apply(self, **kwargs: object) -> None:
        runtime = get_runtime(self.env)
        if not runtime.lint:
            return
        try:
            with collector_paused():
                self._lint(runtime)
        except Exception as exc:  # a failure of the linter must not stop the build: report it
            logger.warning("exerkine: could not lint this document: %s: %s", type(exc).__name__, exc,
                           location=self.env.docname, type=WARNING_TYPE, subtype="internal")

    def _lint(self, runtime: Runtime) -> None:
        docname = self.env.docname
        data = _document_data(self.env)
        source = data.get(_SOURCE_KEY)
        if source is not None:
            del data[_SOURCE_KEY]
        fmt = source_format(self.env, docname)
        found = None
        if source is not None and fmt is not None:
            found = _lint_source(runtime, source, fmt, docname)
        located: list[tuple[int | None, Finding]]
        if found is None:
            located = self._lint_doctree(runtime, docname)
        else:
            located = self._merge_translations(runtime, docname, found)
        for line, finding in sorted(located, key=lambda item: (item[0] or 0, item[1].column, item[1].rule)):
            report(finding, (docname, line) if line else docname)

    def _translated(self) -> list[nodes.Element]:
        return [
            node for node in self.document.findall(nodes.TextElement)
            if node.get("translated") and not isinstance(node, NOT_PROSE)
        ]

    def _merge_translations(self, runtime: Runtime, docname: str,
                            found: list[Finding]) -> list[tuple[int | None, Finding]]:
        translated = self._translated()
        if not translated:
            return [(f.line, f) for f in found]
        spans = [span for span in map(_span, translated) if span is not None]
        located: list[tuple[int | None, Finding]] = [
            (f.line, f) for f in found if not any(a <= f.line <= b for a, b in spans)
        ]
        for element in translated:
            line = _line_of(element)
            located.extend((line, f) for f in _lint_element(runtime, element, docname))
        return located

    def _lint_doctree(self, runtime: Runtime, docname: str) -> list[tuple[int | None, Finding]]:
        located: list[tuple[int | None, Finding]] = []
        for element in self.document.findall(nodes.TextElement):
            if isinstance(element.parent, nodes.TextElement) or isinstance(element, NOT_PROSE):
                continue
            if any(isinstance(a, exerkine_glossary) for a in _ancestors(element)):
                continue
            line = _line_of(element)
            for f in _lint_element(runtime, element, docname):
                located.append((line + f.line - 1 if line else None, f))
        return located


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found
