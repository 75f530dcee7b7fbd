"""Roles and hyperlink references: how much of their text is prose, for reStructuredText and MyST alike.

Kept apart from :mod:`sphinx_exerkine.readers.rst_inline` so that the Markdown reader, which needs
only this, does not compile the reStructuredText inline regex on import.
"""

from __future__ import annotations

import re

_TARGET = re.compile(r"\s*<[^<>]+>\s*$")

#: roles whose content is shown as prose
_PROSE_ROLES = frozenset(
    "term abbr abbreviation ab acronym ac dfn emphasis strong sub sup subscript superscript "
    "title-reference title t guilabel menuselection index".split()
)
#: cross-reference roles: an explicit title is prose, a bare target is not
_XREF_ROLES = frozenset("ref doc numref any download keyword".split())


def role_policy(role: str) -> str:
    """How much of a role's content is prose: all of it (``prose``), only an explicit title before a
    ``<target>`` (``xref``), or nothing (``code``). The domain ``std`` and ``external`` are ignored."""
    role = role.lower()
    if role.startswith("external"):
        role = role.split(":", 1)[1] if ":" in role else role
    if role.startswith("std:"):
        role = role[4:]
    if role in _PROSE_ROLES:
        return "prose"
    if role in _XREF_ROLES:
        return "xref"
    return "code"


def mask_interpreted(
    text: str, whole: tuple[int, int], content: tuple[int, int], policy: str, spans: list[tuple[int, int]]
) -> None:
    """Mask a role or hyperlink reference ``whole`` whose text is ``content``, keeping what a reader
    sees as prose under ``policy`` (see :func:`role_policy`): the text, without any ``<target>``."""
    c_start, c_end = content
    target = _TARGET.search(text, c_start, c_end)
    if policy == "code" or (policy == "xref" and target is None) or (target is not None and target.start() == c_start):
        spans.append(whole)
        return
    spans.append((whole[0], c_start))
    spans.append((target.start() if target is not None else c_end, whole[1]))
