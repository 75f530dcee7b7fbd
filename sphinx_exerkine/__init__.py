"""sphinx-exerkine: a bilingual JA/EN terminology database, linter and Sphinx extension."""

from __future__ import annotations

__version__ = "0.1.0"
