"""TBX-Basic export structure, and import of TBX v3 (DCA) and v2 (martif) files, safe and tolerant."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sphinx_exerkine.formats import ImportProblem
from sphinx_exerkine.formats.tbx import TBX_NAMESPACE, export_tbx, import_tbx
from sphinx_exerkine.loader import load_glossary

NS = {"t": TBX_NAMESPACE}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

GLOSSARY = """\
- id: exosome
  tags: [vesicle]
  ja: {term: エクソソーム, reading: えくそそーむ, variants: [エキソソーム], admitted: [エキソゾーム小胞]}
  en: {term: exosome, plural: exosomes, variants: [exo-some], abbreviations: [EXO]}
  definition: {ja: 小胞 <30–150 nm> & more, en: "A vesicle <30–150 nm> & \\"more\\""}
  facts:
    size: {min: 30, max: 150, unit: nm, source: S1}
    is_a: [extracellular-vesicle]
  history: [{year: 1987, by: Johnstone}]
  misconceptions: [{ja: 誤解, en: Wrong, why: Because}]
  sources: [S1, "S2 & <S3>"]
  see_also: [5-ht]
- id: extracellular-vesicle
  ja: {term: 細胞外小胞, reading: さいぼうがいしょうほう}
  en: {term: extracellular vesicle}
  definition: {ja: 小胞。, en: Vesicles.}
  facts: {}
  sources: [S1]
- id: 5-ht
  ja: {term: セロトニン, reading: せろとにん}
  en: {term: serotonin}
  definition: {ja: 物質。, en: A substance.}
  facts: {}
  sources: []
"""


@pytest.fixture
def exported(tmp_path: Path) -> str:
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return export_tbx(load_glossary([str(path)], use_cache=False))


# -------------------------------------------------------------------------------------------- export


def test_export_root_and_header(exported: str) -> None:
    assert exported.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" '
                               'xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">')
    root = ET.fromstring(exported)
    assert root.tag == f"{{{TBX_NAMESPACE}}}tbx"
    assert root.find("t:tbxHeader/t:fileDesc/t:sourceDesc/t:p", NS) is not None
    ids = [e.get("id") for e in root.findall("t:text/t:body/t:conceptEntry", NS)]
    assert ids == ["exosome", "extracellular-vesicle", "_5-ht"]


def test_export_concept_entry(exported: str) -> None:
    entry = ET.fromstring(exported).find("t:text/t:body/t:conceptEntry", NS)
    assert [a.text for a in entry.findall("t:admin[@type='source']", NS)] == ["S1", "S2 & <S3>"]
    notes = {n.text.split(":", 1)[0]: json.loads(n.text.split(":", 1)[1]) for n in entry.findall("t:note", NS)}
    assert notes == {
        "exerkine-facts": {"size": {"min": 30, "max": 150, "unit": "nm", "source": "S1"},
                           "is_a": ["extracellular-vesicle"]},
        "exerkine-history": [{"year": 1987, "by": "Johnstone"}],
        "exerkine-misconceptions": [{"ja": "誤解", "en": "Wrong", "why": "Because"}],
        "exerkine-tags": ["vesicle"],
        "exerkine-see-also": ["5-ht"],
    }
    refs = [(r.get("type"), r.get("target"), r.text) for r in entry.findall("t:ref", NS)]
    assert refs == [("crossReference", "extracellular-vesicle", "extracellular vesicle"),
                    ("crossReference", "_5-ht", "serotonin")]


def _terms(lang_sec: ET.Element) -> list[tuple[str, dict[str, str]]]:
    out = []
    for term_sec in lang_sec.findall("t:termSec", NS):
        notes = {n.get("type"): n.text for n in term_sec.findall("t:termNote", NS)}
        out.append((term_sec.find("t:term", NS).text, notes))
    return out


def test_export_lang_sections(exported: str) -> None:
    entry = ET.fromstring(exported).find("t:text/t:body/t:conceptEntry", NS)
    ja, en = entry.findall("t:langSec", NS)
    assert (ja.get(XML_LANG), en.get(XML_LANG)) == ("ja", "en")
    assert ja.find("t:descrip[@type='definition']", NS).text == "小胞 <30–150 nm> & more"
    assert en.find("t:descrip[@type='definition']", NS).text == 'A vesicle <30–150 nm> & "more"'
    noun = {"partOfSpeech": "noun"}
    assert _terms(ja) == [
        ("エクソソーム", {"administrativeStatus": "preferredTerm-admn-sts", **noun, "pronunciation": "えくそそーむ"}),
        ("エキソゾーム小胞", {"administrativeStatus": "admittedTerm-admn-sts", **noun}),
        ("エキソソーム", {"administrativeStatus": "deprecatedTerm-admn-sts", **noun}),
    ]
    assert _terms(en) == [
        ("exosome", {"administrativeStatus": "preferredTerm-admn-sts", **noun}),
        ("EXO", {"administrativeStatus": "admittedTerm-admn-sts", **noun, "termType": "abbreviation"}),
        ("exo-some", {"administrativeStatus": "deprecatedTerm-admn-sts", **noun}),
    ]
    plural = en.find("t:termSec/t:note", NS)
    assert plural.text == 'exerkine-plural: "exosomes"'


def test_export_escapes_markup(exported: str) -> None:
    assert "&lt;30–150 nm&gt; &amp; more" in exported
    assert "S2 &amp; &lt;S3&gt;" in exported


def test_empty_sources_survive(exported: str) -> None:
    result = import_tbx(exported, "g.tbx")
    assert result.concepts[2]["sources"] == []
    assert result.warnings == []


# -------------------------------------------------------------------------------------------- import

V2 = """\
<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>from a CAT tool</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <descrip type="subjectField">Cell Biology</descrip>
      <ref type="crossReference" target="c2"/>
      <langSet xml:lang="en-US">
        <descripGrp><descrip type="definition">A small vesicle.</descrip>
          <admin type="source">Smith 2020</admin></descripGrp>
        <tig><term>exosome</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>exo-some</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
        <ntig><termGrp><term>EXO</term><termNote type="termType">acronym</termNote></termGrp></ntig>
      </langSet>
      <langSet xml:lang="ja-JP">
        <tig><term>エクソソーム</term><termNote type="pronunciation">エクソソーム</termNote></tig>
        <tig><term>エキソソーム</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="de"><tig><term>Exosom</term></tig></langSet>
    </termEntry>
    <termEntry>
      <langSet xml:lang="en"><tig><term>Extracellular Vesicle</term></tig><tig><term>EV vesicle</term></tig></langSet>
    </termEntry>
    <termEntry id="c3"><langSet xml:lang="fr"><tig><term>vésicule</term></tig></langSet></termEntry>
  </body></text>
