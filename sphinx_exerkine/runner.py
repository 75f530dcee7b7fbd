"""Linting files: walking directories, reading, caching results, parallel workers, applying fixes.

This is the file-system edge around :class:`sphinx_exerkine.lint.Linter`.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple

from . import __version__
from .config import DEFAULT_EXCLUDE, Config
from .finding import Finding
from . import cachedir
from .model import Glossary
from .readers.detect import format_for_path


@dataclass
class FileResult:
    #: the path as shown to the user
    path: str
    findings: list[Finding] = field(default_factory=list)
    #: one-line problem (``path:line:col: message`` or ``path: message``) when the file could not be checked
    error: str | None = None
    #: fixes written to the file
    fixed: int = 0
    #: the unified diff of the fixes (``--diff``)
    diff: str = ""


class Options(NamedTuple):
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    encoding: str | None = None


# ------------------------------------------------------------------------------------------ walking


def collect_files(paths: list[str], config: Config) -> tuple[list[tuple[str, str]], list[FileResult]]:
    """Expand the paths given into ``(display path, format)`` pairs; missing paths become errors.

    A file named explicitly is always read (its format guessed from its suffix, plain text otherwise);
    directories are walked with the include/exclude patterns and ``.gitignore`` files.
    """
    files: list[tuple[str, str]] = []
    errors: list[FileResult] = []
    for given in paths:
        if os.path.isdir(given):
            files.extend(_walk(given, config))
        elif os.path.exists(given) or os.path.islink(given):
            files.append((given, format_for_path(given) or "text"))
        else:
            errors.append(FileResult(given, error=f"{given}: no such file or directory"))
    seen: set[str] = set()
    unique = []
    for display, fmt in files:
        key = os.path.normpath(display)
        if key not in seen:
            seen.add(key)
            unique.append((display, fmt))
    return unique, errors


def _walk(root: str, config: Config) -> list[tuple[str, str]]:
    import pathspec

    exclude = pathspec.GitIgnoreSpec.from_lines(DEFAULT_EXCLUDE + list(config.exclude))
    ignores: list[tuple[str, pathspec.GitIgnoreSpec]] = []
    if config.respect_gitignore:
        ignores.extend(_parent_gitignores(root))
    out: list[tuple[str, str]] = []
    for directory, dirnames, filenames in os.walk(root):
        if config.respect_gitignore and ".gitignore" in filenames:
            spec = _read_gitignore(os.path.join(directory, ".gitignore"))
            if spec is not None:
                ignores.append((directory, spec))
        rel_dir = os.path.relpath(directory, root)

        def skipped(name: str, is_dir: bool) -> bool:
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            if exclude.match_file(rel + ("/" if is_dir else "")) or exclude.match_file(name + ("/" if is_dir else "")):
                return True
            full = os.path.join(directory, name)
            for base, spec in ignores:
                rel_to_base = os.path.relpath(full, base).replace(os.sep, "/")
                if not rel_to_base.startswith("..") and spec.match_file(rel_to_base + ("/" if is_dir else "")):
                    return True
            return False

        dirnames[:] = sorted(d for d in dirnames if not skipped(d, True))
        for name in sorted(filenames):
            if not any(fnmatch.fnmatch(name, pattern) for pattern in config.include):
                continue
            if skipped(name, False):
                continue
            path = os.path.join(directory, name)
            out.append((path, format_for_path(path) or "text"))
    return out


def _read_gitignore(path: str):
    import pathspec

    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return pathspec.GitIgnoreSpec.from_lines(fh.read().splitlines())
    except OSError:
        return None


def _parent_gitignores(root: str) -> list:
    """``.gitignore`` files above the walked directory, up to the repository root."""
    found = []
    here = Path(root).resolve().parent
    for directory in (here, *here.parents):
        spec = _read_gitignore(str(directory / ".gitignore"))
        if spec is not None:
            found.append((str(directory), spec))
        if (directory / ".git").exists():
            break
    return found


# ------------------------------------------------------------------------------------------ cache


class ResultCache:
    """Findings of unchanged files, keyed by the linter's settings; one pickle file per settings key.

    A file counts as unchanged when its size and modification time are those recorded; a file whose
    time changed is re-read and its content hash compared before it is linted again.
    """

    def __init__(self, key: str, enabled: bool) -> None:
        self.enabled = enabled
        self.name = f"lint-{key[:32]}.pickle"
        #: absolute path -> (size, mtime_ns, content digest, findings as :meth:`Finding.to_record` tuples)
        self.entries: dict[str, tuple[int, int, str, list[tuple]]] = {}
        self.dirty = False
        if enabled:
            loaded = cachedir.load(self.name)
            if isinstance(loaded, dict):
                self.entries = loaded

    def lookup_stat(self, path: str) -> list[Finding] | None:
        """The findings of an unchanged file, with ``path`` as their path."""
        if not self.enabled:
            return None
        entry = self.entries.get(os.path.abspath(path))
        if entry is None:
            return None
        try:
            st = os.stat(path)
        except OSError:
            return None
        if (st.st_size, st.st_mtime_ns) == (entry[0], entry[1]):
            return [Finding.from_record(path, record) for record in entry[3]]
        return None

    def lookup_hash(self, path: str, digest: str) -> list[Finding] | None:
        entry = self.entries.get(os.path.abspath(path)) if self.enabled else None
        if entry is None or entry[2] != digest:
            return None
        return [Finding.from_record(path, record) for record in entry[3]]

    def store(self, path: str, digest: str, findings: list[Finding]) -> None:
        if not self.enabled:
            return
        try:
            st = os.stat(path)
        except OSError:
            return
        self.entries[os.path.abspath(path)] = (st.st_size, st.st_mtime_ns, digest,
                                               [finding.to_record() for finding in findings])
        self.dirty = True

    def save(self) -> None:
        if self.enabled and self.dirty:
            cachedir.store(self.name, self.entries)


def settings_key(glossary: Glossary, config: Config) -> str:
    """What cached results depend on: the code, the glossary and the configuration."""
    data = asdict(config)
    data.pop("origin", None)
    h = hashlib.sha256(f"{__version__}\0{cachedir.code_stamp()}\0{glossary.digest}\0{sorted(data.items())!r}".encode())
    return h.hexdigest()


# ------------------------------------------------------------------------------------------ linting

_worker_linter = None
_worker_cache: ResultCache | None = None


def _lint_one(display: str, fmt: str, options: Options) -> tuple[FileResult, str | None]:
    """Read, lint and (optionally) fix one file. Returns the result and the content digest."""
    from .fileio import ReadProblem, read_source, write_atomic
    from .fixes import apply_fixes, unified_diff
    from .readers.errors import ReadError

    linter = _worker_linter
    try:
        source = read_source(display, options.encoding)
    except ReadProblem as exc:
        return FileResult(display, error=f"{display}: {exc}"), None
    except LookupError:
        return FileResult(display, error=f"{display}: unknown encoding '{options.encoding}'"), None
    except OSError as exc:
        return FileResult(display, error=f"{display}: cannot read: {exc.strerror or exc}"), None
    digest = hashlib.blake2b(source.text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    cached = None
    if _worker_cache is not None and not (options.fix or options.diff):
        cached = _worker_cache.lookup_hash(display, digest)
    if cached is not None:
        return FileResult(display, cached), digest
    try:
        findings = linter.lint_text(source.text, fmt, display)
    except ReadError as exc:
        return FileResult(display, error=f"{display}:{exc.line}:{exc.column}: {exc}"), None
    except RecursionError:
        return FileResult(display, error=f"{display}: too deeply nested to check"), None
    except Exception as exc:  # one broken file must not stop the others  # noqa: BLE001
        return FileResult(display, error=f"{display}: internal error while checking: {exc!r}"), None
    result = FileResult(display, findings)
    if (options.fix or options.diff) and findings:
        fixes = [f.fix for f in findings if f.fix is not None]
        new_text, applied = apply_fixes(source.text, fixes, unsafe=options.unsafe_fixes)
        if applied:
            if options.diff:
                result.diff = unified_diff(display, source.text, new_text)
            if options.fix:
                try:
                    write_atomic(source, new_text)
                except (OSError, ValueError) as exc:
                    result.error = f"{display}: not fixed: {exc}"
                    return result, None
                result.fixed = len(applied)
                result.findings = linter.lint_text(new_text, fmt, display)
                digest = hashlib.blake2b(new_text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return result, digest


def _lint_batch(batch: list[tuple[str, str]], options: Options) -> list[tuple[FileResult, str | None]]:
    return [_lint_one(display, fmt, options) for display, fmt in batch]


def lint_files(files: list[tuple[str, str]], make_linter: Callable[[], object], cache: ResultCache,
               options: Options, jobs: int = 1, progress=None) -> list[FileResult]:
    """Lint files, reusing cached results of unchanged files. ``make_linter`` is called only when some
    file really has to be linted."""
    global _worker_linter, _worker_cache
    results: dict[str, FileResult] = {}
    todo: list[tuple[str, str]] = []
    writing = options.fix or options.diff
    for display, fmt in files:
        cached = None if writing else cache.lookup_stat(display)
        if cached is not None:
            results[display] = FileResult(display, cached)
            if progress:
                progress.advance()
        else:
            todo.append((display, fmt))
    if todo:
        _worker_linter = make_linter()
        _worker_cache = cache
        if jobs > 1 and len(todo) > 1:
            from concurrent.futures import ProcessPoolExecutor  # only when asked for: slow to import
            from multiprocessing import get_context

            batches = _batches(todo, jobs)
            with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
                futures = [pool.submit(_lint_batch, batch, options) for batch in batches]
                for future in futures:
                    for result, digest in future.result():
                        _record(result, digest, cache, results)
                        if progress:
                            progress.advance()
        else:
            for display, fmt in todo:
                result, digest = _lint_one(display, fmt, options)
                _record(result, digest, cache, results)
                if progress:
                    progress.advance()
    cache.save()
    return [results[display] for display, _ in files]


def _batches(todo: list[tuple[str, str]], jobs: int) -> list[list[tuple[str, str]]]:
    """Work for the worker processes: about sixteen batches per worker, the largest files first, so that
    the workers, taking the next batch when they are done, finish at nearly the same time."""
    def size(item: tuple[str, str]) -> int:
        try:
            return os.stat(item[0]).st_size
        except OSError:
            return 0

    ordered = sorted(todo, key=size, reverse=True)
    per_batch = max(1, len(ordered) // (jobs * 16))
    return [ordered[k:k + per_batch] for k in range(0, len(ordered), per_batch)]


def _record(result: FileResult, digest: str | None, cache: ResultCache, results: dict) -> None:
    results[result.path] = result
    if digest is not None and result.error is None:
        cache.store(result.path, digest, result.findings)
