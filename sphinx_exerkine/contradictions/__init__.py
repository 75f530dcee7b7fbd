"""The ``definition-contradiction`` rule: defining and property-stating sentences about glossary terms,
compared with the glossary's typed facts (sizes and lengths, the coinage of the term, the tissue of
origin, the hierarchy) and its list of misconceptions.

Modules: :mod:`.sentences` (sentences of masked text), :mod:`.tokens` (Japanese tokens),
:mod:`.quantities` (numbers with units), :mod:`.claims_ja` / :mod:`.claims_en` (statements and their
claims), :mod:`.knowledge` (the glossary's hierarchy), :mod:`.misconceptions`, :mod:`.cues` (what a
sentence must hold to contradict the glossary), :mod:`.check` (findings), :mod:`.lazyre` (patterns
compiled on first use).
"""

from .check import RULE, check, clear_caches

__all__ = ["RULE", "check", "clear_caches"]