</martif>
"""


def test_import_tbx_v2() -> None:
    result = import_tbx(V2, "cat.tbx")
    assert result.concepts == [
        {"id": "c1", "tags": ["cell-biology"],
         "ja": {"term": "エクソソーム", "reading": "えくそそーむ", "variants": ["エキソソーム"]},
         "en": {"term": "exosome", "variants": ["exo-some"], "abbreviations": ["EXO"]},
         "definition": {"en": "A small vesicle."},
         "sources": ["Smith 2020"],
         "see_also": ["c2"]},
        {"id": "extracellular-vesicle", "en": {"term": "Extracellular Vesicle", "admitted": ["EV vesicle"]}},
    ]
    assert result.warnings == [
        "cat.tbx:19:7: language 'de' is not part of the glossary (ja, en); skipped",
        "cat.tbx:5:5: concept 'c1' still needs definition.ja, facts before the glossary accepts it",
        "cat.tbx:21:5: concept 'extracellular-vesicle' still needs ja.term, ja.reading, definition.ja, "
        "definition.en, facts, sources before the glossary accepts it",
        "cat.tbx:24:24: language 'fr' is not part of the glossary (ja, en); skipped",
        "cat.tbx:24:5: <termEntry> has no Japanese or English terms; skipped",
    ]


V3_FOREIGN = """\
<tbx xmlns="urn:iso:std:iso:30042:ed-2" xmlns:x="urn:example" type="TBX-Basic" style="dca" xml:lang="ja">
  <text><body>
    <conceptEntry id="Item-7">
      <langSec>
        <termSec><term>マイオカイン</term><termNote type="pronunciation">maiokain</termNote>
          <x:extra>ignored</x:extra></termSec>
        <termSec><term>ミオカイン</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term> </term></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_import_tbx_v3_foreign() -> None:
    result = import_tbx(V3_FOREIGN, "f.tbx")
    assert result.concepts == [
        {"id": "item-7", "ja": {"term": "ミオカイン", "admitted": ["マイオカイン"]}},
    ]
    assert result.warnings == [
        "f.tbx:9:9: <termSec> without a <term>; skipped",
        "f.tbx:3:5: concept 'item-7' still needs ja.reading, en.term, definition.ja, definition.en, facts, "
        "sources before the glossary accepts it",
    ]


