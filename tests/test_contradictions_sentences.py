"""Sentences of masked text: where they end, how wrapped lines join, and the map back to the text."""

from __future__ import annotations

from sphinx_exerkine.contradictions.sentences import (make_sentence, next_sentence, sentence_bounds,
                                                       sentence_text, split)


def texts(masked: str) -> list[str]:
    return [s.text for s in split(masked)]


def test_japanese_and_english_sentence_ends():
    assert texts("エクソソームは小胞である。細胞が放出する！本当か？") == [
        "エクソソームは小胞である。", "細胞が放出する！", "本当か？"]
    assert texts("Exosomes are small. They carry RNA! Do they?") == [
        "Exosomes are small.", "They carry RNA!", "Do they?"]


def test_closing_brackets_stay_with_their_sentence():
    assert texts("「小胞である。」と述べた。次の文。") == ["「小胞である。」", "と述べた。", "次の文。"]


def test_abbreviations_and_decimals_do_not_end_a_sentence():
    assert texts("As shown by Pedersen et al. in 2003, IL-6 rose 1.5 fold. Next.") == [
        "As shown by Pedersen et al. in 2003, IL-6 rose 1.5 fold.", "Next."]


def test_a_hard_wrapped_japanese_paragraph_reads_as_one_sentence_without_the_line_breaks():
    masked = ("エクソソームは細胞が分泌する細胞外小胞の一種であり、内部にタンパク質や核酸\n"
              "を含んでいる。次の文。")
    assert texts(masked) == ["エクソソームは細胞が分泌する細胞外小胞の一種であり、内部にタンパク質や核酸を含んでいる。",
                             "次の文。"]


def test_a_page_break_inside_a_wrapped_sentence_is_joined_too():
    masked = "細胞が分泌する細胞外小胞のうち、直径がおよそ三十から百ナノメートルの範囲にある 30から 100\n\nナノメーターのもの。"
    # between Latin and Japanese characters the line break becomes a space
    assert texts(masked) == ["細胞が分泌する細胞外小胞のうち、直径がおよそ三十から百ナノメートルの範囲にある 30から 100 ナノメーターのもの。"]


def test_a_short_line_a_heading_or_a_list_item_ends_a_sentence():
    assert texts("エクソソームとは\n\n細胞が放出する小胞") == ["エクソソームとは", "細胞が放出する小胞"]
    assert texts("これはとても長い一行の文章で、句点なしで次の行に続いている場合がある\n- 箇条書きの項目") == [
        "これはとても長い一行の文章で、句点なしで次の行に続いている場合がある", "- 箇条書きの項目"]


def test_wrapped_english_lines_join_with_a_space():
    masked = "Exosomes are small extracellular vesicles that\nmost cells release."
    assert texts(masked) == ["Exosomes are small extracellular vesicles that most cells release."]


def test_masked_characters_are_left_out_and_offsets_point_into_the_original_text():
    original = "前の文。**エクソソーム**は小胞である。"
    masked = "前の文。\0\0エクソソーム\0\0は小胞である。"
    start, end = sentence_bounds(masked, masked.index("エ"))
    sentence = make_sentence(masked, start, end)
    assert sentence.text == "エクソソームは小胞である。"
    i = sentence.text.index("は")
    assert original[sentence.span(i, i + 1)[0]] == "は"
    a, b = sentence.span(0, 6)
    assert original[a:b] == "エクソソーム"
    assert sentence.index(original.index("は")) == i


def test_the_next_sentence_skips_blank_lines():
    masked = "エクソソームとは\n\n\n細胞が放出する小胞。"
    first = split(masked)[0]
    following = next_sentence(masked, first.end)
    assert following is not None and following.text == "細胞が放出する小胞。"
    assert next_sentence(masked, len(masked)) is None


def test_the_text_alone_is_the_text_of_the_sentence():
    for masked in ("前の文。\0\0エクソソーム\0\0は小胞である。",
                   "細胞外小胞の一種であり、内部にタンパク質や核酸\nを含んでいる。",
                   "small extracellular vesicles that\n most cells\xa0\n release.",
                   "  \n\0見出し\0\n\n本文の行\u3000\n",
                   "100\n\nナノメーター\0\0\n"):
        for start in range(len(masked)):
            for end in range(start, len(masked) + 1):
                assert sentence_text(masked, start, end) == make_sentence(masked, start, end).text


def test_the_text_of_a_sentence_with_masked_characters_and_no_line_break():
    assert sentence_text("前の文。\0\0エクソソーム\0\0は小\0胞である。\0", 4, 22) == "エクソソームは小胞である。"


def test_a_blank_line_after_a_sentence_and_runs_of_marks_end_sentences():
    assert texts("エクソソームは小胞である。\n\nマイオカインは因子である\n\n次の段落。") == [
        "エクソソームは小胞である。", "マイオカインは因子である", "次の段落。"]
    assert texts("「本当か？！」と述べた。Really?!” Yes.\n\n（注）次。") == [
        "「本当か？！」", "と述べた。", "Really?!”", "Yes.", "（注）次。"]
