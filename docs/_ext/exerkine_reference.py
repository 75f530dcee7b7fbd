"""Directives that insert reference text generated from the code, so that the documentation cannot drift
from what the package does:

* ``exerkine-schema`` — the keys of a glossary entry (:func:`sphinx_exerkine.reference.schema_rst`);
* ``exerkine-rules`` — every lint rule (:func:`sphinx_exerkine.reference.rules_rst`);
* ``exerkine-options`` — the options of ``[tool.exerkine]`` (:func:`sphinx_exerkine.reference.config_rst`);
* ``exerkine-sphinx-config`` — the ``exerkine_*`` values of ``conf.py``, from
  :data:`sphinx_exerkine.sphinxext.config.CONFIG_VALUES`;
* ``exerkine-cli`` — the commands and options of ``exerkine``, from
  :func:`sphinx_exerkine.cli.build_parser`.

The generated text is reStructuredText parsed in place, so it is translated like any other paragraph
(its messages appear in the gettext catalogues). Glossary terms are not linked in it.
"""

from __future__ import annotations

import argparse
import re
from typing import Callable, Iterator

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from sphinx_exerkine import reference
from sphinx_exerkine.cli import build_parser
from sphinx_exerkine.sphinxext.config import CONFIG_VALUES

#: width of the generated usage lines
USAGE_WIDTH = 76


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _literal(text: str) -> str:
    """``text`` as an inline literal (a space after a trailing backslash keeps the markup closed)."""
    return f"``{text} ``" if text.endswith("\\") else f"``{text}``"


_LITERAL_OR_TEXT = re.compile(r"(``.+?``|`[^`]+`)|([^`]+|`)")


def escape_cells(rst: str) -> str:
    """Generated table cells with ``*`` and ``_`` outside literals escaped, so that a help text such as
    "skipped: __pycache__, *.egg-info" is shown as written instead of starting emphasis or a link."""
    out = []
    for line in rst.splitlines():
        if line.startswith("     - "):
            cell = line[7:]
            parts = []
            for literal, text in _LITERAL_OR_TEXT.findall(cell):
                parts.append(literal or re.sub(r"(?<!\\)([*_])", r"\\\1", text))
            line = "     - " + "".join(parts)
        out.append(line)
    return "\n".join(out) + "\n"


def _python_value(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_python_value(v) for v in value) + "]"
    return repr(value).replace("'", '"')


# ------------------------------------------------------------------------------------- Sphinx config


def sphinx_config_rst() -> str:
    """The ``exerkine_*`` configuration values with their defaults and types."""
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 24 18 12 46",
        "",
        "   * - Value",
        "     - Default",
        "     - Type",
        "     - Meaning",
    ]
    for value in CONFIG_VALUES:
        default = "computed" if callable(value.default) else _literal(_python_value(value.default))
        types = " or ".join(t.__name__ for t in value.types)
        lines += [
            f"   * - .. _confval-{value.name}:",
            "",
            f"       ``{value.name}``",
            f"     - {default}",
            f"     - {types}",
            f"     - {_escape(value.description)}",
        ]
    return escape_cells("\n".join(lines))


# ------------------------------------------------------------------------------------- command line


def _commands(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], argparse.ArgumentParser, str]]:
    """Every command that does something (leaves of the sub-command tree), with its words and help."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield words, parser, ""
        return
    for action in subs:
        helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
        for name, sub in action.choices.items():
            for found_words, found, found_help in _commands(sub, (*words, name)):
                yield found_words, found, found_help or helps.get(name, "")


def _documented(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions
            if not isinstance(a, (argparse._HelpAction, argparse._VersionAction, argparse._SubParsersAction))]


def _usage(parser: argparse.ArgumentParser) -> str:
    formatter = argparse.HelpFormatter(parser.prog, width=USAGE_WIDTH)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups, prefix="")
    return formatter.format_help().strip()


def _argument(action: argparse.Action) -> str:
    """The argument an option takes, its choices and its default, as reST."""
    parts: list[str] = []
    if action.choices:
        parts.append(" | ".join(_literal(str(c)) for c in action.choices))
    elif action.nargs != 0:
        parts.append(_literal(action.metavar or action.dest.upper()))
    if action.option_strings and action.nargs == 0:
        parts.append("flag")
    if isinstance(action, argparse._AppendAction):
        parts.append("repeatable")
    if action.required and action.option_strings:
        parts.append("required")
    default = action.default
    if default not in (None, False, argparse.SUPPRESS) and action.nargs != 0:
        parts.append("default " + _literal(_python_value(default)))
    return ", ".join(parts)


def cli_rst() -> str:
    """One subsection per command: its usage, then a table of its arguments and options.

    An option without a help text of its own borrows the help of the same option of another command
    (``--config`` means the same everywhere)."""
    parser = build_parser()
    commands = list(_commands(parser))
    shared: dict[str, str] = {}
    for _, sub, _ in commands:
        for action in _documented(sub):
            if action.help and action.option_strings:
                shared.setdefault(action.option_strings[-1], action.help)
    lines: list[str] = []
    for words, sub, summary in commands:
        name = " ".join([parser.prog, *words])
        label = "cli-" + "-".join(words)
        lines += [f".. _{label}:", "", _literal(name), "^" * (len(name) + 4), ""]
        if summary:
            lines += [summary[0].upper() + summary[1:] + ".", ""]
        lines += [".. code-block:: text", ""]
        lines += ["   " + line if line else "" for line in _usage(sub).splitlines()]
        lines += [
            "",
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 26 30 44",
            "",
            "   * - Argument",
            "     - Value",
            "     - Meaning",
        ]
        for action in _documented(sub):
            names = ", ".join(_literal(o) for o in action.option_strings) or _literal(action.metavar or action.dest)
            help_text = action.help or shared.get(action.option_strings[-1] if action.option_strings else "", "")
            meaning = help_text[:1].upper() + help_text[1:] if help_text else ""
            lines += [f"   * - {names}", f"     - {_argument(action)}", f"     - {_escape(meaning)}"]
        lines.append("")
    return escape_cells("\n".join(lines))


# ------------------------------------------------------------------------------------- directives


class _Generated(SphinxDirective):
    has_content = False
    source: Callable[[], str] = staticmethod(lambda: "")

    def run(self) -> list[nodes.Node]:
        container = nodes.container()
        lines = StringList(self.source().splitlines(), source=f"<{self.name}>")
        self.state.nested_parse(lines, self.content_offset, container, match_titles=True)
        for child in container.children:
            # generated text names the tool and its options ('exerkine', `.exerkine.toml`): glossary
            # terms are not linked in it
            if isinstance(child, nodes.Element):
                child["classes"].append("exerkine-nolink")
        return container.children


class SchemaDirective(_Generated):
    source = staticmethod(reference.schema_rst)


class RulesDirective(_Generated):
    source = staticmethod(reference.rules_rst)


class OptionsDirective(_Generated):
    source = staticmethod(lambda: escape_cells(reference.config_rst()))


class SphinxConfigDirective(_Generated):
    source = staticmethod(sphinx_config_rst)


class CliDirective(_Generated):
    source = staticmethod(cli_rst)


def setup(app):
    app.add_directive("exerkine-schema", SchemaDirective)
    app.add_directive("exerkine-rules", RulesDirective)
    app.add_directive("exerkine-options", OptionsDirective)
    app.add_directive("exerkine-sphinx-config", SphinxConfigDirective)
    app.add_directive("exerkine-cli", CliDirective)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
