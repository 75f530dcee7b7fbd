"""The rule registry: every rule the linter can report, with the data the documentation and SARIF need."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    #: the id used in output, `--select`, suppression comments and Sphinx `suppress_warnings`
    id: str
    #: default severity
    severity: str
    #: one line
    summary: str
    #: a paragraph for the rule reference
    description: str
    #: a sentence the rule flags
    flagged: str
    #: a sentence the rule leaves alone
    not_flagged: str
    #: what the fix does, if there is one
    fix: str


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            id="term-variant",
            severity="warning",
            summary="A spelling variant of a glossary term.",
            description=(
                "Reports deprecated spellings listed in the glossary (`variants`), forms that differ from a "
                "term only by Unicode width, look-alike characters, a split by a middle dot or space, and "
                "unlisted misspellings close to a katakana or English term that are not real words."
            ),
            flagged="ミオカインは骨格筋から分泌される。",
            not_flagged="マイオカインは骨格筋から分泌される。リソソームは細胞小器官である。",
            fix="Replaces the variant with the preferred term. Listed variants and normalization variants are "
                "safe fixes; suggestions for unlisted misspellings are applied only with `--unsafe-fixes`.",
        ),
        Rule(
            id="definition-contradiction",
            severity="warning",
            summary="A sentence that defines a term in a way the glossary's facts contradict.",
            description=(
                "Finds defining sentences (「XとはYである」, 'X is a Y') and sentences stating a property of "
                "a term, and compares what they say with the concept's typed facts: size ranges, the year "
                "and author of the term, the tissue of origin, the hierarchy and known misconceptions."
            ),
            flagged="エクソソームは直径400〜900 nmの小胞である。",
            not_flagged="エクソソームは直径30〜100 nmの小胞である。",
            fix="None: the sentence must be rewritten by its author.",
        ),
        Rule(
            id="translation-mismatch",
            severity="warning",
            summary="A glossary term in the source text is not rendered with the glossary's translation.",
            description=(
                "In translation catalogues (PO, XLIFF), every glossary term found in the source string must "
                "appear in the translation as the concept's term in the target language or an admitted form."
            ),
            flagged='msgid "Exosomes are small vesicles."  msgstr "エキソソームは小さな小胞である。"',
            not_flagged='msgid "Exosomes are small vesicles."  msgstr "エクソソームは小さな小胞である。"',
            fix="Replaces a variant of the expected term in the translation; a missing term cannot be fixed "
                "automatically.",
        ),
    )
}
