"""The glossary validator: every broken glossary is refused with one exact line naming file:line:column."""

from __future__ import annotations

import textwrap

import pytest

from sphinx_exerkine.cli import main
from sphinx_exerkine.loader import GlossaryError, load_glossary

GOOD = """\
- id: exosome
  ja: {term: エクソソーム, reading: えくそそーむ, variants: [エキソソーム]}
  en: {term: exosome, variants: [exo-some]}
  definition: {ja: 細胞が放出する小さな膜小胞。, en: A small membrane vesicle released by cells.}
  facts:
    size: {min: 30, max: 150, unit: nm, source: Source A}
    is_a: [extracellular-vesicle]
  sources: [Source A]
- id: extracellular-vesicle
  ja: {term: 細胞外小胞, reading: さいぼうがいしょうほう}
  en: {term: extracellular vesicle, abbreviations: [EV]}
  definition: {ja: 細胞が放出する膜小胞の総称。, en: Membrane vesicles released by cells.}
  facts: {includes: [exosome]}
  sources: [Source B]
"""


def write(tmp_path, text: str, name: str = "g.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(tmp_path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(GlossaryError) as info:
        load_glossary([str(path)], use_cache=False)
    return [str(p).replace(str(path), "g.yaml") for p in info.value.problems]


def test_a_valid_glossary_loads(tmp_path):
    glossary = load_glossary([str(write(tmp_path, GOOD))], use_cache=False)
    assert [c.id for c in glossary] == ["exosome", "extracellular-vesicle"]
    exosome = glossary["exosome"]
    assert exosome.facts.size.min == 30 and exosome.facts.size.unit == "nm"
    assert exosome.facts.is_a[0].id == "extracellular-vesicle"
    assert exosome.location.line == 1 and glossary["extracellular-vesicle"].location.line == 9


BROKEN = [
    pytest.param(
        GOOD.replace("definition: {ja: 細胞が放出する小さな", "definition: {ja: [細胞が放出する小さな", 1),
        "g.yaml:4:",
        "YAML syntax error",
        id="yaml-syntax",
    ),
    pytest.param(
        GOOD.replace("  sources: [Source A]", "  sources: [Source A]\n  sauces: [x]", 1),
        "g.yaml:9:3:",
        "concept: unknown key 'sauces' (did you mean 'sources'?)",
        id="unknown-key-did-you-mean",
    ),
    pytest.param(
        GOOD.replace("ja: {term: エクソソーム, reading: えくそそーむ,", "ja: {term: エクソソーム, raeding: えくそそーむ,"),
        "g.yaml:2:",
        "unknown key 'raeding' (did you mean 'reading'?)",
        id="unknown-nested-key",
    ),
    pytest.param(
        GOOD.replace("  sources: [Source B]\n", ""),
        "g.yaml:9:3:",
        "concept: missing required key 'sources'",
        id="missing-required",
    ),
    pytest.param(
        GOOD.replace("id: extracellular-vesicle", "id: exosome", 1).replace("includes: [exosome]", "includes: []"),
        "g.yaml:9:7:",
        "duplicate id 'exosome' (first defined at g.yaml:1)",
        id="duplicate-id",
    ),
    pytest.param(
        GOOD.replace("abbreviations: [EV]", "abbreviations: [EV], variants: [エキソソーム]"),
        "g.yaml:11:",
        "variant 'エキソソーム' is already the variant of 'exosome'",
        id="form-claimed-twice",
    ),
    pytest.param(
        GOOD.replace("abbreviations: [EV]", "abbreviations: [EV], variants: [ｴｷｿｿｰﾑ]"),
        "g.yaml:11:",
        "variant 'ｴｷｿｿｰﾑ' is already the variant of 'exosome'",
        id="form-claimed-twice-after-nfkc",
    ),
    pytest.param(
        GOOD.replace("variants: [エキソソーム]", "variants: [エクソソーム]"),
        "g.yaml:2:",
        "exosome: variant 'エクソソーム' equals its own term 'エクソソーム'",
        id="variant-equals-own-term",
    ),
    pytest.param(
        GOOD.replace("reading: えくそそーむ", "reading: エクソソーム"),
        "g.yaml:2:",
        "reading 'エクソソーム' must be hiragana (found 'エ')",
        id="reading-not-hiragana",
    ),
    pytest.param(
        GOOD.replace("size: {min: 30, max: 150,", "size: {min: 150, max: 30,"),
        "g.yaml:6:11:",
        "concept.facts.size: min 150 is greater than max 30",
        id="range-min-above-max",
    ),
    pytest.param(
        GOOD.replace("unit: nm", "unit: nanometre"),
        "g.yaml:6:",
        "unknown unit 'nanometre'",
        id="range-bad-unit",
    ),
    pytest.param(
        GOOD.replace("    is_a: [extracellular-vesicle]", "    coined: {year: 19x7}\n    is_a: [extracellular-vesicle]"),
        "g.yaml:7:",
        "year must be a whole number, not '19x7'",
        id="malformed-year",
    ),
    pytest.param(
        GOOD.replace("    is_a: [extracellular-vesicle]", "    coined: {year: 1066}\n    is_a: [extracellular-vesicle]"),
        "g.yaml:7:",
        "year 1066 is out of range",
        id="year-out-of-range",
    ),
    pytest.param(
        GOOD.replace("is_a: [extracellular-vesicle]", "is_a: [extracellular-vesicles]"),
        "g.yaml:7:12:",
        "exosome: facts.is_a names unknown concept 'extracellular-vesicles' (did you mean 'extracellular-vesicle'?)",
        id="relation-unknown-id",
    ),
    pytest.param(
        GOOD.replace("facts: {includes: [exosome]}", "facts: {is_a: [exosome]}"),
        "g.yaml:1:3:",
        "cycle in is_a: exosome -> extracellular-vesicle -> exosome",
        id="is-a-cycle",
    ),
    pytest.param(
        GOOD.replace("id: exosome\n", "id: Exosome!\n", 1),
        "g.yaml:1:7:",
        "concept.id: 'Exosome!' is not an ASCII slug",
        id="id-not-slug",
    ),
    pytest.param(
        GOOD.replace("  sources: [Source A]", "  sources: !!python/object:os.system [x]"),
        "g.yaml:8:",
        "",
        id="no-object-construction",
    ),
    pytest.param(
        "exosome: {}\n",
        "g.yaml:1:1:",
        "a glossary file holds a list of concepts",
        id="not-a-list",
    ),
    pytest.param(
        GOOD.replace("origin", "x") .replace("    is_a: [extracellular-vesicle]",
                                            "    origin: {tissues: [skeletal-musle]}\n    is_a: [extracellular-vesicle]"),
        "g.yaml:7:",
        "unknown tissue 'skeletal-musle' (did you mean 'skeletal-muscle'?)",
        id="unknown-tissue",
    ),
]


@pytest.mark.parametrize("text, where, message", BROKEN)
def test_broken_glossaries_are_refused_with_file_line_column(tmp_path, text, where, message):
    found = problems(tmp_path, text)
    assert found, "the glossary should have been refused"
    assert any(p.startswith(where) and message in p for p in found), found
    assert all("\n" not in p for p in found)


def test_check_command_exit_codes(tmp_path, capsys):
    good = write(tmp_path, GOOD, "good.yaml")
    assert main(["glossary", "check", str(good)]) == 0
    bad = write(tmp_path, GOOD.replace("reading: えくそそーむ", "reading: exo"), "bad.yaml")
    assert main(["glossary", "check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2:" in err and "must be hiragana" in err
    assert main(["glossary", "check", str(tmp_path / "missing.yaml")]) == 2


def test_every_problem_of_a_file_is_reported_not_just_the_first(tmp_path):
    text = GOOD.replace("reading: えくそそーむ", "reading: exo").replace("unit: nm", "unit: parsec")
    found = problems(tmp_path, text)
    assert len(found) == 2
