"""The ``exerkine_*`` configuration values, and their validation when the configuration is read.

Each value is declared once in :data:`CONFIG_VALUES` with its default, its rebuild condition and a
validator. :func:`validate_config` runs on ``config-inited``: a value that does not validate is replaced by
its default and reported as a warning of type ``exerkine.config`` (so it can be suppressed, or turned into
an error with ``-W``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from sphinx.util import logging

from ..config import ConfigError, options
from ..loader import BUILTIN

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config as SphinxConfig

logger = logging.getLogger(__name__)

#: ways of linking terms in running text
AUTOLINK_MODES = ("first", "section", "all", "none")
LANGUAGES = ("ja", "en")

Validator = Callable[[Any, Path], Any]


def language_of(sphinx_language: str | None) -> str:
    """The glossary language for a Sphinx ``language`` value: ``ja`` for Japanese, else ``en``."""
    if sphinx_language and sphinx_language.replace("-", "_").split("_")[0].lower() == "ja":
        return "ja"
    return "en"


def _default_language(config: SphinxConfig) -> str:
    return language_of(config.language)


def _check_glossary(value: Any, confdir: Path) -> list[str]:
    # the CLI's validator for the same option, then the paths themselves
    check = next(f for f in options() if f.name == "glossary").metadata["check"]
    paths = check("exerkine_glossary", value)
    if not paths:
        raise ConfigError("exerkine_glossary: expected at least one path (or 'builtin')")
    for path in paths:
        if path != BUILTIN and not (confdir / path).exists():
            raise ConfigError(f"exerkine_glossary: {path!r} does not exist (paths are relative to the "
                              f"directory of conf.py)")
    return paths


def _check_autolink(value: Any, confdir: Path) -> str:
    if value is False or value is None:
        return "none"
    if value not in AUTOLINK_MODES:
        raise ConfigError(f"exerkine_autolink: expected one of {', '.join(map(repr, AUTOLINK_MODES))}, "
                          f"got {value!r}")
    return value


def _check_bool(name: str) -> Validator:
    def check(value: Any, confdir: Path) -> bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{name}: expected True or False, got {value!r}")
        return value

    return check


def _check_language(value: Any, confdir: Path) -> str:
    if value not in LANGUAGES:
        raise ConfigError(f"exerkine_language: expected 'ja' or 'en', got {value!r}")
    return value


@dataclass(frozen=True)
class ConfigValue:
    """One configuration value of the extension."""

    name: str
    #: a value, or a callable computing it from the Sphinx configuration
    default: Any
    #: Sphinx rebuild condition: ``env`` when documents must be read again after a change
    rebuild: str
    types: tuple[type, ...]
    description: str
    check: Validator

    def default_for(self, config: SphinxConfig) -> Any:
        value = self.default(config) if callable(self.default) else self.default
        return list(value) if isinstance(value, list) else value


CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue("exerkine_glossary", [BUILTIN], "env", (list, tuple),
                "Glossary files or directories, relative to the directory of conf.py; 'builtin' is the "
                "glossary shipped with the package.", _check_glossary),
    ConfigValue("exerkine_autolink", "first", "env", (str,),
                "Link glossary terms in running text: 'first' occurrence per document, first per "
                "'section', 'all' occurrences, or 'none'.", _check_autolink),
    ConfigValue("exerkine_lint", True, "env", (bool,),
                "Report the linter's findings on every document as warnings (type 'exerkine').",
                _check_bool("exerkine_lint")),
    ConfigValue("exerkine_tooltips", True, "env", (bool,),
                "Show the definition of a linked term on hover and focus (HTML builders).",
                _check_bool("exerkine_tooltips")),
    ConfigValue("exerkine_language", _default_language, "env", (str,),
                "Language of definitions in tooltips, labels and sort order: 'ja' or 'en' (default: from "
                "the 'language' setting).", _check_language),
)


def validate_config(app: Sphinx, config: SphinxConfig) -> None:
    """Check every ``exerkine_*`` value; an invalid one falls back to its default with a warning."""
    confdir = Path(app.confdir)
    for spec in CONFIG_VALUES:
        value = getattr(config, spec.name)
        try:
            checked = spec.check(value, confdir)
        except ConfigError as exc:
            default = spec.default_for(config)
            logger.warning("%s; using the default %r", exc, default, type="exerkine", subtype="config")
            checked = default
        if checked != value or type(checked) is not type(value):
            setattr(config, spec.name, checked)
