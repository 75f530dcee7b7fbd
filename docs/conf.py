"""Sphinx configuration of the sphinx-exerkine documentation."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-exerkine"
author = "sphinx-exerkine contributors"
copyright = "2026, sphinx-exerkine contributors"
language = "en"
extensions = ["exerkine_reference"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
