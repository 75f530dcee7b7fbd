"""reStructuredText inline markup: which characters of a prose region are markup or code.

Recognition is deliberately lenient: inline literals and roles are masked even where docutils would
not recognise them for lack of surrounding whitespace (common in Japanese text), because a checker
should rather skip a few characters of markup than report code as prose.
"""

from __future__ import annotations

import re

from sphinx_exerkine.readers.links import find_links

_NAME = r"(?:(?!_)\w)+(?:[-._+:](?:(?!_)\w)+)*"

# Every alternative starts with a literal character so that the regex engine can skip to candidates;
# no content runs across the delimiter that would close it, so a lone delimiter costs a short scan.
_INLINE = re.compile(
    r"`(?:`(?P<literal>(?!\s)(?:[^`]|`(?!`))*?(?<!\s))``(?!`)"
    rf"|(?P<quoted>(?!\s)(?:[^`\\]|\\[\s\S])+?)`(?P<suffix>:{_NAME}:|__?(?!\w))?)"
    rf"|:(?P<role>{_NAME}):`(?P<prefixed>(?:[^`\\]|\\[\s\S])+)`"
    r"|\|(?![\s|])[^|]*(?<!\s)\|(?:__?)?"
    rf"|\[(?:\d+|\#|\*|\#?{_NAME})\]_"
    r"|\*(?:\*(?P<strong>(?!\s)(?:[^*]|\*(?!\*))+?(?<!\s))\*\*|(?P<emphasis>(?![\s*])(?:[^*\\]|\\[\s\S])+?(?<!\s))\*)"
    r"|\\(?P<escaped>[\s\S])"
    r"|_(?:`(?P<inline_target>(?!\s)[^`]+?(?<!\s))`|(?<=[^\W_]_)_?(?!\w))"
)
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


def mask_inline(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the spans of inline markup and code in the prose region ``text[start:end]``."""
    _mask_markup(text, start, end, spans)
    find_links(text, start, end, spans)


def _mask_markup(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    for match in _INLINE.finditer(text, start, end):
        m_start, m_end = match.span()
        if match.group("literal") is not None:
            spans.append((m_start, m_end))
        elif match.group("quoted") is not None:
            suffix = match.group("suffix")
            if suffix is None:
                policy = "code"
            elif suffix.startswith("_"):
                policy = "prose"
            else:
                policy = role_policy(suffix[1:-1])
            mask_interpreted(text, (m_start, m_end), match.span("quoted"), policy, spans)
        elif match.group("role") is not None:
            policy = role_policy(match.group("role"))
            mask_interpreted(text, (m_start, m_end), match.span("prefixed"), policy, spans)
        elif match.group("strong") is not None or match.group("emphasis") is not None:
            width = 2 if match.group("strong") is not None else 1
            spans.append((m_start, m_start + width))
            spans.append((m_end - width, m_end))
            _mask_markup(text, m_start + width, m_end - width, spans)
        elif match.group("inline_target") is not None:
            spans.append((m_start, m_start + 2))
            spans.append((m_end - 1, m_end))
        elif match.group("escaped") is not None:
            spans.append((m_start, m_end if match.group("escaped").isspace() else m_start + 1))
        else:
            spans.append((m_start, m_end))


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
