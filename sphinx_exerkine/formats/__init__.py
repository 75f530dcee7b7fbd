"""Exchange formats: prh (textlint), TBX-Basic and CSV, plus YAML output in the glossary's house style.

Every exporter is a pure function ``Glossary -> str``; every importer is a pure function
``(text, display path) -> ImportResult`` whose concepts are plain YAML-shaped dicts in schema order,
ready for :func:`sphinx_exerkine.formats.yamlout.dump_concepts`. Malformed input raises
:class:`ImportProblem`; data that is usable but incomplete produces warnings.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from ..model import Glossary
from ..schema import CONCEPT_FIELDS, RELATION_FIELDS, Field

__all__ = [
    "EXPORTERS",
    "IMPORTERS",
    "ImportProblem",
    "ImportResult",
    "is_japanese",
    "missing_required",
    "schema_order",
    "slug_for",
]


class ImportProblem(ValueError):
    """Input that cannot be imported; printed as one line ``path:line:column: message``."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        super().__init__(f"{path}:{line}:{column}: {message}")


@dataclass
class ImportResult:
    """What an importer produced: concept data in schema order, and one-line warnings."""

    concepts: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def warning(path: str, line: int, column: int, message: str) -> str:
    """Format a warning the way problems are printed everywhere: ``path:line:column: message``."""
    return f"{path}:{line}:{column}: {message}"


# ------------------------------------------------------------------------------------------- scripts

_JAPANESE = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f々〆〇ー]")


def is_japanese(text: str) -> bool:
    """True when the text contains kana or kanji."""
    return _JAPANESE.search(text) is not None


def slug_for(term: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """An id for a concept known only by a term: a slug of an ASCII term, else ``term-<8 hex>``.

    A numeric suffix keeps the id apart from those in ``taken``.
    """
    ascii_form = unicodedata.normalize("NFKC", term)
    base = ""
    if ascii_form.isascii():
        base = re.sub(r"[^a-z0-9]+", "-", ascii_form.lower()).strip("-")
    if not base:
        base = "term-" + hashlib.sha256(term.encode("utf-8")).hexdigest()[:8]
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# ------------------------------------------------------------------------------------------- schema


def schema_order(data: dict, fields: tuple[Field, ...] = CONCEPT_FIELDS) -> dict:
    """The same mapping with keys in schema order (nested mappings too); unknown keys go last."""
    out: dict = {}
    for spec in fields:
        if spec.name in data:
            out[spec.name] = _ordered_value(data[spec.name], spec)
    for key, value in data.items():
        if key not in out:
            out[key] = value
    return out


def _ordered_value(value, spec: Field):
    if spec.kind == "map" and isinstance(value, dict):
        return schema_order(value, spec.fields)
    if spec.kind == "list" and isinstance(value, list):
        sub = spec.fields or (RELATION_FIELDS if spec.item == "relation" else ())
        return [schema_order(v, sub) if isinstance(v, dict) and sub else v for v in value]
    return value


#: what a concept needs before the loader accepts it, as dotted paths
_REQUIRED = ("ja.term", "ja.reading", "en.term", "definition.ja", "definition.en", "facts", "sources")


def missing_required(concept: dict) -> list[str]:
    """The required fields (dotted paths) a concept still lacks."""
    missing = []
    for path in _REQUIRED:
        node = concept
        for step in path.split("."):
            node = node.get(step) if isinstance(node, dict) else None
        if node is None:
            missing.append(path)
    return missing


def missing_warning(path: str, line: int, column: int, concept: dict) -> str | None:
    """One warning naming every required field a concept lacks, or None when it is complete."""
    missing = missing_required(concept)
    if not missing:
        return None
    return warning(path, line, column,
                   f"concept '{concept['id']}' still needs {', '.join(missing)} before the glossary accepts it")


# --------------------------------------------------------------------------------------- registries

from . import csv as _csv  # noqa: E402  (the format modules import the names above)
from . import prh as _prh  # noqa: E402
from . import tbx as _tbx  # noqa: E402

#: format name -> exporter
EXPORTERS: dict[str, Callable[[Glossary], str]] = {
    "prh": _prh.export_prh,
    "tbx": _tbx.export_tbx,
    "csv": _csv.export_csv,
}

#: format name -> importer taking (text, display path)
IMPORTERS: dict[str, Callable[[str, str], ImportResult]] = {
    "prh": _prh.import_prh,
    "tbx": _tbx.import_tbx,
    "csv": _csv.import_csv,
}
