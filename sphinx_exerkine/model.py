"""The terminology database as immutable records.

:func:`concept_from_dict` builds a :class:`Concept` from the validated plain data of one YAML entry,
and :meth:`Concept.to_dict` gives that plain data back (used by export and round-trip tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, NamedTuple

from .schema import RELATIONS, UNITS


# The records of a concept are named tuples: immutable, compared and hashed by value, pickled as their
# values, and made far faster than frozen dataclasses (whose methods are compiled from source each time
# the module is imported, a noticeable share of a short run).


class Location(NamedTuple):
    #: the glossary file
    path: str
    #: 1-based line of the entry
    line: int
    column: int = 1


class Range(NamedTuple):
    min: float
    max: float
    #: canonical unit (see :data:`sphinx_exerkine.schema.UNITS`)
    unit: str
    source: str | None = None
    note: str | None = None
    #: ranges of individual sources, when they disagree
    reported: tuple["Range", ...] = ()

    def to_dict(self) -> dict:
        data: dict = {"min": _num(self.min), "max": _num(self.max), "unit": self.unit}
        _put(data, "source", self.source)
        _put(data, "note", self.note)
        if self.reported:
            data["reported"] = [r.to_dict() for r in self.reported]
        return data


class Coined(NamedTuple):
    year: int
    by: str | None = None
    source: str | None = None
    note: str | None = None

    def to_dict(self) -> dict:
        data: dict = {"year": self.year}
        for key in ("by", "source", "note"):
            _put(data, key, getattr(self, key))
        return data


class Origin(NamedTuple):
    #: tissue ids from :data:`sphinx_exerkine.schema.TISSUES`
    tissues: tuple[str, ...]
    #: true when the concept comes from these tissues only
    exclusive: bool = False
    source: str | None = None
    note: str | None = None

    def to_dict(self) -> dict:
        data: dict = {"tissues": list(self.tissues)}
        if self.exclusive:
            data["exclusive"] = True
        _put(data, "source", self.source)
        _put(data, "note", self.note)
        return data


class Relation(NamedTuple):
    id: str
    source: str | None = None

    def to_data(self):
        return {"id": self.id, "source": self.source} if self.source else self.id


class Facts(NamedTuple):
    size: Range | None = None
    length: Range | None = None
    coined: Coined | None = None
    origin: Origin | None = None
    is_a: tuple[Relation, ...] = ()
    part_of: tuple[Relation, ...] = ()
    includes: tuple[Relation, ...] = ()
    examples: tuple[Relation, ...] = ()

    def relations(self) -> Iterator[tuple[str, Relation]]:
        for name in RELATIONS:
            for rel in getattr(self, name):
                yield name, rel

    def to_dict(self) -> dict:
        data: dict = {}
        for key in ("size", "length", "coined", "origin"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value.to_dict()
        for name in RELATIONS:
            rels = getattr(self, name)
            if rels:
                data[name] = [r.to_data() for r in rels]
        return data


class HistoricalDefinition(NamedTuple):
    year: int
    by: str | None = None
    ja: str | None = None
    en: str | None = None
    source: str | None = None

    def to_dict(self) -> dict:
        data: dict = {"year": self.year}
        for key in ("by", "ja", "en", "source"):
            _put(data, key, getattr(self, key))
        return data


class Misconception(NamedTuple):
    ja: str
    en: str
    why: str
    source: str | None = None

    def to_dict(self) -> dict:
        data = {"ja": self.ja, "en": self.en, "why": self.why}
        _put(data, "source", self.source)
        return data


class JaForms(NamedTuple):
    term: str
    reading: str
    variants: tuple[str, ...] = ()
    admitted: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        data: dict = {"term": self.term, "reading": self.reading}
        if self.variants:
            data["variants"] = list(self.variants)
        if self.admitted:
            data["admitted"] = list(self.admitted)
        return data


class EnForms(NamedTuple):
    term: str
    #: None means "term + s"
    plural: str | None = None
    variants: tuple[str, ...] = ()
    admitted: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()

    @property
    def plural_form(self) -> str:
        if self.plural is not None:
            return self.plural
        return self.term + ("es" if self.term.endswith(("s", "x", "ch", "sh")) else "s")

    def to_dict(self) -> dict:
        data: dict = {"term": self.term}
        _put(data, "plural", self.plural)
        for key in ("variants", "admitted", "abbreviations"):
            values = getattr(self, key)
            if values:
                data[key] = list(values)
        return data


class Concept(NamedTuple):
    id: str
    ja: JaForms
    en: EnForms
    definition_ja: str
    definition_en: str
    facts: Facts = Facts()
    history: tuple[HistoricalDefinition, ...] = ()
    misconceptions: tuple[Misconception, ...] = ()
    sources: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    location: Location | None = None

    def term(self, lang: str) -> str:
        return self.ja.term if lang == "ja" else self.en.term

    def definition(self, lang: str) -> str:
        return self.definition_ja if lang == "ja" else self.definition_en

    def preferred_forms(self) -> tuple[str, ...]:
        """Every form that is never flagged: terms, plural, admitted forms, abbreviations."""
        return (self.ja.term, *self.ja.admitted, self.en.term, self.en.plural_form, *self.en.admitted,
                *self.en.abbreviations)

    def to_dict(self) -> dict:
        data: dict = {"id": self.id}
        if self.tags:
            data["tags"] = list(self.tags)
        data["ja"] = self.ja.to_dict()
        data["en"] = self.en.to_dict()
        data["definition"] = {"ja": self.definition_ja, "en": self.definition_en}
        data["facts"] = self.facts.to_dict()
        if self.history:
            data["history"] = [h.to_dict() for h in self.history]
        if self.misconceptions:
            data["misconceptions"] = [m.to_dict() for m in self.misconceptions]
        data["sources"] = list(self.sources)
        if self.see_also:
            data["see_also"] = list(self.see_also)
        return data


@dataclass(frozen=True)
class Glossary:
    concepts: tuple[Concept, ...]
    #: content hash of every file read (cache key for everything compiled from the glossary)
    digest: str = ""
    #: the files read, in order
    paths: tuple[str, ...] = ()
    _by_id: dict = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {c.id: c for c in self.concepts})

    def __getitem__(self, concept_id: str) -> Concept:
        return self._by_id[concept_id]

    def get(self, concept_id: str) -> Concept | None:
        return self._by_id.get(concept_id)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def __getstate__(self):
        return (self.concepts, self.digest, self.paths)

    def __setstate__(self, state) -> None:
        concepts, digest, paths = state
        object.__setattr__(self, "concepts", concepts)
        object.__setattr__(self, "digest", digest)
        object.__setattr__(self, "paths", paths)
        self.__post_init__()


def _put(data: dict, key: str, value) -> None:
    if value is not None:
        data[key] = value


def _num(value: float):
    return int(value) if float(value).is_integer() else value


def _range(data: dict | None) -> Range | None:
    if data is None:
        return None
    return Range(
        min=float(data["min"]),
        max=float(data["max"]),
        unit=UNITS[data["unit"]],
        source=data.get("source"),
        note=data.get("note"),
        reported=tuple(_range(r) for r in data.get("reported", ())),  # type: ignore[misc]
    )


def _relations(items) -> tuple[Relation, ...]:
    out = []
    for item in items or ():
        if isinstance(item, dict):
            out.append(Relation(item["id"], item.get("source")))
        else:
            out.append(Relation(item))
    return tuple(out)


def concept_from_dict(data: dict, location: Location | None = None) -> Concept:
    """Build a concept from validated plain data (the shape of one YAML entry)."""
    ja = data["ja"]
    en = data["en"]
    facts = data.get("facts") or {}
    coined = facts.get("coined")
    origin = facts.get("origin")
    return Concept(
        id=data["id"],
        ja=JaForms(
            term=ja["term"],
            reading=ja["reading"],
            variants=tuple(ja.get("variants") or ()),
            admitted=tuple(ja.get("admitted") or ()),
        ),
        en=EnForms(
            term=en["term"],
            plural=en.get("plural"),
            variants=tuple(en.get("variants") or ()),
            admitted=tuple(en.get("admitted") or ()),
            abbreviations=tuple(en.get("abbreviations") or ()),
        ),
        definition_ja=data["definition"]["ja"],
        definition_en=data["definition"]["en"],
        facts=Facts(
            size=_range(facts.get("size")),
            length=_range(facts.get("length")),
            coined=Coined(coined["year"], coined.get("by"), coined.get("source"), coined.get("note"))
            if coined else None,
            origin=Origin(tuple(origin["tissues"]), bool(origin.get("exclusive", False)), origin.get("source"),
                          origin.get("note")) if origin else None,
            is_a=_relations(facts.get("is_a")),
            part_of=_relations(facts.get("part_of")),
            includes=_relations(facts.get("includes")),
            examples=_relations(facts.get("examples")),
        ),
        history=tuple(
            HistoricalDefinition(h["year"], h.get("by"), h.get("ja"), h.get("en"), h.get("source"))
            for h in data.get("history") or ()
        ),
        misconceptions=tuple(
            Misconception(m["ja"], m["en"], m["why"], m.get("source")) for m in data.get("misconceptions") or ()
        ),
        sources=tuple(data.get("sources") or ()),
        see_also=tuple(data.get("see_also") or ()),
        tags=tuple(data.get("tags") or ()),
        location=location,
    )
