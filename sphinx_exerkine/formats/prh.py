"""prh rule files (``prh.yml``, as read by prh and textlint-rule-prh).

Export writes one rule per concept and language that has deprecated spellings::

    version: 1
    rules:
      - expected: エクソソーム
        patterns: [エキソソーム]
        specs:
          - {from: エキソソーム, to: エクソソーム}
        prh: 'exerkine 用語集 (exosome): 「エクソソーム」と書く'

Japanese spellings are plain strings; English ones are ``/\\b…\\b/i`` regular expressions (``\\b`` only next
to a word character, since prh compiles with the ``u`` flag and ASCII word boundaries). prh matches
anywhere in the text, so a spelling that occurs inside a correct form of any concept (``マイオカイ`` inside
``マイオカイン``) is guarded with a negative lookahead/lookbehind for exactly that context; a spelling that
cannot be guarded is left out and named in a comment at the top of the file.

Import reads ``version``, ``rules`` (strings or mappings of ``expected`` with ``pattern``/``patterns``),
``imports`` (paths relative to the importing file, with ``disableImports`` and ``ignoreRules``; cycles are
reported and cut) and ignores ``options``, ``specs``, ``targets`` and ``meta``. Regular expressions are
never run: each is parsed with Python's own regex parser and, when it describes a small finite set of
spellings (alternations, optional parts, character classes, bounded repeats; at most
:data:`MAX_SPELLINGS`), expanded into those spellings. Zero-width context guards at either end (``\\b``,
``^``, ``$``, lookarounds) only restrict where a spelling is flagged, so they are set aside.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from re import _constants as sre
from re import _parser as sre_parse
from typing import Callable

import yaml

from ..model import Glossary
from ..validate import surface_key
from . import ImportProblem, ImportResult, is_japanese, missing_warning, schema_order, slug_for, warning
from .yamlout import dump_yaml

__all__ = ["MAX_SPELLINGS", "expand_pattern", "export_prh", "import_prh", "pattern_for"]

#: a regular expression describing more spellings than this is not imported
MAX_SPELLINGS = 64
#: nor one producing a spelling longer than this
MAX_SPELLING_LENGTH = 200
#: nor one whose source is longer than this
MAX_SOURCE_LENGTH = 2000
#: imports nested deeper than this are not followed
MAX_IMPORT_DEPTH = 32

_JS_SPECIAL = re.compile(r"[\\^$.*+?()\[\]{}|/]")
_REGEX_STRING = re.compile(r"/(.*)/([gimy]*)")
_WORD_CHAR = re.compile(r"[A-Za-z0-9_]")


# ============================================================================================ export


def _js_escape(text: str) -> str:
    """Escape the syntax characters of a JavaScript regular expression (valid with the ``u`` flag)."""
    return _JS_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


@dataclass(frozen=True)
class _Pattern:
    """A pattern as written in prh (``source``) and the equivalent Python regex used to check it."""

    source: str
    python: re.Pattern | None


def pattern_for(variant: str, lang: str, correct_forms: tuple[str, ...]) -> tuple[str | None, str]:
    """The prh pattern for a deprecated spelling, or ``(None, reason)`` when no safe pattern exists.

    ``correct_forms`` are the spellings that must never be flagged (every concept's terms, admitted
    forms, plurals and abbreviations).
    """
    english = lang == "en"
    flags = re.IGNORECASE | re.ASCII if english else 0
    head = r"\b" if english and _WORD_CHAR.match(variant[:1]) else ""
    tail = r"\b" if english and _WORD_CHAR.match(variant[-1:]) else ""
    core = _js_escape(variant)
    before: list[str] = []
    after: list[str] = []
    guarded: set[tuple[str, str]] = set()
    for _ in range(8):
        source = head + "".join(before) + core + "".join(after) + tail
        compiled = re.compile(source, flags)
        clash = _first_clash(compiled, correct_forms)
        if clash is None:
            break
        form, start, end = clash
        prefix, suffix = form[:start], form[end:]
        if not prefix and not suffix or (prefix, suffix) in guarded:
            return None, f"it is the correct form '{form}'"
        guarded.add((prefix, suffix))
        if not prefix:
            after.append(f"(?!{_js_escape(suffix)})")
        elif not suffix:
            before.append(f"(?<!{_js_escape(prefix)})")
        else:
            before.append(f"(?!(?<={_js_escape(prefix)}){core}{_js_escape(suffix)})")
    else:
        return None, "it occurs inside too many correct forms"
    if english:
        return f"/{source}/i", ""
    # prh rewrites "-" and "¥" in plain-string patterns into escapes that JavaScript's u flag rejects
    plain = source == core and not any(ch in variant for ch in "-¥")
    return (variant if plain else f"/{source}/"), ""


def _first_clash(compiled: re.Pattern, forms: tuple[str, ...]) -> tuple[str, int, int] | None:
    for form in forms:
        match = compiled.search(form)
        if match is not None:
            return form, match.start(), match.end()
    return None


def _correct_forms(glossary: Glossary) -> tuple[str, ...]:
    forms: dict[str, None] = {}
    for concept in glossary:
        for form in concept.preferred_forms():
            forms.setdefault(form)
    return tuple(forms)


def export_prh(glossary: Glossary) -> str:
    """The glossary's deprecated spellings as a prh rule file."""
    correct = _correct_forms(glossary)
    rules: list[dict] = []
    skipped: list[str] = []
    for concept in glossary:
        for lang, forms in (("ja", concept.ja), ("en", concept.en)):
            patterns: list[str] = []
            specs: list[dict] = []
            # longest first: prh applies the first pattern that matches, and checks every spec with them
            for variant in sorted(forms.variants, key=len, reverse=True):
                pattern, reason = pattern_for(variant, lang, correct)
                if pattern is None:
                    skipped.append(f"# {concept.id}: '{variant}' is left out: {reason}")
                    continue
                patterns.append(pattern)
                specs.append({"from": variant, "to": forms.term})
            if patterns:
                rules.append({"expected": forms.term, "patterns": patterns, "specs": specs,
                              "prh": _reason(concept.id, lang, forms.term)})
    header = ["# prh rules generated from the exerkine glossary; edit the glossary and export again."]
    body = dump_yaml({"version": 1, "rules": rules})
    return "\n".join(header + skipped) + "\n" + body


