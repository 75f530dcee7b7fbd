"""The matcher, as a specification: what is a variant (and of what), what is a term, what is left alone."""

from __future__ import annotations

import pytest

from sphinx_exerkine.matcher import KATAKANA_RUN, prefix_distances
from sphinx_exerkine.normalize import normalize_kana


def variants(matcher, text):
    return [(m.found, m.expected, m.concept) for m in matcher.scan(text) if m.is_variant]


def terms(matcher, text):
    return [(m.found, m.concept) for m in matcher.scan(text) if not m.is_variant]


SHOULD_FLAG = [
    # listed variants
    ("ミオカインは骨格筋から分泌される。", "ミオカイン", "マイオカイン"),
    ("運動時には肝臓からペトカインが出る。", "ペトカイン", "ヘパトカイン"),
    ("マイクロベジクルは大きい。", "マイクロベジクル", "マイクロベシクル"),
    ("エキソソーム分画を回収した。", "エキソソーム", "エクソソーム"),
    # width and look-alike characters
    ("ｲﾘｼﾝは運動で増える。", "ｲﾘｼﾝ", "イリシン"),
    ("ｴｸｿｿｰﾑを精製した。", "ｴｸｿｿｰﾑ", "エクソソーム"),
    ("ﾏｲｸﾛﾍﾞｼｸﾙを観察した。", "ﾏｲｸﾛﾍﾞｼｸﾙ", "マイクロベシクル"),
    ("エクソソ－ムを精製した。", "エクソソ－ム", "エクソソーム"),
    ("エクソソ-ムを精製した。", "エクソソ-ム", "エクソソーム"),
    ("エクソソ一ムを精製した。", "エクソソ一ム", "エクソソーム"),
    ("セクレトｰムを解析した。", "セクレトｰム", "セクレトーム"),
    ("へパトカインが増えた。", "へパトカイン", "ヘパトカイン"),
    ("マイオ力インが増えた。", "マイオ力イン", "マイオカイン"),
    ("マイクロヘ\u3099シクルを観察した。", "マイクロヘ\u3099シクル", "マイクロベシクル"),
    ("マイクロヘ゛シクルを観察した。", "マイクロヘ゛シクル", "マイクロベシクル"),
    # a term split by a middle dot or a space
    ("イリ・シンは運動で増える。", "イリ・シン", "イリシン"),
    ("マイオネク チンが増えた。", "マイオネク チン", "マイオネクチン"),
    # unlisted spellings
    ("エグソソームを精製した。", "エグソソーム", "エクソソーム"),
    ("アディポカイソが増えた。", "アディポカイソ", "アディポカイン"),
    ("ヘパトカィンが増えた。", "ヘパトカィン", "ヘパトカイン"),
    ("セクレトムを解析した。", "セクレトム", "セクレトーム"),
    ("マイオカインンが増えた。", "マイオカインン", "マイオカイン"),
    ("エクソーソームを精製した。", "エクソーソーム", "エクソソーム"),
    ("イリジンが増えた。", "イリジン", "イリシン"),
    # an unlisted spelling inside a compound
    ("エグソソームマーカーを調べた。", "エグソソーム", "エクソソーム"),
    ("筋肉へマイオカイソが届く。", "マイオカイソ", "マイオカイン"),
    # English
    ("The exo-some fraction was collected.", "exo-some", "exosome"),
    ("Exo-somes were isolated.", "Exo-somes", "Exosomes"),
    ("The secre-tome was analysed.", "secre-tome", "secretome"),
    ("The secre tome was analysed.", "secre tome", "secretome"),
    ("Each adipokin acts on the liver.", "adipokin", "adipokine"),
    ("Myonectn is secreted by muscle.", "Myonectn", "Myonectin"),
    ("The exsome fraction was collected.", "exsome", "exosome"),
    # full-width Latin
    ("ＩＬ－６は多くの細胞が産生する。", "ＩＬ－６", "IL-6"),
    # kanji or mixed forms with a misspelt or oddly written katakana part
    ("インターロイキソ6が増えた。", "インターロイキソ6", "インターロイキン6"),
    ("ｲﾝﾀｰﾛｲｷﾝ6が増えた。", "ｲﾝﾀｰﾛｲｷﾝ6", "インターロイキン6"),
    ("インター・ロイキン6が増えた。", "インター・ロイキン6", "インターロイキン6"),
    ("マイク口RNAを導入した。", "マイク口RNA", "マイクロRNA"),
    # multi-word English forms with a split moved or one letter wrong
    ("Interleukin-6 is raised.", "Interleukin-6", "Interleukin 6"),
    ("The extracellula vesicle fraction.", "extracellula vesicle", "extracellular vesicle"),
    ("The extra-cellular vesicle fraction.", "extra-cellular vesicle", "extracellular vesicle"),
    ("The extracelluar vesicles were counted.", "extracelluar vesicles", "extracellular vesicles"),
]


