"""The ``exerkine`` command line: ``lint`` and ``glossary check|export|import``.

Exit codes: 0 nothing found, 1 findings (lint) or an invalid glossary (check), 2 usage, configuration,
glossary or read errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with one line
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


def _rule_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="exerkine", description="Terminology linter for Japanese/English technical writing.")
    parser.add_argument("--version", action="version", version=f"exerkine {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    lint = sub.add_parser("lint", help="check files for term variants, contradictions and translations")
    lint.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or directories (default: .)")
    lint.add_argument("--glossary", action="append", metavar="PATH",
                      help="glossary file or directory (repeatable; 'builtin' for the shipped glossary)")
    lint.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    lint.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    lint.add_argument("--diff", action="store_true", help="show the fixes as a diff; write nothing")
    lint.add_argument("--unsafe-fixes", action="store_true", help="also apply suggestions for unlisted spellings")
    lint.add_argument("--select", action="append", type=_rule_list, metavar="RULE[,RULE]", help="rules to run")
    lint.add_argument("--ignore", action="append", type=_rule_list, metavar="RULE[,RULE]", help="rules to skip")
    lint.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (default: 1)")
    lint.add_argument("--config", metavar="FILE", help="configuration file (default: nearest .exerkine.toml "
                      "or pyproject.toml with [tool.exerkine])")
    lint.add_argument("--encoding", metavar="NAME", help="encoding of the files (default: UTF-8)")
    lint.add_argument("--include-fuzzy", action="store_true",
                      help="also check fuzzy PO entries and XLIFF targets that need review")
    lint.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    lint.add_argument("-q", "--quiet", action="store_true", help="print findings only: no summary, no progress")

    glossary = sub.add_parser("glossary", help="check, export or import the terminology database")
    gsub = glossary.add_subparsers(dest="glossary_command", metavar="ACTION", parser_class=_Parser)
    check = gsub.add_parser("check", help="validate glossary files")
    check.add_argument("paths", nargs="*", metavar="PATH", help="glossary files or directories "
                       "(default: configured or built-in glossary)")
    check.add_argument("--config", metavar="FILE", help="configuration file naming the glossary")
    export = gsub.add_parser("export", help="write the glossary as prh.yml, TBX or CSV")
    export.add_argument("--format", required=True, choices=("prh", "tbx", "csv"))
    export.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    export.add_argument("--glossary", action="append", metavar="PATH",
                        help="glossary file or directory (repeatable; default: configured or built-in)")
    export.add_argument("--config", metavar="FILE", help="configuration file naming the glossary")
    imp = gsub.add_parser("import", help="convert prh.yml, TBX or CSV into glossary YAML")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--format", required=True, choices=("prh", "tbx", "csv"))
    imp.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "lint":
            return _lint(args)
        if args.command == "glossary":
            if args.glossary_command == "check":
                return _glossary_check(args)
            if args.glossary_command == "export":
                return _glossary_export(args)
            if args.glossary_command == "import":
                return _glossary_import(args)
            parser.parse_args(["glossary", "--help"])
        parser.print_help()
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("exerkine: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR


# --------------------------------------------------------------------------------------------- helpers


def _config(args):
    """The configuration file's settings, with ``--glossary`` from the command line on top."""
    from dataclasses import replace

    from .config import ConfigError, load_config

    try:
        config = load_config(Path(args.config) if getattr(args, "config", None) else None)
    except ConfigError as exc:
        print(f"exerkine: {exc}", file=sys.stderr)
        return None
    if getattr(args, "glossary", None):
        config = replace(config, glossary=args.glossary)
    return config


def _load_glossary(paths):
    from .loader import GlossaryError, load_glossary

    try:
        return load_glossary(paths)
    except GlossaryError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None


