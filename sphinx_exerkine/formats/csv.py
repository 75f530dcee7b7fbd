"""CSV with a header row and one row per term form (spreadsheet friendly).

Columns: ``id, lang, form, status, reading, definition, facts_json, sources, tags, see_also,
history_json, misconceptions_json``. ``status`` is ``preferred``, ``admitted``, ``deprecated``,
``abbreviation`` or ``plural``. The reading, the definition and the concept-level columns are filled on
the preferred row of each language and left empty on the others. ``*_json`` columns hold compact JSON;
``sources``, ``tags`` and ``see_also`` hold items joined by `` | `` (a ``|`` or ``\\`` inside an item is
written ``\\|`` or ``\\\\``).

Import accepts a UTF-8 byte order mark (as written by Excel), columns in any order (only ``id``,
``lang``, ``form`` and ``status`` are required), and reads each value from whichever row of the concept
holds it. A concept with ``facts_json`` is taken to be complete: an empty ``sources`` then means no
sources.
"""

from __future__ import annotations

import csv
import io
import json
import re

from ..model import Concept, Glossary
from ..positions import LineIndex
from . import ImportProblem, ImportResult, missing_warning, schema_order, warning

__all__ = ["COLUMNS", "STATUSES", "export_csv", "import_csv", "join_items", "split_items"]

COLUMNS = ("id", "lang", "form", "status", "reading", "definition", "facts_json", "sources", "tags",
           "see_also", "history_json", "misconceptions_json")
STATUSES = ("preferred", "admitted", "deprecated", "abbreviation", "plural")
_REQUIRED_COLUMNS = ("id", "lang", "form", "status")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_SEPARATOR = " | "


# ============================================================================================ export


def join_items(items) -> str:
    """Items as one cell, separated by `` | ``."""
    return _SEPARATOR.join(item.replace("\\", "\\\\").replace("|", "\\|") for item in items)


def split_items(cell: str) -> list[str]:
    """The items of a cell written by :func:`join_items` (empty items dropped)."""
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            current.append(nxt if nxt in ("\\", "|") else ch + nxt)
        elif ch == "|":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _concept_cells(concept: Concept) -> dict[str, str]:
    return {
        "facts_json": _json(concept.facts.to_dict()),
        "sources": join_items(concept.sources),
        "tags": join_items(concept.tags),
        "see_also": join_items(concept.see_also),
        "history_json": _json([h.to_dict() for h in concept.history]) if concept.history else "",
        "misconceptions_json": _json([m.to_dict() for m in concept.misconceptions]) if concept.misconceptions else "",
    }


def _rows(concept: Concept):
    shared = _concept_cells(concept)
    yield {"lang": "ja", "form": concept.ja.term, "status": "preferred", "reading": concept.ja.reading,
           "definition": concept.definition_ja, **shared}
    for form in concept.ja.admitted:
        yield {"lang": "ja", "form": form, "status": "admitted"}
    for form in concept.ja.variants:
        yield {"lang": "ja", "form": form, "status": "deprecated"}
    yield {"lang": "en", "form": concept.en.term, "status": "preferred", "definition": concept.definition_en,
           **shared}
    if concept.en.plural is not None:
        yield {"lang": "en", "form": concept.en.plural, "status": "plural"}
    for key, status in (("admitted", "admitted"), ("abbreviations", "abbreviation"), ("variants", "deprecated")):
        for form in getattr(concept.en, key):
            yield {"lang": "en", "form": form, "status": status}


