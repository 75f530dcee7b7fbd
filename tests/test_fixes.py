from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_exerkine.finding import Fix
from sphinx_exerkine.fixes import apply_fixes, select_fixes, unified_diff

# -- examples -------------------------------------------------------------------------------------


def test_single_replacement() -> None:
    text = "運動後にエキソソームが増える。"
    start = text.index("エキソソーム")
    new, applied = apply_fixes(text, [Fix(start, start + 6, "エクソソーム")])
    assert new == "運動後にエクソソームが増える。"
    assert applied == [Fix(start, start + 6, "エクソソーム")]


def test_fixes_are_applied_in_order_of_start_whatever_the_input_order() -> None:
    text = "aaa bbb ccc"
    fixes = [Fix(8, 11, "C"), Fix(0, 3, "A"), Fix(4, 7, "B")]
    new, applied = apply_fixes(text, fixes)
    assert new == "A B C"
    assert [f.start for f in applied] == [0, 4, 8]


def test_overlapping_fix_is_skipped_first_wins() -> None:
    text = "extracellular vesicle"
    first = Fix(0, 13, "EXTRACELLULAR")
    overlapping = Fix(5, 21, "X")
    new, applied = apply_fixes(text, [overlapping, first])
    assert new == "EXTRACELLULAR vesicle"
    assert applied == [first]


def test_ties_at_the_same_start_keep_the_caller_order() -> None:
    text = "abcdef"
    new, applied = apply_fixes(text, [Fix(0, 2, "X"), Fix(0, 4, "Y")])
    assert (new, applied) == ("Xcdef", [Fix(0, 2, "X")])
    new, applied = apply_fixes(text, [Fix(0, 4, "Y"), Fix(0, 2, "X")])
    assert (new, applied) == ("Yef", [Fix(0, 4, "Y")])


def test_adjacent_fixes_both_apply() -> None:
    new, applied = apply_fixes("abcd", [Fix(0, 2, "X"), Fix(2, 4, "Y")])
    assert new == "XY"
    assert len(applied) == 2


def test_insertions() -> None:
    # an insertion right after a replacement touches it without overlapping
    new, applied = apply_fixes("abc", [Fix(0, 1, "A"), Fix(1, 1, "+")])
    assert new == "A+bc"
    assert len(applied) == 2
    # two insertions at the same place: the order would be arbitrary, so only the first
    new, applied = apply_fixes("abc", [Fix(1, 1, "1"), Fix(1, 1, "2")])
    assert new == "a1bc"
    assert applied == [Fix(1, 1, "1")]
    # an insertion inside a replaced span is skipped
    new, applied = apply_fixes("abc", [Fix(0, 3, "X"), Fix(1, 1, "+")])
    assert new == "X"


def test_deletion() -> None:
    new, _ = apply_fixes("運動 運動", [Fix(2, 3, "")])
    assert new == "運動運動"


def test_unsafe_fixes_need_the_flag() -> None:
    text = "VO2max"
    fix = Fix(0, 6, "最大酸素摂取量", safe=False)
    assert apply_fixes(text, [fix]) == (text, [])
    assert apply_fixes(text, [fix], unsafe=True) == ("最大酸素摂取量", [fix])


def test_unsafe_fix_skipped_does_not_block_a_safe_one() -> None:
    text = "abcdef"
    unsafe = Fix(0, 4, "U", safe=False)
    safe = Fix(2, 6, "S")
    assert apply_fixes(text, [unsafe, safe]) == ("abS", [safe])
    assert apply_fixes(text, [unsafe, safe], unsafe=True) == ("Uef", [unsafe])


def test_no_op_fixes_are_not_reported() -> None:
    text = "エクソソーム"
    new, applied = apply_fixes(text, [Fix(0, 6, "エクソソーム")])
    assert new is text
    assert applied == []


def test_no_fix_returns_the_same_object() -> None:
    text = "abc\r\n"
    new, applied = apply_fixes(text, [])
    assert new is text and applied == []


