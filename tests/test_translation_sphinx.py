"""End to end: Sphinx's gettext builder -> a .pot -> a .po as sphinx-intl writes it -> `exerkine lint`."""

from __future__ import annotations

import json

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from sphinx.cmd.build import build_main

from sphinx_exerkine.cli import main

INDEX_RST = """\
Exosomes
========

Exosomes are small vesicles.

Irisin is a myokine secreted by skeletal muscle during and after exercise, and it has been studied
in many cohorts.
"""

TRANSLATIONS = {
    "Exosomes": "エクソソーム",
    "Exosomes are small vesicles.": "エキソソームは小さな小胞である。",  # a variant of エクソソーム
    # イリシン is missing; long enough to be wrapped over several lines
    "Irisin is a myokine secreted by skeletal muscle during and after exercise, and it has been studied in "
    "many cohorts.": "これは運動中および運動後に骨格筋から分泌されるマイオカイン (myokine) であり、"
                     "これまでに多くのコホート (cohort) で、さまざまな年齢と体力の参加者を対象に研究されてきた。",
}


def make_po(pot_path, po_path) -> None:
    """What `sphinx-intl update -l ja` does: a Japanese catalogue from the template, then translated."""
    with open(pot_path, "rb") as fh:
        template = read_po(fh)
    catalog = Catalog(locale="ja", project=template.project, version=template.version)
    catalog.update(template)
    for message in catalog:
        if message.id in TRANSLATIONS:
            message.string = TRANSLATIONS[message.id]
    po_path.parent.mkdir(parents=True)
    with open(po_path, "wb") as fh:
        write_po(fh, catalog, width=76)


def test_gettext_catalogue_of_a_sphinx_project(tmp_path, capsys):
    from conftest import MINI_GLOSSARY

    glossary = tmp_path / "mini.yaml"
    glossary.write_text(MINI_GLOSSARY, encoding="utf-8")
    source = tmp_path / "docs"
    source.mkdir()
    (source / "conf.py").write_text("project = 'Exerkine Handbook'\nversion = '1.0'\n", encoding="utf-8")
    (source / "index.rst").write_text(INDEX_RST, encoding="utf-8")
    assert build_main(["-q", "-b", "gettext", str(source), str(tmp_path / "gettext")]) == 0
    po = tmp_path / "locales" / "ja" / "LC_MESSAGES" / "index.po"
    make_po(tmp_path / "gettext" / "index.pot", po)
    text = po.read_text(encoding="utf-8")
    assert "#: ../docs/index.rst:4\n" in text
    assert text.count('msgstr ""\n"') >= 2, text  # the header and the wrapped translation

    def lint(*args: str) -> tuple[int, list[dict]]:
        code = main(["lint", "--glossary", str(glossary), "--no-cache", "--format", "json", *args,
                     str(tmp_path / "locales")])
        return code, json.loads(capsys.readouterr().out)["findings"]

    code, findings = lint()
    lines = text.split("\n")
    variant_line = next(n for n, line in enumerate(lines, 1) if "エキソソーム" in line)
    missing_line = next(n for n, line in enumerate(lines, 1) if line.startswith("msgstr") and
                        "これは" in lines[n])
    assert code == 1
    assert [(f["line"], f["rule"], f["found"], f["expected"]) for f in findings] == [
        (variant_line, "translation-mismatch", "エキソソーム", "エクソソーム"),
        (missing_line, "translation-mismatch", "Irisin", "イリシン"),
    ]

    code, remaining = lint("--fix")
    assert code == 1
    assert [(f["line"], f["found"]) for f in remaining] == [(missing_line, "Irisin")]
    assert po.read_text(encoding="utf-8") == text.replace("エキソソーム", "エクソソーム")