@pytest.mark.parametrize("text, found, expected", SHOULD_FLAG)
def test_should_flag(matcher, text, found, expected):
    flagged = variants(matcher, text)
    assert [(f, e) for f, e, _ in flagged] == [(found, expected)]
    match = next(m for m in matcher.scan(text) if m.is_variant)
    assert text[match.start:match.end] == found


SHOULD_NOT_FLAG = [
    # correct terms, also inside compounds
    "エクソソーム分画を回収した。",
    "マイオカイン研究が進んでいる。",
    "エクソソームマーカーを調べた。",
    "アディポサイトカインとも呼ばれる。",
    "マイオカイン・ヘパトカイン・アディポカインの総称。",
    # real words that look like terms
    "リソソームで分解される。",
    "リボソームが翻訳する。",
    "セクレチンは消化管ホルモンである。",
    "マイクロバイオームの解析。",
    "エンドソームを経由する。",
    "ケモカインが白血球を呼び寄せる。",
    "レプチンは脂肪組織から出る。",
    "ミオシンとアクチン。",
    "セクレターゼが切断する。",
    # ordinary katakana around terms
    "データとサンプルとマーカー。",
    "へのリスク、エクソソームへの取り込み。",
    "肝臓へエクソソームが運ばれる。",
    # English real words
    "Lysosomes and ribosomes are organelles.",
    "Secretin is a hormone; hepatocytes and adipocytes are cells.",
    "Exosomes, exosomal cargo and the secretome.",
    "Microvesicles and extracellular vesicles (EVs).",
    "Cytokines were measured.",
    # mixed and kanji forms stay terms
    "マイクロRNAとmiRNA。",
    "乳酸が蓄積する。",
    # the hyphenated abbreviation is a preferred form
    "IL-6は多くの細胞が産生する。",
    # a katakana chunk of a mixed form alone is another word
    "インターロイキンの仲間。",
    "マイクロ波とマイクロスコープ。",
    "extracellular matrix and vesicle trafficking",
]


@pytest.mark.parametrize("text", SHOULD_NOT_FLAG)
def test_should_not_flag(matcher, text):
    assert variants(matcher, text) == []


TERMS_FOUND = [
    ("エクソソームは細胞外小胞の一種である。", [("エクソソーム", "exosome"), ("細胞外小胞", "extracellular-vesicle")]),
    ("Exosomes are extracellular vesicles.", [("Exosomes", "exosome"), ("extracellular vesicles", "extracellular-vesicle")]),
    ("マイクロRNAを含む", [("マイクロRNA", "microrna")]),
    ("EVs and EV", [("EVs", "extracellular-vesicle"), ("EV", "extracellular-vesicle")]),
    ("IL-6とIL6", [("IL-6", "il-6"), ("IL6", "il-6")]),
]


