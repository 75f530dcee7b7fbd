"""Configuration of the extension: defaults, the built-in glossary, invalid values, setup metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError
from sphinx.util.console import strip_colors

from sphinx_exerkine.loader import GlossaryError, load_glossary
from sphinx_exerkine.sphinxext import ENV_VERSION

pytest_plugins = ["sphinx.testing.fixtures"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


def _builtin_available() -> bool:
    try:
        return len(load_glossary()) > 0
    except GlossaryError:
        return False


@pytest.mark.skipif(not _builtin_available(), reason="the default glossary (glossary/*.yaml) is not usable")
@pytest.mark.sphinx("html", testroot="exerkine-builtin", freshenv=True)
def test_works_with_no_setting_but_the_extension(app) -> None:
    app.build()
    assert app.config.exerkine_glossary == ["builtin"]
    assert app.config.exerkine_autolink == "first"
    assert app.config.exerkine_lint is True and app.config.exerkine_tooltips is True
    assert app.config.exerkine_language == "en"  # from `language`
    assert "exerkine.config" not in app.warning.getvalue()
    glossary = (app.outdir / "glossary.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<dt class="exerkine-entry-term" id="term-', glossary)) == len(load_glossary())
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary.html#term-exosome"' in index


@pytest.mark.sphinx("html", testroot="exerkine-badconfig", freshenv=True)
def test_invalid_values_fall_back_to_defaults_with_a_warning(app) -> None:
    config = app.config
    assert config.exerkine_autolink == "first"
    assert config.exerkine_lint is True
    assert config.exerkine_tooltips is True
    assert config.exerkine_language == "en"
    assert config.exerkine_glossary == ["builtin"]
    warnings = strip_colors(app.warning.getvalue())
    assert warnings.count("[exerkine.config]") == 5
    assert "exerkine_autolink: expected one of 'first', 'section', 'all', 'none', got 'sometimes'" in warnings
    assert "exerkine_glossary: 'missing.yaml' does not exist" in warnings
    # nothing else complains about the types
    assert "[config.cache]" not in warnings and "has type" not in warnings


@pytest.mark.sphinx("html", testroot="exerkine-en", freshenv=True, confoverrides={
    "exerkine_autolink": "sometimes", "suppress_warnings": ["exerkine.config"]})
def test_config_warnings_can_be_suppressed(app) -> None:
    assert app.config.exerkine_autolink == "first"
    assert "exerkine" not in app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True)
def test_language_follows_the_project_language(app) -> None:
    assert app.config.exerkine_language == "ja"


@pytest.mark.sphinx("html", testroot="exerkine-en", freshenv=True, confoverrides={"exerkine_autolink": False})
def test_autolink_false_means_none(app) -> None:
    assert app.config.exerkine_autolink == "none"


@pytest.mark.sphinx("html", testroot="exerkine-en", freshenv=True)
def test_setup_declares_parallel_safety_and_env_version(app) -> None:
    extension = app.extensions["sphinx_exerkine"]
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True
    assert extension.metadata["env_version"] == ENV_VERSION


def test_a_broken_glossary_stops_the_build_with_its_problems(make_app, tmp_path) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_exerkine"]\nexerkine_glossary = ["bad.yaml"]\n',
                                      encoding="utf-8")
    (tmp_path / "index.rst").write_text("Title\n=====\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("- id: Not A Slug\n  ja: {term: x}\n", encoding="utf-8")
    with pytest.raises(ExtensionError) as info:
        make_app("html", srcdir=tmp_path)
    assert "bad.yaml:1:" in str(info.value)
