"""The glossary schema, as data.

The same tables drive the validator (:mod:`sphinx_exerkine.loader`) and the generated schema reference
in the documentation, so the two can never disagree.
"""

from __future__ import annotations

from typing import NamedTuple

#: Kinds of values a field can hold.
#:
#: ``str``      a non-empty string
#: ``slug``     an ASCII slug ``[a-z0-9][a-z0-9-]*``
#: ``hiragana`` hiragana only (plus ``ー``, ``・`` and spaces)
#: ``year``     a whole number between 1800 and 2100
#: ``number``   a number >= 0
#: ``bool``     true or false
#: ``unit``     one of :data:`UNITS`
#: ``tissue``   one of :data:`TISSUES`
#: ``list``     a list whose items are of ``item`` kind
#: ``map``      a mapping with the ``fields`` below
#: ``relation`` a concept id, or a mapping ``{id, source}``
KINDS = ("str", "slug", "hiragana", "year", "number", "bool", "unit", "tissue", "list", "map", "relation")

#: Units a range may be given in, with their canonical spelling.
UNITS: dict[str, str] = {
    "nm": "nm",
    "µm": "µm",
    "μm": "µm",
    "um": "µm",
    "nt": "nt",
    "bp": "bp",
    "kDa": "kDa",
    "aa": "aa",
}

#: The controlled vocabulary of organs, tissues and cell populations for ``facts.origin.tissues``:
#: id -> (Japanese name, English name).
TISSUES: dict[str, tuple[str, str]] = {
    "skeletal-muscle": ("骨格筋", "skeletal muscle"),
    "liver": ("肝臓", "liver"),
    "adipose-tissue": ("脂肪組織", "adipose tissue"),
    "bone": ("骨", "bone"),
    "brain": ("脳", "brain"),
    "heart": ("心臓", "heart"),
    "pancreas": ("膵臓", "pancreas"),
    "kidney": ("腎臓", "kidney"),
    "intestine": ("腸", "intestine"),
    "bone-marrow": ("骨髄", "bone marrow"),
    "blood": ("血液", "blood"),
    "immune-cells": ("免疫細胞", "immune cells"),
    "endothelium": ("血管内皮", "endothelium"),
    "tumor": ("腫瘍", "tumour"),
    "stem-cells": ("幹細胞", "stem cells"),
    "any-cell": ("あらゆる細胞", "any cell type"),
}

#: Relation facts: every item names another concept id.
RELATIONS = ("is_a", "part_of", "includes", "examples")
#: Relations that must not form a cycle.
ACYCLIC_RELATIONS = ("is_a", "part_of")


class Field(NamedTuple):
    """One key of a mapping in the glossary schema."""

    #: the YAML key
    name: str
    #: one of :data:`KINDS`
    kind: str
    #: what the field means, shown in the schema reference
    help: str
    #: whether the key must be present
    required: bool = False
    #: for ``list``: the kind of each item
    item: str | None = None
    #: for ``map`` (or a ``list`` of ``map``): the nested fields
    fields: tuple["Field", ...] = ()
    #: an example value for the reference, written as YAML flow text
    example: str = ""


SOURCE = Field("source", "str", "Citation supporting this fact.", example='"Pedersen BK, et al. (2003) ..."')
NOTE = Field("note", "str", "Free-text remark, e.g. why sources disagree.")

RANGE_FIELDS: tuple[Field, ...] = (
    Field("min", "number", "Lower bound.", required=True, example="30"),
    Field("max", "number", "Upper bound (>= min).", required=True, example="150"),
    Field("unit", "unit", "Unit: " + ", ".join(sorted(set(UNITS.values()))) + " (µm may be spelt um).",
          required=True, example="nm"),
    SOURCE,
    NOTE,
)

RANGE_WITH_REPORTS: tuple[Field, ...] = RANGE_FIELDS + (
    Field("reported", "list", "Ranges reported by individual sources, when they disagree.",
          item="map", fields=RANGE_FIELDS),
)

RELATION_HELP = "Concept ids; each item is an id or a mapping {id, source}."