@pytest.mark.parametrize("text, expected", TERMS_FOUND)
def test_terms_are_found_with_their_concept(matcher, text, expected):
    assert terms(matcher, text) == expected


TERMS_NOT_FOUND = [
    ("細胞外小胞体は別の構造である。", "extracellular-vesicle"),  # 小胞体: a longer word
    ("ev and Ev are not abbreviations here.", "extracellular-vesicle"),  # abbreviations are case-sensitive
    ("preexosome", "exosome"),  # not a whole word
]


@pytest.mark.parametrize("text, concept", TERMS_NOT_FOUND)
def test_terms_are_not_found_inside_other_words(matcher, text, concept):
    assert concept not in [m.concept for m in matcher.scan(text)]


def test_a_long_word_two_edits_away_is_a_near_miss(matcher):
    # twelve letters and more: two edits allowed (the deletion index holds two-letter deletions of them)
    assert variants(matcher, "The micrvesiclee fraction.") == [("micrvesiclee", "microvesicle", "microvesicle")]
    assert variants(matcher, "The mikrovesicla fraction.") == [("mikrovesicla", "microvesicle", "microvesicle")]
    assert variants(matcher, "The microvesiclexyz fraction.") == []  # three edits


def test_a_matcher_read_back_from_its_cache_finds_what_the_compiled_one_finds(mini_glossary):
    import pickle

    from sphinx_exerkine.matcher import Matcher

    compiled = Matcher(mini_glossary)
    restored = pickle.loads(pickle.dumps(compiled))
    restored.glossary = mini_glossary
    texts = [text for text, _, _ in SHOULD_FLAG] + SHOULD_NOT_FLAG + ["The mikrovesicla fraction."]
    for text in texts:
        assert restored.scan(text) == compiled.scan(text), text


def test_masked_characters_break_matches(matcher):
    assert matcher.scan("エクソ\0\0ソーム") == []
    assert matcher.scan("ミオ\0カイン") == []


def test_offsets_are_offsets_into_the_original_text(matcher):
    text = "前文。ｲﾘｼﾝとﾍﾊﾟﾄｶｲﾝ、ヘパトカィン。"
    for m in matcher.scan(text):
        assert text[m.start:m.end] == m.found


def test_listed_and_normalization_variants_are_safe_fixes_and_near_misses_are_not(matcher):
    kinds = {m.found: m.safe_fix for m in matcher.scan("ミオカイン、ｲﾘｼﾝ、イリ・シン、エグソソーム") if m.is_variant}
    assert kinds == {"ミオカイン": True, "ｲﾘｼﾝ": True, "イリ・シン": True, "エグソソーム": False}


def test_allow_list_silences_a_near_miss(mini_glossary):
    from sphinx_exerkine.matcher import Matcher

    allowed = Matcher(mini_glossary, allow=["エグソソーム"])
    assert [m for m in allowed.scan("エグソソームを精製した。") if m.is_variant] == []


def test_normalize_kana_maps_every_character_back():
    norm = normalize_kana("ﾍﾊﾟﾄｶｲﾝ")
    assert norm.text == "ヘパトカイン"
    assert norm.span(1, 2) == (1, 3)  # パ came from ﾊ + ﾟ
    assert "half-width katakana" in norm.changes


def test_katakana_run_pattern_keeps_particles_outside():
    assert [m.group() for m in KATAKANA_RUN.finditer("エクソソームへの取り込み")] == ["エクソソーム"]
    assert [m.group() for m in KATAKANA_RUN.finditer("イリ・シン")] == ["イリ・シン"]


def test_confusable_kana_cost_less_than_other_edits():
    assert prefix_distances("エクソソーム", "エグソソーム")[-1] < prefix_distances("エクソソーム", "エタソソーム")[-1]


def test_a_word_wrapped_at_the_end_of_a_line_is_one_word(matcher):
    assert terms(matcher, "若年者エクソソー\nムを導入した。") == [("エクソソー\nム", "exosome")]
    assert variants(matcher, "骨格筋のミオカ\nインが増える。") == [("ミオカ\nイン", "マイオカイン", "myokine")]


