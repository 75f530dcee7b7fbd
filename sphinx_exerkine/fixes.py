"""Applying fixes to a text, and showing the result as a unified diff.

Everything here is pure: text in, text out. Reading and writing files is done by :mod:`.fileio`.
"""

from __future__ import annotations

from collections.abc import Iterable

from .finding import Fix

__all__ = ["apply_fixes", "select_fixes", "unified_diff"]


def select_fixes(text: str, fixes: Iterable[Fix], *, unsafe: bool = False) -> list[Fix]:
    """The fixes that :func:`apply_fixes` would apply, sorted by position.

    * fixes are considered in order of ``start`` (ties keep the caller's order, so the caller
      decides priority);
    * a fix that would change nothing (its replacement equals the text it replaces) is dropped;
    * unsafe fixes are dropped unless ``unsafe`` is true;
    * a fix that overlaps one already chosen is dropped (the first one wins). Two insertions at
      the same offset also count as overlapping, because their order would be arbitrary; a fix
      that merely touches a chosen one (``start == previous end``) is kept.

    Raises :class:`ValueError` for a fix whose span lies outside the text: it was computed for a
    different text, and applying it anyway would corrupt the file.
    """
    size = len(text)
    chosen: list[Fix] = []
    cursor = 0
    last_insert_at: int | None = None
    for fix in sorted(fixes, key=_start):
        if not 0 <= fix.start <= fix.end <= size:
            raise ValueError(
                f"fix span {fix.start}..{fix.end} does not fit a text of {size} characters"
            )
        if not fix.safe and not unsafe:
            continue
        if text[fix.start : fix.end] == fix.replacement:
            continue
        if fix.start < cursor:
            continue
        is_insert = fix.start == fix.end
        if is_insert and last_insert_at == fix.start:
            continue
        chosen.append(fix)
        cursor = fix.end
        last_insert_at = fix.start if is_insert else None
    return chosen


def apply_fixes(text: str, fixes: Iterable[Fix], *, unsafe: bool = False) -> tuple[str, list[Fix]]:
    """Apply ``fixes`` to ``text``; return the new text and the fixes actually applied.

    The fixes chosen are those of :func:`select_fixes`. The result is assembled from slices of the
    original, so every character outside the replaced spans is kept exactly as it was (line
    endings, BOM-less offsets, unusual whitespace included). When no fix applies, ``text`` itself
    is returned, so ``new is text`` (or ``new == text``) tells the caller nothing changed.
    """
    chosen = select_fixes(text, fixes, unsafe=unsafe)
    if not chosen:
        return text, []
    parts: list[str] = []
    cursor = 0
    for fix in chosen:
        parts.append(text[cursor : fix.start])
        parts.append(fix.replacement)
        cursor = fix.end
    parts.append(text[cursor:])
    return "".join(parts), chosen


def unified_diff(path: str, old: str, new: str, *, context: int = 3) -> str:
    """A unified diff from ``old`` to ``new``, labelled with ``path`` on both sides.

    The result can be fed to ``patch -p0``. Lines are split on ``"\\n"`` only, so carriage
    returns stay part of their line and other Unicode line separators are not treated as line
    breaks. A missing final newline is marked the way ``diff`` does. Returns ``""`` when the texts
    are equal.
    """
    import difflib  # only for --diff

    if old == new:
        return ""
    diff = difflib.unified_diff(
        _split_lines(old), _split_lines(new), fromfile=path, tofile=path, n=context
    )
    out: list[str] = []
    for line in diff:
        if line.endswith("\n"):
            out.append(line)
        else:
            # only the last line of a text can lack its newline
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    result = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        result.append(lines[-1])
    return result


def _start(fix: Fix) -> int:
    return fix.start
