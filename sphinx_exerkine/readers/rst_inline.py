"""reStructuredText inline markup: which characters of a prose region are markup or code.

Recognition is deliberately lenient: inline literals and roles are masked even where docutils would
not recognise them for lack of surrounding whitespace (common in Japanese text), because a checker
should rather skip a few characters of markup than report code as prose.
"""

from __future__ import annotations

import re

from sphinx_exerkine.readers.links import HINT, find_links
from sphinx_exerkine.readers.roles import mask_interpreted, role_policy

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
#: a character that starts an alternative of :data:`_INLINE`, or a hint of a link: a prose region
#: without any, as most are, has nothing for :func:`mask_inline` to mask (one search instead of
#: three calls; alternatives of literals, not a character class, so that the engine can skip to
#: candidates)
MARKUP_HINT = re.compile("|".join([*map(re.escape, "`:|[*\\_"), HINT]))


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