def _reason(concept_id: str, lang: str, term: str) -> str:
    if lang == "ja":
        return f"exerkine 用語集 ({concept_id}): 「{term}」と書く"
    return f'exerkine glossary ({concept_id}): write "{term}"'


# ======================================================================================== expansion


class _NotFinite(Exception):
    """The pattern is not a small finite set of spellings."""


_ASSERTIONS = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def expand_pattern(source: str) -> list[str] | None:
    """Every spelling a JavaScript regex source matches, or None when that is not a small finite set.

    The regex is parsed, never compiled or run, so a pathological pattern costs nothing.
    """
    if len(source) > MAX_SOURCE_LENGTH:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # FutureWarning about nested sets and the like
            parsed = sre_parse.parse(source)
        spellings = _expand_edges(list(parsed))
    except (_NotFinite, re.error, RecursionError, OverflowError, ValueError, TypeError):
        return None
    spellings = [s for s in spellings if s]
    return spellings or None


def _expand_edges(items: list) -> list[str]:
    """Set aside zero-width guards at both ends, also inside an alternation or group spanning the pattern."""
    start, end = 0, len(items)
    while start < end and items[start][0] in _ASSERTIONS:
        start += 1
    while end > start and items[end - 1][0] in _ASSERTIONS:
        end -= 1
    middle = items[start:end]
    if len(middle) == 1 and middle[0][0] == sre.BRANCH:
        return _union(_expand_edges(list(alt)) for alt in middle[0][1][1])
    if len(middle) == 1 and middle[0][0] == sre.SUBPATTERN:
        return _expand_edges(list(middle[0][1][3]))
    return _sequence(middle)


def _union(groups) -> list[str]:
    out: dict[str, None] = {}
    for group in groups:
        for spelling in group:
            out.setdefault(spelling)
            if len(out) > MAX_SPELLINGS:
                raise _NotFinite
    return list(out)


def _product(left: list[str], right: list[str]) -> list[str]:
    if len(left) * len(right) > MAX_SPELLINGS * 4:
        raise _NotFinite
    out = _union([[a + b for a in left for b in right]])
    if any(len(s) > MAX_SPELLING_LENGTH for s in out):
        raise _NotFinite
    return out


def _sequence(items) -> list[str]:
    result = [""]
    for op, av in items:
        result = _product(result, _item(op, av))
    return result


def _item(op, av) -> list[str]:
    if op == sre.LITERAL:
        return [chr(av)]
    if op == sre.IN:
        return _char_class(av)
    if op == sre.BRANCH:
        return _union(_sequence(alt) for alt in av[1])
    if op == sre.SUBPATTERN:
        return _sequence(av[3])
    if op in _REPEATS:
        return _repeat(*av)
    raise _NotFinite  # ANY, NOT_LITERAL, CATEGORY, AT and lookarounds inside, GROUPREF, ATOMIC_GROUP, ...


def _char_class(items) -> list[str]:
    chars: list[str] = []
    for op, av in items:
        if op == sre.LITERAL:
            chars.append(chr(av))
        elif op == sre.RANGE and av[1] - av[0] < MAX_SPELLINGS:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:
            raise _NotFinite  # negation, \d \w \s, huge ranges
    return _union([chars])


