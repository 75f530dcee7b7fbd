"""The ``exerkine-glossary`` directive, its diagram, anchors, ``std:term`` objects and intersphinx."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.util.inventory import InventoryFile

from sphinx_exerkine.model import concept_from_dict
from sphinx_exerkine.sphinxext.diagram import layout, relation_edges, render_svg
from sphinx_exerkine.sphinxext.sorting import reading_key, sort_concepts

pytest_plugins = ["sphinx.testing.fixtures"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


def entry_ids(page: str) -> list[str]:
    return re.findall(r'<dt class="exerkine-entry-term" id="term-([^"]+)"', page)


def entry(page: str, concept_id: str) -> str:
    start = rf'<dt class="exerkine-entry-term" id="term-{concept_id}">'
    match = re.search(start + r'.*?(?=<dt class="exerkine-entry-term"|$)', page, re.S)
    assert match is not None, concept_id
    return match.group()


# ------------------------------------------------------------------------------------------ the page


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True)
def test_entry_shows_terms_reading_definitions_facts_relations_and_sources(app) -> None:
    app.build()
    page = (app.outdir / "glossary.html").read_text(encoding="utf-8")
    exosome = entry(page, "exosome")
    assert '<ruby class="exerkine-ruby">エクソソーム<rp>（</rp><rt>えくそそーむ</rt><rp>）</rp></ruby>' in exosome
    assert '<span class="exerkine-en" lang="en">exosome</span>' in exosome
    assert '<p class="exerkine-definition" lang="ja">多胞体の内腔小胞が細胞外へ放出されたもの。</p>' in exosome
    assert "A vesicle released when a multivesicular body fuses with the plasma membrane." in exosome
    assert "30–150 nm" in exosome  # size with its unit
    assert "1981, Trams EG et al." in exosome  # coined
    assert '<a class="reference internal" href="#term-extracellular-vesicle">' in exosome  # is_a
    assert "<li><p>Sizing reference 2019</p></li>" in exosome
    myokine = entry(page, "myokine")
    assert "骨格筋 / skeletal muscle (のみ)" in myokine  # origin tissue, JA and EN names, exclusive
    ev = entry(page, "extracellular-vesicle")
    assert 'href="#term-exosome"' in ev and 'href="#term-microvesicle"' in ev  # includes
    # permalinks like any glossary term
    assert 'class="headerlink" href="#term-exosome"' in exosome


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True)
def test_japanese_glossary_is_in_reading_order(app) -> None:
    app.build()
    page = (app.outdir / "glossary.html").read_text(encoding="utf-8")
    # あでぃぽかいん いりしん えくそそーむ さいぼうがいしょうほう まいおかいん まいくろべしくる
    assert entry_ids(page) == ["adipokine", "irisin", "exosome", "extracellular-vesicle", "myokine",
                               "microvesicle"]


@pytest.mark.sphinx("html", testroot="exerkine-en", freshenv=True)
def test_english_glossary_is_in_alphabetical_order(app) -> None:
    app.build()
    page = (app.outdir / "glossary.html").read_text(encoding="utf-8")
    assert entry_ids(page) == ["adipokine", "exosome", "extracellular-vesicle", "irisin", "microvesicle",
                               "myokine"]
    # English first on an English page, readings still shown
    first = entry(page, "exosome")
    assert first.index('lang="en"') < first.index('lang="ja"')
    assert "<rt>えくそそーむ</rt>" in first


@pytest.mark.sphinx("html", testroot="exerkine-options", freshenv=True)
def test_tags_languages_and_sort_options(app) -> None:
    app.build()
    assert "WARNING" not in app.warning.getvalue()
    vesicles = (app.outdir / "vesicles.html").read_text(encoding="utf-8")
    assert entry_ids(vesicles) == ["exosome", "extracellular-vesicle", "microvesicle"]  # :sort: english
    exosome = entry(vesicles, "exosome")
    assert exosome.index('lang="en"') < exosome.index('lang="ja"')  # :languages: en ja
    assert "<svg" in vesicles
    secreted = (app.outdir / "secreted.html").read_text(encoding="utf-8")
    # :tags: secreted, sorted by reading (the project is Japanese): あでぃ いり まいお
    assert entry_ids(secreted) == ["adipokine", "irisin", "myokine"]
    irisin = entry(secreted, "irisin")
    assert 'lang="ja"' not in irisin and "<ruby" not in irisin  # :languages: en
    assert "A myokine whose secretion" in irisin and "運動で分泌" not in irisin
    assert "<svg" not in secreted  # :no-diagram:


@pytest.mark.sphinx("html", testroot="exerkine-options", freshenv=True,
                    confoverrides={"exerkine_language": "en"})
def test_labels_follow_the_page_language(app) -> None:
    app.build()
    secreted = (app.outdir / "secreted.html").read_text(encoding="utf-8")
    assert "Origin<span" in secreted and "Coined<span" in secreted
    assert "skeletal muscle (only)" in secreted


# ------------------------------------------------------------------------------------------ diagram


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True)
def test_diagram_is_inline_svg_linking_to_entries(app) -> None:
    app.build()
    page = (app.outdir / "glossary.html").read_text(encoding="utf-8")
    svg = re.search(r'<div class="exerkine-diagram docutils container">\s*(<svg .*?</svg>)\s*</div>', page, re.S)
    assert svg is not None
    targets = re.findall(r'<a class="exerkine-node" href="#([^"]+)"', svg.group(1))
    assert sorted(targets) == ["term-exosome", "term-extracellular-vesicle", "term-irisin", "term-microvesicle",
                               "term-myokine"]  # concepts without relations are left out
    for target in targets:
        assert f'id="{target}"' in page
    assert svg.group(1).count('class="exerkine-edge exerkine-is-a"') == 3
    assert "<title>エクソソームは細胞外小胞の一種</title>" in svg.group(1)


@pytest.mark.sphinx("text", testroot="exerkine-ja", freshenv=True)
def test_text_builder_gets_the_relations_as_a_list(app) -> None:
    app.build()
    text = (app.outdir / "glossary.txt").read_text(encoding="utf-8")
    assert "* エクソソームは細胞外小胞の一種" in text
    assert "<svg" not in text
    assert "エクソソーム（えくそそーむ） / exosome" in text  # the reading in parentheses


def _concept(cid: str, **facts) -> object:
    return concept_from_dict({
        "id": cid, "ja": {"term": cid.upper(), "reading": "あ"}, "en": {"term": cid},
        "definition": {"ja": "定義", "en": "definition"}, "facts": facts, "sources": ["s"],
    })


def test_layout_puts_broader_concepts_above() -> None:
    concepts = [_concept("a"), _concept("b", is_a=["a"]), _concept("c", part_of=["b"]),
                _concept("d", includes=["c"]), _concept("e")]
    result = layout(concepts, "en")
    assert result is not None
    layer = {cid: box.layer for cid, box in result.boxes.items()}
    assert layer["a"] < layer["b"] < layer["c"] and layer["d"] < layer["c"]
    assert "e" not in layer  # no relation, not drawn
    for lower, upper, _ in result.edges:
        assert result.boxes[upper].y < result.boxes[lower].y


def test_layout_survives_cycles_and_duplicate_edges() -> None:
    concepts = [_concept("a", includes=["b"]), _concept("b", includes=["a"], is_a=["a"]), _concept("c", is_a=["a"])]
    assert sorted(relation_edges(concepts)) == [("a", "b", "includes"), ("b", "a", "is_a"), ("c", "a", "is_a")]
    result = layout(concepts, "ja")
    assert result is not None and set(result.boxes) == {"a", "b", "c"}
    svg = render_svg(result, "ja")
    assert svg.startswith("<svg") and svg.endswith("</svg>")


def test_reading_order() -> None:
    readings = ["まいくろべしくる", "まいおかいん", "がくしゅう", "かきごおり", "えくそそーむ", "あでぃぽかいん", "えくそそうむ"]
    assert sorted(readings, key=reading_key) == [
        "あでぃぽかいん", "えくそそうむ", "えくそそーむ", "かきごおり", "がくしゅう", "まいおかいん", "まいくろべしくる",
    ]
    concepts = [_concept("b"), _concept("A"), _concept("c")]
    assert [c.id for c in sort_concepts(concepts, "english")] == ["A", "b", "c"]


# ------------------------------------------------------------------------------- std:term and objects.inv


@pytest.mark.sphinx("html", testroot="exerkine-en", freshenv=True)
def test_term_role_works_in_both_languages(app) -> None:
    app.build()
    page = (app.outdir / "usage.html").read_text(encoding="utf-8")
    for text in ("exosome", "エクソソーム", "Exosome"):
        assert (f'<a class="reference internal" href="glossary.html#term-exosome"><span class="xref std std-term">'
                f"{text}</span></a>") in page
    # an admitted form
    assert ('<a class="reference internal" href="glossary.html#term-adipokine"><span class="xref std std-term">'
            "アディポサイトカイン</span></a>") in page
    assert "term not in glossary" not in app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="exerkine-en", freshenv=True)
def test_objects_inv_exports_the_terms_with_stable_anchors(app) -> None:
    app.build()
    data = (app.outdir / "objects.inv").read_bytes()
    inventory = InventoryFile.loads(data, uri="https://example.org/docs/")
    terms = {name: item for (objtype, name), item in _items(inventory) if objtype == "std:term"}
    for name, anchor in (("exosome", "term-exosome"), ("エクソソーム", "term-exosome"),
                         ("extracellular vesicle", "term-extracellular-vesicle"),
                         ("細胞外小胞", "term-extracellular-vesicle"), ("アディポサイトカイン", "term-adipokine")):
        assert terms[name].uri == f"https://example.org/docs/glossary.html#{anchor}"
    assert not any(re.search(r"#term-\d", item.uri) for item in terms.values())


def _items(inventory):
    data = getattr(inventory, "data", inventory)
    for objtype, names in data.items():
        for name, item in names.items():
            yield (objtype, name), item


def test_intersphinx_links_the_terms_from_another_project(make_app, sphinx_test_tempdir, rootdir) -> None:
    provider_src = sphinx_test_tempdir / "exerkine-intersphinx-provider"
    shutil.copytree(rootdir / "test-exerkine-en", provider_src, dirs_exist_ok=True)
    provider = make_app("html", srcdir=provider_src, freshenv=True)
    provider.build()
    inventory = provider.outdir / "objects.inv"
    provider.cleanup()  # one application at a time: node classes are registered globally

    consumer_src = sphinx_test_tempdir / "exerkine-intersphinx-consumer"
    shutil.copytree(rootdir / "test-exerkine-intersphinx", consumer_src, dirs_exist_ok=True)
    consumer = make_app("html", srcdir=consumer_src, freshenv=True, confoverrides={
        "intersphinx_mapping": {"vesicles": ("https://example.org/vesicles/", str(inventory))},
    })
    consumer.build()
    assert "WARNING" not in consumer.warning.getvalue()
    page = (consumer.outdir / "index.html").read_text(encoding="utf-8")
    assert page.count('href="https://example.org/vesicles/glossary.html#term-exosome"') == 2
    assert 'href="https://example.org/vesicles/glossary.html#term-extracellular-vesicle"' in page
