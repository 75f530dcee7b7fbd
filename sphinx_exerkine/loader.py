"""Loading glossaries: finding the files, validating them (:mod:`.parsing`, :mod:`.validate`) and caching
the result, so that a warm load reads and hashes the files and unpickles one object."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import NamedTuple


from . import __version__, cachedir
from .model import Concept, Glossary, Location, concept_from_dict

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
HIRAGANA = re.compile(r"[\u3041-\u3096\u309d\u309e\u30fc\u30fb ]+\Z")
YEAR_RANGE = (1800, 2100)
#: the name used in glossary path lists for the glossary shipped with the package
BUILTIN = "builtin"


class GlossaryProblem(NamedTuple):
    """One problem in a glossary file."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class GlossaryError(Exception):
    """Raised when a glossary cannot be used; carries every problem found."""

    def __init__(self, problems: list[GlossaryProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# --------------------------------------------------------------------------------------------- files


def builtin_glossary_dir() -> Path:
    """The glossary shipped inside the package (or the checkout's ``glossary/`` in a source tree)."""
    packaged = Path(__file__).resolve().parent / "_glossary"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "glossary"


def glossary_files(paths: list[str] | tuple[str, ...]) -> list[Path]:
    """Expand glossary paths (files, directories, or ``builtin``) into a sorted list of YAML files.

    Raises :class:`GlossaryError` for a path that does not exist.
    """
    files: list[Path] = []
    problems: list[GlossaryProblem] = []
    for raw in paths or (BUILTIN,):
        path = builtin_glossary_dir() if raw == BUILTIN else Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                problems.append(GlossaryProblem(str(raw), 1, 1, "no .yaml files in this directory"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(GlossaryProblem(str(raw), 1, 1, "no such file or directory"))
    if problems:
        raise GlossaryError(problems)
    return files


# ----------------------------------------------------------------------------------------- glossary


def _digest(files: list[tuple[Path, bytes]]) -> str:
    h = hashlib.sha256(f"{__version__}\0{cachedir.code_stamp()}".encode())
    for path, content in files:
        h.update(str(path).encode())
        h.update(b"\0")
        h.update(hashlib.sha256(content).digest())
    return h.hexdigest()


def load_glossary(paths: list[str] | tuple[str, ...] = (), *, use_cache: bool = True,
                  use_snapshot: bool = True) -> Glossary:
    """Load, validate and cross-check glossary files; raise :class:`GlossaryError` with every problem.

    A validated glossary is cached (pickled) under a key made of the files' contents, so a warm load
    reads the files, hashes them and unpickles. The unchanged built-in glossary comes from its shipped
    snapshot (:mod:`.snapshot`) unless ``use_snapshot`` is false.
    """
    files = glossary_files(list(paths))
    raw: list[tuple[Path, bytes]] = []
    problems: list[GlossaryProblem] = []
    for path in files:
        try:
            raw.append((path, path.read_bytes()))
        except OSError as exc:
            problems.append(GlossaryProblem(str(path), 1, 1, f"cannot read: {exc.strerror or exc}"))
    if problems:
        raise GlossaryError(problems)
    digest = _digest(raw)
    cache_name = f"glossary-{digest[:32]}.pickle"
    if use_cache:
        glossary = cachedir.load(cache_name)
        if isinstance(glossary, Glossary) and glossary.digest == digest:
            return glossary

    if use_snapshot and (not paths or list(paths) == [BUILTIN]):
        # the built-in glossary as validated ahead of time, if its files are unchanged (no YAML needed)
        from . import snapshot

        concepts = snapshot.load(raw, builtin_glossary_dir())
        if concepts is not None:
            glossary = Glossary(concepts, digest=digest, paths=tuple(str(p) for p, _ in raw))
            if use_cache:
                cachedir.store(cache_name, glossary)
            return glossary

    # YAML parsing and validation are imported only on a cold load: a cached glossary needs neither
    from .parsing import parse_file
    from .validate import cross_check

    entries: list[tuple[dict, Location, object]] = []
    for path, content in raw:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.append(GlossaryProblem(str(path), 1, 1, f"not UTF-8 (byte {exc.start})"))
            continue
        file_entries, file_problems = parse_file(path, text)
        entries.extend(file_entries)
        problems.extend(file_problems)
    problems.extend(cross_check(entries))
    if problems:
        raise GlossaryError(sorted(problems, key=lambda p: (p.path, p.line, p.column)))
    concepts: tuple[Concept, ...] = tuple(concept_from_dict(data, loc) for data, loc, _ in entries)
    glossary = Glossary(concepts, digest=digest, paths=tuple(str(p) for p, _ in raw))
    if use_cache:
        cachedir.store(cache_name, glossary)
    return glossary
