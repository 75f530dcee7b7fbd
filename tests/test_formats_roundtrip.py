"""Export -> import -> YAML -> load gives back the same glossary (TBX, CSV); prh keeps every spelling pair."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sphinx_exerkine.formats import EXPORTERS, IMPORTERS, schema_order
from sphinx_exerkine.formats.yamlout import dump_concepts
from sphinx_exerkine.loader import GlossaryError, glossary_files, load_glossary
from sphinx_exerkine.model import Glossary

GLOSSARY_DIR = Path(__file__).resolve().parent.parent / "glossary"

#: a glossary using every field of the schema, with text that is awkward for every format
RICH = r"""
- id: exosome
  tags: [vesicle, biomarker]
  ja:
    term: エクソソーム
    reading: えくそそーむ
    variants: [エキソソーム, エクソゾーム]
    admitted: [エキソゾーム小胞]
  en:
    term: exosome
    plural: exosomes
    variants: [exo-some, exosom]
    admitted: [exosomal vesicle]
    abbreviations: [EXO]
  definition:
    ja: "多胞体（MVB）に由来する直径 30–150 nm の膜小胞。<定義> & \"引用\" 'x'"
    en: |-
      A small membrane vesicle (30–150 nm) released when multivesicular bodies fuse with the plasma membrane.
      Second line with <tags> & ampersands, "quotes", 'apostrophes', a | pipe and a \backslash.
  facts:
    size:
      min: 30
      max: 150
      unit: nm
      source: "Théry C, et al. (2018) J Extracell Vesicles 7:1535750"
      note: sizes differ by method
      reported:
        - {min: 40, max: 100, unit: nm, source: "Source A | with a pipe"}
        - {min: 30.5, max: 160, unit: um, note: "odd unit, kept"}
    length: {min: 18, max: 25, unit: nt}
    coined: {year: 1987, by: "Johnstone RM", source: "Johnstone RM, et al. (1987)", note: "in reticulocytes"}
    origin: {tissues: [any-cell, blood], exclusive: false, source: "Review 2020"}
    is_a: [{id: extracellular-vesicle, source: "MISEV2018"}]
    examples: [5-ht]
  history:
    - {year: 1983, by: "Pan BT", en: "vesicles shed by reticulocytes", source: "Pan & Johnstone (1983)"}
    - year: 2010
      ja: かつての定義
  misconceptions:
    - ja: エクソソームはすべての細胞外小胞を指す。
      en: Exosome means every extracellular vesicle.
      why: "Only vesicles from multivesicular bodies are exosomes; the generic term is 'extracellular vesicle'."
      source: MISEV2018
    - {ja: 誤解その二, en: A second misconception, why: "because | reasons \\ here"}
  sources:
    - "Théry C, et al. (2018) Minimal information for studies of extracellular vesicles 2018 (MISEV2018). J Extracell Vesicles 7:1535750"
    - "Source with | pipe and \\ backslash"
  see_also: [extracellular-vesicle, myokine]
- id: extracellular-vesicle
  ja: {term: 細胞外小胞, reading: さいぼうがいしょうほう}
  en: {term: extracellular vesicle, abbreviations: [EV, EVs]}
  definition: {ja: 細胞が放出する膜小胞の総称。, en: Membrane vesicles released by cells.}
  facts: {includes: [exosome]}
  sources: [MISEV2018]
- id: myokine
  tags: [exerkine]
  ja: {term: マイオカイン, reading: まいおかいん, variants: [ミオカイン, マイオカイ]}
  en: {term: myokine, variants: [myokin, myo-kine]}
  definition: {ja: 骨格筋が分泌する生理活性物質。, en: Bioactive substances secreted by skeletal muscle.}
  facts: {origin: {tissues: [skeletal-muscle], exclusive: true, source: Pedersen 2003}, coined: {year: 2003}}
  sources: ["Pedersen BK, et al. (2003)"]
- id: 5-ht
  ja: {term: セロトニン, reading: せろとにん, variants: [セロトニン類]}
  en: {term: serotonin, plural: serotonin, variants: [5HT, "seroton.in"], abbreviations: [5-HT]}
  definition: {ja: 神経伝達物質。, en: A neurotransmitter.}
  facts: {}
  sources: []
  see_also: [exosome]
- id: vesicle-secretion
  ja: {term: 小胞分泌, reading: しょうほうぶんぴつ, variants: [イオカイ]}
  en: {term: vesicle secretion, variants: [vesicle release, ve-sicle]}
  definition: {ja: 小胞を分泌すること。, en: Release of vesicles.}
  facts: {}
  sources: [x]
- id: ev-release
  ja: {term: 細胞外小胞放出, reading: さいぼうがいしょうほうほうしゅつ}
  en: {term: extracellular vesicle release}
  definition: {ja: 放出。, en: Release.}
  facts: {}
  sources: [x]