def _repeat(low: int, high: int, body) -> list[str]:
    if high == sre.MAXREPEAT or high > MAX_SPELLINGS * 4:
        raise _NotFinite
    unit = _sequence(body)
    out: list[list[str]] = []
    power = [""]
    for count in range(high + 1):
        if count >= low:
            out.append(power)
        if count < high:
            power = _product(power, unit)
    return _union(out)


# ============================================================================================ import

Reader = Callable[[str], str]


def _read_file(path: str) -> str:
    return Path(path).read_bytes().decode("utf-8-sig")


@dataclass
class _Rule:
    expected: str
    spellings: list[str]
    path: str
    line: int
    column: int


class _PrhFile:
    """Reads one prh file (and what it imports) into rules, collecting warnings."""

    def __init__(self, read: Reader) -> None:
        self.read = read
        self.warnings: list[str] = []

    def rules(self, text: str, path: str, chain: tuple[str, ...], follow_imports: bool = True) -> list[_Rule]:
        root = _compose(text, path)
        if root is None:
            return []
        if not isinstance(root, yaml.MappingNode):
            raise _problem(path, root, "a prh file is a mapping with 'version' and 'rules'")
        keys = _keys(root, path)
        if "version" in keys:
            _, node = keys["version"]
            if not (isinstance(node, yaml.ScalarNode) and node.value.strip() == "1"):
                self.warnings.append(_warn(path, node, f"prh version {_text(node)!r} is not 1; read as version 1"))
        rules = self._own_rules(keys, path)
        if follow_imports and "imports" in keys:
            seen = {r.expected for r in rules}
            for rule in self._imports(keys["imports"][1], path, chain):
                if rule.expected not in seen:  # prh keeps the importing file's rule
                    seen.add(rule.expected)
                    rules.append(rule)
        return rules

    def _own_rules(self, keys: dict, path: str) -> list[_Rule]:
        if "rules" not in keys:
            return []
        node = keys["rules"][1]
        if _is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise _problem(path, node, "'rules' must be a list")
        return [self._rule(item, path) for item in node.value]

    def _rule(self, node: yaml.Node, path: str) -> _Rule:
        line, column = _mark(node)
        if isinstance(node, yaml.ScalarNode) and not _is_null(node):
            return _Rule(node.value, [], path, line, column)
        if not isinstance(node, yaml.MappingNode):
            raise _problem(path, node, "each rule is a mapping with 'expected' (or a plain string)")
        keys = _keys(node, path)
        if "expected" not in keys:
            raise _problem(path, node, "rule without 'expected'")
        expected_node = keys["expected"][1]
        if not isinstance(expected_node, yaml.ScalarNode) or _is_null(expected_node) or not expected_node.value:
            raise _problem(path, expected_node, "'expected' must be a single non-empty string")
        pattern_key = "pattern" if "pattern" in keys else "patterns" if "patterns" in keys else None
        spellings: list[str] = []
        if pattern_key is not None:
            for item in _pattern_nodes(keys[pattern_key][1], pattern_key, path):
                spellings.extend(self._spellings(item, path))
        return _Rule(expected_node.value, spellings, path, line, column)

    def _spellings(self, node: yaml.ScalarNode, path: str) -> list[str]:
        text = node.value
        regex = _REGEX_STRING.fullmatch(text)
        if regex is None:
            return [text]
        expanded = expand_pattern(regex.group(1))
        if expanded is None:
            self.warnings.append(_warn(path, node, f"pattern {text} is not a finite list of spellings; skipped"))
            return []
        return expanded

    def _imports(self, node: yaml.Node, path: str, chain: tuple[str, ...]) -> list[_Rule]:
        items = _one_or_many(node)
        if items is None:
            raise _problem(path, node, "'imports' must be a path or a list of paths")
        rules: list[_Rule] = []
        for item in items:
            target, follow, ignored = _import_spec(item, path, self.warnings)
            full = os.path.normpath(os.path.join(os.path.dirname(path), target))
            if full in chain:
                cycle = " -> ".join(chain[chain.index(full):] + (full,))
                self.warnings.append(_warn(path, item, f"import cycle {cycle}; not followed"))
                continue
            if len(chain) > MAX_IMPORT_DEPTH:
                self.warnings.append(_warn(path, item, f"imports nested deeper than {MAX_IMPORT_DEPTH}; not followed"))
                continue
            try:
                text = self.read(full)
            except (OSError, UnicodeDecodeError) as exc:
                reason = getattr(exc, "strerror", None) or exc
                raise _problem(path, item, f"cannot import {full}: {reason}") from None
            for rule in self.rules(text, full, chain + (full,), follow):
                if rule.expected not in ignored:
                    rules.append(rule)
        return rules


