"""One validated configuration, read from ``[tool.exerkine]`` in ``pyproject.toml`` or from ``.exerkine.toml``.

Every option is a field of :class:`Config`; its metadata carries the help text and the validator, which
also generate the configuration reference in the documentation.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable

from .rules import RULES, SEVERITIES


class ConfigError(ValueError):
    """A configuration problem, reported as one line ``file: key: message``."""


def _str_list(name: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{name}: expected a list of strings")
    return list(value)


def _rule_list(name: str, value: Any) -> list[str]:
    rules = _str_list(name, value)
    for rule in rules:
        if rule not in RULES and rule != "ALL":
            raise ConfigError(f"{name}: unknown rule '{rule}'; known rules: {', '.join(RULES)}")
    return rules


def _severity_map(name: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{name}: expected a table of rule = severity")
    for rule, sev in value.items():
        if rule not in RULES:
            raise ConfigError(f"{name}: unknown rule '{rule}'; known rules: {', '.join(RULES)}")
        if sev not in SEVERITIES:
            raise ConfigError(f"{name}.{rule}: severity must be one of {', '.join(SEVERITIES)}")
    return dict(value)


def _bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{name}: expected true or false")
    return value


def _language(name: str, value: Any) -> str:
    if value not in ("en", "ja"):
        raise ConfigError(f"{name}: expected 'en' or 'ja'")
    return value


def _optional_str(name: str, value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{name}: expected a string")
    return value


def _option(default: Any, help: str, check: Callable[[str, Any], Any]):
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata={"help": help, "check": check})
    return field(default=default, metadata={"help": help, "check": check})


DEFAULT_INCLUDE = ["*.rst", "*.md", "*.txt", "*.po", "*.xlf", "*.xliff"]
DEFAULT_EXCLUDE = [".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", "_build", ".tox",
                   ".nox", "*.egg-info"]


@dataclass(frozen=True)
class Config:
    """Settings shared by the command line and the Sphinx extension."""

    glossary: list[str] = _option(["builtin"], "Glossary files or directories; `builtin` is the glossary shipped "
                                  "with the package and can be combined with your own.", _str_list)
    include: list[str] = _option(DEFAULT_INCLUDE, "File name patterns read when walking a directory.", _str_list)
    exclude: list[str] = _option([], "Extra patterns (gitignore style) of paths to skip when walking; "
                                 f"always skipped: {', '.join(DEFAULT_EXCLUDE)}.", _str_list)
    respect_gitignore: bool = _option(True, "Skip files ignored by `.gitignore` files when walking.", _bool)
    select: list[str] = _option(["ALL"], "Rules to run (`ALL` for every rule).", _rule_list)
    ignore: list[str] = _option([], "Rules not to run.", _rule_list)
    severity: dict[str, str] = _option({}, "Severity per rule (`error`, `warning` or `info`).", _severity_map)
    allow: list[str] = _option([], "Words that are never reported as variants (real words that look like "
                               "terms).", _str_list)
    encoding: str | None = _option(None, "Encoding of the files (default: UTF-8, with or without BOM).",
                                   _optional_str)
    source_language: str = _option("en", "Language of the source text of translation catalogues "
                                   "(`en` or `ja`).", _language)
    include_fuzzy: bool = _option(False, "Also check fuzzy entries of translation catalogues.", _bool)
    cache: bool = _option(True, "Keep results of unchanged files in a cache (keyed by content and "
                          "glossary).", _bool)

    #: where the settings were read from (None: defaults)
    origin: str | None = field(default=None, metadata={"internal": True})

    def rule_enabled(self, rule: str) -> bool:
        selected = "ALL" in self.select or rule in self.select
        return selected and rule not in self.ignore

    def severity_of(self, rule: str) -> str:
        return self.severity.get(rule, RULES[rule].severity)


def options() -> list:
    """The public configuration fields (for documentation and validation)."""
    return [f for f in fields(Config) if not f.metadata.get("internal")]


def from_mapping(data: dict, origin: str) -> Config:
    """Validate a mapping of option -> value into a :class:`Config`; unknown keys are errors."""
    known = {f.name.replace("_", "-"): f for f in options()} | {f.name: f for f in options()}
    values: dict[str, Any] = {}
    for key, value in data.items():
        spec = known.get(key)
        if spec is None:
            import difflib

            hint = difflib.get_close_matches(key, [f.name for f in options()], n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            raise ConfigError(f"{origin}: unknown option '{key}'{suggestion}")
        try:
            values[spec.name] = spec.metadata["check"](key, value)
        except ConfigError as exc:
            raise ConfigError(f"{origin}: {exc}") from None
    config = Config(**values, origin=origin)
    base = Path(origin).parent
    return replace(config, glossary=[g if g == "builtin" else str((base / g)) for g in config.glossary])


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``.exerkine.toml``, or ``pyproject.toml`` with a ``[tool.exerkine]`` table, walking up."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / ".exerkine.toml"
        if candidate.is_file():
            return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            import tomllib

            try:
                text = pyproject.read_text(encoding="utf-8")
                # most pyproject.toml files never mention the tool: no need to parse those
                data = tomllib.loads(text) if "exerkine" in text else {}
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "exerkine" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: Path | None = None, *, search_from: Path | None = None) -> Config:
    """Read the configuration file given, or the nearest one found; defaults when there is none."""
    if path is None:
        path = find_config(search_from)
        if path is None:
            return Config()
    import tomllib  # only when there is a file to read

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if Path(path).name == "pyproject.toml":
        data = data.get("tool", {}).get("exerkine", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.exerkine] must be a table")
    return from_mapping(data, str(path))


def default_of(name: str) -> Any:
    f = next(f for f in options() if f.name == name)
    return f.default_factory() if f.default is MISSING else f.default  # type: ignore[misc]