def test_a_word_wrapped_across_a_blank_line_of_extracted_text_is_one_word(matcher):
    assert terms(matcher, "若年者エクソソー \n\nムに多く含まれる") == [("エクソソー \n\nム", "exosome")]
    assert variants(matcher, "若年者エクソソー \n\nムに多く含まれる") == []


def test_a_term_split_by_several_middle_dots(mini_glossary):
    from sphinx_exerkine.matcher import Matcher

    assert [(m.found, m.expected) for m in Matcher(mini_glossary).scan("アディ・ポ・カインが増える") if m.is_variant] == [
        ("アディ・ポ・カイン", "アディポカイン")]


def test_a_kanji_form_next_to_masked_markup_is_still_found(matcher):
    # "**細胞外小胞濃度**" with the emphasis markers masked: the tokenizer must not see the mask
    text = "\0\0\0\0細胞外小胞濃度\0\0: 補足。"
    assert terms(matcher, text) == [("細胞外小胞", "extracellular-vesicle")]


def test_a_mixed_form_spelt_right_inside_a_compound_is_no_near_miss():
    from sphinx_exerkine.loader import load_glossary
    from sphinx_exerkine.matcher import Matcher

    matcher = Matcher(load_glossary())
    assert [m for m in matcher.scan("臓器間クロストークマーカーを測る") if m.is_variant] == []


@pytest.mark.parametrize("text", [
    "Settings live in .exerkine.toml or [tool.exerkine].",
    "import sphinx_exerkine",
    "see docs/exosome/index.rst",
    "the exosome_marker column",
    "exosome.py and exosome.yaml",
])
def test_words_inside_file_names_and_identifiers_are_not_prose(matcher, text):
    assert [m for m in matcher.scan(text) if m.lang == "en"] == []


def test_a_term_at_the_end_of_a_sentence_is_still_found(matcher):
    assert terms(matcher, "We isolated the exosome. Then we counted.") == [("exosome", "exosome")]


def test_a_long_text_scanned_in_pieces_gives_the_same_matches(matcher, monkeypatch):
    import sphinx_exerkine.matcher as module

    text = "".join(f"{k}行目。ミオカインとｲﾘｼﾝ、細胞外小胞とexo-some。エグソソーム\n" for k in range(40))
    whole = matcher.scan(text)
    monkeypatch.setattr(module, "_CHUNK", 97)
    pieces = matcher.scan(text)
    assert [(m.start, m.end, m.concept, m.kind) for m in pieces] == [(m.start, m.end, m.concept, m.kind) for m in whole]
    assert all(text[m.start:m.end] == m.found for m in pieces)


def test_a_misplaced_hyphen_suggests_the_form_spelt_alike_in_every_process():
    """A window that is one letter away from the plural and a mere split of the singular gets the singular,
    whatever order Python's per-process string hashing gives to sets."""
    import subprocess
    import sys

    script = (
        "from sphinx_exerkine.loader import load_glossary\n"
        "from sphinx_exerkine.matcher import Matcher\n"
        "m = Matcher(load_glossary(use_cache=False))\n"
        "print([(x.expected, x.kind) for x in m.scan('We used a drug deli-very system here.') if x.is_variant])\n"
    )
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": seed}, check=True)
        outputs.add(done.stdout.strip())
    assert outputs == {"[('drug delivery system', 'split')]"}


KANA = "アイウエオカキクケコガギソンシツッーマクロゾヅテチワヰ"