def _write_output(text: str, output: str | None) -> int:
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from .fileio import write_text_atomic

    try:
        write_text_atomic(Path(output), text)
    except OSError as exc:
        print(f"exerkine: {output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


# --------------------------------------------------------------------------------------------- lint


def _lint(args) -> int:
    import gc
    from dataclasses import replace

    # the imports, the glossary and the compiled matcher are hundreds of thousands of objects that live
    # as long as the process: collecting the young generation every 700 allocations would only walk them
    gc.set_threshold(20000, 20, 20)

    from .output import format_github, format_json, format_sarif, format_summary, format_text, summarize
    from .progress import Progress, progress_wanted
    from .rules import RULES
    from .runner import Options, ResultCache, collect_files, lint_files, settings_key

    config = _config(args)
    if config is None:
        return EXIT_ERROR
    for name in ("select", "ignore"):
        chosen = getattr(args, name)
        if chosen:
            rules = [r for group in chosen for r in group]
            unknown = [r for r in rules if r not in RULES and r != "ALL"]
            if unknown:
                print(f"exerkine: unknown rule '{unknown[0]}'; known rules: {', '.join(RULES)}", file=sys.stderr)
                return EXIT_ERROR
            config = replace(config, **{name: rules})
    if args.encoding:
        config = replace(config, encoding=args.encoding)
    if args.include_fuzzy:
        config = replace(config, include_fuzzy=True)
    if args.jobs < 1:
        print("exerkine: --jobs must be at least 1", file=sys.stderr)
        return EXIT_ERROR
    glossary = _load_glossary(config.glossary)
    if glossary is None:
        return EXIT_ERROR

    files, errors = collect_files(args.paths, config)
    cache = ResultCache(settings_key(glossary, config), enabled=config.cache and not args.no_cache)
    options = Options(fix=args.fix, diff=args.diff, unsafe_fixes=args.unsafe_fixes, encoding=config.encoding)
    progress = Progress(len(files), progress_wanted(quiet=args.quiet, output_format=args.format))
    with progress:
        results = lint_files(files, lambda: _make_linter(glossary, config), cache, options, args.jobs, progress)

    findings = [f for r in results for f in r.findings]
    problems = [r.error for r in errors + results if r.error]
    for problem in problems:
        print(problem, file=sys.stderr)
    fixed = sum(r.fixed for r in results)
    summary = summarize(findings, files_checked=sum(1 for r in results if r.error is None),
                        errors=len(problems), fixed=fixed)
    if args.diff:
        sys.stdout.write("".join(r.diff for r in results))
    if args.format == "json":
        sys.stdout.write(format_json(findings, summary))
    elif args.format == "sarif":
        sys.stdout.write(format_sarif(findings, RULES, __version__))
    elif args.format == "github":
        sys.stdout.write(format_github(findings))
    elif not args.diff:
        sys.stdout.write(format_text(findings))
    if args.format == "text" and not args.quiet:
        sys.stdout.flush()  # the summary comes after the findings, also when both go to one pipe
        print(format_summary(summary), file=sys.stderr)
    if problems:
        return EXIT_ERROR
    return EXIT_FINDINGS if findings else EXIT_OK


def _make_linter(glossary, config):
    # imported only when some file has to be linted: a re-run over unchanged files needs no checker
    import gc

    from .lint import Linter

    linter = Linter(glossary, config)
    # The glossary, the compiled matcher and the tokenizer live as long as the process: moved out of
    # the collector's sight, later collections no longer walk their hundreds of thousands of objects
    # (a fifth of the run time with a 10,000-concept glossary). The young generation is collected less
    # often too (see _lint): linting allocates many short-lived tuples that reference counting frees anyway.
    gc.freeze()
    return linter


# --------------------------------------------------------------------------------------------- glossary


def _glossary_check(args) -> int:
    from .loader import GlossaryError, glossary_files, load_glossary

    paths = args.paths
    if not paths:
        config = _config(args)
        if config is None:
            return EXIT_ERROR
        paths = config.glossary
    try:
        glossary = load_glossary(paths, use_cache=False, use_snapshot=False)
    except GlossaryError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        io_only = all(p.message in ("no such file or directory", "no .yaml files in this directory")
                      or p.message.startswith("cannot read") for p in exc.problems)
        print(f"exerkine: {len(exc.problems)} problem(s) in the glossary", file=sys.stderr)
        return EXIT_ERROR if io_only else EXIT_FINDINGS
    files = glossary_files(paths)
    print(f"{len(glossary)} concepts in {len(files)} file(s): OK")
    return EXIT_OK


def _glossary_export(args) -> int:
    from .formats import EXPORTERS

    config = _config(args)
    if config is None:
        return EXIT_ERROR
    glossary = _load_glossary(config.glossary)
    if glossary is None:
        return EXIT_ERROR
    return _write_output(EXPORTERS[args.format](glossary), args.output)


def _glossary_import(args) -> int:
    from .formats import IMPORTERS, ImportProblem
    from .formats.yamlout import dump_concepts

    try:
        data = Path(args.file).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        print(f"exerkine: {args.file}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except UnicodeDecodeError as exc:
        print(f"exerkine: {args.file}: not UTF-8 (byte {exc.start})", file=sys.stderr)
        return EXIT_ERROR
    try:
        result = IMPORTERS[args.format](data, args.file)
    except ImportProblem as exc:
        print(f"exerkine: {exc}", file=sys.stderr)
        return EXIT_ERROR
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    return _write_output(dump_concepts(result.concepts), args.output)


def run() -> None:
    """The ``exerkine`` command: :func:`main`, then an exit that skips the interpreter's teardown.

    Everything the command writes is written by then (caches and fixed files are renamed into place as
    they are done, and the output streams are flushed here). Freeing the glossary, the compiled matcher and
    the tokenizer object by object would only delay the exit: a tenth of a second with a large glossary."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        code = code or EXIT_ERROR
    os._exit(code)


if __name__ == "__main__":  # python -m sphinx_exerkine.cli: a normal exit, so that profilers and coverage report
    sys.exit(main())