def _import_spec(node: yaml.Node, path: str, notes: list[str]) -> tuple[str, bool, set[str]]:
    """(path, whether to follow its imports, expected terms of ignored rules) of one ``imports`` entry."""
    if isinstance(node, yaml.ScalarNode) and not _is_null(node):
        return node.value, True, set()
    if not isinstance(node, yaml.MappingNode):
        raise _problem(path, node, "each import is a path or a mapping with 'path'")
    keys = _keys(node, path)
    if "path" not in keys or not isinstance(keys["path"][1], yaml.ScalarNode) or _is_null(keys["path"][1]):
        raise _problem(path, node, "import without 'path'")
    disable = keys.get("disableImports", (None, None))[1]
    follow = not (isinstance(disable, yaml.ScalarNode) and disable.value.lower() == "true")
    ignored: set[str] = set()
    ignore_node = keys.get("ignoreRules", (None, None))[1]
    for item in ignore_node.value if isinstance(ignore_node, yaml.SequenceNode) else ():
        item_keys = _keys(item, path) if isinstance(item, yaml.MappingNode) else {}
        if "expected" in item_keys:
            ignored.add(_text(item_keys["expected"][1]))
        else:  # telling which rule a pattern names would mean comparing compiled regexes
            notes.append(_warn(path, item, "ignoreRules entries are matched by 'expected' only; "
                                              "this one is not applied"))
    return keys["path"][1].value, follow, ignored


def _pattern_nodes(node: yaml.Node, key: str, path: str) -> list[yaml.ScalarNode]:
    if _is_null(node):
        return []
    items = _one_or_many(node)
    if items is None:
        raise _problem(path, node, f"'{key}' must be a string or a list of strings")
    for item in items:
        if not isinstance(item, yaml.ScalarNode) or _is_null(item):
            raise _problem(path, item, f"each item of '{key}' must be a string")
    return items


# ---------------------------------------------------------------------------------------- yaml nodes


def _compose(text: str, path: str) -> yaml.Node | None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text.lstrip("\ufeff"), Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ImportProblem(path, line, column, f"YAML syntax error: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise ImportProblem(path, 1, 1, f"YAML error: {exc}") from None


def _keys(node: yaml.MappingNode, path: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    keys: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise _problem(path, key, "keys must be plain names")
        keys.setdefault(key.value, (key, value))
    return keys


def _one_or_many(node: yaml.Node) -> list[yaml.Node] | None:
    """A scalar as a one-item list, a sequence's items, or None for a mapping."""
    if isinstance(node, yaml.ScalarNode):
        return [node]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else None


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _text(node: yaml.Node) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) else "…"


def _problem(path: str, node: yaml.Node, message: str) -> ImportProblem:
    return ImportProblem(path, *_mark(node), message)


def _warn(path: str, node: yaml.Node, message: str) -> str:
    return warning(path, *_mark(node), message)


# ------------------------------------------------------------------------------------------ concepts


def import_prh(text: str, path: str, read: Reader = _read_file) -> ImportResult:
    """Concepts (one per ``expected`` term) from a prh file; ``read`` loads imported files by path."""
    reader = _PrhFile(read)
    rules = reader.rules(text, path, (os.path.normpath(path),))
    result = ImportResult(warnings=reader.warnings)
    grouped: dict[str, list[_Rule]] = {}
    for rule in rules:
        grouped.setdefault(rule.expected, []).append(rule)
    taken: set[str] = set()
    for expected, group in grouped.items():
        first = group[0]
        lang = "ja" if is_japanese(expected) else "en"
        variants = _variants(expected, [s for rule in group for s in rule.spellings], first, result.warnings)
        forms: dict = {"term": expected}
        if variants:
            forms["variants"] = variants
        concept_id = slug_for(expected, taken)
        taken.add(concept_id)
        concept = schema_order({"id": concept_id, lang: forms})
        result.concepts.append(concept)
        note = missing_warning(first.path, first.line, first.column, concept)
        if note:
            result.warnings.append(note)
    return result


def _variants(expected: str, spellings: list[str], rule: _Rule, notes: list[str]) -> list[str]:
    key = surface_key(expected)
    variants: dict[str, None] = {}
    same: list[str] = []
    for spelling in spellings:
        if spelling == expected:
            continue
        if surface_key(spelling) == key:
            same.append(spelling)
            continue
        variants.setdefault(spelling)
    if same:
        count = len(dict.fromkeys(same))
        notes.append(warning(rule.path, rule.line, rule.column,
                                f"{count} spelling(s) of '{expected}' differ only in case or width; left out"))
    return list(variants)
