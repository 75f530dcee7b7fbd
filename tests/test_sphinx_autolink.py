"""Terms in running text linked to their glossary entries, with tooltips (JA and EN documents)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

# a linked term, or a term whose entry is rendered nowhere
TERM = re.compile(
    r'<a class="exerkine-term reference internal" href="(?P<href>[^"]*#term-(?P<id>[^"]+))"'
    r'(?: title="(?P<tip>[^"]*)")?>(?P<text>[^<]*)</a>'
    r'|<span class="exerkine-term" data-exerkine-id="(?P<id2>[^"]+)" title="(?P<tip2>[^"]*)">(?P<text2>[^<]*)</span>'
)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


def linked(page: str) -> list[tuple[str, str, str | None]]:
    """(concept id, text, href) of every autolinked term of an HTML page."""
    return [(m["id"] or m["id2"], m["text"] or m["text2"], m["href"]) for m in TERM.finditer(page)]


def tips(page: str) -> dict[str, str]:
    """Concept id -> tooltip (the title of the link) of the terms of an HTML page."""
    found = {}
    for m in TERM.finditer(page):
        tip = m["tip"] if m["tip"] is not None else m["tip2"]
        if tip is not None:
            found[m["id"] or m["id2"]] = html.unescape(tip)
    return found


def paragraph(page: str, contains: str) -> str:
    found = [p for p in re.findall(r"<p[^>]*>.*?</p>", page, re.S) if contains in p]
    assert found, contains
    return found[0]


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True)
def test_japanese_terms_link_to_their_entries(app) -> None:
    app.build()
    page = (app.outdir / "usage.html").read_text(encoding="utf-8")
    links = linked(page)
    assert ("exosome", "エクソソーム", "glossary.html#term-exosome") in links
    assert ("microvesicle", "マイクロベシクル", "glossary.html#term-microvesicle") in links
    # an English abbreviation in Japanese text links to the same entry as the Japanese term
    assert ("extracellular-vesicle", "EV", "glossary.html#term-extracellular-vesicle") in links
    assert ("myokine", "マイオカイン", "glossary.html#term-myokine") in links
    # every target exists on the glossary page
    glossary = (app.outdir / "glossary.html").read_text(encoding="utf-8")
    for _, _, href in links:
        assert f'id="{href.split("#")[1]}"' in glossary


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True)
def test_first_occurrence_per_document_by_default(app) -> None:
    app.build()
    page = (app.outdir / "usage.html").read_text(encoding="utf-8")
    assert [cid for cid, _, _ in linked(page)].count("exosome") == 1
    # the first occurrence is the one linked: the paragraph starts with the link
    assert paragraph(page, "どちらも").startswith('<p><a class="exerkine-term reference internal" '
                                              'href="glossary.html#term-exosome"')
    assert "exerkine-term" not in paragraph(page, "この節でも")


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True, confoverrides={"exerkine_autolink": "section"})
def test_first_occurrence_per_section(app) -> None:
    app.build()
    page = (app.outdir / "usage.html").read_text(encoding="utf-8")
    assert [cid for cid, _, _ in linked(page)].count("exosome") == 2
    assert "exerkine-term" in paragraph(page, "この節でも")


@pytest.mark.sphinx("html", testroot="exerkine-en", freshenv=True, confoverrides={"exerkine_autolink": "all"})
def test_every_occurrence(app) -> None:
    app.build()
    page = (app.outdir / "usage.html").read_text(encoding="utf-8")
    texts = [text for cid, text, _ in linked(page) if cid == "exosome"]
    # prose occurrences only: not the title, the literal, the code block, the external link, the
    # explicit :term: references or the nolink container
    assert texts == ["Exosomes", "exosome", "exosome"]


@pytest.mark.sphinx("html", testroot="exerkine-en", freshenv=True, confoverrides={"exerkine_autolink": "none"})
def test_no_links(app) -> None:
    app.build()
    page = (app.outdir / "usage.html").read_text(encoding="utf-8")
    assert linked(page) == []
    assert "exerkine-term" not in page


@pytest.mark.sphinx("html", testroot="exerkine-en", freshenv=True, confoverrides={"exerkine_autolink": "all"})
def test_what_is_never_linked(app) -> None:
    app.build()
    page = (app.outdir / "usage.html").read_text(encoding="utf-8")
    # titles
    assert re.search(r"<h1>Using exosomes", page)
    # literals and code
    assert '<span class="pre">exosome</span>' in page
    assert "<pre><span></span>exosome\n</pre>" in page
    # existing references keep their own target
    assert '<a class="reference external" href="https://example.org/">exosome site</a>' in page
    # nolink class
    assert "exerkine-term" not in paragraph(page, "stays plain")
    # other words containing a term, and variants
    sentence = paragraph(page, "Exosomal cargo")
    assert "Exosomal cargo and nanoexosome are other words" in sentence
    assert "exo-some is reported" in sentence
    # the glossary page itself
    glossary = (app.outdir / "glossary.html").read_text(encoding="utf-8")
    assert "exerkine-term" not in glossary
    # toctrees
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    toctree = re.search(r'<div class="toctree-wrapper compound">.*?</div>', index, re.S)
    assert toctree is not None and "exerkine-term" not in toctree.group()


@pytest.mark.sphinx("html", testroot="exerkine-en", freshenv=True)
def test_english_forms(app) -> None:
    app.build()
    page = (app.outdir / "usage.html").read_text(encoding="utf-8")
    links = linked(page)
    assert ("exosome", "Exosomes", "glossary.html#term-exosome") in links  # plural, capitalised
    assert ("extracellular-vesicle", "EVs", "glossary.html#term-extracellular-vesicle") in links
    assert ("irisin", "irisin", "glossary.html#term-irisin") in links
    assert ("adipokine", "adipokine", "glossary.html#term-adipokine") in links


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True)
def test_tooltips_in_the_page_language(app) -> None:
    app.build()
    page = (app.outdir / "usage.html").read_text(encoding="utf-8")
    assert tips(page)["exosome"] == "多胞体の内腔小胞が細胞外へ放出されたもの。"
    assert '<script defer="defer" src="_static/exerkine.js' in page
    assert 'href="_static/exerkine.css' in page
    assert (app.outdir / "_static" / "exerkine.js").is_file()
    assert (app.outdir / "_static" / "exerkine.css").is_file()


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True, confoverrides={"exerkine_language": "en"})
def test_tooltip_language_follows_exerkine_language(app) -> None:
    app.build()
    page = (app.outdir / "usage.html").read_text(encoding="utf-8")
    assert tips(page)["exosome"] == "A vesicle released when a multivesicular body fuses with the plasma membrane."


@pytest.mark.sphinx("html", testroot="exerkine-en", freshenv=True, confoverrides={"exerkine_tooltips": False})
def test_tooltips_off(app) -> None:
    app.build()
    page = (app.outdir / "usage.html").read_text(encoding="utf-8")
    assert linked(page)
    assert tips(page) == {}
    assert "exerkine.js" not in page


@pytest.mark.sphinx("html", testroot="exerkine-escape", freshenv=True)
def test_glossary_text_is_escaped_everywhere(app) -> None:
    app.build()
    assert "WARNING" not in app.warning.getvalue()
    for name in ("index.html", "glossary.html"):
        page = (app.outdir / name).read_text(encoding="utf-8")
        assert "<script>alert" not in page, name
        assert "<b>bold</b>" not in page, name
        assert "<i>Source</i>" not in page, name
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    # the tooltip holds the definition as text
    assert tips(page)["tricky"] == "<script>alert('en')</script> & \"quoted\" <b>bold</b>"
    assert "title=\"&lt;script&gt;alert('en')&lt;/script&gt; &amp; &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;\"" in page
    glossary = (app.outdir / "glossary.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert('en')&lt;/script&gt; &amp; &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;" in glossary
    assert "&lt;i&gt;Source&lt;/i&gt; &amp; Co" in glossary
    # the diagram's labels too
    svg = re.search(r"<svg.*?</svg>", glossary, re.S)
    assert svg is not None
    assert "&lt;T&gt;ricky" in svg.group() and "<T>" not in svg.group()


@pytest.mark.sphinx("html", testroot="exerkine-noglossary", freshenv=True)
def test_without_a_glossary_page_terms_stay_text_with_tooltips(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    links = linked(page)
    assert ("exosome", "exosome", None) in links
    assert tips(page)["exosome"].startswith("A vesicle released")
