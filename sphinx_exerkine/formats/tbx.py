"""TBX-Basic (ISO 30042:2019, DCA style) export and import; TBX v2 (``martif``) is read too.

One ``<conceptEntry>`` per concept, one ``<langSec>`` per language, one ``<termSec>`` per term form:

* preferred term, admitted forms and deprecated spellings carry ``administrativeStatus``
  (``preferredTerm-admn-sts``, ``admittedTerm-admn-sts``, ``deprecatedTerm-admn-sts``); abbreviations
  are admitted English terms with ``termType`` ``abbreviation``; every term is a ``noun``;
* the Japanese reading is the ``pronunciation`` of the preferred Japanese term;
* definitions are ``<descrip type="definition">`` of each ``<langSec>``;
* sources are ``<admin type="source">`` of the ``<conceptEntry>``;
* facts relations and ``see_also`` become ``<ref type="crossReference" target="…">``.

TBX-Basic has no data category for the rest of the schema, so it travels in ``<note>`` elements whose
text is ``exerkine-<field>: <JSON>`` — ``exerkine-facts`` (the whole ``facts`` mapping, relations
included, written even when empty), ``exerkine-history``, ``exerkine-misconceptions``,
``exerkine-tags`` and ``exerkine-see-also`` on the ``<conceptEntry>``, and ``exerkine-plural`` on the
preferred English ``<termSec>``. An entry carrying ``exerkine-facts`` is taken to be complete: its
sources are exactly its ``<admin type="source">`` elements, possibly none.

Concept ids become XML ids; ids starting with a digit (not allowed in XML) get a leading ``_``.
Import refuses DOCTYPE and entity declarations.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.parsers import expat

from ..model import Concept, Glossary
from ..schema import RELATIONS
from . import ImportProblem, ImportResult, is_japanese, missing_warning, schema_order, slug_for, warning

__all__ = ["TBX_NAMESPACE", "export_tbx", "import_tbx"]

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOTE_PREFIX = "exerkine-"
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")

_STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
           "deprecated": "deprecatedTerm-admn-sts"}


# ============================================================================================ export


def _xml_id(concept_id: str) -> str:
    return "_" + concept_id if concept_id[:1].isdigit() else concept_id


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _note(parent: ET.Element, name: str, value) -> None:
    _sub(parent, "note", f"{_NOTE_PREFIX}{name}: {json.dumps(value, ensure_ascii=False, separators=(',', ':'))}")


def _term(lang_sec: ET.Element, term: str, status: str, abbreviation: bool = False) -> ET.Element:
    term_sec = _sub(lang_sec, "termSec")
    _sub(term_sec, "term", term)
    _sub(term_sec, "termNote", _STATUS[status], type="administrativeStatus")
    _sub(term_sec, "termNote", "noun", type="partOfSpeech")
    if abbreviation:
        _sub(term_sec, "termNote", "abbreviation", type="termType")
    return term_sec


def _relation_targets(concept: Concept) -> list[str]:
    targets = [rel.id for _, rel in concept.facts.relations()] + list(concept.see_also)
    return list(dict.fromkeys(targets))


def _entry(body: ET.Element, concept: Concept, glossary: Glossary) -> None:
    entry = _sub(body, "conceptEntry", id=_xml_id(concept.id))
    for source in concept.sources:
        _sub(entry, "admin", source, type="source")
    _note(entry, "facts", concept.facts.to_dict())
    if concept.history:
        _note(entry, "history", [h.to_dict() for h in concept.history])
    if concept.misconceptions:
        _note(entry, "misconceptions", [m.to_dict() for m in concept.misconceptions])
    if concept.tags:
        _note(entry, "tags", list(concept.tags))
    if concept.see_also:
        _note(entry, "see-also", list(concept.see_also))
    for target in _relation_targets(concept):
        other = glossary.get(target)
        _sub(entry, "ref", other.en.term if other else target, type="crossReference", target=_xml_id(target))

    ja = _sub(entry, "langSec", **{_XML_LANG: "ja"})
    _sub(ja, "descrip", concept.definition_ja, type="definition")
    preferred = _term(ja, concept.ja.term, "preferred")
    _sub(preferred, "termNote", concept.ja.reading, type="pronunciation")
    for form in concept.ja.admitted:
        _term(ja, form, "admitted")
    for form in concept.ja.variants:
        _term(ja, form, "deprecated")

    en = _sub(entry, "langSec", **{_XML_LANG: "en"})
    _sub(en, "descrip", concept.definition_en, type="definition")
    preferred = _term(en, concept.en.term, "preferred")
    if concept.en.plural is not None:
        _note(preferred, "plural", concept.en.plural)
    for form in concept.en.admitted:
        _term(en, form, "admitted")
    for form in concept.en.abbreviations:
        _term(en, form, "admitted", abbreviation=True)
    for form in concept.en.variants:
        _term(en, form, "deprecated")


def export_tbx(glossary: Glossary) -> str:
    """The glossary as a TBX-Basic document (DCA style)."""
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", _XML_LANG: "en", "xmlns": TBX_NAMESPACE})
    header = _sub(_sub(root, "tbxHeader"), "fileDesc")
    _sub(_sub(header, "sourceDesc"), "p", "Exported from the sphinx-exerkine terminology database "
                                          f"({len(glossary)} concepts, Japanese and English).")
    body = _sub(_sub(root, "text"), "body")
    for concept in glossary:
        _entry(body, concept, glossary)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# ========================================================================================== parsing


@dataclass
class _Node:
    """An element with its position: local name, attributes by local name, text, children."""

    tag: str
    attrs: dict[str, str]
    line: int
    column: int
    children: list["_Node"] = field(default_factory=list)
    text: str = ""

    def content(self) -> str:
        return self.text.strip()


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column in characters) of a byte offset in UTF-8 data."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[line_start:offset].decode("utf-8", "replace")) + 1


def _parse(text: str, path: str) -> _Node:
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Node] = []
    roots: list[_Node] = []

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    data = text.lstrip("\ufeff").encode("utf-8")

    def refuse(what: str, opening: bytes):
        def handler(*_args) -> None:
            start = data.rfind(opening, 0, parser.CurrentByteIndex + len(opening))
            line, column = here() if start < 0 else _byte_position(data, start)
            raise ImportProblem(path, line, column, f"{what} are not accepted in TBX files (they can expand or "
                                                    "read outside data); remove it")
        return handler

    def start(name: str, attrs: dict[str, str]) -> None:
        node = _Node(_local(name), {_local(k): v for k, v in attrs.items()}, *here())
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_name: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        if stack:
            stack[-1].text += data

    parser.StartDoctypeDeclHandler = refuse("DOCTYPE declarations", b"<!DOCTYPE")
    parser.EntityDeclHandler = refuse("entity declarations", b"<!ENTITY")
    parser.ExternalEntityRefHandler = refuse("external entities", b"&")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise ImportProblem(path, exc.lineno, exc.offset + 1,
                            f"XML error: {expat.ErrorString(exc.code)}") from None
    root = roots[0]
    if root.tag not in ("tbx", "martif"):
        raise ImportProblem(path, root.line, root.column,
                            f"not a TBX file: the root element is <{root.tag}>, not <tbx> or <martif>")
    return root


# ========================================================================================== reading

_ENTRY = {"conceptEntry", "termEntry"}
_LANG = {"langSec", "langSet"}
_TERM = {"termSec", "tig", "ntig"}
_ABBREVIATION_TYPES = {"abbreviation", "acronym", "initialism", "shortForm", "short form", "short-form"}


def _walk(node: _Node, stop: set[str]):
    """Descendants of a node, not entering elements named in ``stop`` (those are yielded, not entered)."""
    for child in node.children:
        yield child
        if child.tag not in stop:
            yield from _walk(child, stop)


def _typed(nodes, tag: str, kind: str) -> list[_Node]:
    return [n for n in nodes if n.tag == tag and n.attrs.get("type") == kind]


def _status(value: str) -> str:
    value = value.strip().removesuffix("-admn-sts").removesuffix("Term").lower()
    return {"preferred": "preferred", "admitted": "admitted", "deprecated": "deprecated",
            "superseded": "deprecated", "legal": "admitted", "regulated": "preferred",
            "standardized": "preferred", "notrecommended": "deprecated"}.get(value, "")


def _katakana_to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


_HIRAGANA = re.compile(r"[\u3041-\u3096\u309d\u309e\u30fc\u30fb ]+\Z")


@dataclass
class _Term:
    text: str
    status: str
    abbreviation: bool
    reading: str
    notes: dict
    node: _Node


class _Reader:
    def __init__(self, path: str, default_lang: str) -> None:
        self.path = path
        self.default_lang = default_lang
        self.warnings: list[str] = []

    def warn(self, node: _Node, message: str) -> None:
        self.warnings.append(warning(self.path, node.line, node.column, message))

    def fail(self, node: _Node, message: str) -> ImportProblem:
        return ImportProblem(self.path, node.line, node.column, message)

    def notes(self, nodes) -> dict:
        """``exerkine-<field>: <JSON>`` notes among ``nodes``, decoded."""
        found: dict = {}
        for node in nodes:
            if node.tag != "note" or not node.content().startswith(_NOTE_PREFIX):
                continue
            name, _, raw = node.content()[len(_NOTE_PREFIX):].partition(":")
            try:
                found[name.strip()] = (json.loads(raw), node)
            except json.JSONDecodeError as exc:
                raise self.fail(node, f"note {_NOTE_PREFIX}{name.strip()} is not valid JSON: {exc.msg}") from None
        return found

    def term(self, node: _Node) -> _Term | None:
        inner = list(_walk(node, set()))
        terms = [n for n in inner if n.tag == "term"]
        if not terms or not terms[0].content():
            self.warn(node, f"<{node.tag}> without a <term>; skipped")
            return None
        status = next((_status(n.content()) for n in inner if n.tag == "termNote"
                       and n.attrs.get("type") in ("administrativeStatus", "normativeAuthorization")), "")
        kinds = {n.content() for n in _typed(inner, "termNote", "termType")}
        reading = next((n.content() for n in _typed(inner, "termNote", "pronunciation")), "")
        return _Term(terms[0].content(), status, bool(kinds & _ABBREVIATION_TYPES), reading,
                     self.notes(inner), node)

    def entry(self, node: _Node, taken: set[str]) -> dict | None:
        own = list(_walk(node, _LANG))
        notes = self.notes(own)
        forms: dict[str, dict] = {}
        definitions: dict[str, str] = {}
        abbreviations: list[str] = []
        sources = [n.content() for n in _typed(own, "admin", "source") if n.content()]
        for lang_node in (n for n in own if n.tag in _LANG):
            lang = self.language(lang_node)
            if lang is None:
                continue
            lang_items = list(_walk(lang_node, _TERM))
            terms = [t for t in (self.term(n) for n in lang_items if n.tag in _TERM) if t is not None]
            definition = next((n.content() for n in _typed(lang_items, "descrip", "definition") if n.content()),
                              None)
            if definition is None:  # some files define at term level
                term_level = (n for t in terms for n in _typed(_walk(t.node, set()), "descrip", "definition"))
                definition = next((n.content() for n in term_level if n.content()), None)
            if definition is not None:
                definitions.setdefault(lang, definition)
            for source in (n.content() for n in _typed(lang_items, "admin", "source")):
                if source and source not in sources:
                    sources.append(source)
            self.forms(lang, terms, forms.setdefault(lang, {}), abbreviations)
        for descrip in _typed(own, "descrip", "definition"):  # entry-level definitions (seen in v2 files)
            lang = (descrip.attrs.get("lang") or self.default_lang).lower().split("-")[0]
            if lang in ("ja", "en") and descrip.content():
                definitions.setdefault(lang, descrip.content())
        if abbreviations:
            forms.setdefault("en", {})["abbreviations"] = list(dict.fromkeys(abbreviations))
        if not any(forms.values()):
            self.warn(node, f"<{node.tag}> has no Japanese or English terms; skipped")
            return None
        concept: dict = {"id": self.concept_id(node, forms, taken)}
        concept.update({lang: forms[lang] for lang in ("ja", "en") if forms.get(lang)})
        if definitions:
            concept["definition"] = definitions
        self.extras(node, concept, notes, own, sources)
        return schema_order(concept)

    def language(self, node: _Node) -> str | None:
        lang = (node.attrs.get("lang") or self.default_lang).lower()
        base = lang.split("-")[0].split("_")[0]
        if base in ("ja", "en"):
            return base
        self.warn(node, f"language '{lang}' is not part of the glossary (ja, en); skipped")
        return None

    def forms(self, lang: str, terms: list[_Term], forms: dict, abbreviations: list[str]) -> None:
        if terms and not any(t.status == "preferred" for t in terms):
            first = next((t for t in terms if t.status != "deprecated" and not t.abbreviation), None)
            if first is not None:
                first.status = "preferred"
        for t in terms:
            if t.status == "deprecated":
                forms.setdefault("variants", []).append(t.text)
            elif t.abbreviation:
                abbreviations.append(t.text)
            elif t.status == "preferred" and "term" not in forms:
                forms["term"] = t.text
                self.preferred(lang, t, forms)
            else:
                if t.status == "preferred":
                    self.warn(t.node, f"second preferred {lang} term '{t.text}' read as admitted")
                forms.setdefault("admitted", []).append(t.text)

    def preferred(self, lang: str, t: _Term, forms: dict) -> None:
        if lang == "ja" and t.reading:
            reading = _katakana_to_hiragana(t.reading)
            if _HIRAGANA.match(reading):
                forms["reading"] = reading
            else:
                self.warn(t.node, f"pronunciation '{t.reading}' is not kana; left out")
        if lang == "en" and "plural" in t.notes:
            value, node = t.notes["plural"]
            if not isinstance(value, str):
                raise self.fail(node, "note exerkine-plural must hold a JSON string")
            forms["plural"] = value

    def concept_id(self, node: _Node, forms: dict, taken: set[str]) -> str:
        raw = node.attrs.get("id", "")
        if raw.startswith("_") and raw[1:2].isdigit():
            raw = raw[1:]
        if _SLUG.match(raw):
            if raw in taken:
                raise self.fail(node, f"duplicate concept id '{raw}'")
            taken.add(raw)
            return raw
        term = forms.get("en", {}).get("term") or forms.get("ja", {}).get("term") or raw or "concept"
        made = slug_for(term if not raw or is_japanese(raw) else raw, taken)
        taken.add(made)
        return made

    def extras(self, node: _Node, concept: dict, notes: dict, own: list[_Node], sources: list[str]) -> None:
        """Facts, history, misconceptions, tags, see_also and sources."""
        expected = {"facts": dict, "history": list, "misconceptions": list, "tags": list, "see-also": list}
        for name, (value, note_node) in notes.items():
            if name in expected and not isinstance(value, expected[name]):
                kind = "object" if expected[name] is dict else "list"
                raise self.fail(note_node, f"note {_NOTE_PREFIX}{name} must hold a JSON {kind}")
        refs = [_unescape_id(n.attrs.get("target", "")) for n in _typed(own, "ref", "crossReference")]
        if "facts" in notes:
            concept["facts"] = notes["facts"][0]
        for name, key in (("history", "history"), ("misconceptions", "misconceptions"), ("tags", "tags")):
            if name in notes:
                concept[key] = notes[name][0]
        if "tags" not in concept:
            tags = [slug_for(n.content()) for n in _typed(own, "descrip", "subjectField") if n.content()]
            if tags:
                concept["tags"] = list(dict.fromkeys(tags))
        if "see-also" in notes:
            concept["see_also"] = notes["see-also"][0]
        else:
            related = {r if isinstance(r, str) else r.get("id") for name in RELATIONS
                       for r in (concept.get("facts") or {}).get(name, ())}
            see_also = [r for r in dict.fromkeys(refs) if r and r not in related]
            if see_also:
                concept["see_also"] = see_also
        if sources or "facts" in notes:
            concept["sources"] = sources


def _unescape_id(value: str) -> str:
    value = value.strip().lstrip("#")
    return value[1:] if value.startswith("_") and value[1:2].isdigit() else value


def import_tbx(text: str, path: str) -> ImportResult:
    """Concepts from a TBX-Basic document (v3 DCA or v2 ``martif``)."""
    root = _parse(text, path)
    reader = _Reader(path, (root.attrs.get("lang") or "en").lower())
    result = ImportResult(warnings=reader.warnings)
    taken: set[str] = set()
    for node in _walk(root, _ENTRY):
        if node.tag not in _ENTRY:
            continue
        concept = reader.entry(node, taken)
        if concept is None:
            continue
        result.concepts.append(concept)
        note = missing_warning(path, node.line, node.column, concept)
        if note:
            result.warnings.append(note)
    if not result.concepts:
        result.warnings.append(warning(path, root.line, root.column, "no concept entries found"))
    return result
