"""Sentences of masked text, found around the places that need them, with a map back to the text.

A sentence ends at 。．！？!? (with any closing brackets or quotes after it), at a full stop followed by a
space in Latin text (not after abbreviations such as "et al." or "e.g."), and at a line break, unless the
line break only wraps a long line: the line before is long, does not end a sentence, and the next line
does not start a list item or heading. Masked characters are left out of the sentence's text, and a
line break between Japanese characters is dropped (a space elsewhere), so that a hard-wrapped Japanese
paragraph reads as it was written.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Sequence

from ..readers import MASK
from ..lazyre import lazy

_BOUNDARY = lazy(r"[。．！？!?]+[」』）)】\"'”’]*|(?<=[A-Za-z0-9)\]])\.(?=[\s\0])[\"'”’)]*|\n")
_ABBREVIATIONS = frozenset({"al", "e.g", "i.e", "fig", "figs", "vs", "cf", "dr", "mr", "ms", "no", "approx",
                            "ca", "etc", "eq", "ref", "refs", "vol", "pp", "st", "prof", "jr", "sr"})
_MARKER = lazy(r"[-*+•・■□●○◆◇▶►※>#|]|\d+[.)．）]|[（(]\d+[)）]|第\d|注\d|【|［|\[")
_TERMINAL_END = tuple("。．！？!?.：:")
_TERMINAL_CHARS = "".join(_TERMINAL_END)
#: a line at least this wide (CJK characters count twice) may be hard-wrapped
WRAP_WIDTH = 30
#: how far to look back for the start of a sentence
_WINDOW = 600


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its span in the text and its readable form."""

    start: int
    end: int
    #: the sentence without masked characters, line breaks joined
    text: str
    #: for each character of ``text`` its offset in the original text, plus one entry for the end
    offsets: Sequence[int]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original (start, end) offsets of ``text[i:j]``."""
        if j <= i:
            return self.offsets[i], self.offsets[i]
        return self.offsets[i], self.offsets[j - 1] + 1

    def index(self, offset: int) -> int:
        """Index in ``text`` of the character at original ``offset`` (or the next one kept)."""
        return bisect_left(self.offsets, offset, 0, len(self.offsets) - 1)


def _width(line: str) -> int:
    """Display width: CJK characters (three bytes in UTF-8) count twice."""
    return len(line) + (len(line.encode("utf-8")) - len(line)) // 2


def _narrow(line: str) -> bool:
    """Narrower than :data:`WRAP_WIDTH` (a character is at most 2.5 wide: the width of a short line is not
    computed)."""
    return len(line) * 5 < WRAP_WIDTH * 2 or _width(line) < WRAP_WIDTH


def _strip(line: str) -> str:
    return line.strip(" \t\r\u3000" + MASK)


#: a line that starts with markup (after indentation) and holds something besides blanks
_MARKUP_LINE = lazy(r"[ \t\u3000]*\0[^\n]*?[^ \t\r\u3000\0\n]")


def _soft_break(masked: str, nl: int) -> bool:
    """True when the line break at ``nl`` only wraps a long line inside a sentence."""
    if nl and masked[nl - 1] in _TERMINAL_CHARS:
        return False  # the line ends a sentence (the commonest case, told without reading the line)
    if nl > 1 and masked[nl - 1] == "\n" and masked[nl - 2] in _TERMINAL_CHARS:
        return False  # a blank line after a sentence's end (a new paragraph)
    if _MARKUP_LINE.match(masked, nl + 1):
        return False  # the next line starts with markup (told without reading the line before)
    line_start = masked.rfind("\n", 0, nl) + 1
    before = _strip(masked[line_start:nl])
    blank = 0
    while not before and line_start > 0 and blank < 2:  # a blank line inside a wrapped sentence (page break)
        blank += 1
        nl = line_start - 1
        line_start = masked.rfind("\n", 0, nl) + 1
        before = _strip(masked[line_start:nl])
    if not before or before.endswith(_TERMINAL_END) or _narrow(before):
        return False
    pos, blank = nl + 1, 0
    while True:
        end = masked.find("\n", pos)
        raw = masked[pos:] if end == -1 else masked[pos:end]
        line = _strip(raw)
        if line:
            if raw.lstrip(" \t\u3000").startswith(MASK):
                return False  # the line starts with markup (a list bullet, a heading or table marker)
            break
        if end == -1 or blank >= 2:
            return False
        blank += 1
        pos = end + 1
    return not _MARKER.match(line)


def _is_hard(masked: str, m: re.Match) -> bool:
    token = m.group()
    if token == "\n":
        return not _soft_break(masked, m.start())
    if token.startswith("."):
        word_start = m.start()
        while word_start > 0 and (masked[word_start - 1].isalnum() or masked[word_start - 1] == "."):
            word_start -= 1
        word = masked[word_start:m.start()].lower()
        if word in _ABBREVIATIONS or len(word) == 1 and word.isalpha():
            return False
    return True


#: any character that may end a sentence; the last one before a position is found in one C-level match
_CANDIDATE = lazy(r"[。．！？!?\n.]")
_LAST_CANDIDATE = lazy(r".*[。．！？!?\n.]", re.S)


def _previous_end(masked: str, pos: int) -> int:
    """End of the last hard boundary before ``pos`` (searching at most :data:`_WINDOW` characters back)."""
    end = pos
    for lo in (max(0, pos - _WINDOW // 4), max(0, pos - _WINDOW)):  # a near window first
        while True:
            last = _LAST_CANDIDATE.match(masked, lo, end)
            if last is None:
                break
            k = last.end() - 1
            if masked[k] == "\n":  # (the boundary is the line break itself)
                if not _soft_break(masked, k):
                    return k + 1
            else:
                m = _BOUNDARY.match(masked, k)
                if m is not None and m.end() <= pos and _is_hard(masked, m):
                    return m.end()
            end = k
        if lo == 0:
            return 0
    return max(0, pos - _WINDOW)


def _next_end(masked: str, pos: int) -> int:
    """End of the sentence holding ``pos``: after its closing punctuation, or at its hard line break."""
    limit = min(len(masked), pos + 4 * _WINDOW)
    at = pos
    while True:
        c = _CANDIDATE.search(masked, at, limit)
        if c is None:
            return limit
        k = c.start()
        if masked[k] == "\n":
            if not _soft_break(masked, k):
                return k
        else:
            m = _BOUNDARY.match(masked, k)
            if m is not None and _is_hard(masked, m):
                return m.end()
        at = k + 1


def sentence_bounds(masked: str, pos: int) -> tuple[int, int]:
    """(start, end) of the sentence holding offset ``pos``."""
    return _previous_end(masked, pos), _next_end(masked, pos)


_JOIN = lazy(r"[ \t\r\u3000\0]*\n[\s\0]*|\0+")


def _cjk(ch: str) -> bool:
    return ord(ch) > 0x2E7F


def make_sentence(masked: str, start: int, end: int) -> Sentence:
    """The readable :class:`Sentence` for ``masked[start:end]``."""
    pos = start
    while pos < end and masked[pos] in _BLANK:
        pos += 1
    stop = end
    while stop > pos and masked[stop - 1] in _BLANK:
        stop -= 1
    if "\n" not in masked[pos:stop] and MASK not in masked[pos:stop]:
        return Sentence(start, end, masked[pos:stop], range(pos, stop + 1))  # nothing to join: offsets run on
    chars: list[str] = []
    offsets: list[int] = []
    for m in _JOIN.finditer(masked, pos, stop):
        chars.append(masked[pos:m.start()])
        offsets.extend(range(pos, m.start()))
        if _joint(masked, m.start(), m.end(), m.group()):
            chars.append(" ")
            offsets.append(m.start())
        pos = m.end()
    chars.append(masked[pos:stop])
    offsets.extend(range(pos, stop))
    offsets.append(stop)
    return Sentence(start, end, "".join(chars), tuple(offsets))


def _joint(masked: str, start: int, end: int, piece: str) -> str:
    """What the blanks ``piece`` at ``masked[start:end]`` (a :data:`_JOIN` match) become in a sentence's text:
    a space for a line break that is not between two CJK characters, else nothing."""
    if "\n" in piece:
        before = masked[start - 1] if start > 0 else " "
        after = masked[end] if end < len(masked) else " "
        if not (_cjk(before) and _cjk(after)):
            return " "
    return ""


def sentence_text(masked: str, start: int, end: int) -> str:
    """``make_sentence(masked, start, end).text``, without the map back to the text."""
    raw = masked[start:end]
    text = raw.strip(_BLANKS)
    if "\n" not in text:  # without a line break, every piece :data:`_JOIN` finds is a run of masked characters
        return text.replace(MASK, "") if MASK in text else text
    pos = start + len(raw) - len(raw.lstrip(_BLANKS))
    return _JOIN.sub(lambda m: _joint(masked, pos + m.start(), pos + m.end(), m.group()), text)


_BLANKS = " \t\r\n\u3000\0"
_BLANK = frozenset(_BLANKS)


def next_sentence(masked: str, end: int) -> Sentence | None:
    """The sentence after the one ending at ``end`` (None at the end of the text)."""
    pos = end
    while pos < len(masked) and masked[pos] in " \t\r\n\u3000\0":
        pos += 1
    if pos >= len(masked):
        return None
    return make_sentence(masked, *sentence_bounds(masked, pos))


def split(masked: str) -> list[Sentence]:
    """Every sentence of a text (used by tests and tools; the checker only asks for what it needs)."""
    out: list[Sentence] = []
    pos = 0
    while pos < len(masked):
        while pos < len(masked) and masked[pos] in " \t\r\n\u3000\0":
            pos += 1
        if pos >= len(masked):
            break
        start, end = sentence_bounds(masked, pos)
        sentence = make_sentence(masked, max(start, pos), end)
        if sentence.text:
            out.append(sentence)
        pos = max(end, pos + 1)
    return out
