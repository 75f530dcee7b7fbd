"""Parsing glossary YAML files into plain data, checked against the schema node by node.

Parsing keeps YAML nodes (with their line/column marks) so that every problem is reported as one line
``file:line:column: message``. Only plain scalars, sequences and mappings are accepted: no tags, no object
construction.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml

from .loader import YEAR_RANGE, HIRAGANA, SLUG, GlossaryProblem
from .model import Location
from .schema import CONCEPT_FIELDS, RELATION_FIELDS, TISSUES, UNITS, Field

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _scalar_value(node: yaml.ScalarNode):
    tag = node.tag
    value = node.value
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:int":
        digits = value.replace("_", "")
        try:
            return int(digits, 0)
        except ValueError:
            return int(digits, 10)
    if tag == "tag:yaml.org,2002:float":
        return float(value.replace("_", ""))
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on", "y")
    if tag == "tag:yaml.org,2002:null":
        return None
    return value


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


class _Validator:
    """Walks the YAML node tree of one file against the schema, collecting problems and plain data."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[GlossaryProblem] = []

    def problem(self, node: yaml.Node, message: str) -> None:
        line, column = _mark(node)
        self.problems.append(GlossaryProblem(self.path, line, column, message))

    def concepts(self, root: yaml.Node | None) -> list[tuple[dict, Location, yaml.MappingNode]]:
        if root is None:
            return []
        if not isinstance(root, yaml.SequenceNode):
            self.problem(root, "a glossary file holds a list of concepts (each item starting with '- id: ...')")
            return []
        out = []
        for item in root.value:
            if not isinstance(item, yaml.MappingNode):
                self.problem(item, "each concept is a mapping with id, ja, en, definition, facts, sources")
                continue
            data = self.mapping(item, CONCEPT_FIELDS, "concept")
            if data is not None and "id" in data:
                line, column = _mark(item)
                out.append((data, Location(self.path, line, column), item))
        return out

    def mapping(self, node: yaml.Node, fields: tuple[Field, ...], where: str) -> dict | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{where}: expected a mapping")
            return None
        by_name = {f.name: f for f in fields}
        data: dict = {}
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problem(key_node, f"{where}: keys must be plain names")
                continue
            if key in seen:
                self.problem(key_node, f"{where}: duplicate key '{key}'")
                continue
            seen.add(key)
            spec = by_name.get(key)
            if spec is None:
                hint = difflib.get_close_matches(key, list(by_name), n=1, cutoff=0.6)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                allowed = ", ".join(by_name)
                self.problem(key_node, f"{where}: unknown key '{key}'{suggestion}; allowed: {allowed}")
                continue
            value = self.value(value_node, spec, f"{where}.{key}")
            if value is not None:
                data[key] = value
        for spec in fields:
            if spec.required and spec.name not in seen:
                self.problem(node, f"{where}: missing required key '{spec.name}'")
        return data

    def value(self, node: yaml.Node, spec: Field, where: str):
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            self.problem(node, f"{where}: YAML tags such as {node.tag} are not allowed")
            return None
        kind = spec.kind
        if kind == "map":
            return self.mapping(node, spec.fields, where)
        if kind == "list":
            if not isinstance(node, yaml.SequenceNode):
                self.problem(node, f"{where}: expected a list")
                return None
            items = []
            for item in node.value:
                if spec.item == "map":
                    value = self.mapping(item, spec.fields, f"{where}[]")
                else:
                    value = self.scalar(item, spec.item or "str", f"{where}[]")
                if value is not None:
                    items.append(value)
            return items
        return self.scalar(node, kind, where)

    def scalar(self, node: yaml.Node, kind: str, where: str):
        if kind == "relation" and isinstance(node, yaml.MappingNode):
            return self.mapping(node, RELATION_FIELDS, where)
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{where}: expected a single value, not a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
            return None
        if node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                            "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"):
            self.problem(node, f"{where}: YAML tags such as {node.tag} are not allowed")
            return None
        try:
            value = _scalar_value(node)
        except ValueError:
            self.problem(node, f"{where}: malformed number '{node.value}'")
            return None
        if value is None or value == "":
            self.problem(node, f"{where}: empty value")
            return None
        if kind in ("str", "slug", "hiragana", "unit", "tissue", "relation"):
            if not isinstance(value, str):
                value = node.value  # 2003 written for a name: keep the text as written
            value = value.strip()
        if kind in ("slug", "relation") and not SLUG.match(value):
            self.problem(node, f"{where}: '{value}' is not an ASCII slug (lowercase letters, digits, '-')")
            return None
        if kind == "hiragana" and not HIRAGANA.match(value):
            bad = next((ch for ch in value if not HIRAGANA.match(ch)), value[:1])
            self.problem(node, f"{where}: reading '{value}' must be hiragana (found '{bad}')")
            return None
        if kind == "unit" and value not in UNITS:
            self.problem(node, f"{where}: unknown unit '{value}'; use one of {', '.join(UNITS)}")
            return None
        if kind == "tissue" and value not in TISSUES:
            hint = difflib.get_close_matches(value, list(TISSUES), n=1, cutoff=0.6)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            self.problem(node, f"{where}: unknown tissue '{value}'{suggestion}")
            return None
        if kind == "year":
            if isinstance(value, bool) or not isinstance(value, int):
                self.problem(node, f"{where}: year must be a whole number, not '{node.value}'")
                return None
            if not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
                self.problem(node, f"{where}: year {value} is out of range {YEAR_RANGE[0]}–{YEAR_RANGE[1]}")
                return None
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                self.problem(node, f"{where}: expected a number >= 0, not '{node.value}'")
                return None
        if kind == "bool" and not isinstance(value, bool):
            self.problem(node, f"{where}: expected true or false, not '{node.value}'")
            return None
        return value


def _range_problems(v: _Validator, data: dict, node: yaml.MappingNode) -> None:
    """min <= max for facts.size / facts.length and their reported ranges."""
    facts_node = _child(node, "facts")
    for key in ("size", "length"):
        rng = (data.get("facts") or {}).get(key)
        rng_node = _child(facts_node, key) if facts_node is not None else None
        if not rng or rng_node is None:
            continue
        ranges = [(rng, rng_node)]
        reported_node = _child(rng_node, "reported")
        if reported_node is not None and isinstance(reported_node, yaml.SequenceNode):
            ranges.extend(zip(rng.get("reported", []), reported_node.value))
        for r, r_node in ranges:
            if "min" in r and "max" in r and r["min"] > r["max"]:
                v.problem(r_node, f"concept.facts.{key}: min {r['min']} is greater than max {r['max']}")


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, value in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return value
    return None


def parse_file(path: Path, text: str | None = None) -> tuple[list[tuple[dict, Location, yaml.MappingNode]], list[GlossaryProblem]]:
    """Parse and schema-check one glossary file."""
    display = str(path)
    if text is None:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as exc:
            return [], [GlossaryProblem(display, 1, 1, f"cannot read: {exc.strerror or exc}")]
        except UnicodeDecodeError as exc:
            return [], [GlossaryProblem(display, 1, 1, f"not UTF-8 (byte {exc.start})")]
    validator = _Validator(display)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        return [], [GlossaryProblem(display, line, column, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return [], [GlossaryProblem(display, 1, 1, f"YAML error: {exc}")]
    entries = validator.concepts(root)
    for data, _, node in entries:
        _range_problems(validator, data, node)
    return entries, validator.problems
