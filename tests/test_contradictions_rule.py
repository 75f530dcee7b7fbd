"""The ``definition-contradiction`` rule, specified by tables of sentences that must and must not be flagged.

The test glossary (``tests/conftest.py``) says: exosomes measure 30–150 nm and are extracellular vesicles,
like microvesicles (100–1000 nm) and apoptotic bodies (1000–5000 nm, 500–2000 nm also reported);
extracellular vesicles include exosomes and the secretome includes exosomes; irisin and myonectin are
myokines; microRNAs are 18–25 nt long; myokines come from skeletal muscle only, hepatokines from the liver
only; IL-6 comes from skeletal muscle, immune cells and adipose tissue (not exclusively), lactate from
skeletal muscle (not exclusively); the word exerkine was coined in 2016 by Safdar, Saleem and Tarnopolsky
(a definition by Tarnopolsky in 2015 is historical), apoptotic body in 1972 by Kerr, Wyllie and Currie;
and two misconceptions are listed: exerkines defined as what skeletal muscle secretes, and myokines as
what muscle secretes when it contracts.
"""

from __future__ import annotations

import pytest

from sphinx_exerkine import lint
from sphinx_exerkine.config import Config
from sphinx_exerkine.contradictions import RULE, check
from sphinx_exerkine.lint import Linter


@pytest.fixture(autouse=True)
def _registered(monkeypatch):
    monkeypatch.setitem(lint.CHECKS, RULE, check)


@pytest.fixture(scope="module")
def linter(mini_glossary):
    return Linter(mini_glossary)


def contradictions(linter, text, fmt="text"):
    return [f for f in linter.lint_text(text, fmt) if f.rule == RULE]


def assert_flagged(linter, sentence, fact):
    findings = contradictions(linter, sentence)
    assert findings, f"not flagged: {sentence}"
    assert any(fact in f.message for f in findings), [f.message for f in findings]
    for f in findings:
        assert f.found and f.found in sentence
        assert f.term and f.fix is None


def assert_not_flagged(linter, sentence):
    findings = contradictions(linter, sentence)
    assert not findings, [f.message for f in findings]


# ------------------------------------------------------------------------------------------ sizes

SIZE_FLAGGED = [
    "エクソソームは直径400〜900 nmの小胞である。",
    "エクソソームは直径400～900nmの膜小胞です。",
    "エクソソームは直径１〜５マイクロメートルの小胞である。",
    "エクソソームの直径は2 µmに達する。",
    "エクソソームとは、200 nm以上の大型の小胞を指す。",
    "エクソソームは直径約10 nmの粒子である。",
    "直径400 nmのエクソソームが観察された。",
    "エクソソーム（400–900 nm）を回収した。",
    "エクソソーム：直径400〜900 nmの小胞。",
    "マイクロベシクルは直径10〜20 nmの小胞である。",
    "アポトーシス小体は直径50 nmの小胞である。",
    "Exosomes are 400–900 nm vesicles.",
    "Exosomes are between 500 and 1000 nm in diameter.",
    "An exosome is a vesicle of about 2 µm.",
    "Exosomes are larger than 500 nm.",
    "The size of exosomes is 400-900 nm.",
    "エクソソーム（exosome）は直径400〜900 nmの小胞を指す。",
    "The term exosome refers to vesicles of 400–900 nm.",
    "Exosomes, defined as vesicles of 400–900 nm, carry RNA.",
]

SIZE_NOT_FLAGGED = [
    "エクソソームは直径30〜100 nmの小胞である。",
    "エクソソームは直径30-150nmの膜小胞。",
    "エクソソームの直径は約100 nmである。",
    "エクソソームは200 nm未満の小胞である。",
    "エクソソームは100 nm以下の小胞である。",
    "エクソソームは、1 µmのマイクロベシクルより小さい。",
    "エクソソームは20〜25 ntのマイクロRNAを運ぶ。",
    "アポトーシス小体は直径500〜800 nmの小胞である。",
    "Exosomes are 30–100 nm vesicles.",
    "Exosomes are between 30 and 100 nm in diameter.",
    "Exosomes are smaller than 200 nm.",
    "The diameter of an exosome is about 100 nm.",
]

