"""Bare URLs and e-mail addresses in prose, found the same way for every markup language."""

from __future__ import annotations

import re

#: a bare URL (ASCII only, so that Japanese text right after it is not swallowed); a trailing
#: sentence punctuation character is not part of it
URL = re.compile(
    r"(?:https?://|ftp://|file://|mailto:|www\.)"
    r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*[A-Za-z0-9\-_~/#=&%+]"
)
#: what every URL or e-mail address found by :func:`find_links` holds, as a regex whose alternatives
#: start with a literal: a region without any has none
HINT = r":|www\.|@"
_EMAIL_LOCAL = re.compile(r"[\w.+-]+$", re.ASCII)
_EMAIL_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def find_links(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the spans of the URLs and e-mail addresses found in ``text[start:end]`` to ``spans``."""
    # every URL form has a colon except www.; most prose regions have neither
    if text.find(":", start, end) != -1 or text.find("www.", start, end) != -1:
        for match in URL.finditer(text, start, end):
            before = match.start() - 1
            if before < 0 or not (text[before].isascii() and (text[before].isalnum() or text[before] in "/.@-")):
                spans.append(match.span())
    at = text.find("@", start, end)
    while at != -1:
        local = _EMAIL_LOCAL.search(text, max(start, at - 64), at)
        domain = _EMAIL_DOMAIN.match(text, at + 1, end)
        if local is not None and domain is not None:
            spans.append((local.start(), domain.end()))
            at = domain.end()
        else:
            at += 1
        at = text.find("@", at, end)