FACT_FIELDS: tuple[Field, ...] = (
    Field("size", "map", "Size range (diameter or length) with a unit; `reported` keeps disagreeing sources.",
          fields=RANGE_WITH_REPORTS, example="{min: 30, max: 150, unit: nm, source: ...}"),
    Field("length", "map", "Sequence length range, e.g. in nucleotides (nt).",
          fields=RANGE_WITH_REPORTS, example="{min: 18, max: 25, unit: nt, source: ...}"),
    Field("coined", "map", "When the term was coined or first appeared, and by whom.", fields=(
        Field("year", "year", "Year of first use.", required=True, example="2003"),
        Field("by", "str", "Who proposed the term.", example='"Pedersen BK et al."'),
        SOURCE,
        NOTE,
    )),
    Field("origin", "map", "Organs, tissues or cells the substance comes from.", fields=(
        Field("tissues", "list", "Tissue ids: " + ", ".join(TISSUES) + ".", required=True, item="tissue",
              example="[skeletal-muscle]"),
        Field("exclusive", "bool", "True when the concept comes from these tissues only, by definition.",
              example="false"),
        SOURCE,
        NOTE,
    )),
    Field("is_a", "list", "Broader concepts this one is a kind of. " + RELATION_HELP, item="relation",
          example="[cytokine]"),
    Field("part_of", "list", "Wholes this concept is a part of. " + RELATION_HELP, item="relation"),
    Field("includes", "list", "Narrower concepts this one includes. " + RELATION_HELP, item="relation"),
    Field("examples", "list", "Concepts that are examples of this one. " + RELATION_HELP, item="relation"),
)

RELATION_FIELDS: tuple[Field, ...] = (
    Field("id", "slug", "The related concept's id.", required=True),
    SOURCE,
)

CONCEPT_FIELDS: tuple[Field, ...] = (
    Field("id", "slug", "Unique, stable ASCII identifier; used for anchors, links and references.",
          required=True, example="exosome"),
    Field("tags", "list", "Slugs used to filter the rendered glossary.", item="slug", example="[vesicle]"),
    Field("ja", "map", "Japanese forms.", required=True, fields=(
        Field("term", "str", "Preferred Japanese term.", required=True, example="エクソソーム"),
        Field("reading", "hiragana", "Reading in hiragana; used for あいうえお order.", required=True,
              example="えくそそーむ"),
        Field("variants", "list", "Deprecated spellings: flagged by the linter and fixed by --fix.", item="str",
              example="[エキソソーム]"),
        Field("admitted", "list", "Accepted alternatives: never flagged.", item="str"),
    )),
    Field("en", "map", "English forms.", required=True, fields=(
        Field("term", "str", "Preferred English term.", required=True, example="exosome"),
        Field("plural", "str", "Plural form; defaults to the term + s. Write the term itself for mass nouns.",
              example="exosomes"),
        Field("variants", "list", "Deprecated spellings: flagged and fixed.", item="str", example="[exo-some]"),
        Field("admitted", "list", "Accepted alternatives: never flagged.", item="str"),
        Field("abbreviations", "list", "Abbreviations, accepted in both languages.", item="str",
              example="[EV]"),
    )),
    Field("definition", "map", "Definition in both languages.", required=True, fields=(
        Field("ja", "str", "Japanese definition.", required=True),
        Field("en", "str", "English definition.", required=True),
    )),
    Field("facts", "map", "Typed facts the contradiction checker compares sentences with.", required=True,
          fields=FACT_FIELDS),
    Field("history", "list", "Historical definitions, kept for the record (not flagged when quoted).",
          item="map", fields=(
              Field("year", "year", "Year of the definition.", required=True),
              Field("by", "str", "Author of the definition."),
              Field("ja", "str", "The definition in Japanese."),
              Field("en", "str", "The definition in English."),
              SOURCE,
          )),
    Field("misconceptions", "list", "Common wrong beliefs about the concept.", item="map", fields=(
        Field("ja", "str", "The wrong belief, stated in Japanese.", required=True),
        Field("en", "str", "The wrong belief, stated in English.", required=True),
        Field("why", "str", "Why it is wrong.", required=True),
        SOURCE,
    )),
    Field("sources", "list", "Full citations for the entry.", required=True, item="str"),
    Field("see_also", "list", "Related concept ids.", item="slug"),
)


def iter_fields(fields: tuple[Field, ...] = CONCEPT_FIELDS, prefix: str = ""):
    """Yield ``(dotted path, Field)`` for every field of the schema, depth first."""
    for f in fields:
        path = f"{prefix}{f.name}"
        yield path, f
        if f.fields:
            sub = f"{path}[]." if f.kind == "list" else f"{path}."
            yield from iter_fields(f.fields, sub)
