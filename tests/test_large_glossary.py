"""A large glossary is compiled once: its matcher and its knowledge come back from the cache directory
and behave as freshly compiled ones."""

from __future__ import annotations

import itertools
import os

import pytest

from sphinx_exerkine.contradictions import knowledge as knowledge_module
from sphinx_exerkine.loader import load_glossary
from sphinx_exerkine.matcher import Matcher

KANA = [("カ", "か"), ("キ", "き"), ("ク", "く"), ("サ", "さ"), ("シ", "し"), ("ス", "す"), ("タ", "た"),
        ("ナ", "な"), ("ノ", "の"), ("ハ", "は"), ("マ", "ま"), ("ラ", "ら"), ("リ", "り"), ("ロ", "ろ")]
LETTERS = "bdfgklmnprstvz"
SIZE = 600


def _concepts(count: int) -> str:
    entries = []
    syllables = itertools.product(KANA, repeat=3)
    for index, ((k1, h1), (k2, h2), (k3, h3)) in enumerate(itertools.islice(syllables, count)):
        word = "".join(LETTERS[int(d)] + "aeiou"[int(d) % 5] for d in f"{index:04d}") + "ine"
        parent = f"  facts: {{is_a: [c{index // 10}]}}\n" if index >= 10 else "  facts: {}\n"
        entries.append(
            f"- id: c{index}\n"
            f"  ja: {{term: {k1}{k2}{k3}カイン, reading: {h1}{h2}{h3}かいん}}\n"
            f"  en: {{term: {word}}}\n"
            f"  definition: {{ja: 試験用の因子。, en: A factor made up for the tests.}}\n"
            f"{parent}"
            f"  sources: [Test source {index}]\n")
    return "".join(entries)


@pytest.fixture
def large(tmp_path, monkeypatch):
    monkeypatch.setenv("EXERKINE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "large.yaml"
    path.write_text(_concepts(SIZE), encoding="utf-8")
    return load_glossary([str(path)])


def _cached(tmp_path, prefix):
    return [name for name in os.listdir(tmp_path / "cache") if name.startswith(prefix)]


TEXTS = [
    "カカキカインとカカクカインを測った。",  # two terms
    "カカキカイソが増えた。",  # a near miss of カカキカイン
    "The badefigoine and the badefigoinx were measured.",  # a term and a near miss of it
]


def test_the_matcher_of_a_large_glossary_comes_back_from_the_cache_unchanged(large, tmp_path):
    compiled = Matcher.cached(large)
    assert len(_cached(tmp_path, "matcher-")) == 1
    restored = Matcher.cached(large)
    assert restored is not compiled
    for text in TEXTS:
        assert restored.scan(text) == compiled.scan(text), text
    assert [m.expected for m in restored.scan(TEXTS[1]) if m.is_variant] == ["カカキカイン"]
    assert [m.expected for m in restored.scan(TEXTS[2]) if m.is_variant] == ["badefigoine"]


def test_the_knowledge_of_a_large_glossary_comes_back_from_the_cache_unchanged(large, tmp_path):
    knowledge_module._COMPILED.clear()
    compiled = knowledge_module.knowledge(large)
    assert len(_cached(tmp_path, "knowledge-")) == 1
    knowledge_module._COMPILED.clear()
    restored = knowledge_module.knowledge(large)
    assert restored is not compiled
    assert restored.glossary is large
    assert restored.parents == compiled.parents
    assert restored.relevant == compiled.relevant and restored.linked == compiled.linked
    assert restored.history_years == compiled.history_years
    assert set(restored.ancestors("c123")) == {"c12", "c1"}