@pytest.mark.parametrize("fix", [Fix(-1, 2, "x"), Fix(2, 1, "x"), Fix(0, 99, "x")])
def test_fix_outside_the_text_is_an_error(fix: Fix) -> None:
    with pytest.raises(ValueError, match="does not fit"):
        apply_fixes("abcdef", [fix])


def test_crlf_and_unusual_separators_are_kept() -> None:
    text = "a\r\nエキソソーム\u2028b\r\n\ufeff"
    start = text.index("エ")
    new, _ = apply_fixes(text, [Fix(start, start + 6, "エクソソーム")])
    assert new == "a\r\nエクソソーム\u2028b\r\n\ufeff"


def test_select_fixes_matches_apply() -> None:
    fixes = [Fix(4, 6, "x"), Fix(0, 5, "y"), Fix(6, 6, "z")]
    assert select_fixes("abcdefgh", fixes) == apply_fixes("abcdefgh", fixes)[1]


# -- unified diff ---------------------------------------------------------------------------------


def test_unified_diff_shape() -> None:
    old = "一行目\nエキソソーム\n三行目\n"
    new = "一行目\nエクソソーム\n三行目\n"
    assert unified_diff("docs/a.md", old, new) == (
        "--- docs/a.md\n"
        "+++ docs/a.md\n"
        "@@ -1,3 +1,3 @@\n"
        " 一行目\n"
        "-エキソソーム\n"
        "+エクソソーム\n"
        " 三行目\n"
    )


def test_unified_diff_equal_texts() -> None:
    assert unified_diff("a", "x\n", "x\n") == ""


def test_unified_diff_marks_missing_final_newline() -> None:
    diff = unified_diff("a.txt", "x\ny", "x\nz")
    assert diff.endswith("-y\n\\ No newline at end of file\n+z\n\\ No newline at end of file\n")


def test_unified_diff_keeps_carriage_returns_and_line_separators_inside_lines() -> None:
    diff = unified_diff("a.txt", "a\u2028b\r\nc\r\n", "a\u2028B\r\nc\r\n")
    assert "-a\u2028b\r\n+a\u2028B\r\n" in diff


# -- properties -----------------------------------------------------------------------------------

FRAGMENTS = [
    "運動",
    "骨格筋",
    "から",
    "は",
    "が",
    "分泌される",
    "。",
    "、",
    "筋肉",
    "持久力",
    "exercise",
    "muscle",
    "the",
    "release",
    "VO2max",
    " ",
    "\n",
    "\r\n",
    "\t",
    "（",
    "）",
    "😀",
]

#: variant -> term; no term contains a variant, and no variant can be formed across the edge of a
#: term and a neighbouring fragment, so replacing every variant once leaves none behind
GLOSSARY = {
    "エキソソーム": "エクソソーム",
    "ＥＶ": "EV",
    "有酸素運動能": "有酸素能力",
    "Myokine": "myokine",
    "マイオカイン類": "マイオカイン",
}
_VARIANT_RE = re.compile("|".join(map(re.escape, sorted(GLOSSARY, key=len, reverse=True))))

texts = st.text(
    alphabet=st.sampled_from(list("abcAB 運動筋エクソ。、\n\r\t😀\u3000ｱ")), max_size=60
)
documents = st.lists(st.sampled_from(FRAGMENTS + list(GLOSSARY)), max_size=40).map("".join)


@st.composite
def text_and_fixes(draw: st.DrawFn) -> tuple[str, list[Fix]]:
    text = draw(texts)
    size = len(text)
    fixes = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, size))
        end = draw(st.integers(start, size))
        replacement = draw(st.sampled_from(["", "x", "エクソソーム", "\r\n", "EV", "😀😀"]))
        fixes.append(Fix(start, end, replacement, safe=draw(st.booleans())))
    return text, fixes


@st.composite
def text_and_disjoint_fixes(draw: st.DrawFn) -> tuple[str, list[Fix]]:
    text = draw(texts)
    # distinct cut points, paired up: non-empty spans that neither overlap nor touch each other
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=10)))
    fixes = [
        Fix(cuts[i], cuts[i + 1], draw(st.sampled_from(["", "X", "運動", "\n"])))
        for i in range(0, len(cuts) - 1, 2)
    ]
    return text, draw(st.permutations(fixes))


