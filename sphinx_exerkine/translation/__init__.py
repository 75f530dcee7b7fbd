"""Translation consistency for catalogues (PO, XLIFF): glossary terms of the source string must be
rendered with the glossary's translation.

With ``source_language = "en"`` (the default) every English term of a ``msgid`` must appear in its
``msgstr`` as the Japanese term, an admitted form or an abbreviation; with ``"ja"`` the other way round.
The checks take a :class:`~sphinx_exerkine.readers.Document` whose ``messages`` a catalogue reader
filled, so the command line and the Sphinx extension share them.
"""

from __future__ import annotations

from .check import CATALOGUE_FORMATS, catalogue_matches, catalogue_variants, check, checked, is_catalogue

__all__ = ["CATALOGUE_FORMATS", "catalogue_matches", "catalogue_variants", "check", "checked", "is_catalogue"]