"""


def _data(glossary: Glossary) -> list[dict]:
    return [concept.to_dict() for concept in glossary]


def _rich(tmp_path: Path) -> Glossary:
    path = tmp_path / "rich.yaml"
    path.write_text(RICH, encoding="utf-8")
    return load_glossary([str(path)], use_cache=False)


def _shipped() -> Glossary:
    if not GLOSSARY_DIR.is_dir() or not any(GLOSSARY_DIR.rglob("*.y*ml")):
        pytest.skip("no glossary/*.yaml in this checkout")
    try:
        return load_glossary([str(GLOSSARY_DIR)], use_cache=False)
    except GlossaryError as exc:  # the glossary's own tests report this; a round trip needs a valid one
        pytest.skip(f"glossary/ does not load: {exc.problems[0]}")


@pytest.fixture(params=["rich", "shipped"])
def glossary(request, tmp_path: Path) -> Glossary:
    return _rich(tmp_path) if request.param == "rich" else _shipped()


def _reload(concepts: list[dict], tmp_path: Path) -> Glossary:
    out = tmp_path / "imported" / "glossary.yaml"
    out.parent.mkdir(exist_ok=True)
    out.write_text(dump_concepts(concepts), encoding="utf-8")
    return load_glossary([str(out)], use_cache=False)


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_export_import_is_lossless(glossary: Glossary, fmt: str, tmp_path: Path) -> None:
    exported = EXPORTERS[fmt](glossary)
    result = IMPORTERS[fmt](exported, f"glossary.{fmt}")
    assert result.warnings == []
    assert _data(_reload(result.concepts, tmp_path)) == _data(glossary)


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_imported_concepts_are_plain_data_in_schema_order(glossary: Glossary, fmt: str) -> None:
    result = IMPORTERS[fmt](EXPORTERS[fmt](glossary), f"glossary.{fmt}")
    assert result.concepts == [schema_order(c) for c in result.concepts]
    assert [list(c) for c in result.concepts] == [list(c.to_dict()) for c in glossary]


def _pairs(glossary: Glossary) -> set[tuple[str, str]]:
    return {(forms.term, v) for c in glossary for forms in (c.ja, c.en) for v in forms.variants}


def test_prh_keeps_every_spelling_pair(glossary: Glossary) -> None:
    exported = EXPORTERS["prh"](glossary)
    result = IMPORTERS["prh"](exported, "prh.yml")
    imported = {(c[lang]["term"], v) for c in result.concepts for lang in ("ja", "en") if lang in c
                for v in c[lang].get("variants", ())}
    assert imported == _pairs(glossary)
    assert not [w for w in result.warnings if "not a finite list" in w]


def _prh_regex(pattern: str) -> re.Pattern:
    """A prh pattern as Python would run it (prh compiles with the u flag: ASCII word boundaries)."""
    match = re.fullmatch(r"/(.*)/([gimy]*)", pattern)
    if match is None:
        return re.compile(re.escape(pattern))
    flags = re.ASCII | (re.IGNORECASE if "i" in match.group(2) else 0)
    return re.compile(match.group(1), flags)


def test_prh_rules_pass_their_specs_and_never_flag_correct_forms(glossary: Glossary) -> None:
    data = yaml.safe_load(EXPORTERS["prh"](glossary))
    assert data["version"] == 1
    correct = [form for c in glossary for form in c.preferred_forms()]
    for rule in data["rules"]:
        assert set(rule) == {"expected", "patterns", "specs", "prh"}
        regexes = [_prh_regex(p) for p in rule["patterns"]]
        for spec, regex in zip(rule["specs"], regexes, strict=True):
            assert regex.sub(lambda m: rule["expected"], spec["from"]) == spec["to"]
            assert regex.search(f"文中の{spec['from']}です。") or regex.search(f"in a {spec['from']} here")
        for form in correct:
            for regex in regexes:
                assert regex.search(form) is None, (rule["expected"], regex.pattern, form)


def test_rich_glossary_exercises_prh_guards(tmp_path: Path) -> None:
    exported = EXPORTERS["prh"](_rich(tmp_path))
    assert "/マイオカイ(?!ン)/" in exported
    assert "/(?!(?<=マ)イオカイン)イオカイ/" in exported
    assert r"/\b(?<!extracellular )vesicle release\b/i" in exported
    assert r"/\bseroton\.in\b/i" in exported
    assert "- ミオカイン" in exported or "[ミオカイン," in exported


def test_dump_concepts_house_style(tmp_path: Path) -> None:
    text = dump_concepts(_data(_rich(tmp_path)))
    assert "- id: exosome\n  tags: [vesicle, biomarker]\n  ja:" in text
    assert "  ja: {term: 細胞外小胞, reading: さいぼうがいしょうほう}\n" in text
    assert "\\u" not in text  # unicode written as is
    long_source = "Théry C, et al. (2018) Minimal information for studies of extracellular vesicles 2018"
    assert any(long_source in line for line in text.splitlines())  # never folded
    assert "\n\n- id: extracellular-vesicle\n" in text
    assert text.index("id:") < text.index("definition:") < text.index("facts:") < text.index("sources:")


def test_dump_concepts_loads_back(glossary: Glossary, tmp_path: Path) -> None:
    assert _data(_reload(_data(glossary), tmp_path)) == _data(glossary)


def test_dump_concepts_of_nothing() -> None:
    assert yaml.safe_load(dump_concepts([])) == []


def test_shipped_glossary_files_are_found() -> None:
    if not GLOSSARY_DIR.is_dir() or not any(GLOSSARY_DIR.rglob("*.y*ml")):
        pytest.skip("no glossary/*.yaml in this checkout")
    assert glossary_files([str(GLOSSARY_DIR)])