LENGTH_FLAGGED = [
    "マイクロRNAは長さ100塩基程度のRNAである。",
    "マイクロRNAは200〜300 ntの小さなRNAである。",
    "MicroRNAs are 70–100 nucleotides long.",
]

LENGTH_NOT_FLAGGED = [
    "マイクロRNAは20〜25塩基のRNAである。",
    "マイクロRNAは長さ22 ntの短いRNAである。",
    "MicroRNAs are about 22 nt long.",
]


@pytest.mark.parametrize("sentence", SIZE_FLAGGED)
def test_a_size_outside_the_glossary_range_is_flagged(linter, sentence):
    assert_flagged(linter, sentence, "size ")


@pytest.mark.parametrize("sentence", SIZE_NOT_FLAGGED)
def test_a_size_inside_the_glossary_range_or_about_another_term_is_not_flagged(linter, sentence):
    assert_not_flagged(linter, sentence)


@pytest.mark.parametrize("sentence", LENGTH_FLAGGED)
def test_a_sequence_length_outside_the_glossary_range_is_flagged(linter, sentence):
    assert_flagged(linter, sentence, "length ")


@pytest.mark.parametrize("sentence", LENGTH_NOT_FLAGGED)
def test_a_sequence_length_inside_the_glossary_range_is_not_flagged(linter, sentence):
    assert_not_flagged(linter, sentence)


def test_the_size_message_names_the_fact_and_quotes_the_glossary_with_its_source(linter):
    (f,) = contradictions(linter, "エクソソームは直径400〜900 nmの小胞である。")
    assert f.message == "エクソソーム: size 400–900 nm contradicts the glossary (30–150 nm; source: Test source A)"
    assert f.found == "400〜900 nm"
    assert f.term == "exosome"
    assert f.severity == "warning"
    assert f.fix is None


def test_reported_ranges_are_quoted_too(linter):
    (f,) = contradictions(linter, "Apoptotic bodies are about 50 nm wide.")
    assert f.message == ("apoptotic body: size about 50 nm contradicts the glossary (1000–5000 nm; source: "
                         "Test source L; also reported: 500–2000 nm (Test source M))")


# ------------------------------------------------------------------------------------------ coinage

COINED_FLAGGED = [
    "エクサカインという言葉は2010年に提唱された。",
    "エクサカインという用語は2016年にSmithらによって提唱された。",
    "アポトーシス小体という語は1990年に命名された。",
    "エクサカインは2012年に提唱された概念である。",
    "The term exerkine was coined in 2010.",
    "The term exerkine was coined in 2016 by Smith.",
    "Exerkines were first named in 2001.",
]

COINED_NOT_FLAGGED = [
    "エクサカインという言葉は2016年にSafdarらによって提唱された。",
    "エクサカインは2010年に発表された研究で注目された。",
    "エクサカインという言葉が日本で初めて登場したのは2018年である。",
    "The term exerkine was coined in 2016 by Safdar and colleagues.",
    "The term apoptotic body was coined in 1972 by Kerr, Wyllie and Currie.",
]


@pytest.mark.parametrize("sentence", COINED_FLAGGED)
def test_a_wrong_year_or_author_of_the_term_is_flagged(linter, sentence):
    assert_flagged(linter, sentence, "coined ")


@pytest.mark.parametrize("sentence", COINED_NOT_FLAGGED)
def test_the_right_year_and_author_or_another_event_is_not_flagged(linter, sentence):
    assert_not_flagged(linter, sentence)


def test_the_coinage_messages(linter):
    messages = sorted(f.message for f in contradictions(linter, "The term exerkine was coined in 2010 by Smith."))
    assert messages == [
        "exerkine: coined by Smith contradicts the glossary (Safdar A, Saleem A, Tarnopolsky MA, 2016; "
        "source: Test source K)",
        "exerkine: coined in 2010 contradicts the glossary (2016, by Safdar A, Saleem A, Tarnopolsky MA; "
        "source: Test source K)",
    ]


