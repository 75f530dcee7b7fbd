"""Linter findings as Sphinx warnings: locations, types, suppression, -W, translated and included text."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

from sphinx_exerkine.sphinxext.config import language_of

pytest_plugins = ["sphinx.testing.fixtures"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


def warnings_of(app) -> list[str]:
    return [line for line in strip_colors(app.warning.getvalue()).splitlines() if "WARNING" in line]


def exerkine_warnings(app) -> list[tuple[str, int, str, str]]:
    """(file name, line, message, type.subtype) of every warning of the extension."""
    found = []
    for line in warnings_of(app):
        m = re.match(r"(?P<path>.*?):(?P<line>\d+): WARNING: (?P<message>.*) \[(?P<kind>exerkine\.[\w-]+)\]$", line)
        if m:
            found.append((Path(m["path"]).name, int(m["line"]), m["message"], m["kind"]))
    return found


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True)
def test_findings_are_warnings_at_the_document_line(app) -> None:
    app.build()
    assert exerkine_warnings(app) == [
        ("usage.rst", 13, "'エキソソーム' is a variant of 'エクソソーム' (listed variant; exosome)", "exerkine.term-variant"),
    ]


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True)
def test_warning_records_carry_type_subtype_and_location(app) -> None:
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("sphinx.sphinx_exerkine.sphinxext.warnings")
    logger.addHandler(handler)
    try:
        app.build()
    finally:
        logger.removeHandler(handler)
    (record,) = records
    assert (record.type, record.subtype) == ("exerkine", "term-variant")
    assert record.location.endswith("usage.rst:13")  # given as (docname, line)


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True,
                    confoverrides={"suppress_warnings": ["exerkine.term-variant"]})
def test_suppress_warnings_by_rule(app) -> None:
    app.build()
    assert exerkine_warnings(app) == []
    assert warnings_of(app) == []


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True, warningiserror=True)
def test_findings_fail_a_build_with_w(app) -> None:
    app.build()
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True, warningiserror=True,
                    confoverrides={"suppress_warnings": ["exerkine"]})
def test_a_suppressed_type_passes_with_w(app) -> None:
    app.build()
    assert app.statuscode == 0


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True, confoverrides={"exerkine_lint": False})
def test_lint_off(app) -> None:
    app.build()
    assert exerkine_warnings(app) == []


@pytest.mark.sphinx("html", testroot="exerkine-include", freshenv=True)
def test_included_files_and_suppression_comments(app) -> None:
    app.build()
    assert sorted(exerkine_warnings(app)) == [
        ("index.rst", 4, "'エキソソーム' is a variant of 'エクソソーム' (listed variant; exosome)", "exerkine.term-variant"),
        # the included file at its own path and line
        ("shared.rst", 4, "'ミオカイン' is a variant of 'マイオカイン' (listed variant; myokine)", "exerkine.term-variant"),
        # line 10 carries a suppression comment
    ]


@pytest.mark.sphinx("html", testroot="exerkine-i18n", freshenv=True, copy_test_root=True)
def test_translated_build_lints_and_links_the_translation(app) -> None:
    app.build()
    assert exerkine_warnings(app) == [
        # in the translation of the paragraph at line 12
        ("index.rst", 12, "'ミオカイン' is a variant of 'マイオカイン' (listed variant; myokine)", "exerkine.term-variant"),
        # an untranslated paragraph is checked in the source; the source of the translated paragraph at
        # line 10 (exo-some) is not
        ("index.rst", 14, "'exo-some' is a variant of 'exosome' (listed variant; exosome)", "exerkine.term-variant"),
    ]
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert ('<a class="exerkine-term reference internal" href="glossary.html#term-exosome" '
            'title="多胞体の内腔小胞が細胞外へ放出されたもの。">エクソソーム</a>') in page
    assert ('<a class="exerkine-term reference internal" href="glossary.html#term-extracellular-vesicle" '
            'title="細胞が放出する脂質二重膜で囲まれた粒子の総称。">細胞外小胞</a>') in page
    # the translated title is not linked
    assert "<h1>エクソソームの手引き" in page


@pytest.mark.sphinx("gettext", testroot="exerkine-en", freshenv=True)
def test_gettext_builder_extracts_the_source_messages(app) -> None:
    app.build()
    pot = (app.outdir / "usage.pot").read_text(encoding="utf-8")
    assert 'msgid "Muscle releases irisin, and adipose tissue an adipokine."' in pot
    # the rendered glossary is data, not messages to translate
    glossary = (app.outdir / "glossary.pot").read_text(encoding="utf-8")
    assert "A vesicle released" not in glossary and "多胞体" not in glossary
    assert 'msgid "Glossary"' in glossary


def test_language_of() -> None:
    assert language_of("ja") == "ja"
    assert language_of("ja_JP") == "ja"
    assert language_of("en") == "en"
    assert language_of(None) == "en"
    assert language_of("de") == "en"


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True)
def test_sources_without_a_reader_are_linted_from_the_doctree(app, monkeypatch) -> None:
    from sphinx_exerkine.sphinxext import warnings as extension_warnings

    monkeypatch.setattr(extension_warnings, "source_format", lambda env, docname: None)
    app.build()
    # the same finding, found in the paragraph's text: the paragraph starts on line 13
    assert exerkine_warnings(app) == [
        ("usage.rst", 13, "'エキソソーム' is a variant of 'エクソソーム' (listed variant; exosome)", "exerkine.term-variant"),
    ]


def test_source_format_follows_source_suffix(make_app, tmp_path) -> None:
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_exerkine"]\nexerkine_glossary = ["g.yaml"]\n'
        'source_suffix = {".rst": "restructuredtext", ".txt": "restructuredtext"}\n', encoding="utf-8")
    shutil.copy(Path(__file__).parent / "roots" / "test-exerkine-ja" / "glossary.yaml", tmp_path / "g.yaml")
    (tmp_path / "index.rst").write_text("Index\n=====\n\n.. toctree::\n\n   other\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("Other\n=====\n\n``exo-some`` is code, exo-some is not.\n",
                                        encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    # read as reST: the inline literal is not checked
    assert [(name, line) for name, line, _, _ in exerkine_warnings(app)] == [("other.txt", 4)]