def test_import_second_preferred_and_katakana_reading() -> None:
    text = """<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="a">
      <langSec xml:lang="ja">
        <termSec><term>ア</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <termNote type="pronunciation">アー</termNote></termSec>
        <termSec><term>イ</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec></conceptEntry></body></text></tbx>"""
    result = import_tbx(text, "p.tbx")
    assert result.concepts[0]["ja"] == {"term": "ア", "reading": "あー", "admitted": ["イ"]}
    assert result.warnings[0] == "p.tbx:5:9: second preferred ja term 'イ' read as admitted"


@pytest.mark.parametrize(("text", "error"), [
    ('<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<tbx>&xxe;</tbx>',
     "x.tbx:2:1: DOCTYPE declarations are not accepted in TBX files (they can expand or read outside data); remove it"),
    ('<!DOCTYPE tbx>\n<tbx/>',
     "x.tbx:1:1: DOCTYPE declarations are not accepted in TBX files (they can expand or read outside data); remove it"),
    ("<tbx>&lol;</tbx>", "x.tbx:1:6: XML error: undefined entity"),
    ("<tbx><text></tbx>", "x.tbx:1:14: XML error: mismatched tag"),
    ("", "x.tbx:1:1: XML error: no element found"),
    ("<tbx><x:a/></tbx>", "x.tbx:1:6: XML error: unbound prefix"),
    ("<glossary/>", "x.tbx:1:1: not a TBX file: the root element is <glossary>, not <tbx> or <martif>"),
    ('<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en"><termSec><term>a</term></termSec></langSec>'
     '</conceptEntry>\n<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>b</term></termSec></langSec>'
     '</conceptEntry></body></text></tbx>',
     "x.tbx:2:1: duplicate concept id 'a'"),
    ('<tbx><text><body><conceptEntry id="a"><note>exerkine-facts: {oops}</note>'
     '<langSec xml:lang="en"><termSec><term>a</term></termSec></langSec></conceptEntry></body></text></tbx>',
     "x.tbx:1:39: note exerkine-facts is not valid JSON: Expecting property name enclosed in double quotes"),
    ('<tbx><text><body><conceptEntry id="a"><note>exerkine-facts: [1]</note>'
     '<langSec xml:lang="en"><termSec><term>a</term></termSec></langSec></conceptEntry></body></text></tbx>',
     "x.tbx:1:39: note exerkine-facts must hold a JSON object"),
    ('<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en"><termSec><term>a</term>'
     '<note>exerkine-plural: 3</note></termSec></langSec></conceptEntry></body></text></tbx>',
     "x.tbx:1:85: note exerkine-plural must hold a JSON string"),
])
def test_import_errors(text: str, error: str) -> None:
    with pytest.raises(ImportProblem) as info:
        import_tbx(text, "x.tbx")
    assert str(info.value) == error


def test_billion_laughs_is_refused_before_expansion() -> None:
    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10 if i else "lol"}">' for i in range(10))
    with pytest.raises(ImportProblem, match="DOCTYPE declarations are not accepted"):
        import_tbx(f"<!DOCTYPE tbx [{lol}]><tbx>&l9;</tbx>", "x.tbx")


def test_entry_level_definition_is_used_when_the_language_has_none() -> None:
    text = """<martif type="TBX-Basic" xml:lang="en"><text><body><termEntry id="a">
      <descrip type="definition">Entry-level definition.</descrip>
      <descrip type="definition" xml:lang="ja">項目レベルの定義。</descrip>
      <langSet xml:lang="en"><descrip type="definition">Language-level definition.</descrip>
        <tig><term>a</term></tig></langSet>
      <langSet xml:lang="ja"><tig><term>ア</term></tig></langSet>
    </termEntry></body></text></martif>"""
    concept = import_tbx(text, "d.tbx").concepts[0]
    assert concept["definition"] == {"en": "Language-level definition.", "ja": "項目レベルの定義。"}


def test_byte_order_mark_and_no_entries() -> None:
    result = import_tbx("\ufeff<tbx><text><body/></text></tbx>", "e.tbx")
    assert result.concepts == []
    assert result.warnings == ["e.tbx:1:1: no concept entries found"]