# ------------------------------------------------------------------------------------------ origin

ORIGIN_FLAGGED = [
    "マイオカインは肝臓から分泌される。",
    "マイオカインは脂肪組織で産生される。",
    "マイオカインとは、肝臓や脂肪から放出される因子の総称である。",
    "肝臓から分泌されるマイオカインが報告された。",
    "マイオカインはあらゆる細胞から分泌される。",
    "マイオカインは骨格筋から分泌されない。",
    "ヘパトカインは肝臓ではなく骨格筋から分泌される。",
    "Myokines are secreted by the liver.",
    "Myokines are released from adipose tissue and the liver.",
    "Myokines are not secreted by skeletal muscle.",
    "Liver-derived myokines were measured.",
    "マイオカイン（myokine）は肝臓から分泌される。",
]

EXCLUSIVITY_FLAGGED = [
    "IL-6は骨格筋だけから分泌される。",
    "IL-6は骨格筋からしか分泌されない。",
    "IL-6は骨格筋のみで産生される。",
    "IL-6は唯一骨格筋から分泌される。",
    "IL-6は専ら骨格筋から分泌される。",
    "IL-6 is released exclusively by muscle.",
    "IL-6 is produced only by skeletal muscle.",
    "IL-6 is secreted by muscle alone.",
]

ORIGIN_NOT_FLAGGED = [
    "マイオカインは骨格筋から分泌される。",
    "マイオカインは骨格筋細胞で産生される。",
    "マイオカインは筋肉が分泌する因子である。",
    "IL-6は骨格筋、免疫細胞、脂肪組織から分泌される。",
    "IL-6は骨格筋だけでなく免疫細胞からも分泌される。",
    "IL-6は肝臓から分泌される。",
    "乳酸は骨格筋だけで産生される。",
    "マイオカインは肝臓の糖代謝を改善する。",
    "マイオカインは膵臓からのインスリン分泌を促進する。",
    "マイオカインは肝臓ではなく骨格筋から分泌される。",
    "Myokines are secreted by skeletal muscle.",
    "Myokines act on the liver and adipose tissue.",
    "IL-6 is secreted not only by muscle but also by immune cells.",
    "Myokines improve insulin secretion from the pancreas.",
]


@pytest.mark.parametrize("sentence", ORIGIN_FLAGGED)
def test_an_origin_the_glossary_excludes_is_flagged(linter, sentence):
    assert_flagged(linter, sentence, "origin ")


@pytest.mark.parametrize("sentence", EXCLUSIVITY_FLAGGED)
def test_an_exclusive_origin_the_glossary_denies_is_flagged(linter, sentence):
    assert_flagged(linter, sentence, "origin only")


@pytest.mark.parametrize("sentence", ORIGIN_NOT_FLAGGED)
def test_a_consistent_origin_or_a_tissue_that_is_not_an_origin_is_not_flagged(linter, sentence):
    assert_not_flagged(linter, sentence)


def test_the_origin_messages(linter):
    (f,) = contradictions(linter, "マイオカインは肝臓から分泌される。")
    assert f.message == "マイオカイン: origin 肝臓 contradicts the glossary (骨格筋 only; source: Test source C)"
    assert f.found == "肝臓"
    (f,) = contradictions(linter, "IL-6は骨格筋だけから分泌される。")
    assert f.message == ("インターロイキン6: origin only 骨格筋 contradicts the glossary "
                         "(骨格筋, 免疫細胞, 脂肪組織; not exclusive; source: Test source H)")
    assert f.found == "骨格筋だけ"


# ------------------------------------------------------------------------------------------ hierarchy

