"""What the checker needs to know about a glossary, compiled once per glossary.

* the hierarchy: ``is_a`` and ``part_of`` put a concept below another, ``includes`` and ``examples`` put the
  other one below it; a claim that reverses an edge of this graph, or makes one of two siblings a kind of
  the other, contradicts it;
* which concepts the checker can say anything about (facts, history or misconceptions);
* the years and author names of historical definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from ..model import Concept, Glossary


class Edge(NamedTuple):
    """``child`` is below ``parent`` because of ``relation`` stated on ``owner`` (with its source)."""

    child: str
    parent: str
    relation: str
    owner: str
    source: str | None


def surnames(text: str | None) -> frozenset[str]:
    """Lower-cased capitalised words of an author string ("Pedersen BK et al." -> {"pedersen"})."""
    if not text:
        return frozenset()
    words = re.findall(r"[A-Z][A-Za-z'’\-]+", text)
    return frozenset(w.lower() for w in words if len(w) > 2 and not w.isupper() and w.lower() not in ("et", "al"))


@dataclass
class Knowledge:
    glossary: Glossary
    parents: dict[str, list[Edge]] = field(default_factory=dict)
    history_years: dict[str, frozenset[int]] = field(default_factory=dict)
    history_names: dict[str, frozenset[str]] = field(default_factory=dict)
    relevant: frozenset[str] = frozenset()
    #: concepts with a place in the hierarchy
    linked: frozenset[str] = frozenset()

    @classmethod
    def compile(cls, glossary: Glossary) -> "Knowledge":
        kb = cls(glossary)
        for concept in glossary:
            facts = concept.facts
            for rel in facts.is_a:
                kb._edge(Edge(concept.id, rel.id, "is_a", concept.id, rel.source))
            for rel in facts.part_of:
                kb._edge(Edge(concept.id, rel.id, "part_of", concept.id, rel.source))
            for rel in facts.includes:
                kb._edge(Edge(rel.id, concept.id, "includes", concept.id, rel.source))
            for rel in facts.examples:
                kb._edge(Edge(rel.id, concept.id, "examples", concept.id, rel.source))
            kb.history_years[concept.id] = frozenset(h.year for h in concept.history)
            kb.history_names[concept.id] = frozenset().union(*(surnames(h.by) for h in concept.history))
        kb.linked = frozenset(kb.parents) | frozenset(e.parent for edges in kb.parents.values() for e in edges)
        kb.relevant = frozenset(c.id for c in glossary if _has_something(c)) | kb.linked
        return kb

    def _edge(self, edge: Edge) -> None:
        if edge.child == edge.parent or self.glossary.get(edge.parent) is None or self.glossary.get(edge.child) is None:
            return
        edges = self.parents.setdefault(edge.child, [])
        if all(e.parent != edge.parent for e in edges):
            edges.append(edge)

    def ancestors(self, concept: str) -> dict[str, Edge]:
        """Every concept above ``concept``, each with the first edge of a path to it."""
        return _ancestors(self, concept)

    def path_edge(self, child: str, parent: str) -> Edge | None:
        """An edge on a path from ``child`` up to ``parent`` (the first one), or None."""
        return self.ancestors(child).get(parent)

    def common_parent(self, a: str, b: str) -> tuple[str, Edge, Edge] | None:
        """A direct parent shared by ``a`` and ``b`` when neither is above the other (siblings)."""
        if a in self.ancestors(b) or b in self.ancestors(a):
            return None
        mine = {e.parent: e for e in self.parents.get(a, ())}
        for edge in self.parents.get(b, ()):
            if edge.parent in mine:
                return edge.parent, mine[edge.parent], edge
        return None


def _has_something(concept: Concept) -> bool:
    f = concept.facts
    return bool(f.size or f.length or f.coined or f.origin or concept.misconceptions or concept.history)


def _ancestors(kb: Knowledge, concept: str) -> dict[str, Edge]:
    cache = _ANCESTOR_CACHE.setdefault(id(kb), {})
    if concept in cache:
        return cache[concept]
    found: dict[str, Edge] = {}
    frontier = [(e, e) for e in kb.parents.get(concept, ())]
    while frontier:
        edge, first = frontier.pop()
        if edge.parent in found or edge.parent == concept:
            continue
        found[edge.parent] = first
        frontier.extend((e, first) for e in kb.parents.get(edge.parent, ()))
    cache[concept] = found
    return found


_ANCESTOR_CACHE: dict[int, dict[str, dict[str, Edge]]] = {}
_COMPILED: dict[int, tuple[Glossary, Knowledge]] = {}


def knowledge(glossary: Glossary) -> Knowledge:
    """The compiled knowledge of ``glossary`` (kept for the few most recent glossaries)."""
    key = id(glossary)
    hit = _COMPILED.get(key)
    if hit is not None and hit[0] is glossary:
        return hit[1]
    if len(_COMPILED) >= 4:
        for old in list(_COMPILED)[:2]:
            _ANCESTOR_CACHE.pop(id(_COMPILED[old][1]), None)
            del _COMPILED[old]
    kb = _compile_cached(glossary)
    _COMPILED[key] = (glossary, kb)
    return kb


def _compile_cached(glossary: Glossary) -> Knowledge:
    """:meth:`Knowledge.compile`, kept in the cache directory for a large glossary (compiling 10,000
    concepts takes several times as long as unpickling the result); keyed by the glossary's digest,
    which covers its files and the package's code."""
    if len(glossary) <= 500 or not glossary.digest:
        return Knowledge.compile(glossary)
    from .. import cachedir

    name = f"knowledge-{glossary.digest[:32]}.pickle"
    kb = cachedir.load(name)
    if isinstance(kb, Knowledge):
        kb.glossary = glossary
        return kb
    kb = Knowledge.compile(glossary)
    cachedir.store(name, replace(kb, glossary=None))
    return kb