def export_csv(glossary: Glossary) -> str:
    """The glossary as CSV, one row per term form."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for concept in glossary:
        for row in _rows(concept):
            row["id"] = concept.id
            writer.writerow([row.get(column, "") for column in COLUMNS])
    return out.getvalue()


# ============================================================================================ import


class _Cells:
    """One data row: cell values by column, and where each cell starts in the file."""

    def __init__(self, values: dict[str, str], positions: list[tuple[int, int]], columns: dict[str, int]) -> None:
        self.values = values
        self.positions = positions
        self.columns = columns

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()

    def at(self, column: str) -> tuple[int, int]:
        index = self.columns.get(column, 0)
        return self.positions[min(index, len(self.positions) - 1)]

    @property
    def line(self) -> int:
        return self.positions[0][0]


def _field_starts(text: str, start: int, index: LineIndex) -> list[tuple[int, int]]:
    """(line, column) of every field of the record starting at offset ``start``."""
    starts = [index.position(start)]
    quoted = False
    pos = start
    while pos < len(text):
        ch = text[pos]
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == ",":
            starts.append(index.position(pos + 1))
        elif not quoted and ch in "\r\n":
            break
        pos += 1
    return starts


def _records(text: str, path: str):
    """(cells, positions) of every record, positions being (line, column) of each field."""
    index = LineIndex(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous_end = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportProblem(path, previous_end + 1, 1, f"CSV error in the row starting here: {exc}") from None
        first_line = previous_end + 1
        previous_end = reader.line_num
        if first_line > index.line_count:
            return
        yield cells, _field_starts(text, index.line_start(first_line), index)


class _Importer:
    def __init__(self, path: str) -> None:
        self.path = path
        self.warnings: list[str] = []

    def fail(self, row: _Cells, column: str, message: str) -> ImportProblem:
        return ImportProblem(self.path, *row.at(column), message)

    def warn(self, row: _Cells, column: str, message: str) -> None:
        self.warnings.append(warning(self.path, *row.at(column), message))

    def header(self, cells: list[str], positions: list[tuple[int, int]]) -> dict[str, int]:
        columns: dict[str, int] = {}
        for i, name in enumerate(cells):
            key = name.strip().lower()
            line, column = positions[min(i, len(positions) - 1)]
            if key in columns:
                raise ImportProblem(self.path, line, column, f"column '{key}' appears twice in the header")
            if key not in COLUMNS:
                self.warnings.append(warning(self.path, line, column, f"unknown column '{name.strip()}' is ignored"))
            columns[key] = i
        missing = [c for c in _REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise ImportProblem(self.path, 1, 1, f"header lacks the column(s) {', '.join(missing)}; "
                                                 f"expected {', '.join(COLUMNS)}")
        return columns

    def row(self, cells: list[str], positions: list[tuple[int, int]], columns: dict[str, int]) -> _Cells | None:
        if not any(cell.strip() for cell in cells):
            return None
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
            line, column = positions[min(len(columns), len(positions) - 1)]
            raise ImportProblem(self.path, line, column,
                                f"row has {len(cells)} fields but the header names {len(columns)}")
        values = {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
        row = _Cells(values, positions, columns)
        if not _SLUG.match(row.get("id")):
            raise self.fail(row, "id", f"id '{row.get('id')}' is not an ASCII slug (lowercase letters, digits, '-')")
        if row.get("lang") not in ("ja", "en"):
            raise self.fail(row, "lang", f"lang '{row.get('lang')}' must be ja or en")
        if row.get("status") not in STATUSES:
            raise self.fail(row, "status", f"status '{row.get('status')}' must be one of {', '.join(STATUSES)}")
        if not row.get("form"):
            raise self.fail(row, "form", "empty form")
        if row.get("status") == "plural" and row.get("lang") != "en":
            raise self.fail(row, "status", "plural forms are English (lang en)")
        return row

    def concept(self, concept_id: str, rows: list[_Cells]) -> dict:
        ja: dict = {}
        en: dict = {}
        preferred: dict[str, _Cells] = {}
        for row in rows:
            lang, status, form = row.get("lang"), row.get("status"), row.get("form")
            forms = ja if lang == "ja" else en
            if status == "preferred":
                if lang in preferred:
                    raise self.fail(row, "status", f"second preferred {lang} form for '{concept_id}' "
                                                   f"(the first is on line {preferred[lang].line})")
                preferred[lang] = row
                forms["term"] = form
            elif status == "plural":
                if "plural" in en:
                    raise self.fail(row, "status", f"second plural form for '{concept_id}'")
                en["plural"] = form
            elif status == "abbreviation":
                en.setdefault("abbreviations", []).append(form)
            else:
                forms.setdefault("admitted" if status == "admitted" else "variants", []).append(form)
        reading = self.single(rows, "reading", lambda r: r.get("lang") == "ja")
        if reading:
            ja["reading"] = reading
        for row in rows:
            if row.get("reading") and row.get("lang") != "ja":
                self.warn(row, "reading", "reading on an English row is ignored")
        concept: dict = {"id": concept_id}
        if ja:
            concept["ja"] = ja
        if en:
            concept["en"] = en
        definition = {}
        for lang in ("ja", "en"):
            value = self.single(rows, "definition", lambda r, lang=lang: r.get("lang") == lang)
            if value:
                definition[lang] = value
        if definition:
            concept["definition"] = definition
        self.concept_columns(concept, rows)
        return schema_order(concept)

    def single(self, rows: list[_Cells], column: str, where) -> str:
        """The one value of a column among the matching rows; later different values are reported."""
        found: _Cells | None = None
        for row in rows:
            if not where(row) or not row.get(column):
                continue
            if found is None:
                found = row
            elif row.get(column) != found.get(column):
                self.warn(row, column, f"{column} differs from the one on line {found.line}; that one is kept")
        return found.get(column) if found is not None else ""

    def concept_columns(self, concept: dict, rows: list[_Cells]) -> None:
        everywhere = lambda row: True  # noqa: E731
        for column, key, kind in (("facts_json", "facts", dict), ("history_json", "history", list),
                                  ("misconceptions_json", "misconceptions", list)):
            raw = self.single(rows, column, everywhere)
            if raw:
                concept[key] = self.decode(rows, column, raw, kind)
        for column in ("sources", "tags", "see_also"):
            items = split_items(self.single(rows, column, everywhere))
            if column == "tags":
                for tag in items:
                    if not _SLUG.match(tag):
                        row = next(r for r in rows if r.get(column))
                        raise self.fail(row, column, f"tag '{tag}' is not an ASCII slug")
            if items or (column == "sources" and "facts" in concept):
                concept[column] = items

    def decode(self, rows: list[_Cells], column: str, raw: str, kind: type):
        row = next(r for r in rows if r.get(column) == raw)
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise self.fail(row, column, f"{column} is not valid JSON: {exc.msg} (character {exc.pos + 1})") from None
        if not isinstance(value, kind):
            raise self.fail(row, column, f"{column} must hold a JSON {'object' if kind is dict else 'list'}")
        return value


def import_csv(text: str, path: str) -> ImportResult:
    """Concepts from CSV rows, grouped by id in order of first appearance."""
    importer = _Importer(path)
    records = _records(text.removeprefix("\ufeff"), path)
    first = next(records, None)
    if first is None:
        raise ImportProblem(path, 1, 1, "empty CSV: expected a header row " + ",".join(COLUMNS))
    columns = importer.header(*first)
    grouped: dict[str, list[_Cells]] = {}
    for cells, positions in records:
        row = importer.row(cells, positions, columns)
        if row is not None:
            grouped.setdefault(row.get("id"), []).append(row)
    result = ImportResult(warnings=importer.warnings)
    for concept_id, rows in grouped.items():
        concept = importer.concept(concept_id, rows)
        result.concepts.append(concept)
        note = missing_warning(path, *rows[0].at("id"), concept)
        if note:
            result.warnings.append(note)
    return result
