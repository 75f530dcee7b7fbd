"""Sphinx configuration of the sphinx-exerkine documentation.

The pages are written in English; the Japanese site is built from the same sources and the gettext
catalogues in ``locale/ja/LC_MESSAGES`` (see ``translation.rst``)::

    sphinx-build -W -b html docs docs/_build/html/en
    sphinx-build -W -b html -D language=ja docs docs/_build/html/ja

The documentation uses the extension it documents: terms are linked to the rendered glossary with their
definitions as tooltips, and the linter's findings are build warnings (errors with ``-W``).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-exerkine"
author = "sphinx-exerkine contributors"
copyright = "2026, sphinx-exerkine contributors"
language = "en"

extensions = ["sphinx_exerkine", "exerkine_reference", "exerkine_i18n"]
exclude_patterns = ["_build", "locale"]
templates_path = ["_templates"]
html_static_path = ["_static"]

# the glossary shipped with the package (what `exerkine lint` uses without configuration)
exerkine_glossary = ["builtin"]

# `text` in single backquotes is code, as in the help texts the references are generated from
default_role = "literal"

# one catalogue per page, no UUIDs or line numbers churning in the catalogues
locale_dirs = ["locale/"]
gettext_compact = False
gettext_uuid = False
gettext_location = True

html_theme = "alabaster"
html_theme_options = {
    "page_width": "1080px",
    "sidebar_width": "230px",
    "show_relbars": True,
}
html_sidebars = {
    "**": ["about.html", "languages.html", "navigation.html", "relations.html", "searchbox.html"],
}
html_css_files = ["docs.css"]
html_last_updated_fmt = None
