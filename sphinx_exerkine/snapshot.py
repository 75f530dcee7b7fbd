"""The built-in glossary, validated ahead of time.

The YAML files in ``glossary/`` are the source. Parsing them needs PyYAML (slow to import) and a
node-by-node schema check, which is most of a first run's start-up on one small file. The package therefore
also ships ``data/builtin-glossary.json``: the validated plain data of every concept with its location,
and the SHA-256 of each source file. It is used only when the built-in glossary is loaded and every file
still has the recorded name and content; an edited, added or removed file means the YAML is parsed as
usual. The test suite checks that the shipped snapshot equals a fresh parse, and
``python -m sphinx_exerkine.snapshot`` rewrites it after the glossary changes.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from .model import Concept, Location, concept_from_dict

SNAPSHOT = Path(__file__).resolve().parent / "data" / "builtin-glossary.json"
#: bumped whenever the shape of the validated data changes
FORMAT = 1


def _sources(files: list[tuple[Path, bytes]], root: Path) -> dict[str, str] | None:
    """File name (relative to ``root``) -> SHA-256 of its content, or None when a file lies elsewhere."""
    sources = {}
    for path, content in files:
        try:
            name = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return None
        sources[name] = hashlib.sha256(content).hexdigest()
    return sources


def load(files: list[tuple[Path, bytes]], root: Path, snapshot: Path = SNAPSHOT) -> tuple[Concept, ...] | None:
    """The concepts of ``files`` from the snapshot, when they are exactly the files it was made from."""
    sources = _sources(files, root)
    if sources is None:
        return None
    try:
        data = json.loads(snapshot.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("sources") != sources:
        return None
    try:
        return tuple(concept_from_dict(entry, Location(str(root / name), line, column))
                     for name, line, column, entry in data["concepts"])
    except (KeyError, TypeError, ValueError):
        return None


def build(root: Path) -> str:
    """The snapshot of the glossary files under ``root`` as JSON text; raises GlossaryError if invalid."""
    from .loader import GlossaryError, glossary_files
    from .parsing import parse_file
    from .validate import cross_check

    files = glossary_files([str(root)])
    raw = [(path, path.read_bytes()) for path in files]
    entries = []
    problems = []
    for path, content in raw:
        file_entries, file_problems = parse_file(path, content.decode("utf-8-sig"))
        entries.extend(file_entries)
        problems.extend(file_problems)
    problems.extend(cross_check(entries))
    if problems:
        raise GlossaryError(problems)
    base = root.resolve()
    concepts = [[Path(loc.path).resolve().relative_to(base).as_posix(), loc.line, loc.column, data]
                for data, loc, _ in entries]
    # one concept per line: a change to the glossary shows as a readable diff
    lines = [f'{{"format": {FORMAT},', f'"sources": {json.dumps(_sources(raw, root), sort_keys=True)},', '"concepts": [']
    lines += [json.dumps(concept, ensure_ascii=False, sort_keys=True) + ("," if k < len(concepts) - 1 else "")
              for k, concept in enumerate(concepts)]
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rewrite the shipped snapshot from the built-in glossary."""
    from .loader import GlossaryError, builtin_glossary_dir

    try:
        text = build(builtin_glossary_dir())
    except GlossaryError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    SNAPSHOT.write_text(text, encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
