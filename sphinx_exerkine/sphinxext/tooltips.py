"""Tooltips of linked terms: built at build time, shown by a small stylesheet and script.

When a term is linked, its definition (in ``exerkine_language``) becomes the title of the reference,
which HTML writers output, escaped, as the ``title`` attribute of the link. ``exerkine.js`` moves it to
``data-exerkine-tip`` and shows it in one shared ``role="tooltip"`` element on hover and keyboard focus
(setting the text with ``textContent``, never as markup); without the script, the browser shows the
title itself. Builders of other formats ignore the title: no tooltips there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .runtime import get_runtime

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).resolve().parent / "static"
CSS_FILE = "exerkine.css"
JS_FILE = "exerkine.js"


def add_assets(app: Sphinx) -> None:
    """``builder-inited``: publish the stylesheet (and the script, with tooltips on) for HTML builders."""
    if app.builder.format != "html":
        return
    static = str(STATIC_DIR)
    if static not in app.config.html_static_path:
        # a new list: the configured one may be shared with other applications in the same process
        app.config.html_static_path = [*app.config.html_static_path, static]
    app.add_css_file(CSS_FILE)
    if get_runtime(app.env).tooltips:
        app.add_js_file(JS_FILE, loading_method="defer")
