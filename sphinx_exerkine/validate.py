"""Checks across concepts: unique ids, one owner per surface form, resolvable and acyclic relations."""

from __future__ import annotations

import unicodedata

import yaml

from .loader import GlossaryProblem
from .model import Location
from .schema import ACYCLIC_RELATIONS, RELATIONS


def surface_key(form: str) -> str:
    """The key under which two surface forms count as the same: NFKC, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", form).casefold().split())


def _node_at(node: yaml.Node | None, *path) -> yaml.Node | None:
    for step in path:
        if node is None:
            return None
        if isinstance(step, int):
            if not isinstance(node, yaml.SequenceNode) or step >= len(node.value):
                return None
            node = node.value[step]
        else:
            if not isinstance(node, yaml.MappingNode):
                return None
            node = next((v for k, v in node.value if getattr(k, "value", None) == step), None)
    return node


def _problem(loc: Location, node: yaml.Node | None, message: str) -> GlossaryProblem:
    if node is not None:
        return GlossaryProblem(loc.path, node.start_mark.line + 1, node.start_mark.column + 1, message)
    return GlossaryProblem(loc.path, loc.line, loc.column, message)


#: (role, language key, field) of every surface form; the role decides what may coincide
_FORM_FIELDS = (
    ("term", "ja", "term"),
    ("admitted", "ja", "admitted"),
    ("variant", "ja", "variants"),
    ("term", "en", "term"),
    ("plural", "en", "plural"),
    ("admitted", "en", "admitted"),
    ("abbreviation", "en", "abbreviations"),
    ("variant", "en", "variants"),
)


def _forms(data: dict):
    """Yield (role, form, node path) for every surface form of a concept."""
    for role, lang, key in _FORM_FIELDS:
        value = (data.get(lang) or {}).get(key)
        if value is None:
            continue
        if isinstance(value, list):
            for i, form in enumerate(value):
                yield role, form, (lang, key, i)
        else:
            yield role, value, (lang, key)


def cross_check(entries: list[tuple[dict, Location, yaml.MappingNode]]) -> list[GlossaryProblem]:
    problems: list[GlossaryProblem] = []
    ids: dict[str, Location] = {}
    for data, loc, node in entries:
        cid = data["id"]
        if cid in ids:
            first = ids[cid]
            problems.append(_problem(loc, _node_at(node, "id"),
                                     f"duplicate id '{cid}' (first defined at {first.path}:{first.line})"))
        else:
            ids[cid] = loc

    owners: dict[str, tuple[str, str, Location, tuple]] = {}
    for data, loc, node in entries:
        cid = data["id"]
        own: dict[str, tuple[str, str]] = {}
        for role, form, path in _forms(data):
            key = surface_key(form)
            if key in own or key in owners and owners[key][0] != cid:
                where = _node_at(node, *path)  # looked up only for a problem to report
            if key in own:
                other_role, other_form = own[key]
                if "variant" in (role, other_role) and role != other_role:
                    problems.append(_problem(loc, where, f"{cid}: variant '{form}' equals its own {other_role if role == 'variant' else role} '{other_form}'"))
                elif role == "variant" and other_role == "variant":
                    problems.append(_problem(loc, where, f"{cid}: variant '{form}' is listed twice"))
                continue
            own[key] = (role, form)
            owner = owners.get(key)
            if owner is not None and owner[0] != cid:
                other_id, other_role, other_loc, _ = owner
                problems.append(_problem(loc, where,
                                         f"{cid}: {role} '{form}' is already the {other_role} of '{other_id}' "
                                         f"({other_loc.path}:{other_loc.line})"))
                continue
            owners.setdefault(key, (cid, role, loc, path))

    graph: dict[str, dict[str, list[str]]] = {name: {} for name in ACYCLIC_RELATIONS}
    for data, loc, node in entries:
        cid = data["id"]
        facts = data.get("facts") or {}
        for name in RELATIONS:
            for i, item in enumerate(facts.get(name) or ()):
                target = item["id"] if isinstance(item, dict) else item
                if target not in ids:
                    problems.append(_problem(loc, _node_at(node, "facts", name, i),
                                             f"{cid}: facts.{name} names unknown concept '{target}'{_hint(target, ids)}"))
                elif target == cid:
                    problems.append(_problem(loc, _node_at(node, "facts", name, i),
                                             f"{cid}: facts.{name} names the concept itself"))
                elif name in graph:
                    graph[name].setdefault(cid, []).append(target)
        for i, target in enumerate(data.get("see_also") or ()):
            if target not in ids:
                problems.append(_problem(loc, _node_at(node, "see_also", i),
                                         f"{cid}: see_also names unknown concept '{target}'{_hint(target, ids)}"))

    for name, edges in graph.items():
        for cycle in _cycles(edges):
            loc = ids[cycle[0]]
            problems.append(GlossaryProblem(loc.path, loc.line, loc.column,
                                            f"cycle in {name}: {' -> '.join(cycle + [cycle[0]])}"))
    return problems


def _hint(target: str, ids: dict) -> str:
    import difflib

    hint = difflib.get_close_matches(target, list(ids), n=1, cutoff=0.6)
    return f" (did you mean '{hint[0]}'?)" if hint else ""


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Every elementary cycle found by depth-first search, each reported once (rotated to its smallest id)."""
    found: dict[tuple[str, ...], list[str]] = {}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in edges.get(node, ()):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):]
                start = cycle.index(min(cycle))
                rotated = cycle[start:] + cycle[:start]
                found.setdefault(tuple(rotated), rotated)
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return list(found.values())
