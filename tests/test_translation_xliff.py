"""translation-mismatch on XLIFF 1.2 and 2.0: the same checks as for PO, on <source>/<target>."""

from __future__ import annotations

import pytest

from sphinx_exerkine.config import Config
from sphinx_exerkine.fixes import apply_fixes
from sphinx_exerkine.lint import Linter

XLIFF_12 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="ja" datatype="plaintext" original="index.rst">
    <body>
      <trans-unit id="1">
        <source>Exosomes &amp; myokines</source>
        <target>エキソソーム &amp; マイオカイン</target>
      </trans-unit>
      <trans-unit id="2">
        <source>Irisin is a <g id="1">myokine</g>.</source>
        <target>イリシンは<g id="1">ミオカイン</g>である。</target>
      </trans-unit>
      <trans-unit id="3">
        <source>Run <ph id="1">exosome_count()</ph> on exosomes.</source>
        <target><ph id="1">exosome_count()</ph>をエクソソームに実行する。</target>
      </trans-unit>
      <trans-unit id="4">
        <source>Hepatokines</source>
        <target state="needs-review-translation">ペトカイン</target>
      </trans-unit>
      <trans-unit id="5">
        <source>&lt;Exosomes&gt;</source>
        <target>&lt;エキソソーム&gt;</target>
      </trans-unit>
      <trans-unit id="6">
        <source>The vesicles</source>
        <target>小胞の
ミオカイン</target>
      </trans-unit>
      <trans-unit id="7">
        <source>Myokines</source>
        <target>細胞外の小胞</target>
      </trans-unit>
      <trans-unit id="8">
        <source>Exosomes</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF_20 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ja">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>Exosomes <pc id="1">carry</pc> microRNA.</source>
        <target>エキソソームは<pc id="1">マイクロRNA</pc>を運ぶ。</target>
      </segment>
      <segment state="initial">
        <source>Myokines</source>
        <target>ミオカイン</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment state="final">
        <source>Irisin and exosomes</source>
        <target>エクソソーム<ph id="2"/>と因子</target>
      </segment>
    </unit>
  </file>
</xliff>
"""


def lint(glossary, text: str, **settings):
    return Linter(glossary, Config(**settings)).lint_text(text, "xliff", "x.xlf")


def table(findings) -> list[tuple]:
    return [(f.line, f.column, f.rule, f.found, f.expected) for f in findings]


def test_xliff_12_targets_are_checked_like_msgstr(mini_glossary):
    assert table(lint(mini_glossary, XLIFF_12)) == [
        (7, 17, "translation-mismatch", "エキソソーム", "エクソソーム"),  # beside a character reference
        (11, 32, "translation-mismatch", "ミオカイン", "マイオカイン"),  # inside an inline <g>
        (23, 21, "translation-mismatch", "エキソソーム", "エクソソーム"),  # after a leading &lt;
        (28, 1, "term-variant", "ミオカイン", "マイオカイン"),  # second line of a target; no source term
        (32, 17, "translation-mismatch", "Myokines", "マイオカイン"),  # missing: at the target
    ]  # unit 3: native code in <ph> names nothing; unit 4: needs review; unit 8: no target


def test_xliff_12_targets_that_need_review_are_checked_only_on_request(mini_glossary):
    default = set(table(lint(mini_glossary, XLIFF_12)))
    extra = set(table(lint(mini_glossary, XLIFF_12, include_fuzzy=True))) - default
    assert extra == {(19, 50, "translation-mismatch", "ペトカイン", "ヘパトカイン")}


def test_xliff_20_segments(mini_glossary):
    assert table(lint(mini_glossary, XLIFF_20)) == [
        (7, 17, "translation-mismatch", "エキソソーム", "エクソソーム"),
        (17, 17, "translation-mismatch", "Irisin", "イリシン"),
    ]  # the second segment of u1 is in state "initial"
    assert (11, 17, "translation-mismatch", "ミオカイン", "マイオカイン") in table(
        lint(mini_glossary, XLIFF_20, include_fuzzy=True))


@pytest.mark.parametrize("text, replaced", [
    (XLIFF_12, {"エキソソーム": "エクソソーム", "ミオカイン": "マイオカイン"}),
    (XLIFF_20, {"エキソソーム": "エクソソーム"}),  # ミオカイン is in a segment not yet translated
], ids=["1.2", "2.0"])
def test_fixes_touch_only_the_variants(mini_glossary, text, replaced):
    findings = lint(mini_glossary, text)
    fixed, applied = apply_fixes(text, [f.fix for f in findings if f.fix])
    expected = text
    for variant, term in replaced.items():
        expected = expected.replace(variant, term)
    assert fixed == expected
    assert [f.rule for f in lint(mini_glossary, fixed)] == ["translation-mismatch"]  # the missing term


def test_japanese_sources_in_xliff(mini_glossary):
    text = XLIFF_20.replace('srcLang="en" trgLang="ja"', 'srcLang="ja" trgLang="en"').replace(
        "<source>Irisin and exosomes</source>\n        <target>エクソソーム<ph id=\"2\"/>と因子</target>",
        "<source>イリシンとエクソソーム</source>\n        <target>irisin and exo-somes</target>")
    assert table(lint(mini_glossary, text, source_language="ja"))[-1] == (
        17, 28, "translation-mismatch", "exo-somes", "exosomes")
