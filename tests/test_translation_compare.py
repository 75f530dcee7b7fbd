"""Which glossary terms a translation must contain, given its source (strings in, problems out)."""

from __future__ import annotations

import pytest

from sphinx_exerkine.translation.compare import (Mismatch, Missing, StrayVariant, TargetLanguage,
                                                 accepted_forms, compare, hyphenated_words, single_words,
                                                 source_concepts)


def problems(matcher, glossary, source: str, target: str, target_lang: str = "ja"):
    named = source_concepts(matcher.scan(source, fuzzy=False), hyphenated_words(source, single_words(glossary)))
    return compare(named, matcher.scan(target), TargetLanguage(glossary, target_lang))


def summary(found) -> list[tuple]:
    out = []
    for p in found:
        if isinstance(p, Mismatch):
            out.append(("mismatch", p.variant.found, p.expected, p.safe))
        elif isinstance(p, StrayVariant):
            out.append(("variant", p.variant.found, p.variant.expected))
        else:
            out.append(("missing", p.concept, p.expected))
    return out


# English source, Japanese translation ---------------------------------------------------------------

TRANSLATED_WELL = [
    ("Exosomes are small vesicles.", "エクソソームは小さな小胞である。"),
    ("An exosome", "エクソソーム"),
    ("EXOSOMES", "エクソソーム"),
    ("exo-some release", "エクソソームの放出"),  # a variant in the source still names the concept
    ("Myo-kines are secreted.", "マイオカインが分泌される。"),  # so does a hyphenated word
    ("Extracellular vesicles (EVs) carry microRNA.", "細胞外小胞（EV）はマイクロRNAを運ぶ。"),
    ("EVs were counted.", "EVを数えた。"),  # an abbreviation renders the concept in Japanese too
    ("Adipokines", "アディポサイトカイン"),  # an admitted form
    ("IL-6 rises.", "インターロイキン6が上昇する。"),
    ("interleukin 6", "IL-6"),
    ("miRNA", "マイクロRNA"),
    ("The exosme fraction", "その画分"),  # a misspelled source is not trusted to name a concept
    ("No terms here.", "用語はない。"),
]


@pytest.mark.parametrize("source, target", TRANSLATED_WELL)
def test_a_source_term_rendered_with_the_glossary_translation_is_fine(matcher, mini_glossary, source, target):
    assert problems(matcher, mini_glossary, source, target) == []


MISTRANSLATED = [
    ("Exosomes are small vesicles.", "エキソソームは小さな小胞である。",
     [("mismatch", "エキソソーム", "エクソソーム", True)]),
    ("Myokines", "ミオカイン", [("mismatch", "ミオカイン", "マイオカイン", True)]),
    ("Exosomes and myokines", "エクソ ソームとミオカイン",
     [("mismatch", "エクソ ソーム", "エクソソーム", True), ("mismatch", "ミオカイン", "マイオカイン", True)]),
    ("Exosomes are small vesicles.", "小胞である。", [("missing", "exosome", "エクソソーム")]),
    ("Exosomes", "exosome", [("missing", "exosome", "エクソソーム")]),  # left in English
    ("Exosomes", "exo-some", [("mismatch", "exo-some", "エクソソーム", False)]),  # a translation, not a spelling
    ("Irisin", "ミオカイン", [("variant", "ミオカイン", "マイオカイン"), ("missing", "irisin", "イリシン")]),
    ("Exosomes and irisin", "エクソソーム", [("missing", "irisin", "イリシン")]),
    ("Myo-kines", "小胞", [("missing", "myokine", "マイオカイン")]),
]


@pytest.mark.parametrize("source, target, expected", MISTRANSLATED)
def test_variants_and_missing_terms_of_the_translation(matcher, mini_glossary, source, target, expected):
    assert summary(problems(matcher, mini_glossary, source, target)) == expected


def test_a_concept_named_twice_in_the_source_is_missing_once(matcher, mini_glossary):
    found = problems(matcher, mini_glossary, "An exosome is an exosome.", "小胞である。")
    assert found == [Missing("exosome", "エクソソーム", "exosome")]


# Japanese source, English translation ---------------------------------------------------------------

TRANSLATED_INTO_ENGLISH = [
    ("エクソソームは小胞である。", "Exosomes are vesicles.", []),
    ("マイオカインとアディポカイン", "A myokine and an adipokine", []),
    ("細胞外小胞", "EVs", []),
    ("インターロイキン6", "IL-6", []),  # a Latin-script admitted form is English too
    ("ミオカイン", "myokines", []),
    ("エクソソーム", "exo-somes", [("mismatch", "exo-somes", "exosomes", True)]),
    ("エクソソーム", "vesicles", [("missing", "exosome", "exosome")]),
    ("マイオカイン", "マイオカイン", [("missing", "myokine", "myokine")]),
]


@pytest.mark.parametrize("source, target, expected", TRANSLATED_INTO_ENGLISH)
def test_japanese_sources_need_the_english_forms(matcher, mini_glossary, source, target, expected):
    assert summary(problems(matcher, mini_glossary, source, target, "en")) == expected


def test_hyphens_inside_a_one_word_term_still_name_it(mini_glossary):
    words = single_words(mini_glossary)
    assert hyphenated_words("Myo-kines and exo-somes, not myokine-like or re-myokines", words) == {
        "myokine": "Myo-kines", "exosome": "exo-somes"}


def test_accepted_forms_per_language(mini_glossary):
    ev = mini_glossary["extracellular-vesicle"]
    assert accepted_forms(ev, "ja") == {"細胞外小胞", "ev", "evs"}
    assert accepted_forms(ev, "en") == {"extracellular vesicle", "extracellular vesicles", "ev", "evs"}
    il6 = mini_glossary["il-6"]
    assert "il-6" in accepted_forms(il6, "en")