HIERARCHY_FLAGGED = [
    "マイクロベシクルはエクソソームの一部である。",
    "細胞外小胞はエクソソームの一種である。",
    "エクソソームはマイクロベシクルの一種である。",
    "細胞外小胞はエクソソームに含まれる。",
    "エクソソームはセクレトームを含む。",
    "マイオカインはイリシンの一種である。",
    "イリシンはマイオネクチンの一種である。",
    "エクソソームの一種である細胞外小胞は多くの細胞から放出される。",
    "エクソソームは細胞外小胞ではない。",
    "A microvesicle is a kind of exosome.",
    "Extracellular vesicles are a type of exosome.",
    "Exosomes are microvesicles.",
    "The secretome is part of the exosome.",
    "Exosomes include extracellular vesicles.",
    "Myokines are a subtype of irisin.",
]

HIERARCHY_NOT_FLAGGED = [
    "エクソソームは細胞外小胞の一種である。",
    "エクソソームは細胞外小胞である。",
    "細胞外小胞はエクソソームを含む。",
    "セクレトームはエクソソームを含む。",
    "イリシンはマイオカインの一つである。",
    "マイクロベシクルはエクソソームとは異なる細胞外小胞である。",
    "エクソソームはマイクロRNAを含む。",
    "Exosomes are a kind of extracellular vesicle.",
    "Extracellular vesicles include exosomes and microvesicles.",
    "Irisin is a myokine.",
    "Exosomes are not microvesicles.",
    "Exosomes carry microRNAs.",
]


@pytest.mark.parametrize("sentence", HIERARCHY_FLAGGED)
def test_a_reversed_or_sideways_hierarchy_is_flagged(linter, sentence):
    findings = contradictions(linter, sentence)
    assert findings, sentence
    assert any(word in f.message for f in findings for word in ("is_a", "part_of", "includes")), findings


@pytest.mark.parametrize("sentence", HIERARCHY_NOT_FLAGGED)
def test_the_glossary_hierarchy_and_unrelated_terms_are_not_flagged(linter, sentence):
    assert_not_flagged(linter, sentence)


def test_the_hierarchy_messages(linter):
    (f,) = contradictions(linter, "細胞外小胞はエクソソームの一種である。")
    assert f.message == "細胞外小胞: is_a エクソソーム contradicts the glossary (エクソソーム is_a 細胞外小胞)"
    assert f.found == "エクソソームの一種"
    (f,) = contradictions(linter, "マイクロベシクルはエクソソームの一部である。")
    assert f.message == ("マイクロベシクル: part_of エクソソーム contradicts the glossary "
                         "(マイクロベシクル and エクソソーム are both below 細胞外小胞)")


# ------------------------------------------------------------------------------------------ misconceptions

MISCONCEPTION_FLAGGED = [
    "マイオカインとは、筋肉が収縮する際に分泌される生理活性物質である。",
    "マイオカインは運動時に骨格筋から分泌される物質である。",
    "マイオカインとは筋肉が収縮したときに出る物質のことだ。",
    "Myokines are substances that muscle secretes when it contracts.",
    "Myokines are factors released only when muscles contract during exercise.",
    "エクサカインとは骨格筋から分泌される因子のことである。",
    "Exerkines are the factors secreted by skeletal muscle.",
]

MISCONCEPTION_NOT_FLAGGED = [
    "マイオカインとは、骨格筋から分泌される生理活性物質の総称である。",
    "運動によって分泌されるマイオカインは炎症を抑える。",
    "マイオカインは収縮時にも安静時にも分泌される。",
    "Myokines are bioactive substances secreted by skeletal muscle.",
    "エクサカインは骨格筋や肝臓から分泌される。",
    "Exerkines are secreted by skeletal muscle, liver and adipose tissue.",
    "Myokines are secreted at rest as well as when muscle contracts.",
]


@pytest.mark.parametrize("sentence", MISCONCEPTION_FLAGGED)
def test_a_known_misconception_is_flagged(linter, sentence):
    assert_flagged(linter, sentence, "misconception")


@pytest.mark.parametrize("sentence", MISCONCEPTION_NOT_FLAGGED)
def test_a_correct_or_restricted_statement_is_not_taken_for_a_misconception(linter, sentence):
    assert_not_flagged(linter, sentence)


