"""CSV export layout and import: Excel byte order mark, any column order, exact errors and warnings."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_exerkine.formats import ImportProblem
from sphinx_exerkine.formats.csv import COLUMNS, export_csv, import_csv, join_items, split_items
from sphinx_exerkine.loader import load_glossary

GLOSSARY = """\
- id: exosome
  tags: [vesicle, marker]
  ja: {term: エクソソーム, reading: えくそそーむ, variants: [エキソソーム], admitted: [エキソゾーム小胞]}
  en: {term: exosome, plural: exosomes, variants: [exo-some], admitted: [exosomal vesicle], abbreviations: [EXO]}
  definition: {ja: "小胞, 定義", en: "A vesicle, \\"quoted\\"\\nsecond line"}
  facts: {size: {min: 30, max: 150, unit: nm}}
  history: [{year: 1987, by: Johnstone}]
  misconceptions: [{ja: 誤解, en: Wrong, why: Because}]
  sources: ["A | B", 'C \\ D']
  see_also: [irisin]
- id: irisin
  ja: {term: イリシン, reading: いりしん}
  en: {term: irisin}
  definition: {ja: 因子。, en: A factor.}
  facts: {}
  sources: []
"""


@pytest.fixture
def exported(tmp_path: Path) -> str:
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return export_csv(load_glossary([str(path)], use_cache=False))


def test_export_layout(exported: str) -> None:
    rows = list(csv.reader(io.StringIO(exported, newline="")))
    assert rows[0] == list(COLUMNS)
    assert [(r[0], r[1], r[2], r[3]) for r in rows[1:]] == [
        ("exosome", "ja", "エクソソーム", "preferred"),
        ("exosome", "ja", "エキソゾーム小胞", "admitted"),
        ("exosome", "ja", "エキソソーム", "deprecated"),
        ("exosome", "en", "exosome", "preferred"),
        ("exosome", "en", "exosomes", "plural"),
        ("exosome", "en", "exosomal vesicle", "admitted"),
        ("exosome", "en", "EXO", "abbreviation"),
        ("exosome", "en", "exo-some", "deprecated"),
        ("irisin", "ja", "イリシン", "preferred"),
        ("irisin", "en", "irisin", "preferred"),
    ]
    ja = dict(zip(COLUMNS, rows[1]))
    assert ja["reading"] == "えくそそーむ"
    assert ja["definition"] == "小胞, 定義"
    assert ja["facts_json"] == '{"size":{"min":30,"max":150,"unit":"nm"}}'
    assert ja["sources"] == r"A \| B | C \\ D"
    assert ja["tags"] == "vesicle | marker"
    assert ja["see_also"] == "irisin"
    assert ja["history_json"] == '[{"year":1987,"by":"Johnstone"}]'
    assert ja["misconceptions_json"] == '[{"ja":"誤解","en":"Wrong","why":"Because"}]'
    en = dict(zip(COLUMNS, rows[4]))
    assert en["definition"] == 'A vesicle, "quoted"\nsecond line'
    assert en["reading"] == ""
    assert {k: en[k] for k in COLUMNS[6:]} == {k: ja[k] for k in COLUMNS[6:]}
    assert all(cell == "" for row in rows[2:4] + rows[5:9] for cell in row[4:])


def test_import_with_byte_order_mark_and_crlf(exported: str) -> None:
    plain = import_csv(exported, "g.csv")
    excel = import_csv("\ufeff" + exported.replace("\n", "\r\n"), "g.csv")
    assert excel.concepts[0]["definition"]["en"] == 'A vesicle, "quoted"\r\nsecond line'
    excel.concepts[0]["definition"]["en"] = plain.concepts[0]["definition"]["en"]
    assert excel.concepts == plain.concepts
    assert plain.concepts[1] == {"id": "irisin", "ja": {"term": "イリシン", "reading": "いりしん"},
                                 "en": {"term": "irisin"}, "definition": {"ja": "因子。", "en": "A factor."},
                                 "facts": {}, "sources": []}
    assert excel.warnings == plain.warnings == []


def test_import_minimal_columns_in_any_order() -> None:
    text = "status,form,lang,id,definition\npreferred,exosome,en,exosome,A vesicle.\ndeprecated,exo-some,en,exosome,\n"
    result = import_csv(text, "m.csv")
    assert result.concepts == [{"id": "exosome", "en": {"term": "exosome", "variants": ["exo-some"]},
                                "definition": {"en": "A vesicle."}}]
    assert result.warnings == ["m.csv:2:22: concept 'exosome' still needs ja.term, ja.reading, definition.ja, "
                               "facts, sources before the glossary accepts it"]


HEADER = ",".join(COLUMNS) + "\n"


@pytest.mark.parametrize(("text", "warnings"), [
    ("id,lang,form,status,colour\nx,en,x,preferred,red\n",
     ["w.csv:1:21: unknown column 'colour' is ignored"]),
    (HEADER + "x,ja,ア,preferred,あ,定義,{},s,,,,\nx,ja,イ,admitted,,別の定義,,,,,,\nx,en,x,preferred,,D,{},s,,,,\n",
     ["w.csv:3:18: definition differs from the one on line 2; that one is kept"]),
    (HEADER + "x,ja,ア,preferred,あ,定義,{},s,,,,\nx,en,x,preferred,,D,{},t,,,,\n",
     ["w.csv:3:24: sources differs from the one on line 2; that one is kept"]),
    (HEADER + "x,ja,ア,preferred,あ,定義,{},s,,,,\nx,en,x,preferred,えい,D,{},s,,,,\n",
     ["w.csv:3:18: reading on an English row is ignored"]),
    (HEADER + "\n,,,,,,,,,,,\nx,ja,ア,preferred,あ,定義,{},s,,,,\nx,en,x,preferred,,D,{},s,,,,\n", []),
])
def test_import_warnings(text: str, warnings: list[str]) -> None:
    assert import_csv(text, "w.csv").warnings[:len(warnings) or None] == warnings


@pytest.mark.parametrize(("text", "error"), [
    ("", "e.csv:1:1: empty CSV: expected a header row " + ",".join(COLUMNS)),
    ("id,lang,form\nx,en,x\n", "e.csv:1:1: header lacks the column(s) status; expected " + ", ".join(COLUMNS)),
    ("id,lang,form,status,ID\n", "e.csv:1:21: column 'id' appears twice in the header"),
    (HEADER + "Exosome,en,exosome,preferred\n",
     "e.csv:2:1: id 'Exosome' is not an ASCII slug (lowercase letters, digits, '-')"),
    (HEADER + "x,de,x,preferred\n", "e.csv:2:3: lang 'de' must be ja or en"),
    (HEADER + "x,en,x,preferd\n",
     "e.csv:2:8: status 'preferd' must be one of preferred, admitted, deprecated, abbreviation, plural"),
    (HEADER + "x,en,,preferred\n", "e.csv:2:6: empty form"),
    (HEADER + "x,ja,ア,plural\n", "e.csv:2:8: plural forms are English (lang en)"),
    (HEADER + "x,en,x,preferred\nx,en,y,preferred\n", "e.csv:3:8: second preferred en form for 'x' (the first is on line 2)"),
    (HEADER + "x,en,xs,plural\nx,en,xes,plural\n", "e.csv:3:10: second plural form for 'x'"),
    (HEADER + 'x,en,x,preferred,,,"{""a"":",,,,,\n',
     "e.csv:2:20: facts_json is not valid JSON: Expecting value (character 6)"),
    (HEADER + "x,en,x,preferred,,,[],,,,,\n", "e.csv:2:20: facts_json must hold a JSON object"),
    (HEADER + "x,en,x,preferred,,,{},,,,{},\n", "e.csv:2:26: history_json must hold a JSON list"),
    (HEADER + "x,en,x,preferred,,,{},,Bad Tag,,,\n", "e.csv:2:24: tag 'Bad Tag' is not an ASCII slug"),
    (HEADER + "x,en,x,preferred,,,,,,,,,extra\n", "e.csv:2:26: row has 13 fields but the header names 12"),
    (HEADER + 'x,en,"x,preferred\n', "e.csv:2:1: CSV error in the row starting here: unexpected end of data"),
])
def test_import_errors(text: str, error: str) -> None:
    with pytest.raises(ImportProblem) as info:
        import_csv(text, "e.csv")
    assert str(info.value) == error


def test_error_position_after_a_multiline_cell() -> None:
    text = HEADER + 'x,en,x,preferred,,"two\nlines",{},s,,,,\ny,xx,y,preferred\n'
    with pytest.raises(ImportProblem) as info:
        import_csv(text, "e.csv")
    assert (info.value.line, info.value.column) == (4, 3)


def test_trailing_empty_cells_may_be_missing() -> None:
    result = import_csv("id,lang,form,status,reading\nx,ja,ア,preferred\n", "t.csv")
    assert result.concepts == [{"id": "x", "ja": {"term": "ア"}}]


_item = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1).map(str.strip).filter(bool)


@given(st.lists(_item, max_size=6))
def test_join_and_split_items(items: list[str]) -> None:
    assert split_items(join_items(items)) == items


def test_split_items_keeps_other_backslashes() -> None:
    assert split_items(r"C:\data | a\|b | \\") == [r"C:\data", "a|b", "\\"]
    assert split_items(" | | ") == []
