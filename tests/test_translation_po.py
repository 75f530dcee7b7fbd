"""translation-mismatch on gettext catalogues as sphinx-intl writes them (tests/data/po/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_exerkine.config import Config
from sphinx_exerkine.fixes import apply_fixes
from sphinx_exerkine.lint import Linter

DATA = Path(__file__).parent / "data" / "po"
EN_JA = (DATA / "en_ja.po").read_text(encoding="utf-8")
JA_EN = (DATA / "ja_en.po").read_text(encoding="utf-8")


def lint(glossary, text: str, **settings):
    return Linter(glossary, Config(**settings)).lint_text(text, "po", "x.po")


def table(findings) -> list[tuple]:
    return [(f.line, f.column, f.rule, f.found, f.expected) for f in findings]


# ------------------------------------------------------------------------------------------ English -> Japanese

EN_JA_FINDINGS = [
    (29, 9, "translation-mismatch", "エキソソーム", "エクソソーム"),
    (36, 33, "translation-mismatch", "ミオカイン", "マイオカイン"),  # second line of a wrapped msgid/msgstr
    (41, 9, "translation-mismatch", "Irisin", "イリシン"),  # missing: at the msgstr
    (41, 9, "translation-mismatch", "myokine", "マイオカイン"),
    (45, 11, "translation-mismatch", "エキソソーム", "エクソソーム"),  # after an escaped quote
    (53, 8, "translation-mismatch", "エキソソーム", "エクソソーム"),  # wrapped in the middle of the word
    (64, 9, "translation-mismatch", "エキソソーム", "エクソソーム"),  # msgctxt "table header"
    (69, 17, "translation-mismatch", "ミオカイン", "マイオカイン"),  # msgstr[0] of a plural entry
    (73, 9, "term-variant", "ミオカイン", "マイオカイン"),  # no myokine in the source
]


def test_every_source_term_must_be_rendered_with_the_glossary_translation(mini_glossary):
    assert table(lint(mini_glossary, EN_JA)) == EN_JA_FINDINGS


def test_the_header_obsolete_and_untranslated_entries_and_suppressed_entries_are_not_checked(mini_glossary):
    lines = {f.line for f in lint(mini_glossary, EN_JA)}
    assert not lines & set(range(1, 23))  # header
    assert not lines & {82, 92, 96, 99}  # untranslated, suppressed, markup only, obsolete


def test_fuzzy_entries_are_checked_only_on_request(mini_glossary):
    assert 78 not in {f.line for f in lint(mini_glossary, EN_JA)}
    found = table(lint(mini_glossary, EN_JA, include_fuzzy=True))
    assert found == sorted(EN_JA_FINDINGS + [
        (78, 9, "translation-mismatch", "ペトカイン", "ヘパトカイン"),
        (78, 15, "translation-mismatch", "エキソソーム", "エクソソーム"),
    ])


def test_each_variant_is_reported_once_by_one_rule(mini_glossary):
    findings = lint(mini_glossary, EN_JA)
    spans = [(f.start, f.end) for f in findings if f.fix is not None]
    assert len(spans) == len(set(spans))


def test_the_two_rules_can_be_chosen_separately(mini_glossary):
    only_variants = lint(mini_glossary, EN_JA, ignore=["translation-mismatch"])
    assert table(only_variants) == [row for row in EN_JA_FINDINGS if row[2] == "term-variant"]
    only_translations = lint(mini_glossary, EN_JA, ignore=["term-variant"])
    assert table(only_translations) == [row for row in EN_JA_FINDINGS if row[2] == "translation-mismatch"]


def test_messages_say_what_the_source_says_and_what_the_glossary_wants(mini_glossary):
    messages = {(f.line, f.found): f.message for f in lint(mini_glossary, EN_JA)}
    assert messages[29, "エキソソーム"] == ("'エキソソーム' translates 'Exosomes' but is a variant of 'エクソソーム' "
                                          "(listed variant; exosome)")
    assert messages[41, "Irisin"] == "'Irisin' is not translated as 'イリシン' (irisin)"


# ------------------------------------------------------------------------------------------ Japanese -> English


def test_japanese_projects_translated_into_english(mini_glossary):
    assert table(lint(mini_glossary, JA_EN, source_language="ja")) == [
        (29, 9, "translation-mismatch", "Exo-somes", "Exosomes"),
        (33, 9, "translation-mismatch", "イリシン", "irisin"),
        (38, 55, "term-variant", "micro RNA", "microRNA"),
        (45, 15, "translation-mismatch", "myo-kines", "myokines"),  # msgstr[1]
    ]


# ------------------------------------------------------------------------------------------ small catalogues

ENTRY = """\
#: ../../index.rst:1
{entry}
"""


def test_a_missing_term_points_at_the_first_line_of_a_wrapped_msgstr(mini_glossary):
    text = ENTRY.format(entry='msgid "Myokines are secreted by muscle."\n'
                              'msgstr ""\n"骨格筋から分泌される"\n"因子である。"\n')
    (finding,) = lint(mini_glossary, text)
    assert (finding.line, finding.column, finding.end_line) == (3, 9, 5)
    assert finding.fix is None


def test_each_plural_translation_must_render_the_terms_of_msgid_and_msgid_plural(mini_glossary):
    text = ENTRY.format(entry='msgid "One vesicle"\nmsgid_plural "%d exosomes"\n'
                              'msgstr[0] "%d個の小胞"\nmsgstr[1] "%d個のエクソソーム"\n')
    assert table(lint(mini_glossary, text)) == [(4, 12, "translation-mismatch", "exosomes", "エクソソーム")]


def test_markup_code_and_placeholders_do_not_name_concepts(mini_glossary):
    text = ENTRY.format(entry='#, python-brace-format\n'
                              'msgid "Run ``exosome-count`` on {exosome_file}, see https://example.org/exosome"\n'
                              'msgstr "{exosome_file} に対して ``exosome-count`` を実行する。https://example.org/exosome"\n')
    assert lint(mini_glossary, text) == []


def test_a_term_wrapped_over_two_literals_is_found_whole(mini_glossary):
    text = ENTRY.format(entry='msgid "Exosomes"\nmsgstr ""\n"細胞外のエクソ"\n"ソーム"\n')
    assert lint(mini_glossary, text) == []


# ------------------------------------------------------------------------------------------ fixes

EN_JA_FIXED_LINES = {
    29: 'msgstr "エクソソームは小さな小胞である。"',
    36: '"細胞外小胞（EV）はマイクロRNAを運び、運動中の骨格筋からはマイオカインが分"',
    45: 'msgstr "\\"エクソソーム\\" 画分\\n"',
    53: '"ソームの数とエクソソー"',  # the wrapping of the term is kept
    64: 'msgstr "エクソソーム"',
    69: 'msgstr[0] "%d種類のマイオカイン"',
    73: 'msgstr "マイオカインを数えた。"',
}


def expected_fixed(text: str) -> str:
    lines = text.split("\n")
    for number, line in EN_JA_FIXED_LINES.items():
        lines[number - 1] = line + ("\r" if lines[number - 1].endswith("\r") else "")
    return "\n".join(lines)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fixes_change_the_variants_and_nothing_else(mini_glossary, newline):
    text = EN_JA.replace("\n", newline)
    fixed, applied = apply_fixes(text, [f.fix for f in lint(mini_glossary, text) if f.fix])
    assert len(applied) == 7
    assert fixed == expected_fixed(text)
    assert table(lint(mini_glossary, fixed)) == [row for row in EN_JA_FINDINGS if row[0] == 41]


def test_a_fix_changes_only_the_differing_characters_and_is_unsafe_only_if_it_joins_lines(mini_glossary):
    text = ENTRY.format(entry='msgid "Exosomes"\nmsgstr ""\n"細胞外のエキソ"\n"ソーム"\n')
    (finding,) = lint(mini_glossary, text)
    assert (finding.line, finding.end_line) == (4, 5)
    assert text[finding.fix.start:finding.fix.end] == "キ" and finding.fix.replacement == "ク"
    assert finding.fix.safe
    text = ENTRY.format(entry='msgid "Exosomes"\nmsgstr ""\n"細胞外のｴｸｿ"\n"ｿｰﾑ"\n')
    (finding,) = lint(mini_glossary, text)
    assert text[finding.fix.start:finding.fix.end] == 'ｴｸｿ"\n"ｿｰﾑ'
    assert finding.fix.replacement == "エクソソーム" and not finding.fix.safe