def test_a_misconception_in_either_language_is_flagged_in_a_document_holding_both(mini_glossary):
    """Misconceptions are read one language at a time, when a sentence first needs them: a fresh linter
    must find them in both languages of one document, in either order."""
    from sphinx_exerkine.contradictions import clear_caches

    for text in ("マイオカインとは筋肉が収縮したときに出る物質のことだ。\n\n"
                 "Myokines are substances that muscle secretes when it contracts.\n",
                 "Myokines are substances that muscle secretes when it contracts.\n\n"
                 "マイオカインとは筋肉が収縮したときに出る物質のことだ。\n"):
        clear_caches()
        findings = contradictions(Linter(mini_glossary), text)
        assert len([f for f in findings if "misconception" in f.message]) == 2, [f.message for f in findings]


def test_the_profiles_a_statement_may_match_are_those_of_the_whole_table(mini_glossary, matcher):
    from sphinx_exerkine.contradictions.misconceptions import ProfileTable, may_match

    table = ProfileTable(mini_glossary, matcher)
    keys = table.keys()
    assert ("myokine", "ja") in keys and ("myokine", "en") in keys
    for said in ("筋肉が収縮したときに出る物質", "muscle secretes when it contracts", "骨格筋から分泌される因子",
                 "factors secreted by skeletal muscle", "運動"):
        for key in keys:
            fresh = ProfileTable(mini_glossary, matcher)  # (candidates first, before the whole profiles)
            expected = [p for p in table.get(key)[0] if may_match(p, said)]
            assert fresh.candidates(key, said) == expected, (key, said)
    assert table.candidates(("exosome", "ja"), "小胞") is None


def test_the_misconception_message_quotes_why(linter):
    (f,) = contradictions(linter, "マイオカインとは、筋肉が収縮する際に分泌される生理活性物質である。")
    assert f.message == (
        'マイオカイン: states a known misconception ("マイオカインは運動で筋肉が収縮したときにだけ分泌される物質である。"): '
        "Muscle also secretes myokines at rest; the definition rests on the origin, not on the trigger. "
        "(source: Test source K)")
    assert f.found == "筋肉が収縮する際に分泌"
    assert f.term == "myokine"


# ------------------------------------------------------------------------------------------ not flagged at all

REFUTED = [
    "「エクソソームは直径400〜900 nmの小胞である」というのは誤解である。",
    "エクソソームが直径400〜900 nmの小胞であるとは限らない。",
    "マイオカインが肝臓から分泌されるというのは俗説だ。",
    "マイオカインは運動時だけに分泌されるわけではない。",
    "It is a misconception that exosomes are 400–900 nm vesicles.",
    "Contrary to the belief that myokines are secreted by the liver, they come from muscle.",
]

QUESTIONS = [
    "エクソソームは直径400〜900 nmの小胞だろうか。",
    "マイオカインは肝臓から分泌されるのか？",
    "細胞外小胞はエクソソームの一種でしょうか。",
    "Are exosomes 400–900 nm vesicles?",
    "Is a microvesicle a kind of exosome?",
]

HISTORICAL = [
    "エクサカインは、2015年にTarnopolskyによって肝臓だけから分泌される因子と定義された。",
    "当初、エクサカインは肝臓だけから分泌される因子と定義されていた。",
    "Exerkines were originally defined in 2015 as factors released only by the liver.",
    "According to Tarnopolsky, exerkines are released only by the liver.",
    "Tarnopolskyによれば、エクサカインは肝臓だけから分泌される因子である。",
]


@pytest.mark.parametrize("sentence", REFUTED)
def test_a_claim_reported_to_refute_it_is_not_flagged(linter, sentence):
    assert_not_flagged(linter, sentence)


@pytest.mark.parametrize("sentence", QUESTIONS)
def test_a_question_is_not_flagged(linter, sentence):
    assert_not_flagged(linter, sentence)