def find_variants(text: str) -> list[Fix]:
    return [Fix(m.start(), m.end(), GLOSSARY[m.group()]) for m in _VARIANT_RE.finditer(text)]


def _check_outside_unchanged(text: str, new: str, applied: list[Fix]) -> None:
    """Walk the result: between applied fixes it must hold exactly the original bytes."""
    old_pos = new_pos = 0
    for fix in applied:
        gap = text[old_pos : fix.start]
        assert new[new_pos : new_pos + len(gap)].encode("utf-8", "surrogatepass") == gap.encode(
            "utf-8", "surrogatepass"
        )
        new_pos += len(gap)
        assert new[new_pos : new_pos + len(fix.replacement)] == fix.replacement
        new_pos += len(fix.replacement)
        old_pos = fix.end
    tail = text[old_pos:]
    assert new[new_pos:] == tail


@given(text_and_disjoint_fixes())
def test_disjoint_fixes_all_apply_and_keep_everything_else(case: tuple[str, list[Fix]]) -> None:
    text, fixes = case
    new, applied = apply_fixes(text, fixes)
    effective = [f for f in fixes if text[f.start : f.end] != f.replacement]
    assert applied == sorted(effective, key=lambda f: f.start)
    _check_outside_unchanged(text, new, applied)
    # an independent way to apply the same fixes: from the end backwards
    rebuilt = text
    for fix in sorted(applied, key=lambda f: f.start, reverse=True):
        rebuilt = rebuilt[: fix.start] + fix.replacement + rebuilt[fix.end :]
    assert new == rebuilt


@given(text_and_fixes(), st.booleans())
@settings(max_examples=300)
def test_overlapping_fixes_never_corrupt_text(case: tuple[str, list[Fix]], unsafe: bool) -> None:
    text, fixes = case
    new, applied = apply_fixes(text, fixes, unsafe=unsafe)
    # every applied fix was asked for, allowed, and effective
    for fix in applied:
        assert fix in fixes
        assert fix.safe or unsafe
        assert text[fix.start : fix.end] != fix.replacement
    # applied fixes are sorted and pairwise disjoint
    for left, right in zip(applied, applied[1:]):
        assert left.end <= right.start
        assert not (left.start == left.end == right.start == right.end)
    _check_outside_unchanged(text, new, applied)
    # nothing allowed was dropped without a reason: every skipped candidate collides with a
    # chosen fix that comes first
    ordered = sorted(fixes, key=lambda f: f.start)
    for position, fix in enumerate(ordered):
        if fix in applied or not (fix.safe or unsafe) or text[fix.start : fix.end] == fix.replacement:
            continue
        earlier = [f for f in ordered[:position] if f in applied]
        assert any(_collide(f, fix) for f in earlier), fix


def _collide(first: Fix, second: Fix) -> bool:
    if second.start < first.end:
        return True
    return first.start == first.end == second.start == second.end


@given(documents)
def test_replacing_variants_by_terms_is_idempotent(text: str) -> None:
    new, applied = apply_fixes(text, find_variants(text))
    assert len(applied) == len(find_variants(text))
    assert find_variants(new) == []
    again, applied_again = apply_fixes(new, find_variants(new))
    assert again is new and applied_again == []
    _check_outside_unchanged(text, new, applied)


@given(documents, st.data())
def test_duplicated_and_overlapping_variant_fixes_still_converge(text: str, data: st.DataObject) -> None:
    fixes = find_variants(text)
    # add noise: duplicates and fixes overlapping real ones, which must lose
    noise = []
    for fix in fixes:
        if data.draw(st.booleans()):
            noise.append(fix)
        if fix.end - fix.start > 1 and data.draw(st.booleans()):
            noise.append(Fix(fix.start + 1, fix.end, "壊"))
    new, applied = apply_fixes(text, fixes + noise)
    assert applied == fixes
    assert "壊" not in new
    assert find_variants(new) == []
