"""What of a decoded catalogue string is prose.

Sphinx catalogues carry reStructuredText inline markup (``code``, :ref:`targets <label>`, URLs) and
entries flagged ``python-format`` or ``c-format`` carry placeholders. Neither is translated, so neither
may name a concept: ``:ref:`exosome-section``` in a source string must not ask for エクソソーム in its
translation. :func:`prose` blanks them out (same length, so offsets do not move).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..readers.masking import apply_masks
from ..readers.rst_inline import mask_inline

__all__ = ["placeholder_pattern", "prose"]

_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlLqjzt]*[diouxXeEfFgGcrsa%]")
_BRACE = re.compile(r"\{[^{}\s]*\}")


def placeholder_pattern(flag: str) -> re.Pattern[str] | None:
    """The placeholders of an entry flagged ``flag`` (``python-format``, ``python-brace-format``, ...)."""
    if not flag.endswith("-format") or flag.startswith("no-"):
        return None
    return _BRACE if "brace" in flag else _PRINTF


def prose(text: str, flags: Iterable[str] = ()) -> str:
    """``text`` with inline markup, code, links and format placeholders replaced by the mask character."""
    spans: list[tuple[int, int]] = []
    mask_inline(text, 0, len(text), spans)
    for flag in flags:
        pattern = placeholder_pattern(flag)
        if pattern is not None:
            spans.extend(m.span() for m in pattern.finditer(text))
    return apply_masks(text, spans) if spans else text