@pytest.mark.parametrize("sentence", HISTORICAL)
def test_a_definition_attributed_to_a_historical_source_is_not_flagged(linter, sentence):
    assert_not_flagged(linter, sentence)


def test_the_same_claims_without_the_historical_attribution_are_flagged(linter):
    assert_flagged(linter, "エクサカインは肝臓だけから分泌される因子である。", "origin only")
    assert_flagged(linter, "Exerkines are factors released only by the liver.", "origin only")


# ------------------------------------------------------------------------------------------ in documents


def test_a_term_on_its_own_line_is_defined_by_the_next_line(linter):
    text = "用語の解説\n\n注２） エクソソーム\n\n細胞が分泌する小胞のうち、400から900ナノメーターのもの。\n"
    (f,) = contradictions(linter, text)
    assert (f.line, f.column, f.found) == (5, 14, "400から900ナノメーター")
    assert contradictions(linter, "エクソソームとは\n\n直径30〜100 nmの小胞。\n") == []


def test_markdown_positions_are_those_of_the_original_text(linter):
    text = (
        "# 細胞外小胞\n"
        "\n"
        "本章では小胞を扱う。\n"
        "**エクソソーム**は、[細胞](https://example.org/cells)が放出する\n"
        "直径400〜900 nmの小胞であり、`code 400 nm` ではない。\n"
    )
    (f,) = contradictions(linter, text, "markdown")
    assert (f.line, f.column, f.end_line, f.end_column) == (5, 3, 5, 13)
    assert f.found == "400〜900 nm"
    lines = text.split("\n")
    assert lines[f.line - 1][f.column - 1:f.end_column - 1] == "400〜900 nm"


def test_claims_broken_by_markup_are_read_as_written(linter):
    """Markup inside a sentence is left out of its text: what a claim needs may straddle it."""
    assert contradictions(linter, "細胞外小胞は**エクソソーム**の一種である。", "markdown")
    assert contradictions(linter, "**マイオカイン**は**肝臓**から分泌される。", "markdown")
    assert contradictions(linter, "エクソソームは直径**400**〜900 nmの小胞である。", "markdown")


@pytest.mark.parametrize("text", [
    "**エクソソーム**の**大きさ**は400〜900 nmである。",
    "エクソソームの大**きさ**は400〜900 nmである。",
    "エクソソーム**は**直径400〜900 nmの小胞である。",
    "エクソソームと**は**、直径400〜900 nmの小胞を指す。",
    "エクソソームという**用語**は、直径400〜900 nmの小胞を指す。",
    "**エクソソーム**（*exosome*）は直径400〜900 nmの小胞である。",
])
def test_a_topic_marker_broken_by_markup_is_read_as_written(linter, text):
    """Whether a term may be a topic is first told from the raw text around it, quickly when the marker
    holds no masked character: a marker broken by markup must still be found (after another sentence on
    the same line, so that the term is not taken for one alone on its line)."""
    text = "本節では回収した小胞の性質をまとめる。" + text
    assert any("400–900 nm" in f.message for f in contradictions(linter, text, "markdown"))


@pytest.mark.parametrize("text", [
    "エクソソームの**研究**では400〜900 nmの粒子も回収された。",
    "エクソソームの回収には400〜900 nmのフィルターを用いた。",
])
def test_a_term_that_is_not_a_topic_is_not_read_as_one(linter, text):
    assert contradictions(linter, "本節では回収した小胞の性質をまとめる。" + text, "markdown") == []


def test_the_quick_topic_test_looks_far_enough():
    """A marker right after a term (neither a parenthesis nor a quote before it) is told from the next
    :data:`MARKER_REACH` characters alone: no marker word may be longer."""
    import re

    from sphinx_exerkine.contradictions import claims_ja

    parser = getattr(re, "_parser", None)
    if parser is None:  # pragma: no cover - Python < 3.11
        import sre_parse as parser
    assert parser.parse(claims_ja._MARKER_WORDS).getwidth()[1] <= claims_ja.MARKER_REACH
    assert claims_ja._MARKER.pattern == claims_ja._MARKER_LEAD + claims_ja._MARKER_WORDS
    for word in ("という呼び名自体は", "の塩基長は", "の定義とは", "は", "：", "って"):
        masked = "エクソソーム" + word + "小胞である。"
        assert claims_ja.may_state(masked, 0, len("エクソソーム")), word


