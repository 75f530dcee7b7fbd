"""sphinx-exerkine: a bilingual JA/EN terminology database, linter and Sphinx extension.

As a Sphinx extension: ``extensions = ["sphinx_exerkine"]``.
"""

from __future__ import annotations

__version__ = "0.1.0"


def setup(app):
    """Sphinx entry point; the extension itself lives in :mod:`sphinx_exerkine.sphinxext`."""
    from .sphinxext import setup as _setup

    return _setup(app)
