"""Reference documentation generated from the code that defines it: the glossary schema, the rule
registry and the configuration. Each function returns reStructuredText."""

from __future__ import annotations

import re
from dataclasses import MISSING

from .config import options
from .rules import RULES
from .schema import CONCEPT_FIELDS, TISSUES, UNITS, Field, iter_fields

_KIND_TEXT = {
    "str": "text",
    "slug": "ASCII slug",
    "hiragana": "hiragana",
    "year": "year (1800–2100)",
    "number": "number ≥ 0",
    "bool": "true / false",
    "unit": "unit",
    "tissue": "tissue id",
    "map": "mapping",
    "relation": "concept id or {id, source}",
}


def _kind(field: Field) -> str:
    if field.kind == "list":
        item = "mapping" if field.item == "map" else _KIND_TEXT.get(field.item or "str", field.item or "")
        return f"list of {item}"
    return _KIND_TEXT[field.kind]


def _escape(text: str) -> str:
    """Help text as reST: `code` spans become literals, markup characters elsewhere are escaped."""
    out = []
    for part in re.split(r"(`[^`]+`)", text):
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(f"``{part[1:-1]}``")
        else:
            out.append(re.sub(r"([\\*|_])", r"\\\1", part))
    return "".join(out)


def schema_rst() -> str:
    """A table of every key of a concept entry, then the controlled vocabularies."""
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 28 18 10 44",
        "",
        "   * - Key",
        "     - Value",
        "     - Required",
        "     - Meaning",
    ]
    for path, field in iter_fields(CONCEPT_FIELDS):
        example = f" Example: ``{field.example}``" if field.example else ""
        lines += [
            f"   * - ``{path}``",
            f"     - {_kind(field)}",
            f"     - {'yes' if field.required else ''}",
            f"     - {_escape(field.help)}{example}",
        ]
    lines += ["", "Units: " + ", ".join(f"``{u}``" for u in sorted(set(UNITS))) + ".", ""]
    lines += [
        ".. list-table:: Tissue ids for ``facts.origin.tissues``",
        "   :header-rows: 1",
        "",
        "   * - id",
        "     - 日本語",
        "     - English",
    ]
    for tid, (ja, en) in TISSUES.items():
        lines += [f"   * - ``{tid}``", f"     - {ja}", f"     - {en}"]
    return "\n".join(lines) + "\n"


def rules_rst() -> str:
    """One section per rule: what it flags, an example flagged and one not flagged, its fix."""
    lines: list[str] = []
    for rule in RULES.values():
        lines += [
            f".. _rule-{rule.id}:",
            "",
            f"``{rule.id}``",
            "-" * (len(rule.id) + 4),
            "",
            f"{rule.summary} Default severity: **{rule.severity}**.",
            "",
            rule.description,
            "",
            ".. code-block:: text",
            "   :caption: Flagged",
            "",
            f"   {rule.flagged}",
            "",
            ".. code-block:: text",
            "   :caption: Not flagged",
            "",
            f"   {rule.not_flagged}",
            "",
            f"**Fix:** {rule.fix}",
            "",
        ]
    return "\n".join(lines)


def config_rst() -> str:
    """The options of ``[tool.exerkine]`` / ``.exerkine.toml`` with their defaults."""
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 22 22 56",
        "",
        "   * - Option",
        "     - Default",
        "     - Meaning",
    ]
    for f in options():
        default = f.default_factory() if f.default is MISSING else f.default  # type: ignore[misc]
        shown = repr(default).replace("'", '"') if default is not None else "(none)"
        lines += [f"   * - ``{f.name}``", f"     - ``{shown}``",
                  f"     - {_escape(f.metadata['help'])}"]
    return "\n".join(lines) + "\n"