def test_the_quick_topic_test_knows_every_word_after_no():
    """「Xの…」 is told from the character after 「の」: every marker word that starts with 「の」 goes on
    with a character of :data:`_AFTER_NO`."""
    import re

    from sphinx_exerkine.contradictions import claims_ja

    parser = getattr(re, "_parser", None)
    if parser is None:  # pragma: no cover - Python < 3.11
        import sre_parse as parser
    constants = parser  # (the parser module holds the opcode names)

    def strings(items) -> set[str]:
        """Every string the (finite) parsed pattern ``items`` matches."""
        out = {""}
        for op, av in items:
            if op is constants.LITERAL:
                choices = {chr(av)}
            elif op is constants.IN:
                choices = {chr(v) for o, v in av if o is constants.LITERAL}
                assert len(choices) == len(av)
            elif op is constants.SUBPATTERN:
                choices = strings(av[-1])
            elif op is constants.BRANCH:
                choices = set().union(*(strings(branch) for branch in av[1]))
            elif op is constants.MAX_REPEAT and av[:2] == (0, 1):
                choices = strings(av[2]) | {""}
            else:
                raise AssertionError(f"unexpected {op}")
            out = {a + b for a in out for b in choices}
        return out

    words = strings(parser.parse(claims_ja._MARKER_WORDS))
    assert "の大きさは" in words and "の定義とは" in words
    assert {w[1] for w in words if w.startswith("の")} == claims_ja._AFTER_NO
    masked = "エクソソームの大\0きさは小胞である。"
    assert claims_ja.may_state(masked, 0, len("エクソソーム"))
    assert claims_ja.may_state("エクソソームの\0大きさは。", 0, len("エクソソーム"))
    assert not claims_ja.may_state("エクソソームの性質を調べた。", 0, len("エクソソーム"))


def test_rst_positions_and_suppression_comments(linter):
    text = (
        "エクソソーム\n"
        "============\n"
        "\n"
        "*エクソソーム* は直径400〜900 nmの小胞である。\n"
        "\n"
        ".. exerkine: disable-next-line definition-contradiction\n"
        "\n"
        "マイオカインは肝臓から分泌される。\n"
    )
    findings = contradictions(linter, text, "rst")
    assert [(f.line, f.column, f.found) for f in findings] == [(4, 13, "400〜900 nm")]


def test_the_severity_comes_from_the_configuration(mini_glossary):
    configured = Linter(mini_glossary, Config(severity={RULE: "error"}))
    (f,) = contradictions(configured, "マイオカインは肝臓から分泌される。")
    assert f.severity == "error"


def test_text_without_terms_or_without_claims_gives_nothing(linter):
    assert contradictions(linter, "") == []
    assert contradictions(linter, "運動は健康に良い。血中濃度を測定した。") == []
    assert contradictions(linter, "本研究ではエクソソームを超遠心法で回収した。") == []


def test_the_rule_reference_examples_hold_with_the_shipped_glossary():
    from sphinx_exerkine.loader import load_glossary
    from sphinx_exerkine.rules import RULES

    rule = RULES[RULE]
    shipped = Linter(load_glossary())
    assert contradictions(shipped, rule.flagged)
    assert contradictions(shipped, rule.not_flagged) == []


def test_list_items_are_separate_sentences():
    from sphinx_exerkine.loader import load_glossary

    linter = Linter(load_glossary())
    text = "- 直前の食事の記録\n- インターロイキン6を含む画分の確認\n- フローサイトメトリーによるオステオカルシンの検出\n"
    assert contradictions(linter, text, "markdown") == []
