"""Builders, parallel builds and incremental rebuilds after a glossary edit."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

from sphinx_exerkine.sphinxext.incremental import env_state

pytest_plugins = ["sphinx.testing.fixtures"]

VARIANT_WARNING = "'エキソソーム' is a variant of 'エクソソーム' (listed variant; exosome) [exerkine.term-variant]"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture
def project(sphinx_test_tempdir: Path, rootdir: Path, request: pytest.FixtureRequest):
    """A private copy of a test root (the tests below edit files or build it more than once)."""

    def copy(root: str) -> Path:
        name = re.sub(r"\W+", "-", request.node.name)
        target = sphinx_test_tempdir / f"{root}-{name}"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(rootdir / f"test-{root}", target)
        return target

    return copy


def lint_warnings(app) -> list[str]:
    lines = strip_colors(app.warning.getvalue()).splitlines()
    return [line.split("/")[-1] for line in lines if "WARNING" in line and "exerkine" in line]


# ------------------------------------------------------------------------------------------ builders


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "latex", "text", "gettext", "man",
                                     "texinfo", "epub", "xml"])
def test_every_builder_builds(make_app, project, builder: str) -> None:
    app = make_app(builder, srcdir=project("exerkine-ja"), freshenv=True)
    app.build()
    assert app.statuscode == 0
    assert lint_warnings(app) == [f"usage.rst:13: WARNING: {VARIANT_WARNING}"]


def test_html_family_gets_svg_and_tooltips(make_app, project) -> None:
    src = project("exerkine-ja")
    for builder, usage, glossary, href in (
        ("html", "usage.html", "glossary.html", "glossary.html#term-exosome"),
        ("dirhtml", "usage/index.html", "glossary/index.html", "../glossary/#term-exosome"),
        ("singlehtml", "index.html", "index.html", "#term-exosome"),
    ):
        app = make_app(builder, srcdir=src, freshenv=True)
        app.build()
        page = (app.outdir / usage).read_text(encoding="utf-8")
        assert (f'<a class="exerkine-term reference internal" href="{href}" '
                'title="多胞体の内腔小胞が細胞外へ放出されたもの。">エクソソーム</a>') in page, builder
        assert "<svg" in (app.outdir / glossary).read_text(encoding="utf-8"), builder
        assert (app.outdir / "_static" / "exerkine.js").is_file(), builder
        app.cleanup()


def test_singlehtml_links_reach_entries_on_the_single_page(make_app, project) -> None:
    app = make_app("singlehtml", srcdir=project("exerkine-ja"), freshenv=True)
    app.build()
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'<a class="exerkine-term reference internal" href="#([^"]+)"', page))
    assert "term-exosome" in targets
    for target in targets:
        assert f'id="{target}"' in page
    # relation links of the glossary too
    assert 'href="#term-extracellular-vesicle"><span class="xref std std-term">細胞外小胞</span>' in page
    # "first" counts per document of the assembled page: index and usage link it, the glossary page does not
    assert page.count('class="exerkine-term reference internal" href="#term-exosome"') == 2
    assert "<p>エクソソームの説明はこのページにある。</p>" in page


def test_latex_and_text_get_no_markup_of_their_own(make_app, project) -> None:
    src = project("exerkine-ja")
    latex = make_app("latex", srcdir=src, freshenv=True)
    latex.build()
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\hyperref[\detokenize{glossary:term-exosome}]" in tex
    assert "<svg" not in tex and "exerkine-tip" not in tex
    assert "エクソソームは細胞外小胞の一種" in tex  # the diagram as a list of relations
    latex.cleanup()
    text = make_app("text", srcdir=src, freshenv=True)
    text.build()
    usage = (text.outdir / "usage.txt").read_text(encoding="utf-8")
    assert "多胞体" not in usage  # no tooltips
    assert "エクソソームとマイクロベシクル" in usage  # linked terms: the text


# ------------------------------------------------------------------------------------------ parallel


def test_parallel_build_gives_the_same_pages(make_app, project) -> None:
    pages: dict[int, dict[str, str]] = {}
    warnings: dict[int, list[str]] = {}
    for jobs in (0, 2):
        app = make_app("html", srcdir=project("exerkine-parallel"), freshenv=True, parallel=jobs)
        merged: list[str] = []
        app.connect("env-merge-info", lambda app, env, docnames, other: merged.extend(docnames))
        app.build()
        assert sorted(merged) == (sorted(app.env.found_docs) if jobs else [])  # read by workers, merged back
        pages[jobs] = {p.name: p.read_text(encoding="utf-8") for p in sorted(app.outdir.glob("*.html"))}
        warnings[jobs] = sorted(lint_warnings(app))
        state = env_state(app.env)
        assert state.dependents == set(app.env.found_docs)
        assert state.glossary_pages == {"glossary"}
        app.cleanup()
    assert len(pages[0]) == 12  # 10 documents, genindex, search
    assert pages[0] == pages[2]
    assert warnings[0] == warnings[2] and len(warnings[0]) == 7  # every chapter but the fifth
    assert 'class="exerkine-term reference internal" href="glossary.html#term-exosome"' in pages[2]["chapter1.html"]


# ------------------------------------------------------------------------------------------ incremental


def _build_recording_reads(make_app, src: Path, **kwargs) -> tuple[object, list[str]]:
    app = make_app("html", srcdir=src, **kwargs)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    return app, sorted(read)


def test_a_glossary_edit_rereads_the_documents_that_use_it(make_app, project) -> None:
    src = project("exerkine-ja")
    app, read = _build_recording_reads(make_app, src)
    assert read == ["glossary", "index", "usage"]
    app.cleanup()
    app, read = _build_recording_reads(make_app, src)
    assert read == []  # nothing changed
    app.cleanup()

    path = src / "glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("多胞体の内腔小胞が細胞外へ放出されたもの。",
                                                            "多胞体に由来する小胞。"), encoding="utf-8")
    app, read = _build_recording_reads(make_app, src)
    assert read == ["glossary", "index", "usage"]
    page = (app.outdir / "usage.html").read_text(encoding="utf-8")
    assert 'title="多胞体に由来する小胞。"' in page
    assert "多胞体に由来する小胞。" in (app.outdir / "glossary.html").read_text(encoding="utf-8")
    app.cleanup()


def test_without_links_and_lint_only_the_glossary_page_depends_on_the_glossary(make_app, project) -> None:
    src = project("exerkine-ja")
    settings = {"exerkine_autolink": "none", "exerkine_lint": False}
    app, read = _build_recording_reads(make_app, src, confoverrides=settings)
    app.cleanup()
    path = src / "glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("en: A small", "en: A tiny"), encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("term: irisin,", "term: irisin (FNDC5),"),
                    encoding="utf-8")
    app, read = _build_recording_reads(make_app, src, confoverrides=settings)
    assert read == ["glossary"]
    assert "irisin (FNDC5)" in (app.outdir / "glossary.html").read_text(encoding="utf-8")
    app.cleanup()