@pytest.mark.parametrize("limit", [0.35, 1.0, 1.35, 2.0])
def test_the_letter_class_bound_never_rejects_a_term_the_distance_table_accepts(limit):
    """Near misses skip the distance table when too many of a term's letter classes are missing from the
    start of the text: that must never lose a near miss."""
    from hypothesis import given, settings, strategies as st

    from sphinx_exerkine.matcher import _class_windows, _classes_of, _missing_classes

    @settings(max_examples=400, deadline=None)
    @given(st.text(KANA, min_size=1, max_size=8), st.text(KANA, min_size=1, max_size=11))
    def check(term, text):
        classes, letters = _classes_of(term)
        rejected = _missing_classes(classes, letters + int(limit + 1e-9), _class_windows(text)) > limit
        table = prefix_distances(term, text, limit)
        accepted = table is not None and min(table[1:]) <= limit
        assert not (rejected and accepted)

    check()


def test_a_term_missing_one_letter_class_is_the_text_with_one_letter_replaced_or_left_out():
    """With one letter class missing and less than a cheap edit left of its limit, a term is only compared
    with a text whose start is the term with that letter replaced or left out: that must never lose a near
    miss."""
    from hypothesis import given, settings, strategies as st

    from sphinx_exerkine.matcher import CHEAP, _class_windows, _classes_of, _missing_classes, _one_letter_off

    edits = st.lists(st.tuples(st.sampled_from("sidt"), st.integers(0, 10), st.sampled_from(KANA)), max_size=3)

    @settings(max_examples=1000, deadline=None)
    @given(st.text(KANA, min_size=1, max_size=11), st.integers(1, 11), edits)
    def check(text, length, changes):
        term = list(text[:length])
        for op, at, ch in changes:  # substitute, insert, delete, transpose
            at = min(at, len(term))
            if op == "s" and at < len(term):
                term[at] = ch
            elif op == "i":
                term.insert(at, ch)
            elif op == "d" and at < len(term) and len(term) > 1:
                del term[at]
            elif op == "t" and at + 1 < len(term):
                term[at], term[at + 1] = term[at + 1], term[at]
        term = "".join(term)
        classes, letters = _classes_of(term)
        for limit in (0.35, 1.0, 1.35, 2.0):
            missing = _missing_classes(classes, letters + int(limit + 1e-9), _class_windows(text))
            if missing != 1 or limit >= 1 + CHEAP or _one_letter_off(term, text):
                continue
            table = prefix_distances(term, text, limit)
            assert table is None or min(table) > limit

    check()


@pytest.mark.parametrize(("term", "text", "expected"), [
    ("サイトカイン", "サイトカイン", True),
    ("サイトカイン", "サイトカインズ", True),
    ("サイトカイン", "サイドカイン", True),
    ("サイトカイン", "サイカインン", True),
    ("サイトカイン", "サイトカイ", True),
    ("サイトカイン", "サイカトイン", False),
    ("サイトカイン", "サイトトカイン", False),
    ("サイトカイン", "サカイン", False),
])
def test_one_letter_off(term, text, expected):
    from sphinx_exerkine.matcher import _one_letter_off

    assert _one_letter_off(term, text) is expected


def test_the_per_word_caches_stay_bounded_and_emptying_them_changes_no_result(mini_glossary, monkeypatch):
    from sphinx_exerkine import matcher as matcher_module

    texts = [f"{word}とエグソソーム、{word}ンの The exsome and the secre tome {word}." for word in
             ("アルファ", "ベータカイン", "ガンマソーム", "デルタシン", "イプシロン", "ゼータカイン")]
    unbounded = matcher_module.Matcher(mini_glossary)
    expected = [unbounded.scan(text) for text in texts]
    monkeypatch.setattr(matcher_module, "_CACHE_LIMIT", 4)
    bounded = matcher_module.Matcher(mini_glossary)
    for text, before in zip(texts * 2, expected * 2):
        assert bounded.scan(text) == before
        assert len(bounded._run_cache) <= 4 + 4  # the limit, and the runs of one text
        assert len(bounded._latin_flags) <= 4 + 6
    assert len(unbounded._run_cache) > 8
